import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { jsonColumn } from '../database/columns';
import { ContractAssessment } from './contract-assessment.entity';
import type { ItemScore } from './item-scores';

/** An insurer's objection (异议) to a published assessment, and the bureau's answer. */
@Entity('assessment_objections')
export class AssessmentObjection {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  assessmentId: number;

  @ManyToOne(() => ContractAssessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessmentId' })
  assessment?: ContractAssessment;

  /** The scheme item objected to; null for the result as a whole. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  itemNo: string | null;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 64 })
  raisedBy: string;

  @Column({ type: 'datetime' })
  raisedAt: Date;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  answeredBy: string | null;

  @Column({ type: 'datetime', nullable: true })
  answeredAt: Date | null;

  /** The item scores the answer changed (as sent), null when it changed none. */
  @Column(jsonColumn(true))
  revisedItems: ItemScore[] | null;
}
