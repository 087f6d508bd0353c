import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HolidayKind } from '../domain/calendar/working-days';

/** A day of the holiday table (domain/calendar): a public holiday, or a weekend day worked (调休). */
@Entity('holiday_days')
export class HolidayDay {
  /** The China calendar day, YYYY-MM-DD: one entry per day. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 10 })
  kind: HolidayKind;

  @Column({ type: 'varchar', length: 50 })
  name: string;
}
