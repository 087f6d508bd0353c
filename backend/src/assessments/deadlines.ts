import { dueDate } from '../domain/contracts/payment-schedule';
import type { DeadlineKind } from '../domain/assessments/assessment-codes';
import type { ExpectedReport, ReportKind } from '../domain/contracts/periodic-reports';
import type { SchemeDue } from '../domain/dossier/dossier.types';
import { ASSESSMENT, AssessmentStatus, can, CONTRACT, ContractStatus, isFinal, MILESTONE, MilestoneStatus } from '../domain/lifecycles';

/**
 * The deadlines of DOMAIN.md §8, as China days (YYYY-MM-DD, inclusive): the insurer's report within 1
 * month after the contract year ends, the assessment when its scheme says (by default within 3 months
 * after the year), the reward payment within 1 month after the final result, and the periodic reports
 * the contract asks for (domain/contracts/periodic-reports.ts).
 */
export { DEADLINE_KINDS, type DeadlineKind } from '../domain/assessments/assessment-codes';

export const reportDue = (year: number): string => dueDate({ month: 1, day: 'end', yearOffset: 1 }, year, null)!;
/** By the end of the scheme's month (Henan: May of the next year), else 3 months after the contract year. */
export const assessmentDue = (year: number, due: SchemeDue | null = null): string =>
  dueDate({ month: due?.month ?? 3, day: 'end', yearOffset: due?.yearOffset ?? 1 }, year, null)!;
/** The same day a month later, or that month's last day when it is shorter (31 January → 28/29 February). */
export const rewardDue = (finalDay: string): string => dueDate({ monthsAfterSigning: 1, day: Number(finalDay.slice(8, 10)) }, 0, finalDay)!;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
export const addDays = (day: string, days: number): string => new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
/** How many days `day` is after `from`. */
export const daysAfter = (from: string, day: string): number => dayNumber(day) - dayNumber(from);

/** What the deadlines of one contract year depend on. */
export interface DeadlineFacts {
  contractId: number;
  year: number;
  contractStatus: ContractStatus;
  /** When the scheme wants the assessment (the assessment's scheme, else the one the contract will be assessed by). */
  schemeDue: SchemeDue | null;
  /** The periodic reports the contract asks for, and whether each is in. */
  reports: (ExpectedReport & { submitted: boolean })[];
  assessment: {
    id: number;
    status: AssessmentStatus;
    /** The China day of the final result. */
    finalDay: string | null;
    /** Status of the payment the final result released, if it did. */
    rewardMilestoneStatus: MilestoneStatus | null;
  } | null;
}

export interface OverdueItem {
  kind: DeadlineKind;
  contractId: number;
  assessmentId: number | null;
  /** The period of a periodic report (2026-03); empty for the deadlines of the contract year. */
  period: string;
  dueDate: string;
  daysOverdue: number;
}

const REPORT_DEADLINE: Record<ReportKind, DeadlineKind> = {
  monthly: 'monthly-report',
  'half-year': 'half-year-report',
  annual: 'annual-report',
};

/**
 * Deadlines missed on `today`. Report and assessment deadlines concern contracts in force: the report
 * is overdue while no report is in (or no assessment was even opened), the assessment while it is not
 * yet published, a periodic report while it is not submitted. The reward payment is overdue while the
 * payment the final result released is unpaid.
 */
export function overdueItems(facts: DeadlineFacts[], today: string): OverdueItem[] {
  const items: OverdueItem[] = [];
  const add = (f: DeadlineFacts, kind: DeadlineKind, due: string, period = '') => {
    if (today > due)
      items.push({
        kind,
        contractId: f.contractId,
        assessmentId: f.assessment?.id ?? null,
        period,
        dueDate: due,
        daysOverdue: daysAfter(due, today),
      });
  };
  for (const f of facts) {
    const status = f.assessment?.status;
    if (can(CONTRACT, f.contractStatus, 'assess')) {
      // The report is awaited until the insurer submits it; the assessment until it is published.
      if (!status || status === 'open') add(f, 'report', reportDue(f.year));
      if (!status || can(ASSESSMENT, status, 'publish')) add(f, 'assessment', assessmentDue(f.year, f.schemeDue));
    }
    // A periodic report is awaited while the contract is in force; one submitted late is in.
    if (can(CONTRACT, f.contractStatus, 'report')) {
      for (const r of f.reports) if (!r.submitted) add(f, REPORT_DEADLINE[r.kind], r.dueDate, r.period);
    }
    const a = f.assessment;
    if (a && isFinal(ASSESSMENT, a.status) && a.finalDay && a.rewardMilestoneStatus && !isFinal(MILESTONE, a.rewardMilestoneStatus))
      add(f, 'reward-payment', rewardDue(a.finalDay));
  }
  return items;
}
