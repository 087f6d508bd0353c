import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { jsonColumn } from '../database/columns';
import type { Schedule } from '../domain/contracts/payment-schedule';
import { Tender } from '../tenders/tender.entity';

/**
 * A payment schedule a tender brought in its dossier (format 2 `paymentSchedules`). Its contracts are
 * drawn from these first, then from the shipped schedules (seed/payment-schedules.json).
 */
@Entity('tender_schedules')
@Index(['tenderId', 'code'], { unique: true })
export class TenderSchedule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  /** The schedule as the dossier gave it, checked (domain/dossier/schedule.schema.ts). */
  @Column(jsonColumn())
  schedule: Schedule;
}
