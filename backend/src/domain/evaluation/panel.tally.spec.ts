import fc from 'fast-check';
import { D, publish } from '../decimal';
import type { Scheme, Score } from '../dossier/dossier.types';
import { categoryScore, nonPriceScore, scorePanel, tallyPanel } from './panel';

/**
 * The panel adds up subjective scores as integers in JS numbers (tenths for validated sheets): exact
 * whatever the decimals of a criterion's max, and refused rather than rounded when a score has more
 * digits than a number holds exactly.
 */
const scheme = (max: string): Scheme => ({
  code: 'S',
  name: 'test',
  criteria: [
    { no: '1', category: '价格', name: '价格', max: '30', kind: 'price' },
    { no: '2', category: '方案', name: '服务方案', max, kind: 'subjective' },
  ],
});
const sheet = (values: string[]): Score[] =>
  values.map((value, i) => ({ expert: `E${i + 1}`, bidder: 'A', lot: '1', criterion: '2', value }));
const experts = (n: number) => Array.from({ length: n }, (_, i) => `E${i + 1}`);

describe('tallyPanel', () => {
  it('gives the decimals scorePanel publishes: means over the counted experts, exact to 40 digits', () => {
    const t = tallyPanel('1', scheme('40'), [{ bidder: 'A' }], experts(3), sheet(['30.1', '32', '34.4']));
    const a = t.bids.get('A')!;
    expect(t.scale).toBe(1);
    expect(a.expertUnits).toEqual([301, 320, 344]);
    expect(nonPriceScore(a, t).toString()).toBe(new D('96.5').div(3).toString());
    expect(
      categoryScore(a, t, 0).eq(
        scorePanel('1', scheme('40'), [{ bidder: 'A' }], experts(3), sheet(['30.1', '32', '34.4'])).bids.A.categoryScores['方案'],
      ),
    ).toBe(true);
  });

  it('scores tenths exactly against a max with many decimals', () => {
    const r = scorePanel('1', scheme('12.34567890123456789'), [{ bidder: 'A' }], experts(2), sheet(['12.3', '0.1']));
    expect(r.errors).toEqual([]);
    expect(r.bids.A.nonPriceScore.toString()).toBe('6.2');
  });

  it('refuses a score with more digits than it can add up exactly, instead of rounding it', () => {
    expect(() => tallyPanel('1', scheme('40'), [{ bidder: 'A' }], experts(1), sheet(['1.0000000000000001']))).toThrow(RangeError);
  });
});

describe('publish', () => {
  it('rounds half-up as toDecimalPlaces then toFixed do, signs included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100000, max: 100000 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        (units, places, to) => {
          const d = new D(units).div(new D(10).pow(places));
          expect(publish(d, to)).toBe(d.toDecimalPlaces(to, D.ROUND_HALF_UP).toFixed(to));
          expect(publish(d.toString(), to)).toBe(d.toDecimalPlaces(to, D.ROUND_HALF_UP).toFixed(to));
        },
      ),
    );
  });
});
