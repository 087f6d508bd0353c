import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { Responds } from '../common/wire';
import { HealthSchema } from '../domain/wire/health';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';
import { latestRuns } from '../database/job-runs';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Answers only when the database does, so a load balancer sees a broken connection. `jobs` has the
   * latest run of each scheduled job (the backup among them): `ok`, `failed` or `running`, and when —
   * enough for monitoring to alert on a failed or missing backup, without details for the public.
   */
  @Public()
  @Get()
  @Responds(200, HealthSchema)
  async health() {
    await this.dataSource.query('SELECT 1');
    const jobs = Object.fromEntries(
      (await latestRuns(this.dataSource)).map((r) => [
        r.job,
        {
          status: !r.finishedAt ? 'running' : (r.outcome as { ok?: boolean } | null)?.ok === false ? 'failed' : 'ok',
          at: r.finishedAt ?? r.startedAt,
        },
      ]),
    );
    return { status: 'ok', db: this.config.dbKind, backupScheduled: this.config.backupDir !== null, jobs };
  }
}
