import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { D } from '../domain/decimal';
import { ROOT_DIR } from '../config/config';
import type { AssessmentScheme } from './assessment-scheme.entity';
import type { ItemScore } from './item-scores';
import { outcome } from './outcome';

const seeded: AssessmentScheme[] = JSON.parse(readFileSync(resolve(ROOT_DIR, 'seed', 'assessment-schemes.json'), 'utf8'));
const sy = seeded.find((s) => s.code === 'SY-17')!;
const nb = seeded.find((s) => s.code === 'NB-PERF')!;

/** Every item of a scheme scored, `amount` taken off the items in order (points lost, or deducted), each up to its max. */
function scored(scheme: AssessmentScheme, amount: string): ItemScore[] {
  let left = new D(amount);
  return scheme.items.map((i) => {
    const taken = D.min(left, i.max);
    left = left.minus(taken);
    return scheme.kind === 'points'
      ? { no: i.no, points: new D(i.max).minus(taken).toString() }
      : { no: i.no, deduction: taken.toString() };
  });
}

const of = (scheme: AssessmentScheme, items: ItemScore[], money: { operatingCost?: string; maxReward?: string } = {}) =>
  outcome(scheme, { lotNo: '1', year: 2024, operatingCost: money.operatingCost ?? null, maxReward: money.maxReward ?? null, items });

describe('assessment outcomes at the boundaries (DOMAIN.md §7)', () => {
  it('points: 85 passes in full; 84.9 fails and 0.5% of the operating cost is withheld, to the 分', () => {
    const pass = of(sy, scored(sy, '15'), { operatingCost: '1234567.89' });
    expect(pass).toMatchObject({ score: '85.00', grade: '达标', passed: true, deductionAmount: '0.00', complete: true });
    const fail = of(sy, scored(sy, '15.1'), { operatingCost: '1234567.89' });
    // 1,234,567.89 × 0.005 = 6,172.83945 → 6,172.84
    expect(fail).toMatchObject({
      score: '84.90',
      grade: '不达标',
      passed: false,
      deductionAmount: '6172.84',
      terminate: false,
      complete: true,
    });
  });

  it.each([
    ['90', '优秀', '1.00', '500000.00', false, true],
    ['89.9', '良好', '0.80', '400000.00', false, true],
    ['80', '良好', '0.80', '400000.00', false, true],
    ['70', '合格', '0.60', '300000.00', false, true],
    ['69.9', '较差', '0.00', '0.00', false, false],
    ['60', '较差', '0.00', '0.00', false, false],
    ['59.9', '不合格', '0.00', '0.00', true, false],
  ])('deduction: %s is %s, %s of the maximum reward = %s; terminate %s, passed %s', (score, grade, rate, reward, terminate, passed) => {
    const result = of(nb, scored(nb, new D(100).minus(score).toString()), { maxReward: '500000.00' });
    expect(result).toMatchObject({
      score: new D(score).toFixed(2),
      grade,
      rewardRate: rate,
      rewardAmount: reward,
      terminate,
      passed,
      complete: true,
    });
  });

  it('deduction: a deduction above an item’s weight counts only up to the weight', () => {
    const items = scored(nb, '0').map((i) => (i.no === '1' ? { ...i, deduction: '25' } : i));
    expect(of(nb, items, { maxReward: '500000.00' })).toMatchObject({ score: '94.00', grade: '优秀' });
  });

  it('is incomplete while items are unscored or the rules lack the money they apply to', () => {
    expect(of(nb, scored(nb, '0').slice(1), { maxReward: '1.00' })).toMatchObject({ complete: false, unscored: ['1'] });
    expect(of(nb, scored(nb, '0'))).toMatchObject({
      complete: false,
      unscored: [],
      errors: [expect.objectContaining({ path: 'maxReward', code: 'noMaxReward' })],
    });
    expect(of(sy, scored(sy, '20'))).toMatchObject({
      complete: false,
      errors: [expect.objectContaining({ path: 'operatingCost', code: 'operatingCostMissing' })],
    });
  });
});
