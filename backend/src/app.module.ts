import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentsModule } from './assessments/assessments.module';
import { AuthModule } from './auth/auth.module';
import { BackupModule } from './backup/backup.module';
import { BidsModule } from './bids/bids.module';
import { CalendarModule } from './calendar/calendar.module';
import { CoreModule } from './common/core.module';
import { ContractsModule } from './contracts/contracts.module';
import { AppConfig } from './config/config';
import { dataSourceOptions } from './database/data-source';
import { migrate } from './database/migrate';
import { CHANGE_STAMPED, ENTITIES } from './entities';
import { serialiseSqliteTransactions } from './database/sqlite-transactions';
import { watchChanges } from './database/change-stamp';
import { DataSource } from 'typeorm';
import { DeskModule } from './desk/desk.module';
import { DossiersModule } from './dossiers/dossiers.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { HealthModule } from './health/health.module';
import { SeedModule } from './seed/seed.module';
import { TendersModule } from './tenders/tenders.module';
import { PanelModule } from './panel/panel.module';
import { PortsModule } from './ports.module';
import { UsersModule } from './users/users.module';

/** The application: infrastructure first, then one module per feature. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const jwtKey = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config, ENTITIES),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await migrate(dataSource);
            serialiseSqliteTransactions(dataSource);
            watchChanges(dataSource, CHANGE_STAMPED);
            return dataSource;
          },
        }),
        JwtModule.register({
          global: true,
          // A KeyObject, made once: given the secret as text, jsonwebtoken first tries to read it as a PEM
          // public key on every sign and verify, and that failing parse was most of a request's cost.
          secretOrKeyProvider: () => jwtKey,
          // HS256 pinned both ways; a token's life is set by auth/sessions.ts.
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        ScheduleModule.forRoot(),
        // Only login is throttled (per client address): it is the one route open to guessing.
        ThrottlerModule.forRoot({ throttlers: [{ name: 'login', ttl: 60_000, limit: config.loginRateLimit }] }),
        PortsModule,
        AuthModule,
        UsersModule,
        CalendarModule,
        HealthModule,
        DossiersModule,
        EvaluationModule,
        TendersModule,
        BidsModule,
        SeedModule,
        PanelModule,
        ContractsModule,
        AssessmentsModule,
        BackupModule,
        DeskModule,
      ],
    };
  }
}
