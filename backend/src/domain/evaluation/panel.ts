/**
 * The panel (评标委员会, DOMAIN.md §4): every expert's non-price total per bid, the non-price score
 * (mean of the totals, optionally trimmed), category scores, and abnormally high/low scores (畸高畸低).
 */
import { D, Dec } from '../decimal';
import type { Criterion, Facts, Num, Scheme, Score } from '../dossier/dossier.types';
import { amount, criterionScore, withinCriterion } from './rule-engine';
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

export const mean = (values: Dec[]): Dec => (values.length === 0 ? ZERO : values.reduce((s, v) => s.plus(v), ZERO).div(values.length));

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

type Sheet = Map<string, Map<string, Dec>>; // expert → criterion no → value

/**
 * Reads the lot's score sheets for the scored bids, reporting anything the panel must fix:
 * unknown experts or criteria, scores for the computed price criterion, duplicates, values outside 0..max.
 */
function readSheets(
  lot: string,
  criteria: Map<string, Criterion>,
  bidders: Set<string>,
  experts: Set<string>,
  scores: Score[],
  errors: EngineError[],
): Map<string, Sheet> {
  const sheets = new Map<string, Sheet>();
  const duplicates = new Set<string>();
  for (const s of scores) {
    if (s.lot !== lot || !bidders.has(s.bidder)) continue; // invalid bids' sheets play no part
    const where = { lot, bidder: s.bidder, expert: s.expert, criterion: String(s.criterion) };
    const criterion = criteria.get(String(s.criterion));
    if (!experts.has(s.expert)) {
      errors.push({ ...where, message: 'score by an expert who is not on the panel' });
      continue;
    }
    if (!criterion) {
      errors.push({ ...where, message: 'score for a criterion that is not in the scheme' });
      continue;
    }
    if (criterion.kind === 'price') {
      errors.push({ ...where, message: 'the price criterion is computed, not scored' });
      continue;
    }
    let value: Dec;
    try {
      value = new D(s.value);
      if (!value.isFinite()) throw new Error();
    } catch {
      errors.push({ ...where, message: `not a number: ${String(s.value)}` });
      continue;
    }
    if (value.lt(0) || value.gt(amount(criterion.max))) {
      errors.push({ ...where, message: `score ${value.toString()} outside 0..${amount(criterion.max).toString()}` });
      value = withinCriterion(value, criterion.max);
    }
    const sheet = sheets.get(s.bidder) ?? new Map<string, Map<string, Dec>>();
    sheets.set(s.bidder, sheet);
    const row = sheet.get(s.expert) ?? new Map<string, Dec>();
    sheet.set(s.expert, row);
    const previous = row.get(criterion.no);
    if (previous) {
      // never silently overwrite: report, and keep the higher value so the result is order-independent
      const key = `${s.bidder}|${s.expert}|${criterion.no}`;
      if (!duplicates.has(key)) errors.push({ ...where, message: 'more than one score for this criterion' });
      duplicates.add(key);
      row.set(criterion.no, D.max(previous, value));
    } else {
      row.set(criterion.no, value);
    }
  }
  return sheets;
}

/**
 * Scores one lot. The objective criteria come from the rule engine; an expert's differing value is an
 * error. A missing subjective score is an error and counts as 0 until fixed. Category scores use the
 * same experts as the non-price score (trimming is decided by total, per bid).
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
  const criteria = new Map(all.map((c) => [c.no, c]));
  const sheets = readSheets(lot, criteria, new Set(bids.map((b) => b.bidder)), new Set(experts), scores, errors);
  if (experts.length === 0 && nonPrice.some((c) => c.kind === 'subjective')) {
    errors.push({ lot, message: 'no panel: subjective criteria cannot be scored' });
  }

  const result: Record<string, BidPanelResult> = {};
  for (const bid of [...bids].sort((a, b) => byCode(a.bidder, b.bidder))) {
    const sheet = sheets.get(bid.bidder) ?? new Map<string, Map<string, Dec>>();
    const valueOf = (expert: string, no: string): Dec | undefined => sheet.get(expert)?.get(no);
    const objectiveScores: Record<string, Dec> = {};
    for (const c of nonPrice.filter((c) => c.kind === 'objective')) objectiveScores[c.no] = criterionScore(c, bid.facts);

    // each expert's subtotals per category: objective points (prefilled) + that expert's subjective scores
    const subtotals: Record<string, Record<string, Dec>> = {};
    const flags: string[] = [];
    // Per subjective criterion, the panel's scores added up once: the others' sum is this less one's own
    // (exact: subjective scores come in tenths, far inside 40 digits), which makes the outlier test linear in the panel's size.
    const panelSums = new Map<string, { sum: Dec; count: number }>();
    for (const c of nonPrice) {
      if (c.kind !== 'subjective') continue;
      const given = experts.map((e) => valueOf(e, c.no)).filter((v): v is Dec => !!v);
      panelSums.set(c.no, { sum: given.reduce((s, v) => s.plus(v), ZERO), count: given.length });
    }
    for (const expert of experts) {
      const mine: Record<string, Dec> = {};
      for (const c of nonPrice) {
        let points: Dec;
        if (c.kind === 'objective') {
          points = objectiveScores[c.no];
          const given = valueOf(expert, c.no);
          if (given && !given.eq(points)) {
            errors.push({
              lot,
              bidder: bid.bidder,
              expert,
              criterion: c.no,
              message: `objective score ${given.toString()} differs from the rule result ${points.toString()}`,
            });
          }
        } else {
          const given = valueOf(expert, c.no);
          if (!given) {
            errors.push({ lot, bidder: bid.bidder, expert, criterion: c.no, message: 'missing subjective score' });
          } else {
            const panelSum = panelSums.get(c.no)!;
            if (deviates(given, panelSum.sum.minus(given), panelSum.count - 1, c.max, params.outlierRatio ?? '0.30')) {
              flags.push(`outlier:${expert}:${c.no}`);
            }
          }
          points = given ?? ZERO;
        }
        mine[c.category] = (mine[c.category] ?? ZERO).plus(points);
      }
      subtotals[expert] = mine;
    }

    const expertTotals: Record<string, Dec> = {};
    for (const expert of experts) expertTotals[expert] = Object.values(subtotals[expert]).reduce((s, v) => s.plus(v), ZERO);
    const counted = countedExperts(expertTotals, params.trimExtremes ?? false);
    const categoryScores: Record<string, Dec> = {};
    for (const category of new Set(nonPrice.map((c) => c.category))) {
      categoryScores[category] = counted.length
        ? mean(counted.map((e) => subtotals[e][category] ?? ZERO))
        : objectiveCategoryTotal(nonPrice, objectiveScores, category);
    }
    result[bid.bidder] = {
      bidder: bid.bidder,
      objectiveScores,
      expertTotals,
      countedExperts: counted,
      // with no panel at all only the objective points can be known (reported above as an error)
      nonPriceScore: counted.length
        ? mean(counted.map((e) => expertTotals[e]))
        : Object.values(objectiveScores).reduce((s, v) => s.plus(v), ZERO),
      categoryScores,
      flags: flags.sort(byCode),
    };
  }
  return { bids: result, errors };
}

const objectiveCategoryTotal = (criteria: Criterion[], objective: Record<string, Dec>, category: string): Dec =>
  criteria.filter((c) => c.category === category && c.kind === 'objective').reduce((s, c) => s.plus(objective[c.no]), ZERO);
