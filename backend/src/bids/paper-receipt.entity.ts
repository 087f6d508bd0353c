import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Lot } from '../tenders/lot.entity';
import { Tender } from '../tenders/tender.entity';
import { Bidder } from './bidder.entity';

/**
 * A paper bid envelope received by the procurement centre before the deadline (纸质投标文件签收): who
 * brought it for which lot, when, who received it and whether its seal was intact. No amount: those
 * are read aloud at the opening and entered then, into the bid row.
 */
@Entity('paper_bid_receipts')
@Index(['lotId', 'bidderId'], { unique: true })
@Index(['tenderId'])
export class PaperBidReceipt {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'int' })
  lotId: number;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lotId' })
  lot?: Lot;

  @Column({ type: 'int' })
  bidderId: number;

  @ManyToOne(() => Bidder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bidderId' })
  bidder?: Bidder;

  /** When the envelope was handed in, as the receiving clerk states it; never after the deadline. */
  @Column({ type: 'varchar', length: 40 })
  receivedAt: string;

  @Column({ type: 'varchar', length: 100 })
  receivedBy: string;

  @Column({ type: 'boolean' })
  sealedIntact: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** The user who recorded it. */
  @Column({ type: 'int' })
  recordedBy: number;

  @Column({ type: 'datetime' })
  recordedAt: Date;
}
