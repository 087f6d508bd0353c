import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { decimalColumn, jsonColumn } from '../database/columns';
import { Contract } from './contract.entity';
import type { Base, DueRule, Trigger } from '../domain/contracts/payment-schedule';
import type { MilestoneStatus } from '../domain/lifecycles';

/**
 * One payment of a contract's schedule. The share or fixed amount and the due rule are copied from
 * the template when the contract is drawn up, so a later edit of the template cannot change a contract.
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

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  base: Base;

  @Column(decimalColumn(6, 8, true))
  share: string | null;

  @Column(decimalColumn(2, 18, true))
  fixedAmount: string | null;

  @Column({ type: 'varchar', length: 32 })
  trigger: Trigger;

  @Column(jsonColumn(true))
  dueRule: DueRule | null;

  /** YYYY-MM-DD; null when there is none or it depends on a signing still to come. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: MilestoneStatus;

  @Column(decimalColumn())
  amount: string;

  /** The payment as the bureau records it (DOMAIN.md §6.1): the day paid and the voucher number (凭证号). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  paidOn: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  voucher: string | null;

  /** Why a withheld milestone is (the failed evaluation, acceptance or assessment). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  withheldReason: string | null;
}
