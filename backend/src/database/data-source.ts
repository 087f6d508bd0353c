import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Organization } from '../users/organization.entity';
import { User } from '../users/user.entity';
import { Foundation1764000000000 } from './migrations/1764000000000-Foundation';
import { Tenders1764100000000 } from './migrations/1764100000000-Tenders';
import { Opening1764200000000 } from './migrations/1764200000000-Opening';
import { Panel1764400000000 } from './migrations/1764400000000-Panel';
import { AuditHead1764600000000 } from './migrations/1764600000000-AuditHead';
import { RowVersions1764700000000 } from './migrations/1764700000000-RowVersions';
import { TenderIndexes1764800000000 } from './migrations/1764800000000-TenderIndexes';
import { LongResults1764900000000 } from './migrations/1764900000000-LongResults';
import { PublishScores1765000000000 } from './migrations/1765000000000-PublishScores';
import { Integrity1765100000000 } from './migrations/1765100000000-Integrity';
import { TenderClarification } from '../tenders/clarification.entity';
import { OutlierDecision } from '../panel/outlier-decision.entity';
import { AuditHead } from '../audit/audit-head.entity';
import { Contracts1764300000000 } from './migrations/1764300000000-Contracts';
import { Contract } from '../contracts/contract.entity';
import { PaymentMilestone } from '../contracts/payment-milestone.entity';
import { documentEntity } from '../documents/document.entity';
import { ScoreSheet } from '../panel/score-sheet.entity';
import { awardEntity, awardHistoryEntity } from '../evaluation/award.entity';
import { Tender } from '../tenders/tender.entity';
import { Lot } from '../tenders/lot.entity';
import { ScoringScheme } from '../tenders/scheme.entity';
import { Bidder } from '../bids/bidder.entity';
import { Bid } from '../bids/bid.entity';
import { PanelMember } from '../panel/panel-member.entity';
import { Score } from '../panel/score.entity';
import { Draw } from '../evaluation/draw.entity';
import { AssessmentScheme } from '../assessments/assessment-scheme.entity';
import { Assessment } from '../assessments/assessment.entity';
import { ContractAssessment } from '../assessments/contract-assessment.entity';
import { AssessmentObjection } from '../assessments/assessment-objection.entity';
import { assessmentFileEntity } from '../assessments/assessment-file.entity';
import { RewardBudget } from '../assessments/reward-budget.entity';
import { JobRun } from './job-run.entity';
import { DeadlineNotice } from '../assessments/deadline-notice.entity';
import { Assessments1764500000000 } from './migrations/1764500000000-Assessments';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export const ENTITIES = [
  Organization,
  User,
  AuditEntry,
  AuditHead,
  Tender,
  Lot,
  ScoringScheme,
  Bidder,
  Bid,
  PanelMember,
  Score,
  Draw,
  AssessmentScheme,
  Assessment,
  ScoreSheet,
  Contract,
  PaymentMilestone,
  ContractAssessment,
  AssessmentObjection,
  RewardBudget,
  JobRun,
  DeadlineNotice,
  TenderClarification,
  OutlierDecision,
];
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
  Integrity1765100000000,
];

/** TypeORM options from DATABASE_URL: `sqlite:<file>` (or `sqlite::memory:`) or `mysql://…`. */
export function dataSourceOptions(config: Pick<AppConfig, 'databaseUrl' | 'dbKind'>): DataSourceOptions {
  // Documents, assessment files and awards are schemas built per database (a column's type differs): see document.entity.ts.
  const entities = [
    ...ENTITIES,
    documentEntity(config.dbKind),
    assessmentFileEntity(config.dbKind),
    awardEntity(config.dbKind),
    awardHistoryEntity(config.dbKind),
  ];
  const common = { entities, migrations: MIGRATIONS, migrationsRun: true, synchronize: false } as const;
  if (config.dbKind === 'mysql') {
    // TypeORM reads MariaDB's catalogue differently from MySQL's, so the URL scheme names the server.
    const type = config.databaseUrl.startsWith('mariadb:') ? 'mariadb' : 'mysql';
    const url = config.databaseUrl.replace(/^mariadb:/, 'mysql:');
    // Amounts come back as strings (exact); dates are stored in UTC.
    return { ...common, type, url, timezone: 'Z', charset: 'utf8mb4', supportBigNumbers: true, bigNumberStrings: true };
  }
  const database = config.databaseUrl.slice('sqlite:'.length);
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  return { ...common, type: 'better-sqlite3', database, prepareDatabase: (db: any) => db.pragma('journal_mode = WAL') };
}
