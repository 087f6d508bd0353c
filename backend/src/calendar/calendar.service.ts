import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, Like } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/decorators';
import { conflict } from '../common/errors';
import { CalendarDay, workingCalendar, WorkingCalendar } from '../domain/calendar/working-days';
import { HolidayDay } from './holiday-day.entity';

/**
 * The holiday table: the admin lists, adds and removes days (each change audited), and every deadline
 * counted in working days reads it (domain/calendar/working-days.ts).
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(year?: number): Promise<HolidayDay[]> {
    return this.dataSource.getRepository(HolidayDay).find({
      where: year === undefined ? {} : { date: Like(`${year}-%`) },
      order: { date: 'ASC' },
    });
  }

  /** The working calendar as the table stands (a few dozen rows a year). */
  async calendar(m: EntityManager = this.dataSource.manager): Promise<WorkingCalendar> {
    return workingCalendar(await m.find(HolidayDay));
  }

  async add(actor: AuthUser, day: CalendarDay): Promise<HolidayDay> {
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(HolidayDay, { date: day.date })) throw conflict('holidayTaken', { date: day.date });
      await m.insert(HolidayDay, day);
      await this.audit.record(actor, { action: 'holiday.add', entityType: 'holiday', entityId: day.date, after: { ...day } }, m);
      return m.create(HolidayDay, day);
    });
  }

  async remove(actor: AuthUser, date: string): Promise<HolidayDay> {
    return this.dataSource.transaction(async (m) => {
      const day = await m.findOneBy(HolidayDay, { date });
      if (!day) throw new NotFoundException(`节假日表中没有${date} / ${date} is not in the holiday table`);
      await m.delete(HolidayDay, { date });
      await this.audit.record(actor, { action: 'holiday.remove', entityType: 'holiday', entityId: date, before: { ...day } }, m);
      return day;
    });
  }
}
