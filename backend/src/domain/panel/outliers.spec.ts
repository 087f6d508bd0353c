import fc from 'fast-check';
import { D } from '../decimal';
import { isOutlier } from '../evaluation/panel';
import { flaggedScores, lotReadiness, type LotScore } from './outliers';

const maxes = new Map([['13', '10']]);
const score = (member: number, value: string, bidId = 1, criterionNo = '13'): LotScore => ({ member, bidId, criterionNo, value });
// Three experts on a 10-point criterion: 30% of the max is 3 points.
const scores = [score(1, '9'), score(2, '5'), score(3, '4.2'), score(1, '6', 2), score(2, '6', 2), score(3, '6', 2)];

describe('flaggedScores (畸高畸低)', () => {
  it('flags a score more than 30% of the max from the mean of the others', () => {
    expect(flaggedScores(scores, maxes, '0.30')).toEqual([{ ...score(1, '9'), othersMean: '4.6' }]);
  });

  it('ignores criteria that are not subjective', () => {
    expect(flaggedScores([score(1, '9', 1, '1'), score(2, '0', 1, '1')], maxes, '0.30')).toEqual([]);
  });

  it('flags exactly what isOutlier finds against each score’s others, for any sheets, maxes and ratio', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 400 }).map((t) => (t / 10).toFixed(1)),
      fc.integer({ min: 0, max: 40 }).map(String),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            member: fc.integer({ min: 1, max: 9 }),
            bidId: fc.integer({ min: 1, max: 3 }),
            criterionNo: fc.constantFrom('3', '4'),
            value,
          }),
          {
            maxLength: 40,
          },
        ),
        fc.constantFrom('40', '20', '12.5'),
        fc.constantFrom('0.10', '0.2', '0.30', '0.25'),
        (given, max, ratio) => {
          const limits = new Map([
            ['3', max],
            ['4', '20'],
          ]);
          const expected = given
            .filter((own) =>
              isOutlier(
                new D(own.value),
                given
                  .filter((s) => s.bidId === own.bidId && s.criterionNo === own.criterionNo && s.member !== own.member)
                  .map((s) => new D(s.value)),
                limits.get(own.criterionNo)!,
                ratio,
              ),
            )
            .map(({ member, bidId, criterionNo, value }) => `${member}|${bidId}|${criterionNo}|${value}`)
            .sort();
          const flagged = flaggedScores(given, limits, ratio).map(
            ({ member, bidId, criterionNo, value }) => `${member}|${bidId}|${criterionNo}|${value}`,
          );
          expect(flagged.sort()).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('lotReadiness', () => {
  const base = { members: [1, 2, 3], scores, decisions: [], maxes, ratio: '0.30' };

  it('computes no flag while a sheet is missing: nothing tells an expert the others’ unsubmitted mean', () => {
    expect(lotReadiness({ ...base, submitted: new Set([1, 2]) })).toEqual({ missing: [3], unresolved: [], flagged: [] });
  });

  it('an empty panel is not ready', () => {
    expect(lotReadiness({ ...base, members: [], submitted: new Set() }).flagged).toEqual([]);
  });

  it('once every sheet is in, lists the flags that no decision resolves', () => {
    const ready = lotReadiness({ ...base, submitted: new Set([1, 2, 3]) });
    expect(ready.missing).toEqual([]);
    expect(ready.unresolved.map((f) => f.member)).toEqual([1]);
  });

  it('a decision resolves the flag only at the value decided on', () => {
    const kept = lotReadiness({ ...base, submitted: new Set([1, 2, 3]), decisions: [score(1, '9.0')] });
    expect(kept.unresolved).toEqual([]);
    expect(kept.flagged).toHaveLength(1);
    const changed = lotReadiness({ ...base, submitted: new Set([1, 2, 3]), decisions: [score(1, '8.5')] });
    expect(changed.unresolved).toHaveLength(1);
  });

  it('a recused member neither counts as missing nor moves the others’ mean', () => {
    const ready = lotReadiness({ ...base, members: [2, 3], submitted: new Set([2, 3]) });
    expect(ready).toEqual({ missing: [], unresolved: [], flagged: [] });
  });
});
