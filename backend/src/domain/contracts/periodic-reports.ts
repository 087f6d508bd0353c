import { addCalendarDays, isWorkingDay, type WorkingCalendar } from '../calendar/working-days';
import { dueDate } from './payment-schedule';

/**
 * The insurer's periodic reports (DOMAIN.md §8) where its contract asks for them: Henan (seed 003 art.
 * 25–26) wants a monthly report by the 5th of the next month (postponed when that day is a public
 * holiday), the half-year analysis by 15 July and the annual analysis by 20 January of the next year.
 * A report covers a period of the contract year: a month (2026-03), the first half (2026-H1) — the
 * second half is covered by the annual analysis — or the year (2026). Days are China calendar days.
 */

export const REPORT_KINDS = ['monthly', 'half-year', 'annual'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Where a report stands on a day: not yet due, missing after its due day, in, or received by the bureau. */
export const REPORT_STATUSES = ['awaited', 'overdue', 'submitted', 'received'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A kind of report a contract asks for, and when it is due: `day` of the month `monthsAfter` the period's last month. */
export interface ReportRule {
  kind: ReportKind;
  /** Months after the period's last month (1: the next month). */
  monthsAfter: number;
  /** Day of that month, or its last day. */
  day: number | 'end';
  /** 遇法定节假日顺延: a due day in the holiday table's days off moves to the next working day. */
  holidayPostpones?: boolean;
}

/** The periods of a contract year a kind of report covers, in order. */
export function reportPeriods(kind: ReportKind, year: number): string[] {
  switch (kind) {
    case 'monthly':
      return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    case 'half-year':
      return [`${year}-H1`];
    case 'annual':
      return [String(year)];
  }
}

/** The contract year and last month of a period of that kind, or null when it is not one (2026-13, 2026-H2 of a half-year report). */
export function parsePeriod(kind: ReportKind, period: string): { year: number; lastMonth: number } | null {
  const year = Number(period.slice(0, 4));
  if (!/^\d{4}/.test(period) || !reportPeriods(kind, year).includes(period)) return null;
  const lastMonth = kind === 'monthly' ? Number(period.slice(5, 7)) : kind === 'half-year' ? 6 : 12;
  return { year, lastMonth };
}

/** The day a report of `period` is due under `rule`; the calendar matters only to a rule postponed by holidays. */
export function reportDueDate(rule: ReportRule, period: string, calendar: WorkingCalendar): string {
  const p = parsePeriod(rule.kind, period);
  if (!p) throw new Error(`${period} is not a ${rule.kind} period`);
  let day = dueDate({ month: p.lastMonth + rule.monthsAfter, day: rule.day }, p.year, null)!;
  if (rule.holidayPostpones && calendar.holidays.has(day)) {
    while (!isWorkingDay(day, calendar)) day = addCalendarDays(day, 1);
  }
  return day;
}

/** A report the contract asks for in its year, with its due day. */
export interface ExpectedReport {
  kind: ReportKind;
  period: string;
  dueDate: string;
}

/** Every report a contract's rules ask for in its year, kind by kind, each with its due day. */
export function expectedReports(rules: readonly ReportRule[] | null, year: number, calendar: WorkingCalendar): ExpectedReport[] {
  return (rules ?? []).flatMap((rule) =>
    reportPeriods(rule.kind, year).map((period) => ({ kind: rule.kind, period, dueDate: reportDueDate(rule, period, calendar) })),
  );
}

/** A report's status on `today`. Late submissions count as submitted (the report says it was late). */
export function reportStatus(r: { dueDate: string; submittedOn: string | null; receivedOn: string | null }, today: string): ReportStatus {
  if (r.receivedOn) return 'received';
  if (r.submittedOn) return 'submitted';
  return today > r.dueDate ? 'overdue' : 'awaited';
}

/** Whether a report came in after its due day. */
export const submittedLate = (dueDate: string, submittedOn: string): boolean => submittedOn > dueDate;
