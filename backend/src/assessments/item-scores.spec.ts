import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT_DIR } from '../config/config';
import type { AssessmentScheme } from './assessment-scheme.entity';
import { ItemInput, mergeScores, scoreItems } from './item-scores';

/** The seeded schemes: Shenyang SY-17 (points, with item rules) and Ningbo NB-PERF (deduction). */
const seeded: AssessmentScheme[] = JSON.parse(readFileSync(resolve(ROOT_DIR, 'seed', 'assessment-schemes.json'), 'utf8'));
const sy = seeded.find((s) => s.code === 'SY-17')!;
const nb = seeded.find((s) => s.code === 'NB-PERF')!;
const at = (i: number) => `items[${i}]`;
const score = (scheme: AssessmentScheme, ...inputs: ItemInput[]) => scoreItems(scheme, inputs, at);

describe('seeded assessment schemes', () => {
  it('Shenyang: 17 items, 100 points, pass at 85, 0.5% withheld on a fail; each item rule can give exactly its maximum', () => {
    expect(sy).toMatchObject({ kind: 'points', passMark: '85', failDeductionRate: '0.005' });
    expect(sy.items).toHaveLength(17);
    expect(sy.items.reduce((s, i) => s + Number(i.max), 0)).toBe(100);
    for (const item of sy.items) {
      const rule = item.rule!;
      if (rule.kind === 'k-of-n') expect(rule.n * Number(rule.pointsEach)).toBe(Number(item.max));
      if (rule.kind === 'per-case-deduction') expect(Number(rule.perCase)).toBeGreaterThan(0);
    }
    expect(sy.items.map((i) => i.rule!.kind)).toEqual([
      'per-case-deduction',
      'binary',
      'k-of-n',
      'k-of-n',
      'k-of-n',
      'binary',
      'binary',
      'k-of-n',
      'k-of-n',
      'k-of-n',
      'binary',
      'k-of-n',
      'binary',
      'k-of-n',
      'binary',
      'per-case-deduction',
      'judgement',
    ]);
  });

  it('Ningbo: deduction from 100 with weights adding up to 100 and the 90/80/70/60 bands', () => {
    expect(nb.kind).toBe('deduction');
    expect(nb.items.reduce((s, i) => s + Number(i.max), 0)).toBe(100);
    expect(nb.bands!.map((b) => [b.min, b.grade, b.rewardRate, b.terminate ?? false])).toEqual([
      ['90', '优秀', '1.00', false],
      ['80', '良好', '0.80', false],
      ['70', '合格', '0.60', false],
      ['60', '较差', '0', false],
      ['0', '不合格', '0', true],
    ]);
  });
});

describe('scoreItems', () => {
  it('computes points from the item rules: binary, k of n, per case with a floor of 0, judgement', () => {
    const { scores, errors } = score(
      sy,
      { no: '2', met: true, note: '文件齐全' },
      { no: '6', met: false },
      { no: '3', achieved: 1 },
      { no: '1', cases: 3 },
      { no: '16', cases: 12 },
      { no: '17', points: '9.9' },
    );
    expect(errors).toEqual([]);
    expect(scores).toEqual([
      { no: '2', points: '4', met: true, note: '文件齐全' },
      { no: '6', points: '0', met: false },
      { no: '3', points: '5', achieved: 1 },
      { no: '1', points: '7', cases: 3 },
      { no: '16', points: '0', cases: 12 },
      { no: '17', points: '9.9' },
    ]);
  });

  it('accepts points given directly only where the rule can give them', () => {
    expect(score(sy, { no: '2', points: 4 }, { no: '3', points: '5' }, { no: '1', points: '7' }).errors).toEqual([]);
    expect(score(sy, { no: '2', points: '2' }, { no: '3', points: '7' }, { no: '1', points: '7.5' }).errors).toEqual([
      { path: 'items[0].points', code: 'rulePoints', params: { values: ['0', '4'] }, message: expect.stringContaining('0, 4') },
      { path: 'items[1].points', code: 'rulePoints', params: { values: ['0', '5', '10'] }, message: expect.stringContaining('0, 5, 10') },
      {
        path: 'items[2].points',
        code: 'rulePoints',
        params: { values: expect.any(Array) },
        message: expect.stringContaining("the item's rule gives one of"),
      },
    ]);
  });

  it('names every problem by its path and records nothing for a bad item', () => {
    const { scores, errors } = score(
      sy,
      { no: '99', points: 1 },
      { no: '17', points: '10.5' },
      { no: '17', points: 1 },
      { no: '15', points: '-1' },
      { no: '14', points: '1.234' },
      { no: '13', met: true, points: 5 },
      { no: '12', deduction: 1 },
      { no: '11', cases: 1 },
      { no: '4', achieved: 4 },
      { no: '10' },
    );
    expect(scores).toEqual([]);
    expect(errors.map((e) => e.path)).toEqual([
      'items[0].no',
      'items[1].points',
      'items[2].no',
      'items[3].points',
      'items[4].points',
      'items[5].points',
      'items[6].deduction',
      'items[6].points',
      'items[7].cases',
      'items[7].points',
      'items[8].achieved',
      'items[9].points',
    ]);
  });

  it('deduction schemes take deductions ≥ 0, those above the weight as recorded (capped when scored)', () => {
    const { scores, errors } = score(nb, { no: '1', deduction: '10' }, { no: '2', deduction: 0.5 });
    expect(errors).toEqual([]);
    expect(scores).toEqual([
      { no: '1', deduction: '10' },
      { no: '2', deduction: '0.5' },
    ]);
    expect(score(nb, { no: '1', deduction: '-1' }, { no: '2', points: '1' }).errors.map((e) => e.path)).toEqual([
      'items[0].deduction',
      'items[1].points',
      'items[1].deduction',
    ]);
  });

  it('merges new scores over old ones in the scheme’s order', () => {
    const merged = mergeScores(
      nb,
      [
        { no: '3', deduction: '1' },
        { no: '1', deduction: '2' },
      ],
      [
        { no: '1', deduction: '0', note: '复核' },
        { no: '2', deduction: '1' },
      ],
    );
    expect(merged).toEqual([
      { no: '1', deduction: '0', note: '复核' },
      { no: '2', deduction: '1' },
      { no: '3', deduction: '1' },
    ]);
  });
});
