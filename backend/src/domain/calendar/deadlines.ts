import type { ChallengeStatus } from '../lifecycles';
import { addCalendarDays, addWorkingDays, workingDaysBetween, WorkingCalendar } from './working-days';

/**
 * The tender's deadlines after the opening (DOMAIN.md §8): the bids' validity (投标有效期), which the
 * award must beat, and the challenge period (质疑期) after the results are published, during which —
 * and while a challenge waits for its answer, or an upheld one for the re-evaluation — no contract is
 * drawn up or signed. Days are China calendar days, YYYY-MM-DD.
 */

/** Whether the award is getting late for the bids' validity. */
export const VALIDITY_WARNINGS = ['validity-expiring', 'validity-expired'] as const;
export type ValidityWarning = (typeof VALIDITY_WARNINGS)[number];
/** Why the contracts of a tender wait. */
export const CONTRACT_HOLDS = ['challenge-period', 'challenge-unanswered', 'reevaluation-required'] as const;
export type ContractHold = (typeof CONTRACT_HOLDS)[number];
/** What the tender page and the contract guard say about a tender's deadlines. */
export type TenderDeadlineCode = ValidityWarning | ContractHold;

/** An award not confirmed this many working days before the bids expire is getting late. */
export const VALIDITY_WARNING_WORKING_DAYS = 5;

/**
 * The last day the bids are valid: the validity days counted from the opening, its own day not counted
 * (a period in days starts the next day, Civil Code art. 201).
 */
export const validityEnd = (openingDay: string, validityDays: number): string => addCalendarDays(openingDay, validityDays);

/** Whether an award not yet confirmed is late on `today`: the bids expired, or expire within the warning period. */
export function validityWarning(expiresOn: string, today: string, calendar: WorkingCalendar): ValidityWarning | null {
  if (today > expiresOn) return 'validity-expired';
  return workingDaysBetween(today, expiresOn, calendar) <= VALIDITY_WARNING_WORKING_DAYS ? 'validity-expiring' : null;
}

/** The last day of the challenge period: `days` working days after the day the results were published. */
export const challengePeriodEnd = (publishedOn: string, days: number, calendar: WorkingCalendar): string =>
  addWorkingDays(publishedOn, days, calendar);

export interface ChallengeFacts {
  status: ChallengeStatus;
  /** When it was answered (an instant, ISO 8601), if it was. */
  answeredAt: string | null;
}

/**
 * Why no contract of the tender may be drawn up or signed on `today`, if anything stops it: a challenge
 * upheld after the award was confirmed (the award must be re-evaluated and confirmed again), a challenge
 * not yet answered, or the challenge period still running.
 */
export function contractHold(facts: {
  today: string;
  periodEnd: string;
  /** When the award in force was confirmed (an instant, ISO 8601). */
  confirmedAt: string;
  challenges: readonly ChallengeFacts[];
}): ContractHold | null {
  const since = Date.parse(facts.confirmedAt);
  if (facts.challenges.some((c) => c.status === 'upheld' && c.answeredAt !== null && Date.parse(c.answeredAt) >= since)) {
    return 'reevaluation-required';
  }
  if (facts.challenges.some((c) => c.status === 'filed')) return 'challenge-unanswered';
  return facts.today <= facts.periodEnd ? 'challenge-period' : null;
}
