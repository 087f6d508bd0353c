import { HOLIDAY_KINDS } from '../calendar/working-days';
import { day, integerText, oneOf, on, text, z } from '../validation';
import { calendarDay, reply } from './common';

/** The holiday table (`/api/calendar/holidays`): the days that working days skip or add (调休). */

export const HolidayDaySchema = reply({
  date: calendarDay(),
  kind: z.enum(HOLIDAY_KINDS).meta({ description: 'holiday: a day off (法定节假日); workday: a weekend day worked (调休上班)' }),
  name: z.string(),
});
export type HolidayDayBody = z.output<typeof HolidayDaySchema>;

export const AddHolidaySchema = z.strictObject(
  {
    date: day(),
    kind: oneOf(HOLIDAY_KINDS),
    name: text(50).meta({ description: 'the festival, e.g. 春节' }),
  },
  on('object'),
);

export const HolidayQuerySchema = z.strictObject({
  year: integerText(2000, 2100).optional(),
});

export const HolidayDateSchema = day();
