import { approvable, depositOutcome, fundNetOfRetentions, retained, type Retention, reserveUse } from './retentions';

// Henan, seed 003 art. 22: 5% of the year's fund kept as the risk reserve, 3% as the assessment deposit.
const HENAN: Retention[] = [
  { kind: 'reserve', share: '0.05' },
  { kind: 'deposit', share: '0.03' },
];
// F chosen with a 角 so that 5% of it ends in half a 分: 1,234,567,890.10 × 0.05 = 61,728,394.505.
const F = '1234567890.10';

describe('retentions of a premium fund (DOMAIN §6.1, seed 003 art. 22)', () => {
  it('withholds each retention as its share of the whole fund, half-up to the 分', () => {
    expect(retained(F, HENAN, 'reserve')).toBe('61728394.51'); // 61,728,394.505 → .51
    expect(retained(F, HENAN, 'deposit')).toBe('37037036.70'); // 37,037,036.703 → .70
    expect(retained(F, [], 'reserve')).toBe('0.00'); // Shenyang (seed 000) keeps none
  });

  it('pays instalments only out of the fund net of both retentions (art. 21–22)', () => {
    // 1,234,567,890.10 − 61,728,394.51 − 37,037,036.70 = 1,135,802,458.89
    expect(fundNetOfRetentions(F, HENAN)).toBe('1135802458.89');
    expect(fundNetOfRetentions('371111130.00', [])).toBe('371111130.00');
  });

  it('lets the bureau approve at most what remains of the net fund, never less than nothing', () => {
    expect(approvable(F, HENAN, [])).toBe('1135802458.89');
    // three quarters approved: 300,000,000 + 280,000,000 + 290,000,000 = 870,000,000 → 265,802,458.89 left
    expect(approvable(F, HENAN, ['300000000.00', '280000000.00', '290000000.00'])).toBe('265802458.89');
    expect(approvable(F, HENAN, ['1135802458.89'])).toBe('0.00');
    expect(approvable(F, HENAN, ['1200000000.00'])).toBe('0.00');
  });

  it('returns the assessment deposit after a passed assessment and forfeits it after a failed one (art. 22, 36)', () => {
    expect(depositOutcome(F, HENAN, true)).toEqual({ returned: '37037036.70', forfeited: '0.00' });
    expect(depositOutcome(F, HENAN, false)).toEqual({ returned: '0.00', forfeited: '37037036.70' });
    expect(depositOutcome(F, [{ kind: 'reserve', share: '0.05' }], false)).toEqual({ returned: '0.00', forfeited: '0.00' });
  });

  it('covers the part of a policy deficit the insurer does not bear from the reserve, then next year’s funding (art. 24)', () => {
    // within the reserve: 15,432,109.90 of 61,728,394.51 → 46,296,284.61 left
    expect(reserveUse(F, HENAN, '15432109.90')).toEqual({ fromReserve: '15432109.90', beyondReserve: '0.00', reserveLeft: '46296284.61' });
    // beyond it: 70,000,000.00 − 61,728,394.51 = 8,271,605.49 falls to next year's funding
    expect(reserveUse(F, HENAN, '70000000.00')).toEqual({ fromReserve: '61728394.51', beyondReserve: '8271605.49', reserveLeft: '0.00' });
    // nothing to cover: the reserve stays in the fund, never paid to the insurer
    expect(reserveUse(F, HENAN, '0.00')).toEqual({ fromReserve: '0.00', beyondReserve: '0.00', reserveLeft: '61728394.51' });
    expect(reserveUse('371111130.00', [], '5000000.00')).toEqual({ fromReserve: '0.00', beyondReserve: '5000000.00', reserveLeft: '0.00' });
  });
});
