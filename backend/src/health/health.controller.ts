import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { Responds } from '../common/wire';
import { HealthSchema } from '../domain/wire/health';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Answers only when the database does, so a load balancer sees a broken connection. */
  @Public()
  @Get()
  @Responds(200, HealthSchema)
  async health() {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok', db: this.config.dbKind };
  }
}
