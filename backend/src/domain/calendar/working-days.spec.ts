import { OFFICIAL_HOLIDAYS } from './holidays';
import { addWorkingDays, isWorkingDay, workingCalendar, workingDaysBetween } from './working-days';

const official = workingCalendar(OFFICIAL_HOLIDAYS);
const none = workingCalendar([]);

describe('working days', () => {
  it('counts Monday to Friday on a plain week, the start day excluded', () => {
    // Friday 2026-03-06 + 7 working days: Mon 9 … Fri 13, Mon 16, Tue 17.
    expect(addWorkingDays('2026-03-06', 7, official)).toBe('2026-03-17');
    expect(workingDaysBetween('2026-03-06', '2026-03-17', official)).toBe(7);
  });

  it('skips the Spring Festival and counts its adjusted working Saturdays (2026: off 15–23 Feb, worked Sat 14 and Sat 28 Feb)', () => {
    expect(isWorkingDay('2026-02-14', official)).toBe(true);
    expect(isWorkingDay('2026-02-16', official)).toBe(false);
    expect(isWorkingDay('2026-02-28', official)).toBe(true);
    // Published Thursday 12 Feb: Fri 13, Sat 14 (调休), then nothing until Tue 24 … Fri 27, Sat 28 (调休).
    expect(addWorkingDays('2026-02-12', 7, official)).toBe('2026-02-28');
    // Without the table the same span ends before the festival is over.
    expect(addWorkingDays('2026-02-12', 7, none)).toBe('2026-02-23');
  });

  it('skips the National Day week (2026: off 1–7 Oct, worked Sun 20 Sep and Sat 10 Oct)', () => {
    expect(isWorkingDay('2026-09-20', official)).toBe(true);
    expect(isWorkingDay('2026-10-05', official)).toBe(false);
    // From Tuesday 29 Sep: Wed 30, Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13, Wed 14.
    expect(addWorkingDays('2026-09-29', 7, official)).toBe('2026-10-14');
    expect(workingDaysBetween('2026-09-29', '2026-10-14', official)).toBe(7);
  });

  it('spans 2025 National Day and Mid-Autumn (off 1–8 Oct, worked Sun 28 Sep and Sat 11 Oct)', () => {
    // From Friday 26 Sep: Sun 28 (调休), Mon 29, Tue 30, Thu 9, Fri 10, Sat 11 (调休), Mon 13.
    expect(addWorkingDays('2025-09-26', 7, official)).toBe('2025-10-13');
  });

  it('counts nothing for an empty or backward span', () => {
    expect(workingDaysBetween('2026-03-06', '2026-03-06', official)).toBe(0);
    expect(workingDaysBetween('2026-03-06', '2026-03-01', official)).toBe(0);
    expect(addWorkingDays('2026-03-06', 0, official)).toBe('2026-03-06');
  });

  it('lists each official day once, holidays off and adjusted days worked', () => {
    const dates = OFFICIAL_HOLIDAYS.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    // 2025: 1 + 8 + 3 + 5 + 3 + 8 days off; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7.
    expect(OFFICIAL_HOLIDAYS.filter((d) => d.kind === 'holiday' && d.date < '2026')).toHaveLength(28);
    expect(OFFICIAL_HOLIDAYS.filter((d) => d.kind === 'holiday' && d.date >= '2026')).toHaveLength(33);
    for (const d of OFFICIAL_HOLIDAYS.filter((x) => x.kind === 'workday'))
      expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
  });
});
