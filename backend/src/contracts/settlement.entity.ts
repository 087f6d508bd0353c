import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { decimalColumn, jsonColumn } from '../database/columns';
import type { Retention } from '../domain/contracts/retentions';
import type { DeficitRule } from '../domain/contracts/settlement';
import { Contract } from './contract.entity';

/**
 * The annual settlement of a premium fund (年度清算, DOMAIN.md §6.2), stored once per contract (a premium
 * contract is one year's). It keeps the terms and ledger figures it was computed from beside the result,
 * so the statement shows what was settled even if the contract or its ledger moves on afterwards.
 */
@Entity('contract_settlements')
export class ContractSettlement {
  @PrimaryGeneratedColumn()
  id: number;

  /** Unique: a year is settled once. */
  @Index({ unique: true })
  @Column({ type: 'int' })
  contractId: number;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  @Column({ type: 'int' })
  year: number;

  /** C: the claims paid out of the fund in the year, as the bureau entered them. */
  @Column(decimalColumn())
  claims: string;

  /** The bureau's finding that a deficit is policy-caused (政策性). */
  @Column({ type: 'boolean', default: false })
  policyDeficit: boolean;

  /** The terms settled with: F, a, the deficit rule with s, the retentions. */
  @Column(decimalColumn())
  fund: string;

  @Column(decimalColumn(6, 8))
  allowanceRate: string;

  @Column({ type: 'varchar', length: 16 })
  deficitRule: DeficitRule;

  @Column(decimalColumn(6, 8, true))
  policyDeficitShare: string | null;

  @Column(jsonColumn())
  retentions: Retention[];

  /** The final assessment: passed, and the points scheme's failDeductionRate. */
  @Column({ type: 'boolean', default: false })
  assessmentPassed: boolean;

  @Column(decimalColumn(6, 8, true))
  failDeductionRate: string | null;

  /** A = a × F. */
  @Column(decimalColumn())
  allowance: string;

  /** d: the §7 deduction. */
  @Column(decimalColumn())
  deduction: string;

  /** A' = A − d. */
  @Column(decimalColumn())
  allowanceNet: string;

  /** B = F − C − A'. */
  @Column(decimalColumn())
  balance: string;

  @Column(decimalColumn())
  surplus: string;

  @Column(decimalColumn())
  insurerBears: string;

  @Column(decimalColumn())
  fundBears: string;

  @Column(decimalColumn())
  fromReserve: string;

  @Column(decimalColumn())
  beyondReserve: string;

  @Column(decimalColumn())
  forfeitedDeposit: string;

  /** C + A' − insurerBears − forfeitedDeposit. */
  @Column(decimalColumn())
  due: string;

  /** What the other fund and deposit milestones had paid or made payable when settled. */
  @Column(decimalColumn())
  paidOrPayable: string;

  /** due − paidOrPayable: paid to the insurer, or when negative refunded by it. */
  @Column(decimalColumn())
  payment: string;

  /** The `after-settlement` milestone that carries the payment. */
  @Column({ type: 'int', nullable: true })
  milestoneId: number | null;

  @Column({ type: 'int', nullable: true })
  settledById: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  settledBy: string | null;

  @Column({ type: 'datetime' })
  settledAt: Date;
}
