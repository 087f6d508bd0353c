import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Bidder } from '../bids/bidder.entity';
import { decimalColumn, jsonColumn } from '../database/columns';
import type { ReportRule } from '../domain/contracts/periodic-reports';
import type { Retention } from '../domain/contracts/retentions';
import type { DeficitRule } from '../domain/contracts/settlement';
import type { Component, ContractKind } from '../domain/dossier/dossier.types';
import type { ContractStatus } from '../domain/lifecycles';
import { Tender } from '../tenders/tender.entity';

/**
 * The contract of one awarded lot for one contract year (合同一年一签, DOMAIN.md §6), or for the whole
 * term (a fixed-price contract). Its amounts are stored, not derived on reading, because a signed
 * contract must keep the figures it was signed with.
 */
@Entity('contracts')
@Index(['tenderId', 'lotNo', 'year'], { unique: true })
export class Contract {
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

  /** The winning bidder (乙方). */
  @Column({ type: 'int' })
  bidderId: number;

  @ManyToOne(() => Bidder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bidderId' })
  bidder?: Bidder;

  /** Per-capita, premium or fixed-price (the tender's contractKind, DOMAIN.md §6). */
  @Column({ type: 'varchar', length: 16 })
  kind: ContractKind;

  /** The term: the effective date and the last day (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10 })
  termStart: string;

  @Column({ type: 'varchar', length: 10 })
  termEnd: string;

  /** Per-capita: the winning bid's unit price after price correction (元/人/年). */
  @Column(decimalColumn(2, 18, true))
  unitPrice: string | null;

  /**
   * Per-capita and premium: the lot's insured population on the reference date, as entered by the
   * bureau; null until then, and the amounts are provisional on the lot's base population.
   */
  @Column({ type: 'int', nullable: true })
  population: number | null;

  /** Per-capita: unit price × population; fixed-price: the contract amount less the fees. */
  @Column(decimalColumn(2, 18, true))
  serviceAmount: string | null;

  /** Premium: the per-capita funding standard (元/人/年), the fund F = standard × population, the
   * allowance rate a (from the winning bid unless the contract states it) and A = a × F. */
  @Column(decimalColumn(2, 18, true))
  fundStandard: string | null;

  @Column(decimalColumn(2, 18, true))
  fund: string | null;

  @Column(decimalColumn(6, 8, true))
  allowanceRate: string | null;

  @Column(decimalColumn(2, 18, true))
  allowance: string | null;

  /** Premium, `shared` rule: the insurer's share of a policy-caused deficit (from the bid unless stated). */
  @Column(decimalColumn(6, 8, true))
  policyDeficitShare: string | null;

  /** Premium: the schedule's deficit rule and retentions, copied so the contract keeps its terms. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  deficitRule: DeficitRule | null;

  @Column(jsonColumn())
  retentions: Retention[];

  /** Fixed fees paid with the service amount (e.g. 信息系统 300,000 on Ningbo lot 1). */
  @Column(jsonColumn())
  fixedFees: Component[];

  /** The `contract` base the schedule divides: per-capita service + fees; premium F; fixed-price the bid less rewards. */
  @Column(decimalColumn())
  contractAmount: string;

  /** The lot's maximum performance reward, paid after the assessment according to the grade. */
  @Column(decimalColumn(2, 18, true))
  rewardBudget: string | null;

  /** Code of the payment schedule the milestones were drawn from. */
  @Column({ type: 'varchar', length: 32 })
  scheduleTemplate: string;

  /** The periodic reports the contract asks of the insurer (DOMAIN.md §8), from its schedule template; null: none. */
  @Column(jsonColumn(true))
  reportRules: ReportRule[] | null;

  @Column({ type: 'varchar', length: 16 })
  status: ContractStatus;

  @Column({ type: 'datetime', nullable: true })
  signedAt: Date | null;

  /** A contract imported from a dossier: the day its milestones' statuses stand on (DOSSIER.md CONTRACT.asOf); null otherwise. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  asOf: string | null;

  /** Optimistic lock: a PATCH names the version it was based on. */
  @VersionColumn()
  version: number;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
