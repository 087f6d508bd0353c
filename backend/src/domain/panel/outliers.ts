import { D, exactUnits, rescale } from '../decimal';
import type { Num } from '../dossier/dossier.types';
import { deviatesInUnits } from '../evaluation/panel';

/**
 * 畸高畸低 on a lot's sheets (DOMAIN.md §4), and what the award waits for. Flags are computed only once
 * every sheet of the lot is submitted: shown earlier, a flag that comes and goes as an expert changes
 * a score tells that expert the others' unsubmitted mean. Each flag is then resolved by the leader,
 * either by returning the sheet (the expert revises and submits again, and the flags are computed
 * anew) or by recording the panel's majority decision on the score as it stands.
 */

/** One subjective score of a lot: a panel member's value for a bid and criterion. */
export interface LotScore {
  member: number;
  bidId: number;
  criterionNo: string;
  value: string;
}

/** A flagged score, with the mean of the other members' scores it is far from. */
export interface FlaggedScore extends LotScore {
  othersMean: string;
}

/** A recorded panel decision on a flagged score: it resolves the flag while the score keeps the value decided on. */
export type DecidedScore = LotScore;

/**
 * The scores more than `ratio` × the criterion's maximum away from the mean of the other members'
 * scores of the same bid and criterion. `maxes` names the subjective criteria; scores of others are ignored.
 * Decided in exact integer units (deviatesInUnits), each group's scores added up once: a large tender
 * has 100,000s of scores, and decimal.js work per score and other member was most of what the award's
 * readiness check cost.
 */
export function flaggedScores(scores: readonly LotScore[], maxes: ReadonlyMap<string, Num>, ratio: Num): FlaggedScore[] {
  const groups = new Map<string, LotScore[]>();
  for (const s of scores) {
    if (!maxes.has(s.criterionNo)) continue;
    const key = `${s.bidId}|${s.criterionNo}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const ratioUnits = exactUnits(ratio)!;
  const flagged: FlaggedScore[] = [];
  for (const group of groups.values()) {
    const max = exactUnits(maxes.get(group[0].criterionNo)!)!;
    const values = group.map((s) => exactUnits(s.value)!);
    const scale = Math.max(max.places, ...values.map((v) => v.places));
    const units = values.map((v) => rescale(v.units, v.places, scale));
    // Per member, so that "the others" leave out every score of the member, as the scores are given.
    const byMember = new Map<number, { sum: bigint; n: number }>();
    let sum = 0n;
    group.forEach((s, i) => {
      const own = byMember.get(s.member) ?? { sum: 0n, n: 0 };
      byMember.set(s.member, { sum: own.sum + units[i], n: own.n + 1 });
      sum += units[i];
    });
    group.forEach((own, i) => {
      const mine = byMember.get(own.member)!;
      const maxUnits = rescale(max.units, max.places, scale);
      if (!deviatesInUnits(units[i], sum - mine.sum, group.length - mine.n, maxUnits, ratioUnits)) return;
      const others = group.filter((s) => s.member !== own.member).map((s) => new D(s.value));
      const mean = others.reduce((total, v) => total.plus(v), new D(0)).div(others.length);
      flagged.push({ ...own, othersMean: mean.toString() });
    });
  }
  return flagged.sort(
    (a, b) => a.member - b.member || a.bidId - b.bidId || a.criterionNo.localeCompare(b.criterionNo, 'en', { numeric: true }),
  );
}

const sameScore = (a: LotScore, b: LotScore) =>
  a.member === b.member && a.bidId === b.bidId && a.criterionNo === b.criterionNo && new D(a.value).eq(b.value);

/** Whether a decision resolves the flag: one on the same score, at the value it still has. */
export const resolvedBy = (flag: LotScore, decisions: readonly DecidedScore[]): boolean => decisions.some((d) => sameScore(d, flag));

/** Where a lot's panel stands before the award: the members whose sheet is not in, then the flags no decision resolves. */
export interface LotReadiness {
  /** Members still on the panel (not recused) whose sheet is not submitted. */
  missing: number[];
  /** Empty while sheets are missing: flags are not computed before every sheet is in. */
  unresolved: FlaggedScore[];
  /** Every flag of the lot, resolved or not (empty while sheets are missing). */
  flagged: FlaggedScore[];
}

export function lotReadiness(input: {
  members: readonly number[];
  submitted: ReadonlySet<number>;
  scores: readonly LotScore[];
  decisions: readonly DecidedScore[];
  maxes: ReadonlyMap<string, Num>;
  ratio: Num;
}): LotReadiness {
  const missing = input.members.filter((m) => !input.submitted.has(m));
  if (missing.length > 0 || input.members.length === 0) return { missing, unresolved: [], flagged: [] };
  const active = new Set(input.members);
  const flagged = flaggedScores(
    input.scores.filter((s) => active.has(s.member)),
    input.maxes,
    input.ratio,
  );
  return { missing, flagged, unresolved: flagged.filter((f) => !resolvedBy(f, input.decisions)) };
}
