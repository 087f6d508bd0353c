import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Contract } from '../contracts/contract.entity';
import type { DeadlineKind } from './deadlines';

/** That a contract's deadline (of its assessment, or of a periodic report's period) was found missed, recorded once by the daily job. */
@Entity('deadline_notices')
@Index(['kind', 'contractId', 'period'], { unique: true })
export class DeadlineNotice {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  kind: DeadlineKind;

  @Column({ type: 'int' })
  contractId: number;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contractId' })
  contract?: Contract;

  /** The report period of a periodic report's notice (2026-03); empty for the deadlines of the contract year. */
  @Column({ type: 'varchar', length: 16, default: '' })
  period: string;

  @Column({ type: 'varchar', length: 10 })
  dueDate: string;

  @Column({ type: 'datetime' })
  noticedAt: Date;
}
