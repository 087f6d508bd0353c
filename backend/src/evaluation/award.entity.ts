import { EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/config';
import { jsonColumn } from '../database/columns';
import type { Cancellation } from '../domain/evaluation/types';
import type { TenderResults } from '../domain/evaluation/evaluate-dossier';

export interface RecordedCancellation extends Cancellation {
  reason: string;
  at: string;
  by: string;
}

/**
 * The confirmed award of a tender: the results as confirmed (later edits cannot silently change
 * them) and every later cancellation (a winner declining or disqualified) with the results it led to.
 */
export class Award {
  id: number;
  tenderId: number;
  confirmedAt: Date;
  confirmedBy: string;
  results: TenderResults;
  cancellations: RecordedCancellation[];
  version: number;
}

/**
 * A schema rather than decorators, as for documents (document.entity.ts): the results of a large tender
 * (hundreds of bids) run to megabytes of JSON, beyond MySQL's TEXT (64 KB), so they are LONGTEXT there
 * (migration LongResults); SQLite's TEXT has no such limit and knows no LONGTEXT.
 */
export function awardEntity(dbKind: AppConfig['dbKind']): EntitySchema<Award> {
  const json = { type: dbKind === 'mysql' ? ('longtext' as const) : ('text' as const), transformer: jsonColumn().transformer };
  return new EntitySchema<Award>({
    name: 'Award',
    target: Award,
    tableName: 'awards',
    columns: {
      id: { type: 'int', primary: true, generated: 'increment' },
      tenderId: { type: 'int' },
      confirmedAt: { type: 'datetime' },
      confirmedBy: { type: 'varchar', length: 64 },
      results: json,
      cancellations: json,
      version: { type: 'int', version: true },
    },
    indices: [{ columns: ['tenderId'], unique: true }],
    // A schema's relations cannot reach the decorated entities (TypeORM builds the two kinds apart), so the
    // foreign key to tenders (ON DELETE CASCADE, from the migrations) is not described here; left out of
    // schema synchronisation, the schema check does not take it for one to drop.
    synchronize: false,
  });
}

/**
 * A confirmed award that a re-evaluation (重新评审) set aside: the results and cancellations as they
 * were, who confirmed them, and who reopened which lot, when and why. Rounds count from 1 per tender.
 */
export class AwardHistory {
  id: number;
  tenderId: number;
  round: number;
  confirmedAt: Date;
  confirmedBy: string;
  results: TenderResults;
  cancellations: RecordedCancellation[];
  lot: string;
  reason: string;
  reopenedAt: Date;
  reopenedBy: string;
}

/** As awardEntity: the results are LONGTEXT on MySQL/MariaDB, and the foreign key to tenders comes from the migration. */
export function awardHistoryEntity(dbKind: AppConfig['dbKind']): EntitySchema<AwardHistory> {
  const json = { type: dbKind === 'mysql' ? ('longtext' as const) : ('text' as const), transformer: jsonColumn().transformer };
  return new EntitySchema<AwardHistory>({
    name: 'AwardHistory',
    target: AwardHistory,
    tableName: 'award_history',
    columns: {
      id: { type: 'int', primary: true, generated: 'increment' },
      tenderId: { type: 'int' },
      round: { type: 'int' },
      confirmedAt: { type: 'datetime' },
      confirmedBy: { type: 'varchar', length: 64 },
      results: json,
      cancellations: json,
      lot: { type: 'varchar', length: 16 },
      reason: { type: 'varchar', length: 500 },
      reopenedAt: { type: 'datetime' },
      reopenedBy: { type: 'varchar', length: 64 },
    },
    indices: [{ columns: ['tenderId', 'round'], unique: true }],
    synchronize: false,
  });
}
