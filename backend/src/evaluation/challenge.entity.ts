import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Bidder } from '../bids/bidder.entity';
import type { ChallengeStatus } from '../domain/lifecycles';
import { Tender } from '../tenders/tender.entity';

/** A bidder's challenge (质疑) of a tender's published results, and procurement's answer. */
@Entity('challenges')
@Index(['tenderId'])
export class Challenge {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'int' })
  bidderId: number;

  @ManyToOne(() => Bidder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bidderId' })
  bidder?: Bidder;

  /** The lot challenged, or null for the tender as a whole. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  lotNo: string | null;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'datetime' })
  filedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  filedBy: string;

  /** Moved only through the CHALLENGE lifecycle (domain/lifecycles.ts). */
  @Column({ type: 'varchar', length: 10 })
  status: ChallengeStatus;

  /** Why it was upheld or rejected. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'datetime', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  answeredBy: string | null;
}
