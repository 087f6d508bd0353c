import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Tender } from '../tenders/tender.entity';
import { decimalColumn, jsonColumn } from '../database/columns';

export interface AssessmentItemScore {
  no: string;
  points?: string;
  deduction?: string;
  /** The input of the item's rule (DOSSIER.md ITEM_RULE), kept as the dossier gave it. */
  met?: boolean;
  achieved?: number;
  cases?: number;
  note?: string;
}

/** The annual assessment of one lot's contracted insurer for one contract year. */
@Entity('assessments')
@Index(['tenderId', 'lotNo', 'year'], { unique: true })
export class Assessment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'varchar', length: 16 })
  lotNo: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 64 })
  schemeCode: string;

  @Column(decimalColumn(2, 18, true))
  operatingCost: string | null;

  @Column(decimalColumn(2, 18, true))
  maxReward: string | null;

  @Column(jsonColumn())
  items: AssessmentItemScore[];

  /** Raised by every change; an evaluation's cache key (dossier-store: dossierRevision). */
  @VersionColumn({ default: 1 })
  version: number;
}
