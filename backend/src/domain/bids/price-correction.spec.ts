import * as fc from 'fast-check';
import { D, fen } from '../decimal';
import { DossierBid } from '../dossier/dossier.types';
import { formatCapitals } from './capitals';
import { CORRECTION_REASONS, correctPrice } from './price-correction';

/** Ningbo lot 1: 3,994,965 insured, information system 300,000 and performance 500,000 fixed. */
const POPULATION = 3994965;
const bid = (overrides: Partial<DossierBid> = {}): DossierBid => ({
  bidder: 'A',
  lot: '1',
  unitPrice: '1.16',
  serviceTotal: '4634159.40',
  fixedComponents: [
    { name: '信息系统', amount: '300000.00' },
    { name: '绩效考核', amount: '500000.00' },
  ],
  total: '5434159.40',
  totalCapitals: '伍佰肆拾叁万肆仟壹佰伍拾玖元肆角',
  ...overrides,
});

describe('correctPrice', () => {
  it('leaves a consistent bid alone', () => {
    expect(correctPrice(bid(), POPULATION)).toEqual({
      unitPrice: '1.16',
      serviceTotal: '4634159.40',
      total: '5434159.40',
      fixedComponents: [
        { name: '信息系统', amount: '300000.00' },
        { name: '绩效考核', amount: '500000.00' },
      ],
      rate: null,
      deficitShare: null,
      corrections: [],
    });
  });

  it('compares by value and writes amounts to the 分', () => {
    const result = correctPrice(bid({ serviceTotal: '4634159.4', total: '5434159.4' }), POPULATION);
    expect(result.corrections).toEqual([]);
    expect([result.serviceTotal, result.total]).toEqual(['4634159.40', '5434159.40']);
  });

  it('step 1: the opening sheet prevails over the itemised price table', () => {
    const result = correctPrice(bid({ itemised: { unitPrice: '1.15', total: '5434159.40' } }), POPULATION);
    expect(result.unitPrice).toBe('1.16');
    expect(result.corrections).toEqual([
      { step: 1, field: 'unitPrice', from: '1.15', to: '1.16', reason: CORRECTION_REASONS.openingSheetPrevails },
    ]);
  });

  it('step 2: the capitals prevail over the figures', () => {
    const result = correctPrice(bid({ total: '5434195.40' }), POPULATION);
    expect(result.total).toBe('5434159.40');
    expect(result.corrections).toEqual([
      {
        step: 2,
        field: 'total',
        from: '5434195.40',
        to: '5434159.40',
        reason: '大写金额与小写金额不一致，以大写为准 / capitals differ from figures: capitals prevail',
      },
    ]);
  });

  it('step 2 then 4: capitals that disagree with the parts are themselves recomputed', () => {
    const result = correctPrice(bid({ totalCapitals: '伍佰肆拾叁万肆仟壹佰伍拾玖元整' }), POPULATION);
    expect(result.total).toBe('5434159.40');
    expect(result.corrections.map((c) => [c.step, c.field, c.from, c.to])).toEqual([
      [2, 'total', '5434159.40', '5434159.00'],
      [4, 'total', '5434159.00', '5434159.40'],
    ]);
  });

  it.each([
    ['11.6', '1.16'],
    ['0.116', '1.16'],
    ['116', '1.16'],
    ['0.000116', '1.16'],
    ['11600', '1.16'],
  ])('step 3: a misplaced decimal point in %s is corrected to %s; the service total prevails', (stated, corrected) => {
    const result = correctPrice(bid({ unitPrice: stated }), POPULATION);
    expect(result.unitPrice).toBe(corrected);
    expect(result.serviceTotal).toBe('4634159.40');
    expect(result.corrections).toEqual([
      { step: 3, field: 'unitPrice', from: stated, to: corrected, reason: CORRECTION_REASONS.misplacedDecimalPoint },
    ]);
  });

  it('step 3 tries shifts of at most four places', () => {
    const result = correctPrice(bid({ unitPrice: '116000' }), POPULATION);
    expect(result.corrections.map((c) => c.step)).toEqual([4, 4]);
    expect(result.unitPrice).toBe('116000');
  });

  it('step 4: otherwise the unit price prevails and the service total is recomputed', () => {
    const result = correctPrice(bid({ serviceTotal: '4634159.00' }), POPULATION);
    expect(result.serviceTotal).toBe('4634159.40');
    expect(result.corrections).toEqual([
      {
        step: 4,
        field: 'serviceTotal',
        from: '4634159.00',
        to: '4634159.40',
        reason: CORRECTION_REASONS.unitPricePrevails,
      },
    ]);
  });

  it('step 4 rounds U × population half-up to the 分', () => {
    // 1.161 × 3,994,965 = 4,638,154.365
    const result = correctPrice(
      bid({ unitPrice: '1.161', serviceTotal: '4638154.36', total: '5438154.36', totalCapitals: undefined }),
      POPULATION,
    );
    expect([result.serviceTotal, result.total]).toEqual(['4638154.37', '5438154.37']);
  });

  it('step 4: a total that differs from service total + fixed components is recomputed', () => {
    const result = correctPrice(bid({ total: '5434159.00', totalCapitals: undefined }), POPULATION);
    expect(result.total).toBe('5434159.40');
    expect(result.corrections).toEqual([
      { step: 4, field: 'total', from: '5434159.00', to: '5434159.40', reason: CORRECTION_REASONS.totalFromParts },
    ]);
  });

  it('sums the fixed components the bid states, even wrong ones (validity judges those)', () => {
    const result = correctPrice(bid({ fixedComponents: [{ name: '绩效考核', amount: '500000' }], totalCapitals: undefined }), POPULATION);
    expect(result.total).toBe('5134159.40');
    expect(result.fixedComponents).toEqual([{ name: '绩效考核', amount: '500000.00' }]);
  });

  it('applies the steps in order, each on the figures the earlier ones left', () => {
    const result = correctPrice(bid({ unitPrice: '11.6', itemised: { unitPrice: '1.16' }, total: '5434159.04' }), POPULATION);
    expect(result.corrections.map((c) => [c.step, c.field, c.from, c.to])).toEqual([
      [1, 'unitPrice', '1.16', '11.6'],
      [2, 'total', '5434159.04', '5434159.40'],
      [3, 'unitPrice', '11.6', '1.16'],
    ]);
    expect(result).toMatchObject({ unitPrice: '1.16', serviceTotal: '4634159.40', total: '5434159.40' });
  });

  describe('properties', () => {
    const cents = (max: number) => fc.integer({ min: 1, max }).map((n) => fen(new D(n).div(100)));
    const statedBid = fc.record({
      unitPrice: fc.integer({ min: 1, max: 100_000 }).map((n) => new D(n).div(1000).toFixed()),
      serviceTotal: cents(1_000_000_000),
      total: cents(1_100_000_000),
      fixedComponents: fc.array(
        cents(100_000_000).map((amount) => ({ name: '固定', amount })),
        { maxLength: 3 },
      ),
      population: fc.integer({ min: 1, max: 10_000_000 }),
    });

    it('always leaves T = U × population and total = T + fixed components', () => {
      fc.assert(
        fc.property(statedBid, ({ population, ...stated }) => {
          const result = correctPrice(bid({ ...stated, totalCapitals: undefined }), population);
          expect(result.serviceTotal).toBe(fen(new D(result.unitPrice!).times(population)));
          const parts = result.fixedComponents.reduce((sum, c) => sum.plus(c.amount), new D(result.serviceTotal!));
          expect(result.total).toBe(fen(parts));
        }),
        { numRuns: 1000 },
      );
    });

    it('finds nothing more to correct in a corrected bid', () => {
      fc.assert(
        fc.property(statedBid, ({ population, ...stated }) => {
          const first = correctPrice(bid({ ...stated, totalCapitals: undefined }), population);
          const { unitPrice, serviceTotal, total, fixedComponents } = first;
          const corrected = { unitPrice, serviceTotal, total, fixedComponents, totalCapitals: formatCapitals(total!) };
          const again = correctPrice(bid(corrected), population);
          expect(again.corrections).toEqual([]);
        }),
        { numRuns: 1000 },
      );
    });
  });
});
