import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { jsonColumn } from '../database/columns';
import { Tender } from '../tenders/tender.entity';
import type { Cancellation } from '../domain/evaluation/types';
import type { TenderResults } from '../domain/evaluation/evaluate-dossier';

export interface RecordedCancellation extends Cancellation {
  reason: string;
  at: string;
  by: string;
}

/**
 * The confirmed award of a tender: the results as confirmed (later edits cannot silently change
 * them) and every later cancellation (a winner declining or disqualified) with the results it led to.
 */
@Entity('awards')
@Index(['tenderId'], { unique: true })
export class Award {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'datetime' })
  confirmedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  confirmedBy: string;

  @Column(jsonColumn())
  results: TenderResults;

  @Column(jsonColumn())
  cancellations: RecordedCancellation[];

  @VersionColumn()
  version: number;
}
