import { EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/config';

import type { FileKind } from '../domain/assessments/assessment-codes';

export { FILE_KINDS, type FileKind } from '../domain/assessments/assessment-codes';

/**
 * A file of an assessment: the insurer's annual operation report, or the bureau's evidence for an item.
 * Like generated documents, the bytes are kept in the database with their SHA-256: they commit with
 * the record and its audit entry, and every server instance sees them without a shared volume.
 */
export class AssessmentFile {
  id: number;
  assessmentId: number;
  kind: FileKind;
  /** The scheme item the evidence is for; null for the report. */
  itemNo: string | null;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  description: string | null;
  uploadedBy: string;
  uploadedAt: Date;
  /** Not loaded unless asked for. */
  content?: Buffer;
}

/**
 * A schema per database for the same reason as documentEntity: LONGBLOB on MySQL, BLOB on SQLite. It has
 * no foreign key to its assessment because TypeORM links schema-built entities only to one another;
 * assessments are never deleted, so no file is left behind.
 */
export function assessmentFileEntity(dbKind: AppConfig['dbKind']): EntitySchema<AssessmentFile> {
  return new EntitySchema<AssessmentFile>({
    name: 'AssessmentFile',
    target: AssessmentFile,
    tableName: 'assessment_files',
    columns: {
      id: { type: 'int', primary: true, generated: 'increment' },
      assessmentId: { type: 'int' },
      kind: { type: 'varchar', length: 16 },
      itemNo: { type: 'varchar', length: 16, nullable: true },
      fileName: { type: 'varchar', length: 255 },
      mimeType: { type: 'varchar', length: 100 },
      size: { type: 'int' },
      sha256: { type: 'varchar', length: 64 },
      description: { type: 'varchar', length: 500, nullable: true },
      uploadedBy: { type: 'varchar', length: 64 },
      uploadedAt: { type: 'datetime' },
      content: { type: dbKind === 'mysql' ? 'longblob' : 'blob', select: false },
    },
  });
}
