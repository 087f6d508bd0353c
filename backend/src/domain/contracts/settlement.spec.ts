import { type Retention } from './retentions';
import { paidOrPayable, type PremiumTerms, settle, settlementInput, type SettlementInput, settlementResult } from './settlement';

/**
 * Every branch of DOMAIN §6.2, with figures worked by hand.
 *
 * Shenyang (seed 000): 90 元 per insured at the end of January; 4,123,460 insured → F = 371,111,400.00;
 * allowance rate 4.5% (the bid's 运营成本及盈利率) → A = 16,700,013.00; a failed assessment (score < 85)
 * takes 0.5% off it: d = 83,500.065 → 83,500.07 (half-up); a policy deficit is shared, the insurer's share
 * 50% from the bid; 85% of the premium was paid in the first quarter: 315,444,690.00.
 */
const shenyang = (claims: string, passed: boolean, policyDeficit = false, paidOrPayable = '315444690.00'): SettlementInput => ({
  fund: '371111400.00',
  claims,
  policyDeficit,
  allowanceRate: '0.045',
  deficitRule: { rule: 'shared', share: '0.5' },
  retentions: [],
  assessment: { passed, failDeductionRate: '0.005' },
  paidOrPayable,
});

/**
 * Henan (seed 003): F = 1,234,567,890.10; allowance 3% of F (art. 23) → A = 37,037,036.703 → 37,037,036.70;
 * 5% risk reserve and 3% assessment deposit (art. 22: 61,728,394.51 and 37,037,036.70); no points deduction;
 * a policy deficit borne within the allowance (art. 24). The quarterly applications approved and paid
 * 1,100,000,000.00 (≤ the net fund 1,135,802,458.89); after a passed assessment the deposit milestone is
 * payable too: paidOrPayable = 1,137,037,036.70.
 */
const HENAN_RETENTIONS: Retention[] = [
  { kind: 'reserve', share: '0.05' },
  { kind: 'deposit', share: '0.03' },
];
const henan = (claims: string, passed: boolean, policyDeficit = false): SettlementInput => ({
  fund: '1234567890.10',
  claims,
  policyDeficit,
  allowanceRate: '0.03',
  deficitRule: { rule: 'within-allowance' },
  retentions: HENAN_RETENTIONS,
  assessment: { passed, failDeductionRate: null },
  paidOrPayable: passed ? '1137037036.70' : '1100000000.00',
});

describe('annual settlement of a premium fund (DOMAIN §6.2)', () => {
  describe('Shenyang: surplus returned to the fund, policy deficit shared (seed 000)', () => {
    it('surplus, assessment passed: the allowance in full, the surplus back to the fund', () => {
      // B = 371,111,400.00 − 340,000,000.00 − 16,700,013.00 = 14,411,387.00
      // due = C + A = 356,700,013.00; payment = 356,700,013.00 − 315,444,690.00 = 41,255,323.00
      expect(settle(shenyang('340000000.00', true))).toEqual({
        fund: '371111400.00',
        claims: '340000000.00',
        allowance: '16700013.00',
        deduction: '0.00',
        allowanceNet: '16700013.00',
        balance: '14411387.00',
        surplus: '14411387.00',
        insurerBears: '0.00',
        fundBears: '0.00',
        fromReserve: '0.00',
        beyondReserve: '0.00',
        forfeitedDeposit: '0.00',
        due: '356700013.00',
        paidOrPayable: '315444690.00',
        payment: '41255323.00',
      });
    });

    it('surplus, assessment failed: 0.5% off the allowance (seed 000: 运营成本(含盈利率)扣减0.5%)', () => {
      // A' = 16,700,013.00 − 83,500.07 = 16,616,512.93; B = 371,111,400.00 − 340,000,000.00 − 16,616,512.93 = 14,494,887.07
      // due = 356,616,512.93; payment = 356,616,512.93 − 315,444,690.00 = 41,171,822.93
      expect(settle(shenyang('340000000.00', false))).toMatchObject({
        allowance: '16700013.00',
        deduction: '83500.07',
        balance: '14494887.07',
        surplus: '14494887.07',
        insurerBears: '0.00',
        due: '356616512.93',
        payment: '41171822.93',
      });
    });

    it('a balance of exactly zero is no deficit: the insurer bears nothing', () => {
      // C = F − A = 354,411,387.00
      expect(settle(shenyang('354411387.00', true, false))).toMatchObject({
        balance: '0.00',
        surplus: '0.00',
        insurerBears: '0.00',
        fundBears: '0.00',
        due: '371111400.00',
      });
    });

    it('policy-caused deficit, passed: the insurer bears its share s × D, the fund the rest', () => {
      // B = 371,111,400.00 − 365,000,000.00 − 16,700,013.00 = −10,588,613.00; insurer 50% = 5,294,306.50
      // due = 365,000,000.00 + 16,700,013.00 − 5,294,306.50 = 376,405,706.50; payment = 60,961,016.50
      expect(settle(shenyang('365000000.00', true, true))).toMatchObject({
        balance: '-10588613.00',
        surplus: '0.00',
        insurerBears: '5294306.50',
        fundBears: '5294306.50',
        fromReserve: '0.00',
        due: '376405706.50',
        payment: '60961016.50',
      });
    });

    it('policy-caused deficit, failed: the share is rounded half-up to the 分 and the fund takes the rest', () => {
      // B = 371,111,400.00 − 365,000,000.00 − 16,616,512.93 = −10,505,112.93; 50% = 5,252,556.465 → 5,252,556.47
      // fund 10,505,112.93 − 5,252,556.47 = 5,252,556.46; due = 365,000,000.00 + 16,616,512.93 − 5,252,556.47 = 376,363,956.46
      expect(settle(shenyang('365000000.00', false, true))).toMatchObject({
        deduction: '83500.07',
        balance: '-10505112.93',
        insurerBears: '5252556.47',
        fundBears: '5252556.46',
        // no reserve in Shenyang: the fund carries its part itself
        fromReserve: '0.00',
        beyondReserve: '5252556.46',
        due: '376363956.46',
        payment: '60919266.46',
      });
    });

    it('deficit not policy-caused: the insurer bears all of it (非政策性…由商业保险机构承担), so it is due F', () => {
      // D = 10,588,613.00; due = 365,000,000.00 + 16,700,013.00 − 10,588,613.00 = 371,111,400.00 = F; payment = 55,666,710.00
      expect(settle(shenyang('365000000.00', true, false))).toMatchObject({
        insurerBears: '10588613.00',
        fundBears: '0.00',
        due: '371111400.00',
        payment: '55666710.00',
      });
    });

    it('a policy-caused finding without a deficit changes nothing: the surplus goes back, nobody bears anything', () => {
      // B = 14,411,387.00 ≥ 0 as in the first case; the policy flag only matters for B < 0
      expect(settle(shenyang('340000000.00', true, true))).toMatchObject({
        balance: '14411387.00',
        surplus: '14411387.00',
        insurerBears: '0.00',
        fundBears: '0.00',
        due: '356700013.00',
      });
    });

    it('deficit not policy-caused after a failed assessment: the insurer bears D with the deduction in it', () => {
      // A' = 16,616,512.93; B = 371,111,400.00 − 365,000,000.00 − 16,616,512.93 = −10,505,112.93, all the insurer's
      // due = 365,000,000.00 + 16,616,512.93 − 10,505,112.93 = 371,111,400.00 = F; payment 371,111,400.00 − 315,444,690.00 = 55,666,710.00
      expect(settle(shenyang('365000000.00', false, false))).toMatchObject({
        deduction: '83500.07',
        balance: '-10505112.93',
        insurerBears: '10505112.93',
        fundBears: '0.00',
        due: '371111400.00',
        payment: '55666710.00',
      });
    });

    it('a due equal to what was paid or made payable leaves nothing to pay or refund', () => {
      // due = 340,000,000.00 + 16,700,013.00 = 356,700,013.00, all of it already made payable
      expect(settle(shenyang('340000000.00', true, false, '356700013.00')).payment).toBe('0.00');
    });

    it('a due below what was paid is a refund (negative payment)', () => {
      // due = 200,000,000.00 + 16,700,013.00 = 216,700,013.00 < 315,444,690.00 paid → −98,744,677.00
      expect(settle(shenyang('200000000.00', true))).toMatchObject({ surplus: '154411387.00', payment: '-98744677.00' });
    });

    it('rounds the allowance half-up to the 分', () => {
      // 0.0455 × 371,111,130.00 (90 × 4,123,457) = 16,885,556.415 → 16,885,556.42
      expect(settle({ ...shenyang('340000000.00', true), fund: '371111130.00', allowanceRate: '0.0455' }).allowance).toBe('16885556.42');
    });
  });

  describe('Henan: surplus to the treasury, policy deficit within the allowance, retentions (seed 003 art. 22–24)', () => {
    it('surplus, passed: the deposit is returned; instalments above the claims are refunded', () => {
      // B = 1,234,567,890.10 − 1,050,000,000.00 − 37,037,036.70 = 147,530,853.40 (to the treasury account)
      // due = 1,050,000,000.00 + 37,037,036.70 = 1,087,037,036.70; payment = 1,087,037,036.70 − 1,137,037,036.70 = −50,000,000.00
      expect(settle(henan('1050000000.00', true))).toEqual({
        fund: '1234567890.10',
        claims: '1050000000.00',
        allowance: '37037036.70',
        deduction: '0.00',
        allowanceNet: '37037036.70',
        balance: '147530853.40',
        surplus: '147530853.40',
        insurerBears: '0.00',
        fundBears: '0.00',
        fromReserve: '0.00',
        beyondReserve: '0.00',
        forfeitedDeposit: '0.00',
        due: '1087037036.70',
        paidOrPayable: '1137037036.70',
        payment: '-50000000.00',
      });
    });

    it('surplus, failed: the deposit is forfeited (stays in the fund) and comes off the due', () => {
      // due = 1,050,000,000.00 + 37,037,036.70 − 37,037,036.70 = 1,050,000,000.00; paid 1,100,000,000.00 → −50,000,000.00
      expect(settle(henan('1050000000.00', false))).toMatchObject({
        deduction: '0.00',
        balance: '147530853.40',
        forfeitedDeposit: '37037036.70',
        due: '1050000000.00',
        paidOrPayable: '1100000000.00',
        payment: '-50000000.00',
      });
    });

    it('policy-caused deficit within the allowance: the insurer bears all of it', () => {
      // B = 1,234,567,890.10 − 1,200,000,000.00 − 37,037,036.70 = −2,469,146.60 ≤ A' → the insurer bears 2,469,146.60
      // due = 1,200,000,000.00 + 37,037,036.70 − 2,469,146.60 = 1,234,567,890.10; payment = 97,530,853.40
      expect(settle(henan('1200000000.00', true, true))).toMatchObject({
        balance: '-2469146.60',
        insurerBears: '2469146.60',
        fundBears: '0.00',
        fromReserve: '0.00',
        due: '1234567890.10',
        payment: '97530853.40',
      });
    });

    it('policy-caused deficit beyond the allowance: the insurer bears A′, the risk reserve the rest', () => {
      // B = 1,234,567,890.10 − 1,250,000,000.00 − 37,037,036.70 = −52,469,146.60; insurer 37,037,036.70;
      // fund 15,432,109.90, all from the reserve (61,728,394.51); due = C = 1,250,000,000.00; payment = 112,962,963.30
      expect(settle(henan('1250000000.00', true, true))).toMatchObject({
        balance: '-52469146.60',
        insurerBears: '37037036.70',
        fundBears: '15432109.90',
        fromReserve: '15432109.90',
        due: '1250000000.00',
        payment: '112962963.30',
      });
    });

    it('policy-caused deficit beyond allowance and reserve: the rest falls to next year’s funding', () => {
      // B = 1,234,567,890.10 − 1,300,000,000.00 − 37,037,036.70 = −102,469,146.60; insurer A′ = 37,037,036.70
      // fund 65,432,109.90: the reserve 61,728,394.51 (5% of F, 61,728,394.505 → .51), next year 3,703,715.39
      // due = 1,300,000,000.00 + 37,037,036.70 − 37,037,036.70 = 1,300,000,000.00; payment − 1,137,037,036.70 = 162,962,963.30
      expect(settle(henan('1300000000.00', true, true))).toMatchObject({
        balance: '-102469146.60',
        insurerBears: '37037036.70',
        fundBears: '65432109.90',
        fromReserve: '61728394.51',
        beyondReserve: '3703715.39',
        due: '1300000000.00',
        payment: '162962963.30',
      });
    });

    it('within the allowance after a points deduction: the insurer bears at most A′ = A − d', () => {
      // d = 0.005 × 37,037,036.70 = 185,185.1835 → 185,185.18; A′ = 36,851,851.52
      // B = 1,234,567,890.10 − 1,250,000,000.00 − 36,851,851.52 = −52,283,961.42; insurer 36,851,851.52, fund 15,432,109.90
      // due = 1,250,000,000.00 + 36,851,851.52 − 36,851,851.52 − 37,037,036.70 (deposit) = 1,212,962,963.30; paid 1,100,000,000.00
      const input = { ...henan('1250000000.00', false, true), assessment: { passed: false, failDeductionRate: '0.005' } };
      expect(settle(input)).toMatchObject({
        deduction: '185185.18',
        balance: '-52283961.42',
        insurerBears: '36851851.52',
        fundBears: '15432109.90',
        fromReserve: '15432109.90',
        beyondReserve: '0.00',
        forfeitedDeposit: '37037036.70',
        due: '1212962963.30',
        payment: '112962963.30',
      });
    });

    it('deficit not policy-caused: the insurer bears all of it, the reserve nothing (非政策性亏损由乙方承担)', () => {
      // insurer 52,469,146.60; due = 1,250,000,000.00 + 37,037,036.70 − 52,469,146.60 = 1,234,567,890.10
      expect(settle(henan('1250000000.00', true, false))).toMatchObject({
        insurerBears: '52469146.60',
        fundBears: '0.00',
        fromReserve: '0.00',
        due: '1234567890.10',
        payment: '97530853.40',
      });
    });

    it('policy deficit beyond allowance after a failed assessment: bears A′ and loses the deposit', () => {
      // due = 1,250,000,000.00 + 37,037,036.70 − 37,037,036.70 − 37,037,036.70 = 1,212,962,963.30; paid 1,100,000,000.00
      expect(settle(henan('1250000000.00', false, true))).toMatchObject({
        insurerBears: '37037036.70',
        fundBears: '15432109.90',
        forfeitedDeposit: '37037036.70',
        due: '1212962963.30',
        payment: '112962963.30',
      });
    });
  });
});

describe('a settlement from the contract’s terms and the bureau’s finding (stored and dossier alike)', () => {
  const shenyangTerms: PremiumTerms = {
    fund: '371111400.00',
    allowanceRate: '0.045',
    policyDeficitShare: '0.5',
    deficitRule: 'shared',
    retentions: [],
  };

  it('assembles the same input as the figures given directly', () => {
    const input = settlementInput(
      shenyangTerms,
      { claims: '365000000.00', policyDeficit: true },
      { passed: false, failDeductionRate: '0.005' },
      '315444690.00',
    );
    expect(input).toEqual(shenyang('365000000.00', false, true));
  });

  it('a within-allowance rule carries no share', () => {
    const henanTerms: PremiumTerms = {
      fund: '1234567890.10',
      allowanceRate: '0.03',
      policyDeficitShare: null,
      deficitRule: 'within-allowance',
      retentions: HENAN_RETENTIONS,
    };
    const input = settlementInput(
      henanTerms,
      { claims: '1250000000.00', policyDeficit: true },
      { passed: true, failDeductionRate: null },
      '1137037036.70',
    );
    expect(input).toEqual(henan('1250000000.00', true, true));
  });

  it('refuses a shared rule without the insurer’s share', () => {
    expect(() =>
      settlementInput(
        { ...shenyangTerms, policyDeficitShare: null },
        { claims: '0.00', policyDeficit: false },
        { passed: true, failDeductionRate: null },
        '0.00',
      ),
    ).toThrow(/policyDeficitShare/);
  });

  it('gives the results’ settlement part (DOSSIER.md "Evaluation result")', () => {
    // the Shenyang failed, policy-shared year above
    expect(settlementResult(settle(shenyang('365000000.00', false, true)))).toEqual({
      allowance: '16700013.00',
      deduction: '83500.07',
      balance: '-10505112.93',
      insurerBears: '5252556.47',
      fundBears: '5252556.46',
      surplus: '0.00',
      forfeitedDeposit: '0.00',
      paidOrPayable: '315444690.00',
      payment: '60919266.46',
    });
  });
});

describe('what the fund and deposit milestones have paid or made payable', () => {
  it('counts paid and payable fund and deposit milestones, not the settlement itself nor pending, withheld or other bases', () => {
    // Henan: two approved quarters paid (300,000,000.00 + 280,000,000.00), one payable (270,000,000.00), one
    // application not yet approved (amount unknown), the deposit payable after a passed assessment (37,037,036.70):
    // 300,000,000.00 + 280,000,000.00 + 270,000,000.00 + 37,037,036.70 = 887,037,036.70
    expect(
      paidOrPayable([
        { base: 'fund', trigger: 'on-application', status: 'paid', amount: '300000000.00' },
        { base: 'fund', trigger: 'on-application', status: 'paid', amount: '280000000.00' },
        { base: 'fund', trigger: 'on-application', status: 'payable', amount: '270000000.00' },
        { base: 'fund', trigger: 'on-application', status: 'pending', amount: null },
        { base: 'deposit', trigger: 'after-assessment', status: 'payable', amount: '37037036.70' },
        { base: 'fund', trigger: 'after-settlement', status: 'payable', amount: '12345.67' },
        { base: 'reward', trigger: 'after-assessment', status: 'paid', amount: '1000.00' },
        { base: 'contract', trigger: 'on-signing', status: 'paid', amount: '2000.00' },
      ]),
    ).toBe('887037036.70');
  });

  it('a withheld deposit (failed assessment) counts nothing; nothing counted is 0.00', () => {
    expect(paidOrPayable([{ base: 'deposit', trigger: 'after-assessment', status: 'withheld', amount: '37037036.70' }])).toBe('0.00');
  });
});
