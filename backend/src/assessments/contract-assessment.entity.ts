import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Contract } from '../contracts/contract.entity';
import { decimalColumn, jsonColumn } from '../database/columns';
import type { AssessmentStatus } from '../domain/lifecycles';
import type { Outcome } from './outcome';
import { AssessmentScheme } from './assessment-scheme.entity';
import type { ItemScore } from './item-scores';

/**
 * The annual assessment (年度考核) of one contract, i.e. of one lot's insurer for one contract year,
 * as the bureau works through it. The finalised result is also written as the tender's dossier
 * assessment (`assessments`), so that the tender's export and `cli evaluate` carry it.
 */
@Entity('contract_assessments')
export class ContractAssessment {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'int' })
  contractId: number;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  /** The tender's copy of the scheme (see AssessmentScheme). */
  @Column({ type: 'int' })
  schemeId: number;

  @ManyToOne(() => AssessmentScheme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'schemeId' })
  scheme?: AssessmentScheme;

  @Column({ type: 'varchar', length: 16 })
  status: AssessmentStatus;

  /** The bureau's score per item, with the inputs of the item's rule and a note. */
  @Column(jsonColumn())
  items: ItemScore[];

  @Column(jsonColumn(true))
  selfItems: ItemScore[] | null;

  @Column({ type: 'text', nullable: true })
  selfSummary: string | null;

  @Column({ type: 'datetime', nullable: true })
  submittedAt: Date | null;

  /** Operating cost incl. profit (运营成本含盈利率): what a failed points assessment takes its deduction from. */
  @Column(decimalColumn(2, 18, true))
  operatingCost: string | null;

  /** The maximum reward: the contract's reward budget, or its share of a split yearly budget. */
  @Column(decimalColumn(2, 18, true))
  maxReward: string | null;

  /** Kept with every change so lists, history and exports need not recompute. */
  @Column(jsonColumn())
  result: Outcome;

  @Column({ type: 'datetime', nullable: true })
  publishedAt: Date | null;

  /** Last day (China time, inclusive) the insurer may object. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  objectionDeadline: string | null;

  @Column({ type: 'datetime', nullable: true })
  finalisedAt: Date | null;

  /** The gated payment a passing final result released, whose payment is then due within a month. */
  @Column({ type: 'int', nullable: true })
  rewardMilestoneId: number | null;

  /** Raised by every change; a change applies only to the revision it read (lost-update guard). */
  @Column({ type: 'int' })
  revision: number;

  /** The revision the latest stored report PDF shows; an older one is printed again on download. */
  @Column({ type: 'int', nullable: true })
  reportRevision: number | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
