import { addCalendarDays, CalendarDay } from './working-days';

/**
 * The official schedules the holiday table starts with (the migration seeds them; the admin edits the
 * table afterwards): the State Council General Office's notices on the public holidays of 2025
 * (国办发明电〔2024〕12号) and 2026 (issued 4 November 2025). Later years are added by the admin
 * once their notice is out.
 */
const SCHEDULES: { name: string; off: [string, string]; worked?: string[] }[] = [
  { name: '元旦', off: ['2025-01-01', '2025-01-01'] },
  { name: '春节', off: ['2025-01-28', '2025-02-04'], worked: ['2025-01-26', '2025-02-08'] },
  { name: '清明节', off: ['2025-04-04', '2025-04-06'] },
  { name: '劳动节', off: ['2025-05-01', '2025-05-05'], worked: ['2025-04-27'] },
  { name: '端午节', off: ['2025-05-31', '2025-06-02'] },
  { name: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], worked: ['2025-09-28', '2025-10-11'] },
  { name: '元旦', off: ['2026-01-01', '2026-01-03'], worked: ['2026-01-04'] },
  { name: '春节', off: ['2026-02-15', '2026-02-23'], worked: ['2026-02-14', '2026-02-28'] },
  { name: '清明节', off: ['2026-04-04', '2026-04-06'] },
  { name: '劳动节', off: ['2026-05-01', '2026-05-05'], worked: ['2026-05-09'] },
  { name: '端午节', off: ['2026-06-19', '2026-06-21'] },
  { name: '中秋节', off: ['2026-09-25', '2026-09-27'] },
  { name: '国庆节', off: ['2026-10-01', '2026-10-07'], worked: ['2026-09-20', '2026-10-10'] },
];

function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addCalendarDays(day, 1)) days.push(day);
  return days;
}

/** Every day of the official schedules, holidays and adjusted working days, in date order. */
export const OFFICIAL_HOLIDAYS: readonly CalendarDay[] = SCHEDULES.flatMap(({ name, off, worked = [] }) => [
  ...daysFrom(...off).map((date): CalendarDay => ({ date, kind: 'holiday', name })),
  ...worked.map((date): CalendarDay => ({ date, kind: 'workday', name })),
]).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
