import type { DossierContract } from '../dossier/dossier.types';
import { type AssessedYear, type ContractContext, contractStatus } from './contract-status';
import type { MilestoneSpec, Schedule } from './payment-schedule';

/**
 * A CONTRACT as of its asOf (DOSSIER.md "SCHEDULE and CONTRACT", "Format 2 precisions"), figures by hand.
 *
 * Per-capita (Ningbo style): unit price 1.16 × 3,994,967 = 4,634,161.72 + the 信息系统 fee 300,000.00 =
 * 4,934,161.72 (the 绩效考核 component is the reward, 500,000.00). 30% = 1,480,248.516 → 1,480,248.52;
 * 10% = 493,416.172 → 493,416.17; the remainder takes 4,934,161.72 − 2 × 1,480,248.52 − 493,416.17 = 1,480,248.51.
 */
const PASSED: AssessedYear = { passed: true, rewardRate: '0.80', deduction: '0.00', failDeductionRate: null, maxReward: null };

const perCapita = (milestones: MilestoneSpec[], assessment: AssessedYear | null = null): ContractContext => ({
  kind: 'per-capita',
  schedule: { code: 'S', name: 'S', milestones },
  bid: { unitPrice: '1.16', total: null },
  lot: {
    fixedComponents: [
      { name: '信息系统', amount: '300000.00' },
      { name: '绩效考核', amount: '500000.00' },
    ],
    rewardBudget: '500000.00',
  },
  assessment,
});

const contract = (over: Partial<DossierContract> = {}): DossierContract => ({
  lot: '1',
  year: 2024,
  schedule: 'S',
  asOf: '2024-12-31',
  population: 3994967,
  signedOn: '2024-01-10',
  ...over,
});

const statuses = (c: DossierContract, ctx: ContractContext) => contractStatus(c, ctx).milestones.map((m) => [m.name, m.amount, m.status]);

describe('contractStatus: amounts', () => {
  const schedule: MilestoneSpec[] = [
    { name: '首付款', share: '0.30', trigger: 'on-signing' },
    { name: '年中款', share: '0.30', trigger: 'on-date', due: { month: 7, day: 'end' } },
    { name: '考评款', share: '0.10', trigger: 'after-service-evaluation', period: 'H1' },
    { name: '尾款', remainder: true, trigger: 'after-acceptance' },
    { name: '绩效奖励', base: 'reward', share: '1', trigger: 'after-assessment', amountRule: 'reward-rate' },
  ];

  it('divides the contract amount to the 分, the remainder taking the rest, and the reward by the grade', () => {
    const result = contractStatus(contract(), perCapita(schedule, PASSED));
    expect(result).toMatchObject({ lot: '1', year: 2024, amount: '4934161.72', fund: null });
    expect(result.settlement).toBeUndefined();
    expect(result.milestones.map((m) => [m.name, m.amount, m.due])).toEqual([
      ['首付款', '1480248.52', null],
      ['年中款', '1480248.52', '2024-07-31'],
      ['考评款', '493416.17', null],
      ['尾款', '1480248.51', null],
      ['绩效奖励', '400000.00', null],
    ]);
  });

  it('takes the assessment’s maxReward as the reward base when it gives one, and rate × reward × share', () => {
    const specs: MilestoneSpec[] = [
      { name: '绩效奖励', base: 'reward', share: '0.50', trigger: 'after-assessment', amountRule: 'reward-rate' },
    ];
    const ctx = perCapita(specs, { ...PASSED, rewardRate: '0.60', maxReward: '333333.33' });
    // 0.50 × 333,333.33 = 166,666.665 → 166,666.67; × 0.60 = 100,000.002 → 100,000.00
    expect(statuses(contract(), ctx)).toEqual([['绩效奖励', '100000.00', 'payable']]);
  });
});

describe('contractStatus: statuses on asOf', () => {
  it('releases nothing before the signature, nor on an unsigned contract', () => {
    const specs: MilestoneSpec[] = [
      { name: '首付款', share: '0.30', trigger: 'on-signing' },
      { name: '年中款', remainder: true, trigger: 'on-date', due: { month: 1, day: 1 } },
    ];
    expect(statuses(contract({ asOf: '2024-01-09' }), perCapita(specs))).toEqual([
      ['首付款', '1480248.52', 'pending'],
      ['年中款', '3453913.20', 'pending'],
    ]);
    expect(statuses(contract({ signedOn: null }), perCapita(specs)).map((r) => r[2])).toEqual(['pending', 'pending']);
    expect(statuses(contract({ asOf: '2024-01-10' }), perCapita(specs)).map((r) => r[2])).toEqual(['payable', 'payable']);
  });

  it('on-date: payable from its due date on, pending the day before', () => {
    const specs: MilestoneSpec[] = [{ name: '年中款', share: '1', trigger: 'on-date', due: { month: 7, day: 'end' } }];
    expect(statuses(contract({ asOf: '2024-07-30' }), perCapita(specs))[0][2]).toBe('pending');
    expect(statuses(contract({ asOf: '2024-07-31' }), perCapita(specs))[0][2]).toBe('payable');
  });

  it('after-service-evaluation: the latest evaluation of its period by asOf decides', () => {
    const specs: MilestoneSpec[] = [
      { name: '上半年', share: '0.50', trigger: 'after-service-evaluation', period: 'H1' },
      { name: '下半年', remainder: true, trigger: 'after-service-evaluation', period: 'H2' },
    ];
    const evaluations = [
      { period: 'H1', on: '2024-07-10', passed: false },
      { period: 'H1', on: '2024-08-10', passed: true },
      { period: 'H2', on: '2025-01-10', passed: false },
    ];
    const at = (asOf: string) => statuses(contract({ asOf, serviceEvaluations: evaluations }), perCapita(specs)).map((r) => r[2]);
    expect(at('2024-07-09')).toEqual(['pending', 'pending']);
    expect(at('2024-07-10')).toEqual(['withheld', 'pending']);
    expect(at('2024-08-10')).toEqual(['payable', 'pending']);
    expect(at('2025-01-10')).toEqual(['payable', 'withheld']);
  });

  it('after-acceptance: passed → payable, failed → withheld (keeping its amount), not before its day', () => {
    const specs: MilestoneSpec[] = [{ name: '验收款', share: '0.50', trigger: 'after-acceptance' }];
    const at = (asOf: string, passed: boolean) =>
      statuses(contract({ asOf, acceptance: { on: '2024-12-20', passed } }), perCapita(specs))[0];
    expect(at('2024-12-19', true)).toEqual(['验收款', '2467080.86', 'pending']);
    expect(at('2024-12-20', true)).toEqual(['验收款', '2467080.86', 'payable']);
    expect(at('2024-12-20', false)).toEqual(['验收款', '2467080.86', 'withheld']);
  });

  describe('after-assessment, by amount rule', () => {
    const specs: MilestoneSpec[] = [
      { name: '达标款', amount: '100000.00', trigger: 'after-assessment', amountRule: 'if-passed' },
      { name: '扣减款', amount: '200000.00', trigger: 'after-assessment', amountRule: 'less-deduction' },
      { name: '绩效奖励', base: 'reward', share: '1', trigger: 'after-assessment', amountRule: 'reward-rate' },
    ];
    const failed: AssessedYear = { passed: false, rewardRate: null, deduction: '12345.67', failDeductionRate: '0.005', maxReward: null };

    it('pending until the year is assessed', () => {
      expect(statuses(contract(), perCapita(specs)).map((r) => r[2])).toEqual(['pending', 'pending', 'pending']);
    });

    it('passed: if-passed pays its amount, less-deduction its amount less 0, reward-rate the grade’s share', () => {
      expect(statuses(contract(), perCapita(specs, PASSED))).toEqual([
        ['达标款', '100000.00', 'payable'],
        ['扣减款', '200000.00', 'payable'],
        ['绩效奖励', '400000.00', 'payable'],
      ]);
    });

    it('failed points assessment: if-passed withheld with its amount, less-deduction less d, no reward (withheld at 0)', () => {
      expect(statuses(contract(), perCapita(specs, failed))).toEqual([
        ['达标款', '100000.00', 'withheld'],
        ['扣减款', '187654.33', 'payable'],
        ['绩效奖励', '0.00', 'withheld'],
      ]);
    });

    it('a grade without reward (较差) withholds the reward', () => {
      const poor: AssessedYear = { passed: false, rewardRate: '0.00', deduction: '0.00', failDeductionRate: null, maxReward: null };
      expect(statuses(contract(), perCapita(specs.slice(2), poor))).toEqual([['绩效奖励', '0.00', 'withheld']]);
    });
  });

  it('paid when a payment names the milestone by asOf, whatever its trigger says; a later payment does not count yet', () => {
    const specs: MilestoneSpec[] = [
      { name: '首付款', share: '0.30', trigger: 'on-signing' },
      { name: '尾款', remainder: true, trigger: 'after-acceptance' },
    ];
    const payments = [
      { milestone: '首付款', paidOn: '2024-02-01', voucher: 'V-1' },
      { milestone: '尾款', paidOn: '2025-01-15', voucher: 'V-2' },
    ];
    const acceptance = { on: '2024-12-20', passed: true };
    expect(statuses(contract({ payments, acceptance }), perCapita(specs)).map((r) => r[2])).toEqual(['paid', 'payable']);
    expect(statuses(contract({ payments, acceptance, asOf: '2025-01-15' }), perCapita(specs)).map((r) => r[2])).toEqual(['paid', 'paid']);
  });

  it('fixed-price: the corrected bid total less the reward components is the contract amount', () => {
    const ctx: ContractContext = {
      kind: 'fixed-price',
      schedule: { code: 'S', name: 'S', milestones: [{ name: '合同款', share: '1', trigger: 'on-signing' }] },
      bid: { unitPrice: null, total: '1100000.00' },
      lot: { fixedComponents: [{ name: '考核奖励', amount: '100000.00', kind: 'reward' }] },
      assessment: null,
    };
    const result = contractStatus(contract({ population: null }), ctx);
    expect([result.amount, result.milestones[0].amount, result.milestones[0].status]).toEqual(['1000000.00', '1000000.00', 'payable']);
  });
});

/**
 * Premium (Henan style, within-allowance): F = 90.00 × 2,040,000 = 183,600,000.00; a = 0.035 from the bid →
 * A = 6,426,000.00; the deposit is 3% of F = 5,508,000.00 (the 5% reserve, 9,180,000.00, is never paid).
 * Q1 approved 40,000,000 and paid; Q2 approved 42,000,000 (payable); Q3 applied for, not approved (amount
 * unknown); Q4 not applied for.
 */
describe('contractStatus: a premium fund', () => {
  const schedule: Schedule = {
    code: 'HN',
    name: 'HN',
    deficitRule: 'within-allowance',
    retentions: [
      { kind: 'reserve', share: '0.05' },
      { kind: 'deposit', share: '0.03' },
    ],
    milestones: [
      ...['Q1', 'Q2', 'Q3', 'Q4'].map((q): MilestoneSpec => ({ name: q, base: 'fund', trigger: 'on-application' })),
      { name: '保证金返还', base: 'deposit', share: '1', trigger: 'after-assessment', amountRule: 'deposit' },
      { name: '年度清算', base: 'fund', trigger: 'after-settlement' },
    ],
  };
  const premium = (assessment: AssessedYear | null): ContractContext => ({
    kind: 'premium',
    schedule,
    bid: { unitPrice: null, total: null, rate: '0.035', deficitShare: '0.50' },
    lot: { fixedComponents: [] },
    assessment,
  });
  const base = contract({
    population: 2040000,
    fundStandard: '90.00',
    asOf: '2025-06-30',
    applications: [
      { milestone: 'Q1', requested: '40000000.00', approved: '40000000.00' },
      { milestone: 'Q2', requested: '45000000.00', approved: '42000000.00' },
      { milestone: 'Q3', requested: '45000000.00' },
    ],
    payments: [{ milestone: 'Q1', paidOn: '2024-04-20', voucher: 'HN-001' }],
  });
  const passed: AssessedYear = { passed: true, rewardRate: null, deduction: '0.00', failDeductionRate: '0.005', maxReward: null };
  const failed: AssessedYear = { ...passed, passed: false, deduction: '32130.00' };

  it('before the settlement: approved applications payable, unapproved ones unknown, the deposit after the assessment', () => {
    const result = contractStatus(base, premium(passed));
    expect([result.amount, result.fund, result.settlement]).toEqual(['183600000.00', '183600000.00', undefined]);
    expect(result.milestones.map((m) => [m.name, m.amount, m.status])).toEqual([
      ['Q1', '40000000.00', 'paid'],
      ['Q2', '42000000.00', 'payable'],
      ['Q3', null, 'pending'],
      ['Q4', null, 'pending'],
      ['保证金返还', '5508000.00', 'payable'],
      ['年度清算', null, 'pending'],
    ]);
  });

  it('a surplus: the insurer is due C + A; the payment is that less what was paid or made payable (40M + 42M + the deposit)', () => {
    const result = contractStatus({ ...base, settlement: { claims: '170000000.00', policyDeficit: false } }, premium(passed));
    // B = 183,600,000 − 170,000,000 − 6,426,000 = 7,174,000; due 176,426,000; paid or payable 87,508,000.
    expect(result.settlement).toEqual({
      allowance: '6426000.00',
      deduction: '0.00',
      balance: '7174000.00',
      insurerBears: '0.00',
      fundBears: '0.00',
      surplus: '7174000.00',
      forfeitedDeposit: '0.00',
      paidOrPayable: '87508000.00',
      payment: '88918000.00',
    });
    expect(result.milestones[5]).toEqual({ name: '年度清算', amount: '88918000.00', status: 'payable', due: null });
  });

  it('a refund is payable too (negative payment)', () => {
    const result = contractStatus({ ...base, settlement: { claims: '80000000.00', policyDeficit: false } }, premium(passed));
    // due 80,000,000 + 6,426,000 = 86,426,000 − 87,508,000 = −1,082,000.00
    expect(result.milestones[5]).toMatchObject({ amount: '-1082000.00', status: 'payable' });
  });

  it('a failed assessment: d = 0.5% of A, the deposit withheld and forfeited, not counted as paid or payable', () => {
    const result = contractStatus({ ...base, settlement: { claims: '170000000.00', policyDeficit: false } }, premium(failed));
    // A' = 6,426,000 − 32,130 = 6,393,870; due = 170,000,000 + 6,393,870 − 5,508,000 = 170,885,870; paid or payable 82,000,000.
    expect(result.milestones[4]).toMatchObject({ amount: '5508000.00', status: 'withheld' });
    expect(result.settlement).toMatchObject({
      deduction: '32130.00',
      balance: '7206130.00',
      forfeitedDeposit: '5508000.00',
      paidOrPayable: '82000000.00',
      payment: '88885870.00',
    });
  });

  it('a policy-caused deficit within the allowance: the insurer bears min(D, A′)', () => {
    const result = contractStatus({ ...base, settlement: { claims: '180000000.00', policyDeficit: true } }, premium(passed));
    // B = 183,600,000 − 180,000,000 − 6,426,000 = −2,826,000; the insurer bears 2,826,000; due 183,600,000.
    expect(result.settlement).toMatchObject({
      balance: '-2826000.00',
      insurerBears: '2826000.00',
      fundBears: '0.00',
      payment: '96092000.00',
    });
  });

  it('the contract’s own allowance rate stands over the bid’s', () => {
    const result = contractStatus(
      { ...base, allowanceRate: '0.03', settlement: { claims: '170000000.00', policyDeficit: false } },
      premium(passed),
    );
    expect(result.settlement?.allowance).toBe('5508000.00');
  });
});
