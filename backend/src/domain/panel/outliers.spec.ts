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
