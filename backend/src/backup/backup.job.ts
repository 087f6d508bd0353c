import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CronJob, validateCronExpression } from 'cron';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';
import { BackupService } from './backup.service';

/**
 * Scheduled backups into BACKUP_DIR at BACKUP_CRON (China time), when BACKUP_DIR is set. Every server
 * sharing the database schedules it; the run's claim in `job_runs` lets one of them write the file.
 */
@Injectable()
export class BackupJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(BackupJob.name);
  private job: CronJob | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly backups: BackupService,
  ) {}

  onApplicationBootstrap() {
    if (!this.config.backupDir) return;
    const { valid, error } = validateCronExpression(this.config.backupCron);
    if (!valid) throw new Error(`BACKUP_CRON is not a cron expression (${this.config.backupCron}): ${error?.message ?? ''}`);
    this.job = CronJob.from({ cronTime: this.config.backupCron, timeZone: 'Asia/Shanghai', onTick: () => this.run(), start: true });
  }

  async run(): Promise<void> {
    const run = await this.backups.run('scheduled');
    if (!run.ran) return;
    if (run.outcome.ok) this.log.log(`backup written: ${run.outcome.file} (${run.outcome.bytes} bytes, ${run.outcome.seconds} s)`);
    else this.log.error(`backup failed: ${run.outcome.error}`);
  }

  onModuleDestroy() {
    void this.job?.stop();
  }
}
