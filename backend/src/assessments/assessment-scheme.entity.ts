import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Tender } from '../tenders/tender.entity';
import { decimalColumn, jsonColumn } from '../database/columns';
import type { AssessmentBand } from '../dossiers/dossier.types';

/** An annual-assessment scheme (考核方案): `points` (pass mark) or `deduction` (grade bands). */
@Entity('assessment_schemes')
@Index(['tenderId', 'code'], { unique: true })
export class AssessmentScheme {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: 'points' | 'deduction';

  @Column(decimalColumn(2, 6, true))
  passMark: string | null;

  @Column(decimalColumn(4, 6, true))
  failDeductionRate: string | null;

  @Column(jsonColumn(true))
  bands: AssessmentBand[] | null;

  @Column(jsonColumn())
  items: { no: string; name: string; max: string }[];
}
