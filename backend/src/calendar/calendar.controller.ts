import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Requires } from '../access/requires';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Responds } from '../common/wire';
import { AddHolidaySchema, HolidayDateSchema, HolidayDaySchema, HolidayQuerySchema } from '../domain/wire/calendar';
import { CalendarService } from './calendar.service';

/** The holiday table that working days are counted from: the admin keeps it. */
@ApiTags('calendar')
@ApiBearerAuth()
@Requires('holiday.manage')
@Controller('calendar/holidays')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Responds(200, HolidayDaySchema.array())
  list(@Query({ schema: HolidayQuerySchema }) q: z.output<typeof HolidayQuerySchema>) {
    return this.calendar.list(q.year);
  }

  @Post()
  @Responds(201, HolidayDaySchema)
  add(@CurrentUser() actor: AuthUser, @Body({ schema: AddHolidaySchema }) body: z.output<typeof AddHolidaySchema>) {
    return this.calendar.add(actor, body);
  }

  /** Removes a day; answers with the day as it was. */
  @Delete(':date')
  @Responds(200, HolidayDaySchema)
  remove(@CurrentUser() actor: AuthUser, @Param('date', { schema: HolidayDateSchema }) date: string) {
    return this.calendar.remove(actor, date);
  }
}
