/**
 * Working days (工作日) in China: Monday to Friday, less the public holidays (法定节假日及调休放假), plus
 * the weekend days made working days by the State Council's adjustments (调休上班). Days are China
 * calendar days as YYYY-MM-DD. The holidays and adjusted working days are data (the admin's holiday
 * table), given to these functions as a calendar; nothing here knows a year's schedule.
 */

/** How a day of the holiday table differs from the plain week: a day off, or a weekend day worked. */
export const HOLIDAY_KINDS = ['holiday', 'workday'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** One day of the holiday table. */
export interface CalendarDay {
  date: string;
  kind: HolidayKind;
  /** The festival it belongs to (春节, 国庆节 …). */
  name: string;
}

/** The holiday table as the functions below read it. */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export function workingCalendar(days: readonly Pick<CalendarDay, 'date' | 'kind'>[]): WorkingCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
  };
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The calendar day `days` after `day` (negative: before). */
export const addCalendarDays = (day: string, days: number): string => fromDayNumber(dayNumber(day) + days);

export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(dayNumber(day) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The last day of a period of `days` working days that starts the day after `from` (the day a result
 * is published does not count: 7 working days from a Friday end on the second Tuesday after).
 */
export function addWorkingDays(from: string, days: number, calendar: WorkingCalendar): string {
  let day = from;
  for (let left = days; left > 0;) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, calendar)) left--;
  }
  return day;
}

/** The working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) if (isWorkingDay(day, calendar)) count++;
  return count;
}
