import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { jsonColumn } from '../database/columns';
import type { ClarifiedChange } from '../domain/wire/tenders';
import { Tender } from './tender.entity';

/**
 * A clarification or correction notice (澄清/更正公告) of a published tender: every change bidders
 * are told of, numbered per tender, with each changed field before and after. Never changed or removed.
 */
@Entity('tender_clarifications')
@Index(['tenderId', 'no'], { unique: true })
export class TenderClarification {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  /** 1, 2, … within the tender. */
  @Column({ type: 'int' })
  no: number;

  @Column({ type: 'datetime' })
  publishedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  publishedBy: string;

  @Column(jsonColumn())
  changes: ClarifiedChange[];
}
