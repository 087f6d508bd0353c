import { OFFICIAL_HOLIDAYS } from '../calendar/holidays';
import { workingCalendar } from '../calendar/working-days';
import { expectedReports, parsePeriod, reportDueDate, ReportRule, reportPeriods, reportStatus, submittedLate } from './periodic-reports';

const official = workingCalendar(OFFICIAL_HOLIDAYS);
const none = workingCalendar([]);
// Henan, seed 003 art. 25–26.
const monthly: ReportRule = { kind: 'monthly', monthsAfter: 1, day: 5, holidayPostpones: true };
const halfYear: ReportRule = { kind: 'half-year', monthsAfter: 1, day: 15 };
const annual: ReportRule = { kind: 'annual', monthsAfter: 1, day: 20 };

describe('periodic reports (DOMAIN.md §8, seed 003)', () => {
  it('lists the periods of a contract year per kind', () => {
    expect(reportPeriods('monthly', 2026)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(reportPeriods('half-year', 2026)).toEqual(['2026-H1']);
    expect(reportPeriods('annual', 2026)).toEqual(['2026']);
  });

  it('reads a period of its kind only', () => {
    expect(parsePeriod('monthly', '2026-03')).toEqual({ year: 2026, lastMonth: 3 });
    expect(parsePeriod('half-year', '2026-H1')).toEqual({ year: 2026, lastMonth: 6 });
    expect(parsePeriod('annual', '2026')).toEqual({ year: 2026, lastMonth: 12 });
    for (const [kind, period] of [
      ['monthly', '2026-13'],
      ['monthly', '2026-3'],
      ['monthly', '2026'],
      ['half-year', '2026-H2'],
      ['annual', '2026-H1'],
      ['annual', 'x2026'],
    ] as const)
      expect(parsePeriod(kind, period)).toBeNull();
  });

  it('Henan: monthly by the 5th of the next month, half-year by 15 July, annual by 20 January of the next year', () => {
    expect(reportDueDate(monthly, '2026-10', official)).toBe('2026-11-05');
    // December's report falls due in the next year.
    expect(reportDueDate(monthly, '2026-12', official)).toBe('2027-01-05');
    expect(reportDueDate(halfYear, '2026-H1', official)).toBe('2026-07-15');
    expect(reportDueDate(annual, '2026', official)).toBe('2027-01-20');
  });

  it('postpones a monthly due day in a public holiday to the next working day (遇法定节假日顺延), a weekend alone does not', () => {
    // September 2026: the 5th of October is in the National Day week (off 1–7 Oct): Thursday 8 October.
    expect(reportDueDate(monthly, '2026-09', official)).toBe('2026-10-08');
    expect(reportDueDate(monthly, '2026-09', none)).toBe('2026-10-05');
    // March 2026: Sunday 5 April is 清明 (off 4–6 April): Tuesday 7 April.
    expect(reportDueDate(monthly, '2026-03', official)).toBe('2026-04-07');
    // June 2026: Sunday 5 July is no holiday: it stays.
    expect(reportDueDate(monthly, '2026-06', official)).toBe('2026-07-05');
    // Without holidayPostpones the day stays where it falls.
    expect(reportDueDate({ ...monthly, holidayPostpones: false }, '2026-09', official)).toBe('2026-10-05');
  });

  it('lists what a contract asks for in its year: none by default, 14 reports under Henan’s rules', () => {
    expect(expectedReports(null, 2026, official)).toEqual([]);
    const henan = expectedReports([monthly, halfYear, annual], 2026, official);
    expect(henan).toHaveLength(14);
    expect(henan.slice(11)).toEqual([
      { kind: 'monthly', period: '2026-12', dueDate: '2027-01-05' },
      { kind: 'half-year', period: '2026-H1', dueDate: '2026-07-15' },
      { kind: 'annual', period: '2026', dueDate: '2027-01-20' },
    ]);
  });

  it('takes a month’s last day for "end" and for a day the month does not have', () => {
    expect(reportDueDate({ kind: 'monthly', monthsAfter: 1, day: 'end' }, '2024-01', none)).toBe('2024-02-29');
    expect(reportDueDate({ kind: 'monthly', monthsAfter: 1, day: 31 }, '2025-01', none)).toBe('2025-02-28');
    expect(reportDueDate({ kind: 'annual', monthsAfter: 0, day: 'end' }, '2025', none)).toBe('2025-12-31');
    expect(() => reportDueDate(annual, '2026-H1', none)).toThrow();
  });

  it('tells awaited, overdue (from the day after the due day), submitted and received apart, and a late submission', () => {
    const due = '2026-04-05';
    expect(reportStatus({ dueDate: due, submittedOn: null, receivedOn: null }, '2026-04-05')).toBe('awaited');
    expect(reportStatus({ dueDate: due, submittedOn: null, receivedOn: null }, '2026-04-06')).toBe('overdue');
    expect(reportStatus({ dueDate: due, submittedOn: '2026-04-09', receivedOn: null }, '2026-04-10')).toBe('submitted');
    expect(reportStatus({ dueDate: due, submittedOn: '2026-04-09', receivedOn: '2026-04-10' }, '2026-04-10')).toBe('received');
    expect([submittedLate(due, '2026-04-05'), submittedLate(due, '2026-04-06')]).toEqual([false, true]);
  });
});
