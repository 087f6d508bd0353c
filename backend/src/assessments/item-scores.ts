import { D, Dec } from '../domain/decimal';
import type { FieldError } from '../common/errors';
import { errorAt, failure, type Failure } from '../domain/validation';
import type { ItemRule, SchemeItem } from './assessment-scheme.entity';
import type { ItemInput, ItemScore } from '../domain/wire/assessments';
import { binaryPoints, caseDeductionPoints, judgementPoints, subItemPoints } from '../domain/assessments';

/**
 * An item score as a person enters it (on the API, in a self-assessment, in a row of the Excel template),
 * and as recorded: points (points scheme) or a deduction (deduction scheme) as a decimal string, with the
 * rule's input when the points were computed from it, and the assessor's note (domain/wire/assessments.ts).
 */
export type { ItemInput, ItemScore };

export interface ScoredScheme {
  kind: 'points' | 'deduction';
  items: SchemeItem[];
}

type RuleInput = 'met' | 'achieved' | 'cases';
const RULE_INPUTS: readonly RuleInput[] = ['met', 'achieved', 'cases'];
const RULE_INPUT: Record<ItemRule['kind'], RuleInput | null> = {
  binary: 'met',
  'k-of-n': 'achieved',
  'per-case-deduction': 'cases',
  judgement: null,
};
/** Scores are entered to at most two decimals (a judgement of 8.5, a deduction of 0.25). */
const DECIMAL = /^\d+(\.\d{1,2})?$/;
const given = (v: unknown) => v !== undefined && v !== null && v !== '';
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Checks entered item scores against a scheme and turns them into recorded scores. Every problem is
 * reported with its path (`at(index)` + field), and nothing is recorded unless there are none.
 *
 * Points scheme: an item takes either `points` or its rule's input (`met`, `achieved`, `cases`), from
 * which the points are computed by the item rule; `points` given directly must be a value the rule
 * can give (binary: 0 or max; k of n: a multiple of the sub-item points; per case: max less whole
 * cases; judgement: anything in 0..max). Deduction scheme: `deduction` ≥ 0 — above the item's weight
 * it is kept as recorded and capped when the score is computed (DOMAIN.md §7).
 */
export function scoreItems(
  scheme: ScoredScheme,
  inputs: ItemInput[],
  at: (index: number) => string,
): { scores: ItemScore[]; errors: FieldError[] } {
  const byNo = new Map(scheme.items.map((i) => [i.no, i]));
  const seen = new Set<string>();
  const scores: ItemScore[] = [];
  const errors: FieldError[] = [];
  inputs.forEach((input, index) => {
    const report: Report = (field, f) => errors.push(errorAt(`${at(index)}.${field}`, f));
    const no = String(input.no ?? '').trim();
    const item = byNo.get(no);
    if (!item) return report('no', failure('noSuchItem', { no }));
    if (seen.has(no)) return report('no', failure('itemTwice', { no }));
    seen.add(no);
    const note = input.note?.trim() ? { note: input.note.trim() } : {};
    const before = errors.length;
    if (scheme.kind === 'deduction') {
      for (const field of ['points', ...RULE_INPUTS] as const) {
        if (given(input[field])) report(field, failure('deductionsOnly'));
      }
      const deduction = decimal(input.deduction, 'deduction', report);
      if (deduction && errors.length === before) scores.push({ no, deduction: deduction.toString(), ...note });
      return;
    }
    if (given(input.deduction)) report('deduction', failure('pointsOnly'));
    const rule = item.rule ?? { kind: 'judgement' };
    const ruleInput = RULE_INPUT[rule.kind];
    for (const field of RULE_INPUTS) {
      if (field !== ruleInput && given(input[field])) report(field, failure('ruleInput', { no, rule: rule.kind, field }));
    }
    const fromRule = ruleInput !== null && given(input[ruleInput]);
    if (fromRule && given(input.points)) return report('points', failure('pointsOrInput', { input: ruleInput! }));
    const points = fromRule ? rulePoints(rule, item.max, input, report) : enteredPoints(rule, item.max, input.points, report);
    if (points && errors.length === before) {
      scores.push({ no, points: points.toString(), ...(fromRule && { [ruleInput!]: input[ruleInput!] }), ...note });
    }
  });
  return { scores, errors };
}

/** Recorded scores with `updates` replacing those of the same items, in the scheme's item order. */
export function mergeScores(scheme: ScoredScheme, current: ItemScore[], updates: ItemScore[]): ItemScore[] {
  const merged = new Map(current.map((s) => [s.no, s]));
  for (const u of updates) merged.set(u.no, u);
  return scheme.items.flatMap((i) => merged.get(i.no) ?? []);
}

type Report = (field: string, f: Failure) => void;

function decimal(value: unknown, field: string, report: Report): Dec | undefined {
  if (!given(value)) {
    report(field, failure('required'));
    return undefined;
  }
  const text = typeof value === 'number' ? (Number.isFinite(value) ? new D(value).toString() : '') : String(value).trim();
  if (text.startsWith('-')) {
    report(field, failure('nonNegative'));
    return undefined;
  }
  if (!DECIMAL.test(text)) {
    report(field, failure('twoDecimals'));
    return undefined;
  }
  return new D(text);
}

function enteredPoints(rule: ItemRule, max: string, value: unknown, report: Report): Dec | undefined {
  const points = decimal(value, 'points', report);
  if (!points) return undefined;
  if (points.gt(max)) {
    report('points', failure('atMost', { max: new D(max).toString(), of: 'itemMax' }));
    return undefined;
  }
  const possible = possiblePoints(rule, max);
  if (possible && !possible.some((p) => p.eq(points))) {
    report('points', failure('rulePoints', { values: possible.map((p) => p.toString()) }));
    return undefined;
  }
  return judgementPoints(points.toString(), max);
}

/** The values an item rule can give; null when any value in 0..max can be given (judgement). */
function possiblePoints(rule: ItemRule, max: string): Dec[] | null {
  switch (rule.kind) {
    case 'binary':
      return [binaryPoints(max, false), binaryPoints(max, true)];
    case 'k-of-n':
      return [...new Set(range(rule.n + 1).map((k) => subItemPoints(k, rule.n, rule.pointsEach, max).toString()))].map((p) => new D(p));
    case 'per-case-deduction': {
      const cases = new D(max).div(rule.perCase).ceil().toNumber();
      return range(cases + 1).map((c) => caseDeductionPoints(max, c, rule.perCase));
    }
    default:
      return null;
  }
}

function rulePoints(rule: ItemRule, max: string, input: ItemInput, report: Report): Dec | undefined {
  switch (rule.kind) {
    case 'binary':
      if (typeof input.met !== 'boolean') return void report('met', failure('boolean'));
      return binaryPoints(max, input.met);
    case 'k-of-n':
      if (!Number.isInteger(input.achieved) || input.achieved! < 0 || input.achieved! > rule.n) {
        return void report('achieved', failure('integer', { min: 0, max: rule.n }));
      }
      return subItemPoints(input.achieved!, rule.n, rule.pointsEach, max);
    case 'per-case-deduction':
      if (!Number.isInteger(input.cases) || input.cases! < 0) return void report('cases', failure('integer', { min: 0 }));
      return caseDeductionPoints(max, input.cases!, rule.perCase);
    default:
      return undefined;
  }
}
