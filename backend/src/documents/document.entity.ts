import { EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/config';

/**
 * One stored version of a generated document (a PDF): who it belongs to, its SHA-256 and its bytes.
 *
 * The bytes live in the database, not in files: the PDF then commits in the same transaction as its
 * metadata and audit entry, every server instance sees it without a shared volume, and one backup
 * holds everything. Contract PDFs are 100–300 KB, so the table stays small.
 */
export class Document {
  id: number;
  /** What the document is: 'contract', 'award-notice', … */
  kind: string;
  /** The record it was generated from: ownerType 'contract' with the contract id, 'lot' with the lot id. */
  ownerType: string;
  ownerId: number;
  /** 1, 2, … per owner and kind: every generation is kept. */
  version: number;
  sha256: string;
  size: number;
  createdAt: Date;
  /** The user who generated it; null for the system (CLI, scheduled jobs). */
  createdBy: number | null;
  /** Not loaded unless asked for (listing versions must not read the PDFs). */
  content?: Buffer;
}

/**
 * The entity is described as a schema rather than with decorators because the type of `content`
 * depends on the database: MySQL's BLOB holds only 64 KB, so it is LONGBLOB there, while SQLite
 * knows only BLOB. Decorators are evaluated once per process; a schema is built per data source.
 */
export function documentEntity(dbKind: AppConfig['dbKind']): EntitySchema<Document> {
  return new EntitySchema<Document>({
    name: 'Document',
    target: Document,
    tableName: 'documents',
    columns: {
      id: { type: 'int', primary: true, generated: 'increment' },
      kind: { type: 'varchar', length: 32 },
      ownerType: { type: 'varchar', length: 32 },
      ownerId: { type: 'int' },
      version: { type: 'int' },
      sha256: { type: 'varchar', length: 64 },
      size: { type: 'int' },
      createdAt: { type: 'datetime', createDate: true },
      createdBy: { type: 'int', nullable: true },
      content: { type: dbKind === 'mysql' ? 'longblob' : 'blob', select: false },
    },
    indices: [{ columns: ['ownerType', 'ownerId', 'kind', 'version'], unique: true }],
  });
}
