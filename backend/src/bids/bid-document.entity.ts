import { EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/config';

/**
 * A document of an electronic bid, as the opening took it out of its envelope: until then it existed
 * only sealed. Kept with its name, type and SHA-256 (the hash the bidder's own file has).
 */
export class BidDocument {
  id: number;
  bidId: number;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  /** Not loaded unless asked for. */
  content?: Buffer;
}

/** A schema per database, as documentEntity: LONGBLOB on MySQL, BLOB on SQLite. */
export function bidDocumentEntity(dbKind: AppConfig['dbKind']): EntitySchema<BidDocument> {
  return new EntitySchema<BidDocument>({
    name: 'BidDocument',
    target: BidDocument,
    tableName: 'bid_documents',
    columns: {
      id: { type: 'int', primary: true, generated: 'increment' },
      bidId: { type: 'int' },
      fileName: { type: 'varchar', length: 255 },
      mimeType: { type: 'varchar', length: 100 },
      size: { type: 'int' },
      sha256: { type: 'varchar', length: 64 },
      content: { type: dbKind === 'mysql' ? 'longblob' : 'blob', select: false },
    },
    indices: [{ columns: ['bidId'] }],
  });
}
