import fc from 'fast-check';
import { D } from '../decimal';
import type { Criterion, Facts, Rule } from '../dossier/dossier.types';
import { criterionScore, objectiveScore, ruleMaximum } from './rule-engine';

const score = (rule: Rule, facts: Facts = {}): string => objectiveScore(rule, facts).toString();

describe('objectiveScore', () => {
  it('perUnit: points × fact, at most cap (each A rating 1 point, max 4)', () => {
    const rule: Rule = { type: 'perUnit', fact: 'aRatings', points: '1', cap: '4' };
    expect(score(rule, { aRatings: 3 })).toBe('3');
    expect(score(rule, { aRatings: 7 })).toBe('4');
    expect(score({ type: 'perUnit', fact: 'x', points: 0.5 }, { x: 9 })).toBe('4.5'); // no cap
    expect(score({ type: 'perUnit', fact: 'm', points: '0.2', cap: 1 }, { m: 4 })).toBe('0.8'); // exact, no float drift
  });

  it('bands: the first band that holds, else the else points (solvency ≥200 → 2, 150–200 → 1)', () => {
    const rule: Rule = {
      type: 'bands',
      fact: 'solvencyRatio',
      bands: [
        { min: 200, points: 2 },
        { min: '150', points: '1' },
      ],
      else: 0,
    };
    expect(score(rule, { solvencyRatio: 200 })).toBe('2');
    expect(score(rule, { solvencyRatio: 199.99 })).toBe('1');
    expect(score(rule, { solvencyRatio: 150 })).toBe('1');
    expect(score(rule, { solvencyRatio: 149.9 })).toBe('0');
  });

  it('bands: gt, max and lt conditions; no else means 0', () => {
    const gt: Rule = {
      type: 'bands',
      fact: 'yi',
      bands: [
        { gt: '10', points: '2' },
        { gt: '1', points: '1' },
      ],
    };
    expect(score(gt, { yi: 10 })).toBe('1');
    expect(score(gt, { yi: 10.01 })).toBe('2');
    expect(score(gt, { yi: 1 })).toBe('0');
    const max: Rule = {
      type: 'bands',
      fact: 'c',
      bands: [
        { max: 1, points: 6 },
        { max: 2, points: 4 },
      ],
      else: '0',
    };
    expect(score(max, { c: 1 })).toBe('6');
    expect(score(max, { c: 1.5 })).toBe('4');
    expect(score(max, { c: 2.1 })).toBe('0');
    const lt: Rule = { type: 'bands', fact: 'c', bands: [{ lt: 1, points: 3 }], else: 1 };
    expect(score(lt, { c: 0.99 })).toBe('3');
    expect(score(lt, { c: 1 })).toBe('1');
  });

  it('deductPerUnit: from − per × fact, never below 0 (6 − 2 per penalty)', () => {
    const rule: Rule = { type: 'deductPerUnit', fact: 'penalties', from: '6', per: '2' };
    expect(score(rule, { penalties: 0 })).toBe('6');
    expect(score(rule, { penalties: 2 })).toBe('2');
    expect(score(rule, { penalties: 3 })).toBe('0');
    expect(score(rule, { penalties: 10 })).toBe('0');
  });

  it('boolean and const', () => {
    expect(score({ type: 'boolean', fact: 'commitment', points: '2' }, { commitment: true })).toBe('2');
    expect(score({ type: 'boolean', fact: 'commitment', points: '2' }, { commitment: false })).toBe('0');
    expect(score({ type: 'const', points: 4 })).toBe('4');
  });

  it('gate: the inner rule only when fact ≥ min', () => {
    const rule: Rule = { type: 'gate', fact: 'staff', min: '0', then: { type: 'const', points: '4' } };
    expect(score(rule, { staff: -1 })).toBe('0');
    expect(score(rule, { staff: 0 })).toBe('4');
    expect(score(rule, {})).toBe('4'); // missing = 0, and 0 ≥ 0
  });

  it('sum with and without cap', () => {
    const parts: Rule[] = [
      { type: 'perUnit', fact: 'cities', points: 1, cap: 4 },
      { type: 'perUnit', fact: 'counties', points: 0.5, cap: 4 },
    ];
    expect(score({ type: 'sum', parts, cap: 4 }, { cities: 3, counties: 5 })).toBe('4');
    expect(score({ type: 'sum', parts }, { cities: 3, counties: 5 })).toBe('5.5');
  });

  it('missing numeric fact = 0, missing boolean = false', () => {
    expect(score({ type: 'perUnit', fact: 'n', points: 1 })).toBe('0');
    expect(score({ type: 'deductPerUnit', fact: 'n', from: 6, per: 2 })).toBe('6');
    expect(score({ type: 'boolean', fact: 'b', points: 2 })).toBe('0');
  });

  it('Ningbo criterion 20 (staffing), computed by hand: gate → 4 + 0.5 + (2 + 1) + 2 = 9.5', () => {
    const rule: Rule = {
      type: 'gate',
      fact: 'staffAboveMinimum',
      min: '0',
      then: {
        type: 'sum',
        parts: [
          { type: 'const', points: '4' },
          { type: 'perUnit', fact: 'staffAboveMinimum', points: '0.5', cap: '1' },
          {
            type: 'gate',
            fact: 'medicalAboveHalf',
            min: '0',
            then: {
              type: 'sum',
              parts: [
                { type: 'const', points: '2' },
                { type: 'perUnit', fact: 'medicalAboveHalf', points: '0.5', cap: '1' },
              ],
            },
          },
          { type: 'boolean', fact: 'onboardWithinMonth', points: '2' },
        ],
      },
    };
    expect(score(rule, { staffAboveMinimum: 1, medicalAboveHalf: 2, onboardWithinMonth: true })).toBe('9.5');
    expect(score(rule, { staffAboveMinimum: -2, medicalAboveHalf: 2, onboardWithinMonth: true })).toBe('0');
  });
});

describe('criterionScore', () => {
  it('caps the rule result at the criterion max', () => {
    const c: Criterion = { no: '6', category: 'x', name: 'x', max: '3', kind: 'objective', rule: { type: 'const', points: 5 } };
    expect(criterionScore(c).toString()).toBe('3');
  });
});

describe('ruleMaximum', () => {
  it('is the best case of each rule', () => {
    expect(ruleMaximum({ type: 'perUnit', fact: 'a', points: 1, cap: 4 }).toString()).toBe('4');
    expect(ruleMaximum({ type: 'perUnit', fact: 'a', points: 1 }).isFinite()).toBe(false);
    expect(
      ruleMaximum({
        type: 'bands',
        fact: 'a',
        bands: [
          { min: 1, points: 2 },
          { min: 0, points: 6 },
        ],
        else: 1,
      }).toString(),
    ).toBe('6');
    expect(ruleMaximum({ type: 'deductPerUnit', fact: 'a', from: 6, per: 2 }).toString()).toBe('6');
    expect(ruleMaximum({ type: 'boolean', fact: 'a', points: '2' }).toString()).toBe('2');
    expect(ruleMaximum({ type: 'gate', fact: 'a', min: 1, then: { type: 'const', points: 3 } }).toString()).toBe('3');
    expect(
      ruleMaximum({
        type: 'sum',
        parts: [
          { type: 'const', points: 3 },
          { type: 'boolean', fact: 'b', points: 2 },
        ],
        cap: 4,
      }).toString(),
    ).toBe('4');
  });
});

// ---- properties ----

const FACTS = ['a', 'b', 'c'];
const points = fc.integer({ min: 0, max: 40 }).map((n) => (n / 4).toString()); // 0..10 step 0.25, as strings
const numberish = fc.oneof(points, points.map(Number));
const band = fc.oneof(
  fc.record({ min: numberish, points }),
  fc.record({ gt: numberish, points }),
  fc.record({ max: numberish, points }),
  fc.record({ lt: numberish, points }),
);
const { rule } = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      type: fc.constant('perUnit' as const),
      fact: fc.constantFrom(...FACTS),
      points: numberish,
      cap: fc.option(numberish, { nil: undefined }),
    }),
    fc.record({
      type: fc.constant('bands' as const),
      fact: fc.constantFrom(...FACTS),
      bands: fc.array(band, { maxLength: 4 }),
      else: numberish,
    }),
    fc.record({ type: fc.constant('deductPerUnit' as const), fact: fc.constantFrom(...FACTS), from: numberish, per: numberish }),
    fc.record({ type: fc.constant('boolean' as const), fact: fc.constantFrom(...FACTS), points: numberish }),
    fc.record({ type: fc.constant('const' as const), points: numberish }),
    fc.record({ type: fc.constant('gate' as const), fact: fc.constantFrom(...FACTS), min: numberish, then: tie('rule') }),
    fc.record({
      type: fc.constant('sum' as const),
      parts: fc.array(tie('rule'), { maxLength: 4 }),
      cap: fc.option(numberish, { nil: undefined }),
    }),
  ) as fc.Arbitrary<Rule>,
}));
const facts: fc.Arbitrary<Facts> = fc.dictionary(
  fc.constantFrom(...FACTS),
  fc.oneof(fc.boolean(), fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 50, noNaN: true })),
);

describe('rule engine properties', () => {
  it('no criterion exceeds its max, nor goes below 0', () => {
    fc.assert(
      fc.property(rule, facts, points, (r, f, max) => {
        const s = criterionScore({ no: '1', category: 'x', name: 'x', max, kind: 'objective', rule: r }, f);
        return s.gte(0) && s.lte(new D(max));
      }),
    );
  });

  it('a rule never awards more than ruleMaximum for non-negative facts', () => {
    fc.assert(fc.property(rule, facts, (r, f) => objectiveScore(r, f).lte(ruleMaximum(r))));
  });
});
