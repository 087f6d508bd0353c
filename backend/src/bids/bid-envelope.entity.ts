import { EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { EnvelopeStatus } from '../domain/bids/intake';

/**
 * An electronic bid as received (电子投标): the sealed envelope (figures, the submitting address and the
 * documents, encrypted under the tender's data key) and what the receipt says of it — its hash and the
 * server's time. Nothing here reads as a figure until the opening opens it into a bid row.
 */
export class BidEnvelope {
  id: number;
  tenderId: number;
  lotId: number;
  bidderId: number;
  status: EnvelopeStatus;
  /** SHA-256 of the sealed bytes: the receipt's hash. */
  sha256: string;
  size: number;
  submittedAt: Date;
  /** The insurer user who submitted it. */
  submittedBy: number;
  /** When it was replaced or withdrawn. */
  closedAt: Date | null;
  /** The bid row the opening wrote from it. */
  bidId: number | null;
  /** Not loaded unless asked for (the opening alone reads it). */
  sealed?: Buffer;
}

/** A schema per database, as documentEntity: LONGBLOB on MySQL, BLOB on SQLite. */
export function bidEnvelopeEntity(dbKind: AppConfig['dbKind']): EntitySchema<BidEnvelope> {
  return new EntitySchema<BidEnvelope>({
    name: 'BidEnvelope',
    target: BidEnvelope,
    tableName: 'bid_envelopes',
    columns: {
      id: { type: 'int', primary: true, generated: 'increment' },
      tenderId: { type: 'int' },
      lotId: { type: 'int' },
      bidderId: { type: 'int' },
      status: { type: 'varchar', length: 12 },
      sha256: { type: 'varchar', length: 64 },
      size: { type: 'int' },
      // To the millisecond on MariaDB too: the receipt's time is the stored one.
      submittedAt: { type: 'datetime', precision: dbKind === 'mysql' ? 3 : undefined },
      submittedBy: { type: 'int' },
      closedAt: { type: 'datetime', precision: dbKind === 'mysql' ? 3 : undefined, nullable: true },
      bidId: { type: 'int', nullable: true },
      sealed: { type: dbKind === 'mysql' ? 'longblob' : 'blob', select: false },
    },
    indices: [{ columns: ['tenderId'] }, { columns: ['lotId', 'bidderId'] }],
  });
}
