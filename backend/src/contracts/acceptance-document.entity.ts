import { EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/config';

/**
 * A document of the buyer's acceptance (验收): the acceptance report, minutes or photographs the bureau
 * keeps with it, stored in the database with its SHA-256 like an assessment's files.
 */
export class AcceptanceDocument {
  id: number;
  acceptanceId: number;
  contractId: number;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: string;
  /** Not loaded unless asked for. */
  content?: Buffer;
}

/** A schema per database for the blob's type, as assessmentFileEntity. */
export function acceptanceDocumentEntity(dbKind: AppConfig['dbKind']): EntitySchema<AcceptanceDocument> {
  return new EntitySchema<AcceptanceDocument>({
    name: 'AcceptanceDocument',
    target: AcceptanceDocument,
    tableName: 'acceptance_documents',
    columns: {
      id: { type: 'int', primary: true, generated: 'increment' },
      acceptanceId: { type: 'int' },
      contractId: { type: 'int' },
      fileName: { type: 'varchar', length: 255 },
      mimeType: { type: 'varchar', length: 100 },
      size: { type: 'int' },
      sha256: { type: 'varchar', length: 64 },
      uploadedAt: { type: 'datetime' },
      uploadedBy: { type: 'varchar', length: 64 },
      content: { type: dbKind === 'mysql' ? 'longblob' : 'blob', select: false },
    },
    indices: [{ columns: ['acceptanceId'] }],
  });
}
