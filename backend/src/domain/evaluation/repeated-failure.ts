/**
 * The repeated-failure deduction (DOMAIN.md §7): an insurer that failed its annual assessment in two or
 * more years is offered to the panel of its next tender as a deduction of the points the tender sets
 * (`repeatedFailureDeduction`); the panel applies or waives it per bid, with a reason. Pure rules.
 */
import { D, Dec } from '../decimal';
import type { Num, RepeatedFailureDecision } from '../dossier/dossier.types';
import { failure, type Failure } from '../validation';

const ZERO = new D(0);
/** The tender proposes a deduction only when it sets points above 0. */
export const proposes = (points: Num | null | undefined): points is Num => points != null && new D(points).gt(0);

/** The points actually taken from a bid: the tender's when the panel applied the deduction, else none. */
export function appliedDeduction(decision: RepeatedFailureDecision | null | undefined, points: Num | null | undefined): Dec | null {
  return decision === 'applied' && proposes(points) ? new D(points) : null;
}

/** A final score less an applied deduction, never below 0. */
export function deductedScore(final: Dec, deduction: Dec | null): Dec {
  return deduction ? D.max(final.minus(deduction), ZERO) : final;
}

/** What the panel must still decide: a proposed deduction on a flagged bidder's bid without a decision. */
export function undecided(points: Num | null | undefined, flagged: boolean, decision: RepeatedFailureDecision | null | undefined): boolean {
  return proposes(points) && flagged && decision == null;
}

/**
 * Why a decision cannot be recorded, by field: a decision needs a deduction the tender proposes and a
 * reason; `flagged` (when known: the assessment history of the bidder's organisation) it needs the flag.
 */
export function decisionProblems(
  decision: RepeatedFailureDecision | null | undefined,
  note: string | null | undefined,
  points: Num | null | undefined,
  flagged?: boolean,
): { field: 'repeatedFailureDecision' | 'repeatedFailureNote'; failure: Failure }[] {
  if (decision == null) return [];
  const problems: ReturnType<typeof decisionProblems> = [];
  if (!proposes(points)) problems.push({ field: 'repeatedFailureDecision', failure: failure('noRepeatedFailureDeduction') });
  else if (flagged === false) problems.push({ field: 'repeatedFailureDecision', failure: failure('notRepeatedFailure') });
  if (!note?.trim()) problems.push({ field: 'repeatedFailureNote', failure: failure('required') });
  return problems;
}
