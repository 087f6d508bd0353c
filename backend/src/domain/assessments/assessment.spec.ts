import fc from 'fast-check';
import { D } from '../decimal';
import type { AssessmentScheme, DossierAssessment } from '../dossier/dossier.types';
import {
  binaryPoints,
  caseDeductionPoints,
  evaluateAssessment,
  flagRepeatedFailures,
  itemPoints,
  judgementPoints,
  ruleInputFor,
  splitRewardBudget,
  subItemPoints,
} from './assessment';
import { fieldError, renderError } from '../errors';

/** The shares of a split that gives a proportion. */
function shares(...args: Parameters<typeof splitRewardBudget>) {
  const split = splitRewardBudget(...args);
  if (!split.ok) throw new Error(JSON.stringify(split.errors));
  return split.value;
}

/** Shenyang-style points scheme: 10 items × 10 points = 100, pass at 85. */
const points: AssessmentScheme = {
  code: 'SY',
  name: '大病保险考核',
  kind: 'points',
  passMark: '85',
  failDeductionRate: '0.005',
  items: Array.from({ length: 10 }, (_, i) => ({ no: String(i + 1), name: `第${i + 1}项`, max: '10' })),
};

/** Ningbo-style deduction scheme: 100 base, items weighted 40 + 30 + 30. */
const deduction: AssessmentScheme = {
  code: 'NB',
  name: '绩效考核',
  kind: 'deduction',
  bands: [
    { min: '60', grade: '较差', rewardRate: '0' }, // listed out of order on purpose: bands are sorted by min
    { min: '90', grade: '优秀', rewardRate: '1.00' },
    { min: '80', grade: '良好', rewardRate: '0.80' },
    { min: '70', grade: '合格', rewardRate: '0.60' },
    { min: '0', grade: '不合格', rewardRate: '0', terminate: true },
  ],
  items: [
    { no: '1', name: '经办', max: '40' },
    { no: '2', name: '审核', max: '30' },
    { no: '3', name: '满意度', max: '30' },
  ],
};

/** Spreads `amount` over the items in order, each up to its max, so any total can be reached. */
const spread = (scheme: AssessmentScheme, amount: string): { no: string; value: string }[] => {
  let left = new D(amount);
  return scheme.items.map((i) => {
    const value = D.min(left, i.max);
    left = left.minus(value);
    return { no: i.no, value: value.toString() };
  });
};
/** A points assessment scoring `total`. */
const scoredAt = (total: string): DossierAssessment => ({
  lot: '1',
  year: 2023,
  scheme: 'SY',
  operatingCost: '1234567.89',
  items: spread(points, total).map(({ no, value }) => ({ no, points: value })),
});
/** A deduction assessment scoring `total`. */
const deducted = (total: string): DossierAssessment => ({
  lot: '1',
  year: 2023,
  scheme: 'NB',
  maxReward: '500000.00',
  items: spread(deduction, new D(100).minus(total).toString()).map(({ no, value }) => ({ no, deduction: value })),
});

/** Four of the Shenyang item rules (seed 000): binary, k of n, per case, judgement. */
const ruled: AssessmentScheme = {
  code: 'SY-4',
  name: '大病保险考核（节选）',
  kind: 'points',
  passMark: '85',
  failDeductionRate: '0.005',
  items: [
    { no: '2', name: '组织机构', max: '4', rule: { kind: 'binary' } },
    { no: '3', name: '服务团队', max: '10', rule: { kind: 'k-of-n', n: 2, pointsEach: '5' } },
    { no: '16', name: '投诉处理', max: '10', rule: { kind: 'per-case-deduction', perCase: '1' } },
    { no: '17', name: '参与医保基金监管情况', max: '10', rule: { kind: 'judgement' } },
  ],
};

describe('item rules (ITEM_RULE)', () => {
  it('gives each item its points from its rule’s input', () => {
    const [binary, kOfN, perCase, judgement] = ruled.items;
    expect(String(itemPoints(binary, { met: true }))).toBe('4');
    expect(String(itemPoints(binary, { met: false }))).toBe('0');
    expect(String(itemPoints(kOfN, { achieved: 1 }))).toBe('5');
    expect(String(itemPoints(perCase, { cases: 3 }))).toBe('7');
    expect(String(itemPoints(perCase, { cases: 12 }))).toBe('0'); // floor of 0
    expect(String(itemPoints(judgement, { points: '8.5' }))).toBe('8.5');
    expect(itemPoints(binary, {})).toBeUndefined();
  });

  it('results carry each item’s score in the scheme’s order, and the total is their sum', () => {
    const result = evaluateAssessment(ruled, {
      lot: '1',
      year: 2023,
      scheme: 'SY-4',
      operatingCost: '1000000.00',
      items: [
        { no: '17', points: '8.5' },
        { no: '16', cases: 2 },
        { no: '3', achieved: 2 },
        { no: '2', met: false },
      ],
    });
    expect(result).toMatchObject({ score: '26.50', passed: false, deductionAmount: '5000.00', errors: [] });
    expect(result.items).toEqual([
      { no: '2', score: '0.00' },
      { no: '3', score: '10.00' },
      { no: '16', score: '8.00' },
      { no: '17', score: '8.50' },
    ]);
  });

  it('writes points entered directly as the input its rule takes, which gives them back', () => {
    const [binary, kOfN, perCase, judgement] = ruled.items;
    expect(ruleInputFor(binary, '4')).toEqual({ met: true });
    expect(ruleInputFor(binary, '0')).toEqual({ met: false });
    expect(ruleInputFor(kOfN, '5.00')).toEqual({ achieved: 1 });
    expect(ruleInputFor(perCase, '7')).toEqual({ cases: 3 });
    expect(ruleInputFor(perCase, '0')).toEqual({ cases: 10 });
    expect(ruleInputFor(judgement, '8.5')).toEqual({ points: '8.5' });
    const possible: [(typeof ruled.items)[number], string[]][] = [
      [binary, ['0', '4']],
      [kOfN, ['0', '5', '10']],
      [perCase, ['0', '1', '5', '9', '10']],
      [judgement, ['0', '3.25', '10']],
    ];
    for (const [item, values] of possible) {
      for (const p of values) expect(String(itemPoints(item, ruleInputFor(item, p)))).toBe(p);
    }
  });

  it('a deduction scheme’s items score their deduction capped at the weight', () => {
    const result = evaluateAssessment(deduction, {
      ...deducted('100'),
      items: [
        { no: '1', deduction: '45' },
        { no: '3', deduction: '2.5' },
      ],
    });
    expect(result.items).toEqual([
      { no: '1', score: '40.00' },
      { no: '2', score: '0.00' },
      { no: '3', score: '2.50' },
    ]);
    expect(result.score).toBe('57.50');
  });
});

describe('points scheme', () => {
  it('passes at 85 inclusive; 84.9 fails and withholds 0.5% of the operating cost, half-up to the 分', () => {
    expect(evaluateAssessment(points, scoredAt('95'))).toMatchObject({
      score: '95.00',
      passed: true,
      grade: '达标',
      deductionAmount: '0.00',
      rewardRate: null,
    });
    expect(evaluateAssessment(points, scoredAt('85'))).toMatchObject({ score: '85.00', passed: true, deductionAmount: '0.00' });
    const below = evaluateAssessment(points, scoredAt('84.9'));
    expect(below).toMatchObject({ score: '84.90', passed: false, grade: '不达标', deductionAmount: '6172.84', errors: [] }); // 1,234,567.89 × 0.005 = 6172.83945
  });

  it('keeps each item within 0..max and reports it; an unrecorded item scores 0', () => {
    const r = evaluateAssessment(points, {
      lot: '1',
      year: 2023,
      scheme: 'SY',
      operatingCost: '100',
      items: [
        { no: '1', points: '12' },
        { no: '2', points: '-1' },
        { no: '99', points: '5' },
      ],
    });
    expect(r.score).toBe('10.00');
    expect(r.deductionAmount).toBe('0.50');
    expect(r.errors).toEqual([
      fieldError('items[99].no', 'noSuchItem', { no: '99' }),
      fieldError('items[1].points', 'itemPointsRange', { no: '1', value: '12', max: '10' }),
      fieldError('items[2].points', 'itemPointsRange', { no: '2', value: '-1', max: '10' }),
    ]);
    expect(r.errors.map((e) => renderError(e.code, e.params, 'zh'))).toEqual([
      '考核方案中没有第“99”项',
      '第1项得分12超出0至10的范围',
      '第2项得分-1超出0至10的范围',
    ]);
  });

  it('reports a fail without an operating cost', () => {
    const r = evaluateAssessment(points, { lot: '1', year: 2023, scheme: 'SY', items: [] });
    expect(r).toMatchObject({
      passed: false,
      deductionAmount: '0.00',
      errors: [fieldError('operatingCost', 'operatingCostMissing')],
    });
  });
});

describe('deduction scheme with grade bands', () => {
  it.each([
    ['100', '优秀', '1.00', '500000.00', true, false],
    ['90', '优秀', '1.00', '500000.00', true, false],
    ['89.9', '良好', '0.80', '400000.00', true, false],
    ['80', '良好', '0.80', '400000.00', true, false],
    ['79.9', '合格', '0.60', '300000.00', true, false],
    ['70', '合格', '0.60', '300000.00', true, false],
    ['69.9', '较差', '0.00', '0.00', false, false],
    ['60', '较差', '0.00', '0.00', false, false],
    ['59.9', '不合格', '0.00', '0.00', false, true],
  ])('score %s → %s, rate %s, reward %s, passed %s, terminate %s', (score, grade, rate, reward, passed, terminate) => {
    expect(evaluateAssessment(deduction, deducted(score))).toMatchObject({
      score: new D(score).toFixed(2),
      grade,
      rewardRate: rate,
      rewardAmount: reward,
      passed,
      terminate,
      deductionAmount: '0.00',
      errors: [],
    });
  });

  it('counts each deduction at most up to its item’s weight (Ningbo example: 2 + 3.5 + 1 → 93.5)', () => {
    const r = evaluateAssessment(deduction, {
      lot: '1',
      year: 2023,
      scheme: 'NB',
      maxReward: '500000.00',
      items: [
        { no: '1', deduction: '55' },
        { no: '2', deduction: 2 },
      ],
    });
    expect(r.score).toBe('58.00'); // 100 − (40 + 2)
    expect(r.terminate).toBe(true);
    const nb = evaluateAssessment(
      deduction,
      {
        lot: '1',
        year: 2023,
        scheme: 'NB',
        items: [
          { no: '1', deduction: '2' },
          { no: '2', deduction: '3.5' },
          { no: '3', deduction: '1' },
        ],
      },
      { no: '1', rewardBudget: '500000.00' },
    );
    expect(nb).toMatchObject({ score: '93.50', grade: '优秀', rewardAmount: '500000.00' }); // reward from the lot's budget
  });

  it('notes what the bureau must fix as codes of the catalogue at their fields, said in Chinese', () => {
    const r = evaluateAssessment(
      { ...deduction, bands: [{ min: '80', grade: '良好', rewardRate: '0.5' }] },
      {
        lot: '1',
        year: 2023,
        scheme: 'OTHER',
        items: [
          { no: '1', deduction: 'x' as never },
          { no: '2', deduction: '-1' },
          { no: '3', deduction: '30' },
          { no: '3', deduction: '25' },
        ],
      },
    );
    expect(r.errors).toEqual([
      fieldError('scheme', 'assessmentSchemeNamed', { scheme: 'OTHER', used: 'NB' }),
      fieldError('items[1].deduction', 'number'),
      fieldError('items[3].no', 'itemTwice', { no: '3' }),
      fieldError('items[2].deduction', 'negativeDeduction', { no: '2', value: '-1' }),
      fieldError('scheme.bands', 'belowGradeBands', { score: '70' }),
      fieldError('maxReward', 'noMaxReward'),
    ]);
    expect(r.errors.map((e) => renderError(e.code, e.params, 'zh'))).toEqual([
      '考核指定的方案为OTHER，实际按NB计算',
      '必须是数字或十进制数字字符串',
      '第3项重复录入',
      '第2项扣分-1为负数（按0计）',
      '得分70低于所有考核等级的下限',
      '本标包未设绩效考核奖励上限，无法计算奖励金额',
    ]);
  });

  it('rounds the reward half-up to the 分', () => {
    expect(evaluateAssessment(deduction, { ...deducted('85'), maxReward: '333333.33' }).rewardAmount).toBe('266666.66'); // × 0.8 = 266666.664
    expect(evaluateAssessment(deduction, { ...deducted('75'), maxReward: '0.25' }).rewardAmount).toBe('0.15'); // × 0.6 = 0.15
    expect(evaluateAssessment(deduction, { ...deducted('75'), maxReward: '0.01' }).rewardAmount).toBe('0.01'); // 0.006 → 0.01
  });
});

describe('points-scheme item rules', () => {
  it('binary, k of n sub-items, deduction per case with a floor, judgement', () => {
    expect(binaryPoints(4, true).toString()).toBe('4');
    expect(binaryPoints(4, false).toString()).toBe('0');
    expect(subItemPoints(3, 5, '2', 10).toString()).toBe('6');
    expect(subItemPoints(7, 5, '2', 10).toString()).toBe('10'); // never more sub-items than there are
    expect(subItemPoints(3, 5, '1.5', 4).toString()).toBe('4'); // never above max
    expect(caseDeductionPoints(5, 2, '1').toString()).toBe('3');
    expect(caseDeductionPoints(5, 9, '1').toString()).toBe('0');
    expect(judgementPoints('7.5', 10).toString()).toBe('7.5');
    expect(judgementPoints('12', 10).toString()).toBe('10');
  });
});

describe('splitRewardBudget', () => {
  it('splits in proportion to the contract amounts, to the 分, adding up exactly', () => {
    const parts = shares('1000000', [
      { lot: '1', amount: '5434159.40' },
      { lot: '2', amount: '2935817.23' },
      { lot: '3', amount: '2281663.41' },
    ]);
    expect(parts.reduce((s, p) => s.plus(p.share), new D(0)).toFixed(2)).toBe('1000000.00');
    // exact shares 510,171.1454…, 275,621.1455…, 214,207.7089…: floors leave 2 分, which go to the largest
    // remainders (lots 3 and 2). Rounding each share half-up instead would add up to 1,000,000.01.
    expect(parts.map((p) => p.share)).toEqual(['510171.14', '275621.15', '214207.71']);
  });

  it('gives the leftover fen to the largest remainders, ties by lot no', () => {
    expect(
      shares('1.00', [
        { lot: '2', amount: 1 },
        { lot: '10', amount: 1 },
        { lot: '1', amount: 1 },
      ]).map((p) => p.share),
    ).toEqual(['0.33', '0.33', '0.34']); // lot 1 gets the extra 分 (lot no order 1 < 2 < 10)
    expect(
      shares('0.02', [
        { lot: '1', amount: 1 },
        { lot: '2', amount: 1 },
        { lot: '3', amount: 1 },
      ]).map((p) => p.share),
    ).toEqual(['0.01', '0.01', '0.00']);
  });

  it('refuses amounts that give no proportion, naming them by a code of the catalogue', () => {
    expect(splitRewardBudget('100', [{ lot: '1', amount: 0 }])).toEqual({
      ok: false,
      errors: [fieldError('budget', 'contractAmountsZero')],
    });
    expect(
      splitRewardBudget('100', [
        { lot: '1', amount: '10' },
        { lot: '2', amount: '-1' },
      ]),
    ).toEqual({ ok: false, errors: [fieldError('contracts[2].amount', 'nonNegative')] });
    expect(fieldError('budget', 'contractAmountsZero').message).toContain('合同金额合计为0');
  });

  it('always adds up exactly and gives each lot its floor or one 分 more (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 6 }).filter((a) => a.some((x) => x > 0)),
        (budgetFen, amountsFen) => {
          const budget = new D(budgetFen).div(100);
          const contracts = amountsFen.map((a, i) => ({ lot: String(i + 1), amount: new D(a).div(100).toFixed(2) }));
          const parts = shares(budget.toFixed(2), contracts);
          const total = amountsFen.reduce((s, a) => s + a, 0);
          expect(parts.reduce((s, p) => s.plus(p.share), new D(0)).eq(budget)).toBe(true);
          parts.forEach((p, i) => {
            const exact = budget.times(amountsFen[i]).div(total);
            expect(new D(p.share).minus(exact).abs().lt('0.01')).toBe(true);
          });
        },
      ),
    );
  });
});

describe('flagRepeatedFailures', () => {
  it('flags insurers failing the points scheme in two or more years', () => {
    expect(
      flagRepeatedFailures([
        { insurer: 'B', year: 2023, passed: false },
        { insurer: 'A', year: 2023, passed: false },
        { insurer: 'A', year: 2023, passed: false }, // the same year twice (two lots) counts once
        { insurer: 'C', year: 2023, passed: false, kind: 'deduction' },
        { insurer: 'C', year: 2024, passed: false, kind: 'deduction' },
        { insurer: 'B', year: 2025, passed: false, kind: 'points' },
        { insurer: 'A', year: 2024, passed: true },
        { insurer: 'B', year: 2024, passed: false },
      ]),
    ).toEqual([{ insurer: 'B', failedYears: [2023, 2024, 2025] }]);
  });
});
