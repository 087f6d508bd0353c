/**
 * Annual assessment (年度考核) of the contracted insurer, DOMAIN.md §7 and DOSSIER.md ASSESSMENT_SCHEME.
 * Two schemes: points (Shenyang: pass at 85, 0.5% of the operating cost withheld on a fail) and
 * deduction with grade bands (Ningbo: 100 − capped deductions, grade → share of the lot's maximum reward).
 */
import { D, Dec, fen, publish } from '../decimal';
import type { AssessmentBand, AssessmentScheme, DossierAssessment, DossierLot, Num } from '../dossier/dossier.types';
import type { AssessmentResult } from '../wire/evaluation';
import { fieldError, type FieldError } from '../errors';
import type { Checked } from '../dossier/dossier.validation';

const ZERO = new D(0);
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byLotNo = (a: string, b: string): number => {
  const [x, y] = [Number(a), Number(b)];
  return a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && x !== y ? x - y : byCode(a, b);
};
const clamp = (v: Dec, max: Num): Dec => D.min(D.max(v, ZERO), new D(max));

/** Ningbo's grade bands, used when a deduction scheme declares none. */
export const DEFAULT_GRADE_BANDS: AssessmentBand[] = [
  { min: '90', grade: '优秀', rewardRate: '1.00' },
  { min: '80', grade: '良好', rewardRate: '0.80' },
  { min: '70', grade: '合格', rewardRate: '0.60' },
  { min: '60', grade: '较差', rewardRate: '0' },
  { min: '0', grade: '不合格', rewardRate: '0', terminate: true },
];

/** The result of an assessment, as results answer it (domain/wire/evaluation.ts). */
export type { AssessmentResult };

// ---- points-scheme item rules: each gives an item's points within 0..max ----

/** Binary item: full points or nothing. */
export const binaryPoints = (max: Num, met: boolean): Dec => (met ? new D(max) : ZERO);

/** k of n sub-items met, each worth `pointsEach`, never above the item's max. */
export const subItemPoints = (achieved: Num, of: Num, pointsEach: Num, max: Num): Dec =>
  clamp(D.min(new D(achieved), new D(of)).times(pointsEach), max);

/** Deduction per case from the item's max, with a floor of 0. */
export const caseDeductionPoints = (max: Num, cases: Num, perCase: Num): Dec => clamp(new D(max).minus(new D(cases).times(perCase)), max);

/** The assessor's judgement, kept within 0..max. */
export const judgementPoints = (value: Num, max: Num): Dec => clamp(new D(value), max);

// ---- scoring ----

type SchemeItem = AssessmentScheme['items'][number];
type ItemEntry = DossierAssessment['items'][number];
type ItemRuleKind = NonNullable<SchemeItem['rule']>['kind'];

/** The input each item rule takes in an assessment's items (DOSSIER.md ITEM_RULE); judgement takes points. */
export const RULE_INPUT = {
  judgement: 'points',
  binary: 'met',
  'k-of-n': 'achieved',
  'per-case-deduction': 'cases',
} as const satisfies Record<ItemRuleKind, keyof ItemEntry>;

/**
 * A points-scheme item's points from its entry: by its rule from the rule's input, or the points as
 * entered when the rule's input is not given (a judgement, or points the entry API checked against the
 * rule); undefined when the entry gives neither.
 */
export function itemPoints(item: Pick<SchemeItem, 'max' | 'rule'>, entry: Omit<ItemEntry, 'no'>): Num | Dec | undefined {
  const rule = item.rule ?? { kind: 'judgement' as const };
  if (rule.kind === 'binary' && entry.met != null) return binaryPoints(item.max, entry.met);
  if (rule.kind === 'k-of-n' && entry.achieved != null) return subItemPoints(entry.achieved, rule.n, rule.pointsEach, item.max);
  if (rule.kind === 'per-case-deduction' && entry.cases != null) return caseDeductionPoints(item.max, entry.cases, rule.perCase);
  return entry.points ?? undefined;
}

/**
 * The rule's input that gives `points` on a points-scheme item, the inverse of itemPoints: points entered
 * directly (the entry API and the Excel template take a value the rule can give) are written in a
 * dossier as the rule takes them. Per case, 0 points is the fewest cases that take the whole maximum.
 */
export function ruleInputFor(
  item: Pick<SchemeItem, 'max' | 'rule'>,
  points: string,
): { points: string } | { met: boolean } | { achieved: number } | { cases: number } {
  const rule = item.rule ?? { kind: 'judgement' as const };
  const p = new D(points);
  switch (rule.kind) {
    case 'binary':
      return { met: p.gte(item.max) };
    case 'k-of-n':
      return { achieved: D.min(p.div(rule.pointsEach).floor(), rule.n).toNumber() };
    case 'per-case-deduction':
      return { cases: new D(item.max).minus(p).div(rule.perCase).ceil().toNumber() };
    default:
      return { points };
  }
}

/** Each scheme item's value read from its entry by `value`; unknown items and bad values are reported, duplicates keep the larger. */
function itemValues(
  scheme: AssessmentScheme,
  assessment: DossierAssessment,
  field: 'points' | 'deduction',
  value: (item: SchemeItem, entry: ItemEntry) => Num | Dec | null | undefined,
  errors: FieldError[],
): Map<string, Dec> {
  const byNo = new Map(scheme.items.map((i) => [String(i.no), i]));
  const values = new Map<string, Dec>();
  for (const entry of assessment.items) {
    const no = String(entry.no);
    const item = byNo.get(no);
    if (!item) {
      errors.push(fieldError(`items[${no}].no`, 'noSuchItem', { no }));
      continue;
    }
    const raw = value(item, entry);
    if (raw === undefined || raw === null) continue;
    let v: Dec;
    try {
      v = new D(raw);
      if (!v.isFinite()) throw new Error();
    } catch {
      errors.push(fieldError(`items[${no}].${field}`, 'number'));
      continue;
    }
    const previous = values.get(no);
    if (previous) errors.push(fieldError(`items[${no}].no`, 'itemTwice', { no }));
    values.set(no, previous ? D.max(previous, v) : v);
  }
  return values;
}

/** What each item counts for: its points (points scheme) or its deduction capped at its max (deduction scheme). */
export function itemScores(
  scheme: AssessmentScheme,
  assessment: DossierAssessment,
  errors: FieldError[] = [],
): { no: string; score: Dec }[] {
  const points = scheme.kind === 'points';
  const values = points
    ? itemValues(scheme, assessment, 'points', itemPoints, errors)
    : itemValues(scheme, assessment, 'deduction', (_, entry) => entry.deduction, errors);
  return scheme.items.map((item) => {
    const v = values.get(String(item.no)) ?? ZERO;
    const no = String(item.no);
    if (points && (v.lt(0) || v.gt(item.max)))
      errors.push(fieldError(`items[${no}].points`, 'itemPointsRange', { no, value: v.toString(), max: String(item.max) }));
    if (!points && v.lt(0)) errors.push(fieldError(`items[${no}].deduction`, 'negativeDeduction', { no, value: v.toString() }));
    return { no, score: clamp(v, item.max) };
  });
}

const total = (items: { score: Dec }[]): Dec => items.reduce((sum, i) => sum.plus(i.score), ZERO);

/** Points scheme: the sum of the items' points, each kept within 0..max; an unrecorded item scores 0. */
export function pointsScore(scheme: AssessmentScheme, assessment: DossierAssessment, errors: FieldError[] = []): Dec {
  return total(itemScores(scheme, assessment, errors));
}

/** Deduction scheme: 100 − Σ deductions, each counted at most up to its item's max (its weight). */
export function deductionScore(scheme: AssessmentScheme, assessment: DossierAssessment, errors: FieldError[] = []): Dec {
  return new D(100).minus(total(itemScores(scheme, assessment, errors)));
}

/** The first band, highest min first, whose min the score reaches (≥, so 90 is 优秀 and 89.9 is 良好). */
export function gradeBand(score: Dec, bands: AssessmentBand[]): AssessmentBand | null {
  const ordered = [...bands].sort((a, b) => new D(b.min).comparedTo(a.min));
  return ordered.find((b) => score.gte(b.min)) ?? null;
}

/**
 * What a failed assessment takes off the operating cost including profit (§7): the points scheme's
 * failDeductionRate (default 0.005, Shenyang); a deduction scheme takes nothing off.
 */
export const failDeductionRate = (scheme: Pick<AssessmentScheme, 'kind' | 'failDeductionRate'>): string | null =>
  scheme.kind === 'points' ? String(scheme.failDeductionRate ?? '0.005') : null;

/**
 * Assesses one contract year. `lot` supplies the maximum reward (its rewardBudget) when the assessment
 * does not carry its own `maxReward` (e.g. a share from splitRewardBudget).
 *
 * Points scheme: passed = score ≥ passMark (default 85, inclusive); on a fail the deduction is
 * operatingCost × failDeductionRate (default 0.005) half-up to the 分. No reward applies (rate null).
 * Deduction scheme: grade from the bands, reward = maxReward × rate to the 分, terminate from the band;
 * passed = not terminated and a positive reward rate (so 较差, with no reward, does not pass).
 * What the bureau must fix is noted in `errors`, each as the error catalogue's code at the field it is
 * about (the operating cost a fail deducts from, the maximum reward, an item's value …), so that screens
 * and documents say it in Chinese.
 */
export function evaluateAssessment(
  scheme: AssessmentScheme,
  assessment: DossierAssessment,
  lot?: Pick<DossierLot, 'no' | 'rewardBudget'>,
): AssessmentResult {
  const errors: FieldError[] = [];
  const base = { lot: String(assessment.lot), year: assessment.year, scheme: scheme.code, kind: scheme.kind, errors };
  if (assessment.scheme !== undefined && assessment.scheme !== scheme.code) {
    errors.push(fieldError('scheme', 'assessmentSchemeNamed', { scheme: assessment.scheme, used: scheme.code }));
  }

  const items = itemScores(scheme, assessment, errors);
  const published = { items: items.map((i) => ({ no: i.no, score: publish(i.score, 2) })) };

  if (scheme.kind === 'points') {
    const score = total(items);
    const passed = score.gte(scheme.passMark ?? '85');
    let deductionAmount = '0.00';
    if (!passed) {
      if (assessment.operatingCost == null) errors.push(fieldError('operatingCost', 'operatingCostMissing'));
      else deductionAmount = fen(new D(assessment.operatingCost).times(failDeductionRate(scheme)!));
    }
    return {
      ...base,
      score: publish(score, 2),
      grade: passed ? '达标' : '不达标',
      passed,
      rewardRate: null,
      rewardAmount: '0.00',
      deductionAmount,
      terminate: false,
      ...published,
    };
  }

  const score = new D(100).minus(total(items));
  const band = gradeBand(score, scheme.bands?.length ? scheme.bands : DEFAULT_GRADE_BANDS);
  if (!band) errors.push(fieldError('scheme.bands', 'belowGradeBands', { score: score.toString() }));
  const rate = band ? new D(band.rewardRate) : ZERO;
  const maxReward = assessment.maxReward ?? lot?.rewardBudget;
  if (maxReward === undefined) errors.push(fieldError('maxReward', 'noMaxReward'));
  const terminate = band?.terminate === true;
  return {
    ...base,
    score: publish(score, 2),
    grade: band?.grade ?? null,
    passed: !terminate && rate.gt(0),
    rewardRate: publish(rate, 2),
    rewardAmount: fen(rate.times(maxReward ?? 0)),
    deductionAmount: '0.00',
    terminate,
    ...published,
  };
}

// ---- reward budget split ----

export interface ContractAmount {
  lot: string;
  amount: Num;
}

/**
 * Splits a yearly reward budget over the lots in proportion to their actual contract amounts, to the 分,
 * so that the parts add up exactly: each lot gets its share rounded down to the 分, and the fen left over
 * go one each to the largest remainders (largest remainder method), ties by lot no. Exact integer
 * arithmetic in fen. Answers the shares in the input order; or, when the amounts give no proportion, why
 * (a negative amount at `contracts[lot].amount`, amounts adding up to 0 at `budget`).
 */
export function splitRewardBudget(budget: Num, contracts: ContractAmount[]): Checked<{ lot: string; share: string }[]> {
  const budgetFen = new D(budget).times(100).toDecimalPlaces(0, D.ROUND_HALF_UP);
  const amounts = contracts.map((c) => new D(c.amount));
  const negative = contracts.filter((_, i) => amounts[i].lt(0));
  if (negative.length) return { ok: false, errors: negative.map((c) => fieldError(`contracts[${c.lot}].amount`, 'nonNegative')) };
  // scale the amounts to integers so every step below is exact integer arithmetic
  const scale = new D(10).pow(Math.max(0, ...amounts.map((a) => a.decimalPlaces())));
  const units = amounts.map((a) => a.times(scale));
  const total = units.reduce((s, u) => s.plus(u), ZERO);
  if (contracts.length && total.isZero()) return { ok: false, errors: [fieldError('budget', 'contractAmountsZero')] };

  const parts = units.map((u, i) => {
    const numerator = budgetFen.times(u);
    const floor = numerator.divToInt(total);
    return { i, lot: String(contracts[i].lot), fen: floor, remainder: numerator.minus(floor.times(total)) };
  });
  let leftover = budgetFen.minus(parts.reduce((s, p) => s.plus(p.fen), ZERO)).toNumber();
  const byRemainder = [...parts].sort((a, b) => b.remainder.comparedTo(a.remainder) || byLotNo(a.lot, b.lot) || a.i - b.i);
  for (const p of byRemainder) {
    if (leftover <= 0) break;
    p.fen = p.fen.plus(1);
    leftover--;
  }
  return { ok: true, value: parts.map((p) => ({ lot: p.lot, share: p.fen.div(100).toFixed(2) })) };
}

// ---- repeated failures ----

export interface AssessmentRecord {
  insurer: string;
  year: number;
  passed: boolean;
  /** Only points-scheme fails count (DOMAIN.md §7); a record without kind is taken as points. */
  kind?: 'points' | 'deduction';
}

/**
 * Insurers that failed the points scheme in two or more different years: the flag is offered as a
 * deduction when they bid in the next tender. Sorted by insurer; years ascending.
 */
export function flagRepeatedFailures(history: AssessmentRecord[]): { insurer: string; failedYears: number[] }[] {
  const failures = new Map<string, Set<number>>();
  for (const r of history) {
    if (r.passed || (r.kind !== undefined && r.kind !== 'points')) continue;
    failures.set(r.insurer, (failures.get(r.insurer) ?? new Set<number>()).add(r.year));
  }
  return [...failures.entries()]
    .filter(([, years]) => years.size >= 2)
    .map(([insurer, years]) => ({ insurer, failedYears: [...years].sort((a, b) => a - b) }))
    .sort((a, b) => byCode(a.insurer, b.insurer));
}
