import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { OpeningStatus } from '../domain/lifecycles';
import { Tender } from './tender.entity';

/**
 * A tender's opening (开标) as it happened: when, and the window in which the bidders confirm or
 * dispute the opening record. Written once, right after the tender's opening move.
 */
@Entity('tender_openings')
export class TenderOpening {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'datetime' })
  openedAt: Date;

  /** The tender's openingConfirmMinutes at the opening. */
  @Column({ type: 'int' })
  confirmMinutes: number;

  @Column({ type: 'datetime' })
  windowEndsAt: Date;

  /** Moved only through the OPENING lifecycle (domain/lifecycles.ts). */
  @Column({ type: 'varchar', length: 12 })
  status: OpeningStatus;
}
