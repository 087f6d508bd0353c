/**
 * The panel (评标委员会, DOMAIN.md §4): every expert's non-price total per bid, the non-price score
 * (mean of the totals, optionally trimmed), category scores, and abnormally high/low scores (畸高畸低).
 */
import { D, Dec, exactUnits, fromUnits, rescale } from '../decimal';
import type { Criterion, Facts, Num, Scheme, Score } from '../dossier/dossier.types';
import { amount, criterionScore } from './rule-engine';
import type { EngineError } from './types';

const ZERO = new D(0);
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface PanelParams {
  outlierRatio?: Num;
  trimExtremes?: boolean;
}

/** A bid the panel scores: a valid bid after review. */
export interface PanelBid {
  bidder: string;
  facts?: Facts;
}

export interface BidPanelResult {
  bidder: string;
  /** Objective criterion no → points (same for every expert). */
  objectiveScores: Record<string, Dec>;
  /** Expert code → that expert's non-price total. */
  expertTotals: Record<string, Dec>;
  /** The experts whose totals count (all of them unless trimmed). */
  countedExperts: string[];
  nonPriceScore: Dec;
  /** Non-price category → mean of the counted experts' subtotals. */
  categoryScores: Record<string, Dec>;
  /** `outlier:<expert>:<criterionNo>`, sorted. */
  flags: string[];
}

export interface PanelResult {
  bids: Record<string, BidPanelResult>;
  errors: EngineError[];
}

/**
 * The experts whose totals count. With trimming and at least 5 experts, the one lowest and one highest
 * total are dropped; equal totals are ordered by expert code so the choice does not depend on input order.
 */
export function countedExperts(totals: Record<string, Dec>, trimExtremes: boolean): string[] {
  const ordered = Object.keys(totals).sort((a, b) => totals[a].comparedTo(totals[b]) || byCode(a, b));
  const kept = trimExtremes && ordered.length >= 5 ? ordered.slice(1, -1) : ordered;
  return kept.sort(byCode);
}

/** 畸高畸低: more than ratio × criterion max away from the mean of the OTHER experts' scores. */
export function isOutlier(score: Dec, othersScores: Dec[], criterionMax: Num, ratio: Num = '0.30'): boolean {
  return deviates(
    score,
    othersScores.reduce((s, v) => s.plus(v), ZERO),
    othersScores.length,
    criterionMax,
    ratio,
  );
}

/** isOutlier from the sum and count of the others' scores, so a panel's scores are added up once, not once per expert. */
function deviates(score: Dec, othersSum: Dec, others: number, criterionMax: Num, ratio: Num): boolean {
  if (others === 0) return false;
  return score.minus(othersSum.div(others)).abs().gt(amount(criterionMax).times(ratio));
}

/**
 * isOutlier on scores in units of one scale (see readSheets): |g − S/n| > max × ratio for the others'
 * sum S of n scores, multiplied out by n so that it stays in exact integers — the same decision, without
 * a division.
 */
export function deviatesInUnits(given: bigint, othersSum: bigint, others: number, max: bigint, ratio: Units): boolean {
  if (others === 0) return false;
  const n = BigInt(others);
  const gap = given * n - othersSum;
  return (gap < 0n ? -gap : gap) * 10n ** BigInt(ratio.places) > max * ratio.units * n;
}

type Units = { units: bigint; places: number };
type Sheet = Map<string, Map<string, Units>>; // expert → criterion no → value, each at its own scale

interface Sheets {
  byBidder: Map<string, Sheet>;
  /** Every value of the lot, and every criterion's max, is a whole number of units of 10^-scale. */
  scale: number;
}

/**
 * Reads the lot's score sheets for the scored bids, reporting anything the panel must fix:
 * unknown experts or criteria, scores for the computed price criterion, duplicates, values outside 0..max.
 * Values are kept as exact integers of the lot's finest decimal place (tenths for validated sheets),
 * which makes adding up a panel's 100,000s of scores integer work instead of decimal.js work.
 */
function readSheets(
  lot: string,
  criteria: Map<string, Criterion>,
  bidders: Set<string>,
  experts: Set<string>,
  scores: Score[],
  errors: EngineError[],
): Sheets {
  const read = new Map<string, Sheet>();
  const duplicates = new Set<string>();
  let scale = 0;
  for (const c of criteria.values()) if (c.kind !== 'price') scale = Math.max(scale, maxUnits(c).places);
  for (const s of scores) {
    if (s.lot !== lot || !bidders.has(s.bidder)) continue; // invalid bids' sheets play no part
    // Made only for an error: most of a large panel's scores have none.
    const where = () => ({ lot, bidder: s.bidder, expert: s.expert, criterion: String(s.criterion) });
    const criterion = criteria.get(String(s.criterion));
    if (!experts.has(s.expert)) {
      errors.push({ ...where(), message: 'score by an expert who is not on the panel' });
      continue;
    }
    if (!criterion) {
      errors.push({ ...where(), message: 'score for a criterion that is not in the scheme' });
      continue;
    }
    if (criterion.kind === 'price') {
      errors.push({ ...where(), message: 'the price criterion is computed, not scored' });
      continue;
    }
    let value = exactUnits(s.value);
    if (!value) {
      errors.push({ ...where(), message: `not a number: ${String(s.value)}` });
      continue;
    }
    const max = maxUnits(criterion);
    if (compareUnits(value, { units: 0n, places: 0 }) < 0 || compareUnits(value, max) > 0) {
      errors.push({ ...where(), message: `score ${new D(s.value).toString()} outside 0..${amount(criterion.max).toString()}` });
      value = value.units < 0n ? { units: 0n, places: 0 } : max;
    }
    scale = Math.max(scale, value.places);
    const sheet = read.get(s.bidder) ?? new Map<string, Map<string, Units>>();
    read.set(s.bidder, sheet);
    const row = sheet.get(s.expert) ?? new Map<string, Units>();
    sheet.set(s.expert, row);
    const previous = row.get(criterion.no);
    if (previous) {
      // never silently overwrite: report, and keep the higher value so the result is order-independent
      const key = `${s.bidder}|${s.expert}|${criterion.no}`;
      if (!duplicates.has(key)) errors.push({ ...where(), message: 'more than one score for this criterion' });
      duplicates.add(key);
      if (compareUnits(value, previous) > 0) row.set(criterion.no, value);
    } else {
      row.set(criterion.no, value);
    }
  }
  return { byBidder: read, scale };
}

/** Orders two unit values of any scales. */
function compareUnits(a: Units, b: Units): number {
  const places = Math.max(a.places, b.places);
  const x = rescale(a.units, a.places, places);
  const y = rescale(b.units, b.places, places);
  return x < y ? -1 : x > y ? 1 : 0;
}

const maxUnits = (c: Criterion): Units => exactUnits(c.max) ?? { units: 0n, places: 0 };

/**
 * Scores one lot. The objective criteria come from the rule engine; an expert's differing value is an
 * error. A missing subjective score is an error and counts as 0 until fixed. Category scores use the
 * same experts as the non-price score (trimming is decided by total, per bid).
 *
 * Subjective scores are added up as integers (readSheets); decimals appear once per bid and expert (the
 * totals) and once per mean. Every sum is exact either way, so each mean — (n × objective points + the
 * experts' subjective sum) / n — is the same decimal the expert-by-expert sum divided by n gives.
 */
export function scorePanel(
  lot: string,
  scheme: Scheme,
  bids: PanelBid[],
  panel: string[],
  scores: Score[],
  params: PanelParams = {},
): PanelResult {
  const errors: EngineError[] = [];
  const experts = [...new Set(panel)].sort(byCode);
  const all = scheme.criteria.map((c) => ({ ...c, no: String(c.no) })); // a number-typed no still matches the sheets
  const nonPrice = all.filter((c) => c.kind !== 'price');
  const objective = nonPrice.filter((c) => c.kind === 'objective');
  const subjective = nonPrice.filter((c) => c.kind !== 'objective');
  const categories = [...new Set(nonPrice.map((c) => c.category))];
  const criteria = new Map(all.map((c) => [c.no, c]));
  const { byBidder, scale } = readSheets(lot, criteria, new Set(bids.map((b) => b.bidder)), new Set(experts), scores, errors);
  if (experts.length === 0 && nonPrice.some((c) => c.kind === 'subjective')) {
    errors.push({ lot, message: 'no panel: subjective criteria cannot be scored' });
  }
  const ratio = exactUnits(params.outlierRatio ?? '0.30')!;
  const maxes = subjective.map((c) => rescale(maxUnits(c).units, maxUnits(c).places, scale));
  /** Each non-price criterion's place in `subjective`; -1 for an objective one. */
  const subjectiveIndex = nonPrice.map((c) => subjective.indexOf(c));

  const result: Record<string, BidPanelResult> = {};
  for (const bid of [...bids].sort((a, b) => byCode(a.bidder, b.bidder))) {
    const sheet = byBidder.get(bid.bidder) ?? new Map<string, Map<string, Units>>();
    // Every value at the lot's finest place, so that sums are plain integer additions.
    const valueOf = (expert: string, no: string): bigint | undefined => {
      const v = sheet.get(expert)?.get(no);
      return v && rescale(v.units, v.places, scale);
    };
    // The subjective values, expert by expert in panel order, criterion by criterion in `subjective`'s: read once, used twice.
    const given = experts.map((expert) => subjective.map((c) => valueOf(expert, c.no)));
    const objectiveScores: Record<string, Dec> = {};
    for (const c of objective) objectiveScores[c.no] = criterionScore(c, bid.facts);
    // Objective points are every expert's: per category once, as decimals.
    const objectiveByCategory = new Map<string, Dec>();
    for (const c of objective)
      objectiveByCategory.set(c.category, (objectiveByCategory.get(c.category) ?? ZERO).plus(objectiveScores[c.no]));
    const objectiveTotal = categories.reduce((s, category) => s.plus(objectiveByCategory.get(category) ?? ZERO), ZERO);

    // The panel's sum per subjective criterion, for the outlier test.
    const panelSums = subjective.map((_, i) => {
      let sum = 0n;
      let scored = 0;
      for (const row of given) {
        if (row[i] !== undefined) {
          sum += row[i];
          scored++;
        }
      }
      return { sum, scored };
    });

    // Each expert's subjective points per category, in units.
    const subjectiveUnits = new Map<string, Map<string, bigint>>();
    const flags: string[] = [];
    for (let e = 0; e < experts.length; e++) {
      const expert = experts[e];
      const mine = new Map<string, bigint>(categories.map((category) => [category, 0n]));
      subjectiveUnits.set(expert, mine);
      // In the scheme's order, so that the errors come in it.
      for (let k = 0; k < nonPrice.length; k++) {
        const c = nonPrice[k];
        const i = subjectiveIndex[k];
        if (i === -1) {
          const points = objectiveScores[c.no];
          const value = valueOf(expert, c.no);
          if (value !== undefined && !fromUnits(value, scale).eq(points)) {
            errors.push({
              lot,
              bidder: bid.bidder,
              expert,
              criterion: c.no,
              message: `objective score ${fromUnits(value, scale).toString()} differs from the rule result ${points.toString()}`,
            });
          }
          continue;
        }
        const value = given[e][i];
        if (value === undefined) {
          errors.push({ lot, bidder: bid.bidder, expert, criterion: c.no, message: 'missing subjective score' });
        } else {
          const { sum, scored } = panelSums[i];
          if (deviatesInUnits(value, sum - value, scored - 1, maxes[i], ratio)) flags.push(`outlier:${expert}:${c.no}`);
          mine.set(c.category, mine.get(c.category)! + value);
        }
      }
    }

    const expertTotals: Record<string, Dec> = {};
    const expertUnits = new Map<string, bigint>();
    for (const expert of experts) {
      const units = [...subjectiveUnits.get(expert)!.values()].reduce((s, u) => s + u, 0n);
      expertUnits.set(expert, units);
      expertTotals[expert] = objectiveTotal.plus(fromUnits(units, scale));
    }
    const counted = countedExperts(expertTotals, params.trimExtremes ?? false);
    const n = counted.length;
    const meanOver = (objectivePoints: Dec, units: (expert: string) => bigint): Dec =>
      objectivePoints
        .times(n)
        .plus(
          fromUnits(
            counted.reduce((s, e) => s + units(e), 0n),
            scale,
          ),
        )
        .div(n);
    const categoryScores: Record<string, Dec> = {};
    for (const category of categories) {
      categoryScores[category] = n
        ? meanOver(objectiveByCategory.get(category) ?? ZERO, (e) => subjectiveUnits.get(e)!.get(category)!)
        : objectiveCategoryTotal(nonPrice, objectiveScores, category);
    }
    result[bid.bidder] = {
      bidder: bid.bidder,
      objectiveScores,
      expertTotals,
      countedExperts: counted,
      // with no panel at all only the objective points can be known (reported above as an error)
      nonPriceScore: n
        ? meanOver(objectiveTotal, (e) => expertUnits.get(e)!)
        : Object.values(objectiveScores).reduce((s, v) => s.plus(v), ZERO),
      categoryScores,
      flags: flags.sort(byCode),
    };
  }
  return { bids: result, errors };
}

const objectiveCategoryTotal = (criteria: Criterion[], objective: Record<string, Dec>, category: string): Dec =>
  criteria.filter((c) => c.category === category && c.kind === 'objective').reduce((s, c) => s.plus(objective[c.no]), ZERO);
