/**
 * The panel (评标委员会, DOMAIN.md §4): every expert's non-price total per bid, the non-price score
 * (mean of the totals, optionally trimmed), category scores, and abnormally high/low scores (畸高畸低).
 *
 * Experts score in steps of 0.1 (checked where scores enter), so a lot's subjective scores are whole
 * numbers of tenths: each is read once into an exact integer and the panel adds them up, compares them
 * and tests them for outliers in plain integer arithmetic. Decimals appear only where subjective points
 * meet the objective ones, in a mean: (n × objective points + the counted experts' subjective sum) / n,
 * the same exact sum divided by n that adding the experts' totals one by one gives.
 */
import { D, Dec } from '../decimal';
import type { Criterion, Facts, Num, Scheme, Score } from '../dossier/dossier.types';
import { amount, criterionScorer } from './rule-engine';
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
  if (othersScores.length === 0) return false;
  const mean = othersScores.reduce((s, v) => s.plus(v), ZERO).div(othersScores.length);
  return score.minus(mean).abs().gt(amount(criterionMax).times(ratio));
}

/**
 * isOutlier on scores in units of one scale: |g − S/n| > max × ratio for the others' sum S of n scores,
 * multiplied out by n so that it stays in exact integers — the same decision, without a division.
 */
export function deviatesInUnits(
  given: bigint,
  othersSum: bigint,
  others: number,
  max: bigint,
  ratio: { units: bigint; places: number },
): boolean {
  if (others === 0) return false;
  const n = BigInt(others);
  const gap = given * n - othersSum;
  return (gap < 0n ? -gap : gap) * 10n ** BigInt(ratio.places) > max * ratio.units * n;
}

/** A decimal as a whole number of units of 10^-places. */
interface Units {
  units: number;
  places: number;
}

/**
 * A plain decimal text ("7.5", "12", "0.05") as units of its last place (75, 12, 5), without decimal.js:
 * how every validated score reads. NaN for anything else (a sign, an exponent, too many digits for an
 * exact number); the places are the digits after the point (placesOf).
 */
function plainUnits(text: string): number {
  let units = 0;
  let point = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) units = units * 10 + (c - 48);
    else if (c === 46 && !point && i > 0 && i < text.length - 1) point = true;
    else return NaN;
  }
  return text.length > 0 && Number.isSafeInteger(units) ? units : NaN;
}
const placesOf = (text: string): number => {
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
};

/**
 * A subjective score's units, which must be exact: the panel adds them up in integers. Scores are
 * checked to be in tenths where they enter, so a value with digits beyond a JS number's is a misuse.
 */
function unitsOf(d: Dec): Units {
  const places = d.decimalPlaces();
  const units = d.times(new D(10).pow(places)).toNumber();
  if (!Number.isSafeInteger(units) || places > MAX_PLACES)
    throw new RangeError(`score ${d.toString()} has too many digits to add up exactly`);
  return { units, places };
}
const MAX_PLACES = 15;

/** The largest whole number of units of 10^-places that is at most `x`. */
const unitsBelow = (x: Dec, places: number): number => x.times(new D(10).pow(places)).floor().toNumber();

/** A non-price criterion as the panel reads it: its place in the sheets and its limits. */
interface SheetCriterion {
  criterion: Criterion;
  index: number;
  max: Dec;
  /** unitsBelow(max, places), by places: a value of that many decimals is above max when its units exceed it. */
  limits: number[];
}

const exceeds = (units: number, places: number, c: SheetCriterion): boolean => units > (c.limits[places] ??= unitsBelow(c.max, places));

/**
 * A lot's score sheets. Subjective values in one array: expert e's for bid b and non-price criterion k
 * at (b × experts + e) × criteria + k, NaN where none was given, in units of 10^-scale (the finest
 * place of the lot's subjective scores: tenths for validated sheets). The values experts give for
 * objective criteria are only compared with the rule's points: decimals, at the same indexes.
 */
interface Sheets {
  values: Float64Array;
  objective: Map<number, Dec>;
  scale: number;
}

/**
 * Reads the lot's score sheets for the scored bids, reporting anything the panel must fix:
 * unknown experts or criteria, scores for the computed price criterion, duplicates, values outside 0..max.
 */
function readSheets(
  lot: string,
  criteria: Map<string, SheetCriterion>,
  bidders: Map<string, number>,
  experts: Map<string, number>,
  scores: Score[],
  errors: EngineError[],
): Sheets {
  const width = criteria.size - [...criteria.values()].filter((c) => c.criterion.kind === 'price').length;
  const values = new Float64Array(bidders.size * experts.size * width).fill(NaN);
  const places = new Uint8Array(values.length);
  const objective = new Map<number, Dec>();
  const duplicates = new Set<string>();
  const where = (s: Score) => ({ lot, bidder: s.bidder, expert: s.expert, criterion: String(s.criterion) });
  // By index: a for-of here allocates an iterator result per score (19 MB a run at 16×).
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n];
    const b = s.lot === lot ? bidders.get(s.bidder) : undefined;
    if (b === undefined) continue; // invalid bids' sheets play no part
    const e = experts.get(s.expert);
    const c = criteria.get(String(s.criterion));
    if (e === undefined) {
      errors.push({ ...where(s), message: 'score by an expert who is not on the panel' });
      continue;
    }
    if (!c) {
      errors.push({ ...where(s), message: 'score for a criterion that is not in the scheme' });
      continue;
    }
    if (c.criterion.kind === 'price') {
      errors.push({ ...where(s), message: 'the price criterion is computed, not scored' });
      continue;
    }
    const i = (b * experts.size + e) * width + c.index;
    if (c.criterion.kind === 'subjective' && Number.isNaN(values[i])) {
      // The common case, without decimal.js: a plain score within range, the first for its place.
      const text = typeof s.value === 'string' ? s.value : String(s.value);
      const units = plainUnits(text);
      if (!Number.isNaN(units) && !exceeds(units, placesOf(text), c)) {
        values[i] = units;
        places[i] = placesOf(text);
        continue;
      }
    }
    const value = c.criterion.kind === 'subjective' ? readScore(s.value, c) : readDecimal(s.value, c);
    if (!value) {
      errors.push({ ...where(s), message: `not a number: ${String(s.value)}` });
      continue;
    }
    if (value.outside) {
      errors.push({ ...where(s), message: `score ${new D(s.value).toString()} outside 0..${c.max.toString()}` });
    }
    const previous = Number.isNaN(values[i]) ? objective.get(i) : decimalOf(values[i], places[i]);
    if (previous) {
      // never silently overwrite: report, and keep the higher value so the result is order-independent
      const key = `${s.bidder}|${s.expert}|${c.criterion.no}`;
      if (!duplicates.has(key)) errors.push({ ...where(s), message: 'more than one score for this criterion' });
      duplicates.add(key);
      if (previous.gte(value.value instanceof D ? value.value : decimalOf(value.value.units, value.value.places))) continue;
    }
    if (value.value instanceof D) {
      objective.set(i, value.value);
    } else {
      values[i] = value.value.units;
      places[i] = value.value.places;
    }
  }
  return { values, objective, scale: checkedScale(values, places, criteria, experts.size, width) };
}

/** A value as read, clamped to 0..max when outside (reported by the caller); null when not a number. */
type Read<T> = { value: T; outside: boolean } | null;

function readDecimal(v: Num, c: SheetCriterion): Read<Dec> {
  let d: Dec;
  try {
    d = new D(v);
  } catch {
    return null;
  }
  if (!d.isFinite()) return null;
  const value = d.lt(0) ? ZERO : d.gt(c.max) ? c.max : d;
  return { value, outside: value !== d };
}

/** A subjective score in units (see readDecimal). */
function readScore(v: Num, c: SheetCriterion): Read<Units> {
  const read = readDecimal(v, c);
  return read && { value: unitsOf(read.value), outside: read.outside };
}

const decimalOf = (units: number, places: number): Dec => new D(units).div(new D(10).pow(places));

/**
 * Brings the subjective values to the lot's finest place and checks that every sum the panel makes of
 * them — at most every expert's full marks on every criterion — is an exact integer in a JS number.
 */
function checkedScale(
  values: Float64Array,
  places: Uint8Array,
  criteria: Map<string, SheetCriterion>,
  experts: number,
  width: number,
): number {
  const subjective = new Array<boolean>(width).fill(false);
  for (const c of criteria.values()) if (c.criterion.kind === 'subjective') subjective[c.index] = true;
  let scale = 0;
  for (let i = 0; i < values.length; i++) if (subjective[i % width] && !Number.isNaN(values[i])) scale = Math.max(scale, places[i]);
  const most = [...criteria.values()].filter((c) => subjective[c.index]).reduce((sum, c) => sum + unitsBelow(c.max, scale), 0);
  if (!Number.isSafeInteger(most * Math.max(experts, 1)))
    throw new RangeError(`scores to ${scale} decimals are too fine to add up exactly`);
  const factors = Array.from({ length: scale + 1 }, (_, p) => 10 ** (scale - p));
  for (let i = 0; i < values.length; i++) if (subjective[i % width]) values[i] *= factors[places[i]];
  return scale;
}

/**
 * One bid's panel arithmetic, exact: objective points as decimals (every expert's), subjective points in
 * units of 10^-scale. Per category in the order of PanelTally.categories.
 */
export interface BidTally {
  bidder: string;
  objectiveScores: Record<string, Dec>;
  /** The objective points in each category. */
  objectiveByCategory: Dec[];
  /** Each expert's subjective points, in panel order (experts sorted by code). */
  expertUnits: number[];
  countedExperts: string[];
  /** The counted experts' subjective points in each category, added up. */
  countedUnits: number[];
  flags: string[];
}

export interface PanelTally {
  /** Experts by code. */
  experts: string[];
  /** Non-price categories, in the scheme's order. */
  categories: string[];
  scale: number;
  bids: Map<string, BidTally>;
  errors: EngineError[];
}

/**
 * The experts (by index) whose totals count when trimming: all but the one lowest and one highest total.
 * Every expert has the same objective points, so the totals are ordered by the subjective units; equal
 * ones by expert code (panel order), so the choice does not depend on input order.
 */
function trimmed(expertUnits: number[]): number[] {
  const ordered = expertUnits.map((_, e) => e).sort((x, y) => expertUnits[x] - expertUnits[y] || x - y);
  return ordered.slice(1, -1).sort((x, y) => x - y);
}

/**
 * Scores one lot, exactly (see BidTally). The objective criteria come from the rule engine; an expert's
 * differing value is an error. A missing subjective score is an error and counts as 0 until fixed.
 * Category scores use the same experts as the non-price score (trimming is decided by total, per bid).
 */
export function tallyPanel(
  lot: string,
  scheme: Scheme,
  bids: PanelBid[],
  panel: string[],
  scores: Score[],
  params: PanelParams = {},
): PanelTally {
  const errors: EngineError[] = [];
  const experts = [...new Set(panel)].sort(byCode);
  const all = scheme.criteria.map((c) => ({ ...c, no: String(c.no) })); // a number-typed no still matches the sheets
  const nonPrice = all.filter((c) => c.kind !== 'price');
  const categories = [...new Set(nonPrice.map((c) => c.category))];
  const criteria = new Map(
    all.map((c): [string, SheetCriterion] => [c.no, { criterion: c, index: nonPrice.indexOf(c), max: amount(c.max), limits: [] }]),
  );
  const sorted = [...bids].sort((a, b) => byCode(a.bidder, b.bidder));
  const { values, objective, scale } = readSheets(
    lot,
    criteria,
    new Map(sorted.map((b, i) => [b.bidder, i])),
    new Map(experts.map((e, i) => [e, i])),
    scores,
    errors,
  );
  if (experts.length === 0 && nonPrice.some((c) => c.kind === 'subjective')) {
    errors.push({ lot, message: 'no panel: subjective criteria cannot be scored' });
  }
  const E = experts.length;
  const K = nonPrice.length;
  const C = categories.length;
  const kinds = nonPrice.map((c, k) => ({
    c,
    k,
    category: categories.indexOf(c.category),
    objective: c.kind === 'objective',
    score: criterionScorer(c),
  }));
  const subjective = kinds.filter((kind) => !kind.objective);
  // The sheets to go through for each expert: the subjective criteria, and the objective ones only when
  // some expert gave values for them (to compare with the rule's points).
  const checked = objective.size ? kinds : subjective;
  // |g × n − S| > max × ratio × n in units, for the n others' sum S: the integer bound for each n.
  const ratio = new D(params.outlierRatio ?? '0.30');
  const outlierBound = nonPrice.map((c) =>
    Array.from({ length: E }, (_, n) => (c.kind === 'subjective' ? unitsBelow(amount(c.max).times(ratio).times(n), scale) : 0)),
  );
  const panelSum = new Float64Array(K);
  const scored = new Int32Array(K);
  const subtotals = new Float64Array(E * C); // expert × category

  const tallies = new Map<string, BidTally>();
  sorted.forEach((bid, b) => {
    const row = (e: number) => (b * E + e) * K;
    const objectiveScores: Record<string, Dec> = {};
    const objectiveByCategory = categories.map(() => ZERO);
    for (const { c, category, objective, score } of kinds) {
      if (!objective) continue;
      const points = score(bid.facts);
      objectiveScores[c.no] = points;
      objectiveByCategory[category] = objectiveByCategory[category].plus(points);
    }
    // The panel's sum per subjective criterion, for the outlier test.
    panelSum.fill(0);
    scored.fill(0);
    for (let e = 0; e < E; e++) {
      for (const { k } of subjective) {
        const v = values[row(e) + k];
        if (!Number.isNaN(v)) {
          panelSum[k] += v;
          scored[k]++;
        }
      }
    }
    subtotals.fill(0);
    const flags: string[] = [];
    for (let e = 0; e < E; e++) {
      // In the scheme's order, so that the errors come in it.
      for (const { c, k, category, objective: isObjective } of checked) {
        if (isObjective) {
          const given = objective.get(row(e) + k);
          if (given && !given.eq(objectiveScores[c.no])) {
            errors.push({
              lot,
              bidder: bid.bidder,
              expert: experts[e],
              criterion: c.no,
              message: `objective score ${given.toString()} differs from the rule result ${objectiveScores[c.no].toString()}`,
            });
          }
          continue;
        }
        const v = values[row(e) + k];
        if (Number.isNaN(v)) {
          errors.push({ lot, bidder: bid.bidder, expert: experts[e], criterion: c.no, message: 'missing subjective score' });
        } else {
          const others = scored[k] - 1;
          if (others > 0 && Math.abs(v * others - (panelSum[k] - v)) > outlierBound[k][others]) flags.push(`outlier:${experts[e]}:${c.no}`);
          subtotals[e * C + category] += v;
        }
      }
    }
    const expertUnits = experts.map((_, e) => {
      let units = 0;
      for (let i = e * C; i < (e + 1) * C; i++) units += subtotals[i];
      return units;
    });
    const counted = params.trimExtremes && E >= 5 ? trimmed(expertUnits) : experts.map((_, e) => e);
    tallies.set(bid.bidder, {
      bidder: bid.bidder,
      objectiveScores,
      objectiveByCategory,
      expertUnits,
      countedExperts: counted.map((e) => experts[e]),
      countedUnits: categories.map((_, i) => counted.reduce((sum, e) => sum + subtotals[e * C + i], 0)),
      flags: flags.sort(byCode),
    });
  });
  return { experts, categories, scale, bids: tallies, errors };
}

/**
 * The mean over the counted experts of objective points plus their subjective units: (n × points ×
 * 10^scale + units) / (n × 10^scale), one decimal division — the decimals the experts' totals added one
 * by one and divided by n give, since scaling by a power of ten changes no digit.
 */
function mean(points: Dec, units: number, counted: number, scale: number): Dec {
  const n = counted * 10 ** scale;
  // n × points / n is the points themselves when n × points keeps all its digits: objective-only categories
  if (units === 0 && points.sd() + String(n).length <= D.precision) return points;
  return points.times(n).plus(units).div(n);
}

/** A bid's non-price score: the mean of the counted experts' totals; with no panel at all, the objective points. */
export function nonPriceScore(tally: BidTally, panel: PanelTally): Dec {
  if (tally.countedExperts.length === 0) return Object.values(tally.objectiveScores).reduce((sum, p) => sum.plus(p), ZERO);
  const points = tally.objectiveByCategory.reduce((sum, p) => sum.plus(p), ZERO);
  const units = tally.countedUnits.reduce((sum, u) => sum + u, 0);
  return mean(points, units, tally.countedExperts.length, panel.scale);
}

/** A bid's score in the panel's category number i: the mean of the counted experts' subtotals. */
export const categoryScore = (tally: BidTally, panel: PanelTally, i: number): Dec =>
  tally.countedExperts.length === 0
    ? tally.objectiveByCategory[i]
    : mean(tally.objectiveByCategory[i], tally.countedUnits[i], tally.countedExperts.length, panel.scale);

/** Scores one lot, every figure as a decimal (see tallyPanel). */
export function scorePanel(
  lot: string,
  scheme: Scheme,
  bids: PanelBid[],
  panel: string[],
  scores: Score[],
  params: PanelParams = {},
): PanelResult {
  const tally = tallyPanel(lot, scheme, bids, panel, scores, params);
  const result: Record<string, BidPanelResult> = {};
  for (const [bidder, t] of tally.bids) {
    const objective = t.objectiveByCategory.reduce((sum, p) => sum.plus(p), ZERO);
    result[bidder] = {
      bidder,
      objectiveScores: t.objectiveScores,
      expertTotals: Object.fromEntries(tally.experts.map((e, i) => [e, objective.plus(decimalOf(t.expertUnits[i], tally.scale))])),
      countedExperts: t.countedExperts,
      nonPriceScore: nonPriceScore(t, tally),
      categoryScores: Object.fromEntries(tally.categories.map((category, i) => [category, categoryScore(t, tally, i)])),
      flags: t.flags,
    };
  }
  return { bids: result, errors: tally.errors };
}
