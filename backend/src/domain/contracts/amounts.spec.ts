import {
  allowance,
  baseAmounts,
  contractAmount,
  contractFees,
  contractFigures,
  contractTerm,
  fixedPriceAmount,
  isRewardComponent,
  premiumFund,
  serviceAmount,
} from './amounts';

const none = {
  unitPrice: null,
  population: null,
  components: [],
  bidTotal: null,
  fundStandard: null,
  allowanceRate: null,
  retentions: [],
  reward: null,
};

describe('contract amounts', () => {
  it('service amount is unit price × population, half-up to the 分', () => {
    expect(serviceAmount('1.06', 3994965)).toBe('4234662.90');
    expect(serviceAmount('1.23', 3994965)).toBe('4913806.95');
    // 1.235 × 3 = 3.705 → 3.71 (half-up, where binary floating point would give 3.70)
    expect(serviceAmount('1.235', 3)).toBe('3.71');
    expect(serviceAmount('90', 4123457)).toBe('371111130.00');
  });

  it('the reward is a component of kind reward, or without a kind one whose name holds 绩效', () => {
    expect(isRewardComponent({ name: '绩效考核', amount: '1' })).toBe(true);
    expect(isRewardComponent({ name: '信息系统', amount: '1' })).toBe(false);
    expect(isRewardComponent({ name: '服务激励', amount: '1', kind: 'reward' })).toBe(true);
    expect(isRewardComponent({ name: '绩效系统运维', amount: '1', kind: 'fee' })).toBe(false);
  });

  it('fixed fees leave out the performance reward, which is paid after the assessment', () => {
    const lot1 = [
      { name: '信息系统', amount: '300000.00' },
      { name: '绩效考核', amount: '500000.00' },
    ];
    expect(contractFees(lot1)).toEqual([{ name: '信息系统', amount: '300000.00' }]);
    expect(contractFees([{ name: '绩效考核', amount: '290000' }])).toEqual([]);
  });

  it('contract amount adds the fixed fees to the service amount', () => {
    expect(contractAmount('4234662.90', [{ name: '信息系统', amount: '300000.00' }])).toBe('4534662.90');
    expect(contractAmount('2536498.57', [])).toBe('2536498.57');
  });

  it('per kind: per-capita fee, premium fund with its allowance, fixed price less the reward', () => {
    const components = [
      { name: '信息系统', amount: '300000.00' },
      { name: '绩效考核', amount: '500000.00' },
    ];
    expect(contractFigures({ ...none, kind: 'per-capita', unitPrice: '1.06', population: 3994965, components })).toEqual({
      serviceAmount: '4234662.90',
      fixedFees: [{ name: '信息系统', amount: '300000.00' }],
      contractAmount: '4534662.90',
      fund: null,
      allowance: null,
    });
    // Shenyang: 90 元 × 2,040,000 = 183,600,000.00; a 4.5% allowance is 8,262,000.00.
    expect(contractFigures({ ...none, kind: 'premium', fundStandard: '90', population: 2040000, allowanceRate: '0.045' })).toEqual({
      serviceAmount: null,
      fixedFees: [],
      contractAmount: '183600000.00',
      fund: '183600000.00',
      allowance: '8262000.00',
    });
    // A 3,970,850.00 bid with a 500,000 performance component: the contract is 3,470,850.00, of which 300,000 a fee.
    expect(contractFigures({ ...none, kind: 'fixed-price', bidTotal: '3970850.00', components })).toEqual({
      serviceAmount: '3170850.00',
      fixedFees: [{ name: '信息系统', amount: '300000.00' }],
      contractAmount: '3470850.00',
      fund: null,
      allowance: null,
    });
    expect(fixedPriceAmount('1188000.00', [])).toBe('1188000.00');
    expect(premiumFund('90.5', 3)).toBe('271.50');
    expect(allowance('1000.01', '0.03')).toBe('30.00');
    expect(() => contractFigures({ ...none, kind: 'premium', population: 1 })).toThrow('a premium contract needs a funding standard');
  });

  it('bases: the deposit retention of the fund, the reward; none where the contract has none', () => {
    const retentions = [
      { kind: 'reserve' as const, share: '0.05' },
      { kind: 'deposit' as const, share: '0.03' },
    ];
    expect(baseAmounts({ contractAmount: '4534662.90', fund: '4534662.90' }, retentions, null)).toEqual({
      contract: '4534662.90',
      fund: '4534662.90',
      reward: null,
      deposit: '136039.89',
    });
    expect(baseAmounts({ contractAmount: '1.00', fund: null }, retentions, '500000')).toEqual({
      contract: '1.00',
      fund: null,
      reward: '500000.00',
      deposit: null,
    });
  });

  it('term: a year from the effective date, or the whole term for a fixed price', () => {
    expect(contractTerm('per-capita', 2023, null, 3)).toEqual({ start: '2023-01-01', end: '2023-12-31', months: 12 });
    expect(contractTerm('premium', 2024, '2024-02-01', 3)).toEqual({ start: '2024-02-01', end: '2025-01-31', months: 12 });
    // Foshan: one year from the effective date; hospital 001: three years of service.
    expect(contractTerm('fixed-price', 2025, '2025-03-15', 1)).toEqual({ start: '2025-03-15', end: '2026-03-14', months: 12 });
    expect(contractTerm('fixed-price', 2024, '2024-07-01', 3)).toEqual({ start: '2024-07-01', end: '2027-06-30', months: 36 });
    expect(contractTerm('fixed-price', 2024, '2024-02-29', 1).end).toBe('2025-02-28');
  });
});
