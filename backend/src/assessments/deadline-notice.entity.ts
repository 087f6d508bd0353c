import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Contract } from '../contracts/contract.entity';
import type { DeadlineKind } from './deadlines';

/** That a contract's assessment deadline was found missed, recorded once by the daily job. */
@Entity('deadline_notices')
@Index(['kind', 'contractId'], { unique: true })
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

  @Column({ type: 'varchar', length: 10 })
  dueDate: string;

  @Column({ type: 'datetime' })
  noticedAt: Date;
}
