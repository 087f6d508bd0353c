import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { decimalColumn, jsonColumn } from '../database/columns';
import { Contract } from './contract.entity';
import type { AmountRule, Base, DueRule, Trigger } from '../domain/contracts/payment-schedule';
import type { MilestoneStatus } from '../domain/lifecycles';

/**
 * One payment of a contract's schedule. The share or fixed amount and the due rule are copied from
 * the schedule when the contract is drawn up, so a later edit of the schedule cannot change a contract.
 */
@Entity('payment_milestones')
@Index(['contractId', 'seq'], { unique: true })
export class PaymentMilestone {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  contractId: number;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  @Column({ type: 'int' })
  seq: number;

  /**
   * Raised by every change (a move, an application, an approval), so the tender's revision sees a
   * payment. Not read into the entity: the answers show milestones as they are, not their version.
   */
  @VersionColumn({ default: 1, select: false })
  version?: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  base: Base;

  @Column(decimalColumn(6, 8, true))
  share: string | null;

  @Column(decimalColumn(2, 18, true))
  fixedAmount: string | null;

  /** Takes what the base's other milestones leave, so the parts add up. */
  @Column({ type: 'boolean', default: false })
  remainder: boolean;

  @Column({ type: 'varchar', length: 32 })
  trigger: Trigger;

  /** `after-assessment`: how the final assessment sets the amount. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  amountRule: AmountRule | null;

  /** `after-service-evaluation`: the period whose evaluation releases it ("H1"). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  period: string | null;

  /** The buyer's clause the milestone comes from. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  source: string | null;

  @Column(jsonColumn(true))
  dueRule: DueRule | null;

  /** YYYY-MM-DD; null when there is none or it depends on a signing still to come. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: MilestoneStatus;

  /** Null while unknown: an application not yet approved, a settlement not yet made. */
  @Column(decimalColumn(2, 18, true))
  amount: string | null;

  /** `on-application`: the insurer's requested amount and the day it applied (the approval sets `amount`). */
  @Column(decimalColumn(2, 18, true))
  requested: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  appliedOn: string | null;

  /** The payment as the bureau records it (DOMAIN.md §6.1): the day paid and the voucher number (凭证号). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  paidOn: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  voucher: string | null;

  /** Why a withheld milestone is (the failed evaluation, acceptance or assessment). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  withheldReason: string | null;
}
