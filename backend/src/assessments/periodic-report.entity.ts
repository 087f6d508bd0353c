import { EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { ReportKind } from '../domain/contracts/periodic-reports';

/**
 * A periodic report the insurer submitted under its contract (DOMAIN.md §8), one per contract, kind and
 * period, with its file (kept in the database with its SHA-256, like an assessment's files) and the
 * bureau's receipt. A report not yet submitted has no row: what is awaited follows from the contract's
 * report rules. The due day is kept as it stood when the report came in, so that "late" stays what it was.
 */
export class PeriodicReport {
  id: number;
  contractId: number;
  kind: ReportKind;
  /** 2026-03, 2026-H1 or 2026. */
  period: string;
  dueDate: string;
  /** China day of the (latest) submission. */
  submittedOn: string;
  submittedAt: Date;
  submittedBy: string;
  late: boolean;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  /** China day the bureau received it; null until then. */
  receivedOn: string | null;
  receivedAt: Date | null;
  receivedBy: string | null;
  /** Not loaded unless asked for. */
  content?: Buffer;
}

/**
 * Whether the report has its file. A report imported with a dossier has none (DOSSIER.md lists the
 * reports submitted, kind, period and day, not their documents); an upload is never empty.
 */
export const hasFile = (r: Pick<PeriodicReport, 'size'>): boolean => r.size > 0;

/** A schema per database for the blob's type, as assessmentFileEntity. */
export function periodicReportEntity(dbKind: AppConfig['dbKind']): EntitySchema<PeriodicReport> {
  return new EntitySchema<PeriodicReport>({
    name: 'PeriodicReport',
    target: PeriodicReport,
    tableName: 'periodic_reports',
    columns: {
      id: { type: 'int', primary: true, generated: 'increment' },
      contractId: { type: 'int' },
      kind: { type: 'varchar', length: 16 },
      period: { type: 'varchar', length: 16 },
      dueDate: { type: 'varchar', length: 10 },
      submittedOn: { type: 'varchar', length: 10 },
      submittedAt: { type: 'datetime' },
      submittedBy: { type: 'varchar', length: 64 },
      late: { type: 'boolean', default: false },
      fileName: { type: 'varchar', length: 255 },
      mimeType: { type: 'varchar', length: 100 },
      size: { type: 'int' },
      sha256: { type: 'varchar', length: 64 },
      receivedOn: { type: 'varchar', length: 10, nullable: true },
      receivedAt: { type: 'datetime', nullable: true },
      receivedBy: { type: 'varchar', length: 64, nullable: true },
      content: { type: dbKind === 'mysql' ? 'longblob' : 'blob', select: false },
    },
    indices: [{ columns: ['contractId', 'kind', 'period'], unique: true }],
  });
}
