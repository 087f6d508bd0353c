import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AssessmentDeadlinesService, DEADLINES_JOB } from './assessment-deadlines.service';

/** Daily, early morning China time: release the payments due by date (§6.1), record the deadlines missed (§8). */
@Injectable()
export class AssessmentDeadlinesJob {
  private readonly log = new Logger(AssessmentDeadlinesJob.name);

  constructor(private readonly deadlines: AssessmentDeadlinesService) {}

  @Cron('0 15 2 * * *', { name: DEADLINES_JOB, timeZone: 'Asia/Shanghai' })
  async run(): Promise<void> {
    try {
      const run = await this.deadlines.run(new Date());
      if (run.ran && run.outcome.released) this.log.log(`payments due by date: ${run.outcome.released} released`);
      if (run.ran && run.outcome.noticed) this.log.log(`assessment deadlines missed: ${run.outcome.noticed} newly recorded`);
    } catch (e) {
      this.log.error(`assessment deadlines failed: ${(e as Error).message}`);
    }
  }
}
