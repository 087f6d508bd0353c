import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SealCipher } from '../common/sealed-envelope';

/**
 * A tender's bid data key, only ever stored wrapped (sealed) under BID_SEAL_KEY, which is kept outside
 * the database: a copy of the database alone opens no envelope. Made with the tender's first envelope.
 */
@Entity('tender_seal_keys')
export class TenderSealKey {
  @PrimaryColumn({ type: 'int' })
  tenderId: number;

  /** The cipher of the tender's envelopes, fixed when the key is made (BID_SEAL_CIPHER may change later). */
  @Column({ type: 'varchar', length: 16 })
  cipher: SealCipher;

  /** The id of the BID_SEAL_KEY that wrapped it (as backups record it), to name the key an opening needs. */
  @Column({ type: 'varchar', length: 16 })
  wrappingKeyId: string;

  /** The data key sealed under BID_SEAL_KEY, base64. */
  @Column({ type: 'varchar', length: 200 })
  wrapped: string;

  @Column({ type: 'datetime' })
  createdAt: Date;
}
