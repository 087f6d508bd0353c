import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Tender } from './tender.entity';
import { jsonColumn } from '../database/columns';
import type { Criterion } from '../domain/dossier/dossier.types';

/** A scoring scheme (评分表): its criteria, with objective rules, kept as one validated document. */
@Entity('scoring_schemes')
@Index(['tenderId', 'code'], { unique: true })
export class ScoringScheme {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column(jsonColumn())
  criteria: Criterion[];

  /** Raised by every change; an evaluation's cache key (dossier-store: dossierRevision). */
  @VersionColumn({ default: 1 })
  version: number;
}
