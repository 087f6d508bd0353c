import fc from 'fast-check';
import { D } from '../decimal';
import type { Scheme, Score } from '../dossier/dossier.types';
import { countedExperts, isOutlier, scorePanel } from './panel';

const scheme: Scheme = {
  code: 'S',
  name: 'test',
  criteria: [
    { no: '1', category: '价格', name: '价格', max: '30', kind: 'price' },
    {
      no: '2',
      category: '经验',
      name: '项目经验',
      max: '10',
      kind: 'objective',
      rule: { type: 'perUnit', fact: 'projects', points: '2', cap: '10' },
    },
    { no: '3', category: '方案', name: '服务方案', max: '40', kind: 'subjective' },
    { no: '4', category: '方案', name: '培训方案', max: '20', kind: 'subjective' },
  ],
};

/** One bidder's sheets: expert → [criterion 3, criterion 4]. */
const sheets = (bidder: string, byExpert: Record<string, [number | string, number | string]>, lot = '1'): Score[] =>
  Object.entries(byExpert).flatMap(([expert, [s3, s4]]) => [
    { expert, bidder, lot, criterion: '3', value: s3 },
    { expert, bidder, lot, criterion: '4', value: s4 },
  ]);

const E3 = ['E1', 'E2', 'E3'];

describe('scorePanel', () => {
  it('non-price score = mean of the experts’ totals (objective from the rule + their subjective scores)', () => {
    const scores = sheets('A', { E1: [30, 15], E2: [32, 16], E3: [34, 17.5] });
    const r = scorePanel('1', scheme, [{ bidder: 'A', facts: { projects: 3 } }], E3, scores);
    expect(r.errors).toEqual([]);
    const a = r.bids.A;
    expect(a.objectiveScores['2'].toString()).toBe('6');
    expect(Object.fromEntries(Object.entries(a.expertTotals).map(([e, t]) => [e, t.toString()]))).toEqual({
      E1: '51',
      E2: '54',
      E3: '57.5',
    });
    expect(a.nonPriceScore.toString()).toBe('54.16666666666666666666666666666666666667'); // 162.5 / 3, exact to 40 digits
    expect(a.categoryScores['经验'].toString()).toBe('6');
    expect(a.categoryScores['方案'].eq(new D('144.5').div(3))).toBe(true); // (45 + 48 + 51.5) / 3
    expect(a.categoryScores['价格']).toBeUndefined(); // the price category is filled in by the award
  });

  it('trims one highest and one lowest total with trimExtremes and at least 5 experts', () => {
    const five = sheets('A', { E1: [10, 0], E2: [20, 0], E3: [30, 0], E4: [35, 5], E5: [40, 20] });
    const trimmed = scorePanel('1', scheme, [{ bidder: 'A' }], ['E1', 'E2', 'E3', 'E4', 'E5'], five, { trimExtremes: true }).bids.A;
    expect(trimmed.countedExperts).toEqual(['E2', 'E3', 'E4']);
    expect(trimmed.nonPriceScore.toString()).toBe('30'); // (20 + 30 + 40) / 3
    // category scores use the same experts (trim by total): 方案 = mean(20, 30, 40)
    expect(trimmed.categoryScores['方案'].toString()).toBe('30');
    const untrimmed = scorePanel('1', scheme, [{ bidder: 'A' }], ['E1', 'E2', 'E3', 'E4', 'E5'], five).bids.A;
    expect(untrimmed.nonPriceScore.toString()).toBe('32');
    const four = sheets('A', { E1: [10, 0], E2: [20, 0], E3: [30, 0], E4: [40, 0] });
    expect(
      scorePanel('1', scheme, [{ bidder: 'A' }], ['E1', 'E2', 'E3', 'E4'], four, { trimExtremes: true }).bids.A.nonPriceScore.toString(),
    ).toBe('25');
  });

  it('flags 畸高畸低 scores: more than 30% of the criterion max from the others’ mean', () => {
    // criterion 3 (max 40, limit 12): E3 gives 34 vs others' mean 22 → exactly 12 away: not flagged
    // criterion 4 (max 20, limit 6): E1 gives 2 vs others' mean 8.05 → 6.05 away: flagged
    const scores = sheets('A', { E1: [22, 2], E2: [22, 8], E3: [34, 8.1] });
    const r = scorePanel('1', scheme, [{ bidder: 'A' }], E3, scores);
    expect(r.bids.A.flags).toEqual(['outlier:E1:4']);
    const strict = scorePanel('1', scheme, [{ bidder: 'A' }], E3, scores, { outlierRatio: '0.29' });
    expect(strict.bids.A.flags).toEqual(['outlier:E1:4', 'outlier:E3:3']);
  });

  it('reports an objective score that differs from the rule, a missing subjective score and a scored price criterion', () => {
    const scores: Score[] = [
      ...sheets('A', { E1: [30, 15], E2: [30, 15] }),
      { expert: 'E3', bidder: 'A', lot: '1', criterion: '3', value: 30 },
      { expert: 'E1', bidder: 'A', lot: '1', criterion: '2', value: '6' }, // agrees with the rule
      { expert: 'E2', bidder: 'A', lot: '1', criterion: '2', value: '5' }, // disagrees
      { expert: 'E2', bidder: 'A', lot: '1', criterion: '1', value: '30' },
      { expert: 'E9', bidder: 'A', lot: '1', criterion: '3', value: '30' },
      { expert: 'E1', bidder: 'A', lot: '1', criterion: '3', value: '30' }, // duplicate
      { expert: 'E1', bidder: 'A', lot: '2', criterion: '3', value: '3' }, // another lot: ignored
      { expert: 'E1', bidder: 'X', lot: '1', criterion: '3', value: '3' }, // not a scored bid: ignored
    ];
    const r = scorePanel('1', scheme, [{ bidder: 'A', facts: { projects: 3 } }], E3, scores);
    expect(r.errors.map((e) => `${e.expert}:${e.criterion}:${e.message}`).sort()).toEqual([
      'E1:3:more than one score for this criterion',
      'E2:1:the price criterion is computed, not scored',
      'E2:2:objective score 5 differs from the rule result 6',
      'E3:4:missing subjective score',
      'E9:3:score by an expert who is not on the panel',
    ]);
    // the missing score counts as 0 until fixed; the rule result stands for the objective criterion
    expect(r.bids.A.expertTotals.E3.toString()).toBe('36');
    expect(r.bids.A.expertTotals.E2.toString()).toBe('51');
  });

  it('reports and clamps a subjective score outside 0..max', () => {
    const r = scorePanel('1', scheme, [{ bidder: 'A' }], ['E1'], sheets('A', { E1: [45, -1] }));
    expect(r.errors.map((e) => e.message)).toEqual(['score 45 outside 0..40', 'score -1 outside 0..20']);
    expect(r.bids.A.expertTotals.E1.toString()).toBe('40');
  });
});

describe('countedExperts and isOutlier', () => {
  it('breaks equal totals by expert code so trimming does not depend on input order', () => {
    const t = { E5: new D(1), E1: new D(1), E2: new D(2), E3: new D(3), E4: new D(3) };
    expect(countedExperts(t, true)).toEqual(['E2', 'E3', 'E5']);
  });
  it('needs other experts to compare with', () => {
    expect(isOutlier(new D(10), [], 10)).toBe(false);
  });
});

describe('panel properties', () => {
  it('no category exceeds the sum of its criteria maxima, and the non-price score stays within 0..70', () => {
    const value = (max: number) => fc.integer({ min: 0, max: max * 10 }).map((n) => (n / 10).toFixed(1));
    const sheet = fc.tuple(value(40), value(20));
    fc.assert(
      fc.property(
        fc.array(sheet, { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        (rows, projects, trim) => {
          const experts = rows.map((_, i) => `E${i + 1}`);
          const scores = sheets('A', Object.fromEntries(rows.map((r, i) => [experts[i], r])));
          const a = scorePanel('1', scheme, [{ bidder: 'A', facts: { projects } }], experts, scores, { trimExtremes: trim }).bids.A;
          return (
            a.categoryScores['经验'].lte(10) &&
            a.categoryScores['方案'].lte(60) &&
            a.categoryScores['方案'].gte(0) &&
            a.nonPriceScore.lte(70) &&
            a.nonPriceScore.gte(0)
          );
        },
      ),
    );
  });
});

describe('scorePanel outlier flags against the per-expert comparison they replaced', () => {
  it('flags exactly what isOutlier finds against each expert’s others, for any panel, missing scores and ratio', () => {
    const tenths = (max: number) =>
      fc.option(
        fc.integer({ min: 0, max: max * 10 }).map((t) => (t / 10).toFixed(1)),
        { nil: undefined },
      );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(tenths(40), tenths(20)), { minLength: 1, maxLength: 9 }),
        fc.constantFrom('0.10', '0.20', '0.30', '0.25'),
        (rows, ratio) => {
          const experts = rows.map((_, i) => `E${i + 1}`);
          const scores: Score[] = rows.flatMap(([s3, s4], i) => [
            ...(s3 === undefined ? [] : [{ expert: experts[i], bidder: 'A', lot: '1', criterion: '3', value: s3 }]),
            ...(s4 === undefined ? [] : [{ expert: experts[i], bidder: 'A', lot: '1', criterion: '4', value: s4 }]),
          ]);
          const expected = experts
            .flatMap((expert, i) =>
              (['3', '4'] as const).flatMap((no, k) => {
                const given = rows[i][k];
                if (given === undefined) return [];
                const others = rows.filter((_, j) => j !== i && rows[j][k] !== undefined).map((r) => new D(r[k]!));
                return isOutlier(new D(given), others, k === 0 ? 40 : 20, ratio) ? [`outlier:${expert}:${no}`] : [];
              }),
            )
            .sort();
          const r = scorePanel('1', scheme, [{ bidder: 'A', facts: { projects: 1 } }], experts, scores, { outlierRatio: ratio });
          expect(r.bids.A.flags).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
