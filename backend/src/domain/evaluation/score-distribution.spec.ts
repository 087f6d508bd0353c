import { D } from '../decimal';
import type { Dossier } from '../dossier/dossier.types';
import { quantile, scoreDistribution, scoreSpread } from './score-distribution';

const values = (...v: string[]) => v.map((x) => new D(x));

describe('score distribution', () => {
  it('takes quartiles between the nearest ranks, exactly', () => {
    const sorted = values('1', '2', '3', '4');
    expect([0, 0.25, 0.5, 0.75, 1].map((p) => quantile(sorted, p).toString())).toEqual(['1', '1.75', '2.5', '3.25', '4']);
    expect(quantile(values('7.3'), 0.25).toString()).toBe('7.3');
  });

  it('spreads one bid’s scores: least, quartiles, greatest and mean to 2 decimals, the scores by expert', () => {
    const spread = scoreSpread('A', [
      { expert: 'E3', value: new D('8') },
      { expert: 'E1', value: new D('7.5') },
      { expert: 'E2', value: new D('9.1') },
    ]);
    expect(spread).toEqual({
      bidder: 'A',
      scores: [
        { expert: 'E1', value: '7.50' },
        { expert: 'E2', value: '9.10' },
        { expert: 'E3', value: '8.00' },
      ],
      min: '7.50',
      q1: '7.75',
      median: '8.00',
      q3: '8.55',
      max: '9.10',
      mean: '8.20',
    });
  });

  it('lists the non-price criteria of the lot’s scheme, each with the bids scored on it', () => {
    const dossier = {
      lots: [{ no: '1', scheme: 'S' }],
      schemes: [
        {
          code: 'S',
          criteria: [
            { no: '1', category: '价格', name: '价格分', max: 10, kind: 'price' },
            { no: '2', category: '服务方案', name: '服务方案', max: '20', kind: 'subjective' },
            { no: '3', category: '基础能力', name: '偿付能力', max: 2, kind: 'objective' },
          ],
        },
      ],
      scores: [
        { expert: 'E1', bidder: 'B', lot: '1', criterion: '2', value: '15' },
        { expert: 'E1', bidder: 'A', lot: '1', criterion: '2', value: '18.5' },
        { expert: 'E2', bidder: 'A', lot: '1', criterion: '2', value: 17 },
        { expert: 'E1', bidder: 'A', lot: '2', criterion: '2', value: '3' },
      ],
    } as unknown as Dossier;
    const d = scoreDistribution(dossier, '1')!;
    expect(d.criteria.map((c) => [c.no, c.name, c.kind, c.max, c.bids.map((b) => [b.bidder, b.mean])])).toEqual([
      [
        '2',
        '服务方案',
        'subjective',
        '20',
        [
          ['A', '17.75'],
          ['B', '15.00'],
        ],
      ],
      ['3', '偿付能力', 'objective', '2', []],
    ]);
    expect(scoreDistribution(dossier, '9')).toBeUndefined();
  });
});
