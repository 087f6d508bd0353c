/**
 * Objective criteria (客观分): points computed from a bidder's verified facts by a declared RULE
 * (DOSSIER.md "RULE"). Every expert gets the same result, so the panel can check their sheets against it.
 */
import { D, Dec, larger, smaller } from '../decimal';
import type { Band, Criterion, Facts, Num, Rule } from '../dossier/dossier.types';

const ZERO = new D(0);
const ONE = new D(1);

/** Rule numbers may be strings or numbers; an absent optional number counts as 0. */
export const amount = (v: Num | null | undefined): Dec => (v === undefined || v === null || v === '' ? ZERO : decimalOf(v));

/**
 * The decimal of a rule's figure or a fact, read once: the same few values recur in every bid's scoring
 * (a scheme's points and bands, facts such as counts), and reading them with decimal.js again each time
 * was most of the objective scoring. Decimals are immutable, so callers may share one. Bounded; -0 is
 * not kept, since a Map takes it for 0.
 */
const read = new Map<string | number, Dec>();
function decimalOf(v: string | number): Dec {
  let d = read.get(v);
  if (d === undefined) {
    d = new D(v);
    if (Object.is(v, -0)) return d;
    if (read.size >= 4096) read.clear();
    read.set(v, d);
  }
  return d;
}

/**
 * A numeric fact. Missing counts as 0 (DOSSIER.md). A boolean stored where a number is expected reads
 * as 1/0, and a numeric string is accepted, so a slightly mis-typed import still scores predictably.
 */
export function numericFact(facts: Facts | undefined, name: string): Dec {
  const v: unknown = facts?.[name];
  if (typeof v === 'boolean') return v ? ONE : ZERO;
  if (typeof v === 'number') return Number.isFinite(v) ? decimalOf(v) : ZERO;
  if (typeof v === 'string') {
    try {
      const d = decimalOf(v);
      return d.isFinite() ? d : ZERO;
    } catch {
      return ZERO;
    }
  }
  return ZERO;
}

/** A boolean fact: only `true` counts (missing = false). */
export const booleanFact = (facts: Facts | undefined, name: string): boolean => facts?.[name] === true;

/** At most `cap`, when a cap is declared. */
const capAt = (value: Dec, cap: Num | null | undefined): Dec => (cap == null ? value : smaller(value, amount(cap)));

/** fact ≥ min, > gt, ≤ max, < lt. */
export function bandHolds(band: Band, x: Dec): boolean {
  if (band.min != null) return x.gte(amount(band.min));
  if (band.gt != null) return x.gt(amount(band.gt));
  if (band.max != null) return x.lte(amount(band.max));
  return x.lt(amount(band.lt));
}

/** The points a rule awards for these facts (not yet capped at the criterion's max). */
export function objectiveScore(rule: Rule, facts?: Facts): Dec {
  switch (rule.type) {
    case 'perUnit': // e.g. each A rating 1 point, at most 4
      return capAt(amount(rule.points).times(numericFact(facts, rule.fact)), rule.cap);
    case 'bands': {
      // the first band that holds wins, so bands are read in the order the scheme lists them
      const x = numericFact(facts, rule.fact);
      const band = rule.bands.find((b) => bandHolds(b, x));
      return band ? amount(band.points) : amount(rule.else);
    }
    case 'deductPerUnit': // e.g. 6 − 2 per penalty, never below 0
      return larger(ZERO, amount(rule.from).minus(amount(rule.per).times(numericFact(facts, rule.fact))));
    case 'boolean':
      return booleanFact(facts, rule.fact) ? amount(rule.points) : ZERO;
    case 'const':
      return amount(rule.points);
    case 'gate':
      return numericFact(facts, rule.fact).gte(amount(rule.min)) ? objectiveScore(rule.then, facts) : ZERO;
    case 'sum':
      return capAt(
        rule.parts.reduce((total, part) => total.plus(objectiveScore(part, facts)), ZERO),
        rule.cap,
      );
    default:
      throw new Error(`unknown rule type: ${(rule as { type?: unknown }).type}`);
  }
}

/**
 * The most a rule can award for non-negative facts (Infinity for an uncapped perUnit), so a scheme
 * editor can check a criterion's rule against its declared max.
 */
export function ruleMaximum(rule: Rule): Dec {
  switch (rule.type) {
    case 'perUnit': {
      const points = amount(rule.points);
      if (points.lte(0)) return ZERO; // best case is fact = 0
      return rule.cap == null ? new D(Infinity) : D.max(ZERO, amount(rule.cap));
    }
    case 'bands':
      return rule.bands.reduce((best, b) => D.max(best, amount(b.points)), amount(rule.else));
    case 'deductPerUnit':
      return D.max(ZERO, amount(rule.from)); // with no penalty at all
    case 'boolean':
      return D.max(ZERO, amount(rule.points));
    case 'const':
      return amount(rule.points);
    case 'gate':
      return D.max(ZERO, ruleMaximum(rule.then));
    case 'sum': {
      const total = rule.parts.reduce((sum, part) => sum.plus(ruleMaximum(part)), ZERO);
      return rule.cap == null ? total : D.min(total, amount(rule.cap));
    }
    default:
      throw new Error(`unknown rule type: ${(rule as { type?: unknown }).type}`);
  }
}

export type FactKind = 'number' | 'boolean';

/** The facts a rule reads, each with how it reads it and where, in the order the rule names them. */
export function factUses(rule: Rule, path: PropertyKey[] = []): { fact: string; kind: FactKind; path: PropertyKey[] }[] {
  const own =
    'fact' in rule
      ? [{ fact: rule.fact, kind: (rule.type === 'boolean' ? 'boolean' : 'number') as FactKind, path: [...path, 'fact'] }]
      : [];
  if (rule.type === 'gate') return [...own, ...factUses(rule.then, [...path, 'then'])];
  if (rule.type === 'sum') return rule.parts.flatMap((part, i) => factUses(part, [...path, 'parts', i]));
  return own;
}

/** A criterion's score always lies in 0..max (DOSSIER.md: "never exceeds its max"; negative facts give 0). */
export const withinCriterion = (value: Dec, max: Num): Dec => smaller(larger(value, ZERO), amount(max));

/** The points of an objective criterion for one bid: the rule's result, kept within 0..max. */
export function criterionScore(criterion: Criterion, facts?: Facts): Dec {
  if (!criterion.rule) return ZERO;
  return withinCriterion(objectiveScore(criterion.rule, facts), criterion.max);
}

/** A fact's value as a key: strings quoted, so that "1" and 1 and true stay apart, and -0 apart from 0. */
const factKey = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : Object.is(v, -0) ? '-0' : String(v));

/**
 * criterionScore for the bids of a lot, one after another: the points depend only on the facts the
 * rule reads, and a lot's bids repeat a few values of each (counts, yes or no), so each combination of
 * them is scored once.
 */
export function criterionScorer(criterion: Criterion): (facts?: Facts) => Dec {
  const read = criterion.rule ? [...new Set(factUses(criterion.rule).map((use) => use.fact))] : [];
  const scored = new Map<string, Dec>();
  return (facts) => {
    // most rules read one fact: its key alone, without a list to join
    const key = read.length === 1 ? factKey(facts?.[read[0]]) : read.map((fact) => factKey(facts?.[fact])).join('|');
    let points = scored.get(key);
    if (points === undefined) scored.set(key, (points = criterionScore(criterion, facts)));
    return points;
  };
}
