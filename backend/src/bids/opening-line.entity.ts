import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { jsonColumn } from '../database/columns';
import type { OpeningLineStatus } from '../domain/lifecycles';
import type { LineCorrection } from '../domain/wire/opening';
import { Tender } from '../tenders/tender.entity';
import { Bid } from './bid.entity';

/**
 * One bid's line of the opening record (开标记录) and its bidder's answer: confirmed, disputed with the
 * reason, or deemed confirmed at the window's end; a dispute with procurement's answer and, where the
 * line was corrected, the figures before and after.
 */
@Entity('opening_lines')
@Index(['tenderId'])
export class OpeningLine {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Index({ unique: true })
  @Column({ type: 'int' })
  bidId: number;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bidId' })
  bid?: Bid;

  /** Moved only through the OPENING_LINE lifecycle (domain/lifecycles.ts). */
  @Column({ type: 'varchar', length: 20 })
  status: OpeningLineStatus;

  /** When and by whom the bidder confirmed or disputed (the clock: no one, at the window's end). */
  @Column({ type: 'datetime', nullable: true })
  respondedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  respondedBy: string | null;

  @Column({ type: 'text', nullable: true })
  disputeReason: string | null;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ type: 'datetime', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  answeredBy: string | null;

  /** The figures the answer corrected, before and after; null when the line stood. */
  @Column(jsonColumn(true))
  correction: LineCorrection | null;
}
