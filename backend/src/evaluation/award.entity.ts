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
