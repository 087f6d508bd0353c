import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { Foundation1764000000000 } from './migrations/1764000000000-Foundation';
import { Tenders1764100000000 } from './migrations/1764100000000-Tenders';
import { Opening1764200000000 } from './migrations/1764200000000-Opening';
import { Panel1764400000000 } from './migrations/1764400000000-Panel';
import { AuditHead1764600000000 } from './migrations/1764600000000-AuditHead';
import { RowVersions1764700000000 } from './migrations/1764700000000-RowVersions';
import { TenderIndexes1764800000000 } from './migrations/1764800000000-TenderIndexes';
import { LongResults1764900000000 } from './migrations/1764900000000-LongResults';
import { PublishScores1765000000000 } from './migrations/1765000000000-PublishScores';
import { PrintRuns1765100000000 } from './migrations/1765100000000-PrintRuns';
import { WriteLimits1765200000000 } from './migrations/1765200000000-WriteLimits';
import { Deadlines1765300000000 } from './migrations/1765300000000-Deadlines';
import { KeyedAudit1765400000000 } from './migrations/1765400000000-KeyedAudit';
import { Pricing1765500000000 } from './migrations/1765500000000-Pricing';
import { Integrity1765600000000 } from './migrations/1765600000000-Integrity';
import { Sessions1765700000000 } from './migrations/1765700000000-Sessions';
import { BidIntake1765800000000 } from './migrations/1765800000000-BidIntake';
import { OpeningRecord1765810000000 } from './migrations/1765810000000-OpeningRecord';
import { RepeatedFailureDeduction1765820000000 } from './migrations/1765820000000-RepeatedFailureDeduction';
import { ContractKinds1765830000000 } from './migrations/1765830000000-ContractKinds';
import { Ledger1765840000000 } from './migrations/1765840000000-Ledger';
import { Settlements1765850000000 } from './migrations/1765850000000-Settlements';
import { PeriodicReports1765860000000 } from './migrations/1765860000000-PeriodicReports';
import { DossierContracts1765900000000 } from './migrations/1765900000000-DossierContracts';
import { TenderBuyers1765910000000 } from './migrations/1765910000000-TenderBuyers';
import { Notifications1765920000000 } from './migrations/1765920000000-Notifications';
import { AcceptanceDocuments1765960000000 } from './migrations/1765960000000-AcceptanceDocuments';
import { MilestoneVersions1765970000000 } from './migrations/1765970000000-MilestoneVersions';
import { AssessmentNoteCodes1766000000000 } from './migrations/1766000000000-AssessmentNoteCodes';
import { ChangeStamps1766200000000 } from './migrations/1766200000000-ChangeStamps';
import { Contracts1764300000000 } from './migrations/1764300000000-Contracts';
import { Assessments1764500000000 } from './migrations/1764500000000-Assessments';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export const MIGRATIONS = [
  Foundation1764000000000,
  Tenders1764100000000,
  Opening1764200000000,
  Contracts1764300000000,
  Panel1764400000000,
  AuditHead1764600000000,
  Assessments1764500000000,
  RowVersions1764700000000,
  TenderIndexes1764800000000,
  LongResults1764900000000,
  PublishScores1765000000000,
  PrintRuns1765100000000,
  WriteLimits1765200000000,
  Deadlines1765300000000,
  KeyedAudit1765400000000,
  Pricing1765500000000,
  Integrity1765600000000,
  Sessions1765700000000,
  BidIntake1765800000000,
  OpeningRecord1765810000000,
  RepeatedFailureDeduction1765820000000,
  ContractKinds1765830000000,
  Ledger1765840000000,
  Settlements1765850000000,
  PeriodicReports1765860000000,
  DossierContracts1765900000000,
  TenderBuyers1765910000000,
  Notifications1765920000000,
  AcceptanceDocuments1765960000000,
  MilestoneVersions1765970000000,
  AssessmentNoteCodes1766000000000,
  ChangeStamps1766200000000,
];

/**
 * The entities of the application for a kind of database. The database layer does not know the features:
 * the application names them (backend/src/entities.ts), each feature's beside its code.
 */
export type EntityList = (dbKind: AppConfig['dbKind']) => NonNullable<DataSourceOptions['entities']>;

/** TypeORM options from DATABASE_URL: `sqlite:<file>` (or `sqlite::memory:`) or `mysql://…`. */
export function dataSourceOptions(config: Pick<AppConfig, 'databaseUrl' | 'dbKind'>, entityList: EntityList): DataSourceOptions {
  const entities = entityList(config.dbKind);
  const common = { entities, migrations: MIGRATIONS, migrationsRun: false, synchronize: false } as const;
  if (config.dbKind === 'mysql') {
    // TypeORM reads MariaDB's catalogue differently from MySQL's, so the URL scheme names the server.
    const type = config.databaseUrl.startsWith('mariadb:') ? 'mariadb' : 'mysql';
    const url = config.databaseUrl.replace(/^mariadb:/, 'mysql:');
    // Amounts come back as strings (exact); dates are stored in UTC.
    return { ...common, type, url, timezone: 'Z', charset: 'utf8mb4', supportBigNumbers: true, bigNumberStrings: true };
  }
  const database = config.databaseUrl.slice('sqlite:'.length);
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database,
    prepareDatabase: (db: { pragma(statement: string): unknown }) => void db.pragma('journal_mode = WAL'),
  };
}
