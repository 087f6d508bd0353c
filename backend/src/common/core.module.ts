import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/config';

/** What every feature module may inject: the configuration and the audit record. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, AuditService],
      exports: [APP_CONFIG, AuditService],
    };
  }
}
