import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A user's writes in the current window (WriteRateGuard): one row per user, its count restarted when a
 * new window begins. In the database, so that servers behind one proxy share the count.
 */
@Entity('write_rates')
export class WriteRate {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  /** The window's start, in whole minutes since 1970. */
  @Column({ type: 'int' })
  windowStart: number;

  @Column({ type: 'int' })
  writes: number;
}
