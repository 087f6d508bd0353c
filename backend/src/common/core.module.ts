import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditController } from '../audit/audit.controller';
import { AuditService } from '../audit/audit.service';
import { SecurityLogService } from '../audit/security-log.service';
import { Transitions } from '../audit/transitions';
import { APP_CONFIG, AppConfig } from '../config/config';

/** What every feature module may inject: the configuration, the audit record, the security log and the status transitions. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      controllers: [AuditController],
      providers: [{ provide: APP_CONFIG, useValue: config }, AuditService, SecurityLogService, Transitions],
      exports: [APP_CONFIG, AuditService, SecurityLogService, Transitions],
    };
  }
}
