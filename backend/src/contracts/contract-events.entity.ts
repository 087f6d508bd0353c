import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Contract } from './contract.entity';

/**
 * The buyer's evaluation of the service of one period (hospital 001: half-yearly, 考评), recorded as
 * it happened: a failed one and its later re-evaluation are both kept; the latest counts.
 */
@Entity('service_evaluations')
@Index(['contractId'])
export class ServiceEvaluation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  contractId: number;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  /** The period the payment covers, matched exactly against the milestones' `period` ("H1"). */
  @Column({ type: 'varchar', length: 16 })
  period: string;

  @Column({ type: 'varchar', length: 10 })
  evaluatedOn: string;

  @Column({ type: 'boolean' })
  passed: boolean;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'datetime' })
  recordedAt: Date;
}

/** The buyer's acceptance (验收) of the service (Foshan's 50%): its day, outcome, and on failure the claim. */
@Entity('acceptances')
@Index(['contractId'])
export class Acceptance {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  contractId: number;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  @Column({ type: 'varchar', length: 10 })
  acceptedOn: string;

  @Column({ type: 'boolean' })
  passed: boolean;

  /** What was found; on failure, the failure. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** A claim the buyer makes on a failed acceptance (违约索赔), as recorded. */
  @Column({ type: 'text', nullable: true })
  claim: string | null;

  @Column({ type: 'datetime' })
  recordedAt: Date;
}
