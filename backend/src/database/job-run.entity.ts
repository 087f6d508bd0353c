import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { jsonColumn } from './columns';

/**
 * One run of a scheduled job for one period (a day, a month). The unique (job, periodKey) index is the
 * lock: of several servers that start the same run, exactly one inserts the row and does the work.
 */
@Entity('job_runs')
@Index(['job', 'periodKey'], { unique: true })
export class JobRun {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  job: string;

  @Column({ type: 'varchar', length: 32 })
  periodKey: string;

  @Column({ type: 'datetime' })
  startedAt: Date;

  /** Null while running (or when the server died during the run). */
  @Column({ type: 'datetime', nullable: true })
  finishedAt: Date | null;

  @Column(jsonColumn(true))
  outcome: object | null;
}
