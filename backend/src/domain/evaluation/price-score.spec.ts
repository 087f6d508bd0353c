import fc from 'fast-check';
import { D } from '../decimal';
import { evaluatedPrice, isAbnormallyLow, priceLot, priceScore, pricedPart, type PricingBid } from './price-score';

const amounts = (serviceTotal: string, total = serviceTotal) => ({ unitPrice: '1.00', serviceTotal, total });
const bid = (bidder: string, serviceTotal: string, extra: Partial<PricingBid> = {}): PricingBid => ({
  bidder,
  amounts: amounts(serviceTotal),
  sme: false,
  ...extra,
});

describe('priced part and evaluated price', () => {
  it('prices the service total by default, the total bid when the tender says so', () => {
    const a = amounts('4634159.40', '5434159.40');
    expect(pricedPart(a).toString()).toBe('4634159.4');
    expect(pricedPart(a, 'service').toString()).toBe('4634159.4');
    expect(pricedPart(a, 'total').toString()).toBe('5434159.4');
  });

  it('takes 20% off an SME (P = T × 0.8) unless the tender sets another deduction', () => {
    expect(evaluatedPrice(new D('4234662.90'), true).toString()).toBe('3387730.32');
    expect(evaluatedPrice(new D('4234662.90'), false).toString()).toBe('4234662.9');
    expect(evaluatedPrice(new D('1000'), true, '0.10').toString()).toBe('900');
  });
});

describe('abnormally low price', () => {
  it('flags a priced part below ratio × the mean of the OTHER bids, strictly', () => {
    const others = [new D(1000), new D(1000)];
    expect(isAbnormallyLow(new D('499.99'), others)).toBe(true);
    expect(isAbnormallyLow(new D(500), others)).toBe(false); // exactly half is not below half
    expect(isAbnormallyLow(new D(100), [])).toBe(false); // nobody to compare with
    expect(isAbnormallyLow(new D(690), others, '0.7')).toBe(true);
  });

  it('a bid the panel finds below cost is out of the base price, flagged or not (DOMAIN.md §4, seed 001)', () => {
    const lot = priceLot(
      [bid('A', '400'), bid('B', '1000', { abnormalLowRejected: true }), bid('C', '1000'), bid('D', '100', { abnormalLowRejected: true })],
      { priceWeight: 10 },
    );
    const D_ = lot.bids.find((b) => b.bidder === 'D')!;
    const B_ = lot.bids.find((b) => b.bidder === 'B')!;
    expect(D_).toMatchObject({ abnormalLow: true, rejected: true, priceScore: null }); // 100 < 0.5 × 800
    expect(B_).toMatchObject({ abnormalLow: false, rejected: true, priceScore: null });
    expect(lot.bids.find((b) => b.bidder === 'A')!.abnormalLow).toBe(false); // 400 is not < 0.5 × 700
    expect(lot.basePrice!.toString()).toBe('400');
    expect(lot.bids.find((b) => b.bidder === 'C')!.priceScore!.toString()).toBe('4'); // 400 / 1000 × 10
  });

  it('a flagged bid whose justification was accepted keeps competing and can be the base price', () => {
    const lot = priceLot([bid('A', '100'), bid('B', '1000'), bid('C', '1000')], { priceWeight: 10 });
    expect(lot.bids[0]).toMatchObject({ abnormalLow: true, rejected: false });
    expect(lot.basePrice!.toString()).toBe('100');
  });
});

describe('price score', () => {
  it('is B / P × weight, exact (hand-computed)', () => {
    // A 1,000,000; B SME 900,000 → P 720,000 (base); C 800,000. weight 30
    const lot = priceLot([bid('A', '1000000.00'), bid('B', '900000.00', { sme: true }), bid('C', '800000.00')], { priceWeight: '30' });
    expect(lot.basePrice!.toString()).toBe('720000');
    expect(lot.bids.map((b) => b.priceScore!.toString())).toEqual(['21.6', '30', '27']);
  });

  it('keeps the repeating ratio to 40 digits until publication', () => {
    expect(priceScore(new D(1), new D(3), 10).toString()).toBe('3.333333333333333333333333333333333333333');
  });
});

describe('price score properties', () => {
  const lotBids = fc.uniqueArray(
    fc.record({
      bidder: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
      fen: fc.integer({ min: 1, max: 100_000_000 }),
      sme: fc.boolean(),
      abnormalLowRejected: fc.boolean(),
    }),
    { selector: (b) => b.bidder, minLength: 1 },
  );
  const weight = fc.integer({ min: 1, max: 1000 }).map((n) => (n / 10).toString());

  it('the base-price bid gets exactly the full price weight; nobody gets more', () => {
    fc.assert(
      fc.property(lotBids, weight, fc.constantFrom('service', 'total') as fc.Arbitrary<'service' | 'total'>, (bs, w, basis) => {
        const priced = priceLot(
          bs.map((b) => ({
            bidder: b.bidder,
            sme: b.sme,
            abnormalLowRejected: b.abnormalLowRejected,
            amounts: amounts(new D(b.fen).div(100).toFixed(2)),
          })),
          { priceWeight: w, priceBasis: basis },
        );
        const competing = priced.bids.filter((b) => !b.rejected);
        // the panel may find every bid below cost; then no base price
        expect(priced.basePrice === null).toBe(competing.length === 0);
        for (const b of competing) {
          expect(b.priceScore!.lte(w)).toBe(true);
          if (b.evaluatedPrice.eq(priced.basePrice!)) expect(b.priceScore!.eq(w)).toBe(true);
        }
      }),
    );
  });
});

describe('priceLot abnormal-low flags against the per-bid comparison they replaced', () => {
  it('flags exactly what isAbnormallyLow finds against each bid’s others, for any lot and ratio', () => {
    const fen = fc.integer({ min: 0, max: 9_000_000_000 }).map((f) => (f / 100).toFixed(2));
    fc.assert(
      fc.property(
        fc.array(fc.record({ bidder: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G'), total: fen }), { maxLength: 12 }),
        fc.constantFrom('0.50', '0.80', '0.333', '1'),
        (rows, ratio) => {
          const bids = rows.map((r) => bid(r.bidder, r.total));
          const expected = bids.map((b) =>
            isAbnormallyLow(
              new D(b.amounts.serviceTotal!),
              bids.filter((o) => o.bidder !== b.bidder).map((o) => new D(o.amounts.serviceTotal!)),
              ratio,
            ),
          );
          expect(priceLot(bids, { priceWeight: '30', abnormalLowRatio: ratio }).bids.map((b) => b.abnormalLow)).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
