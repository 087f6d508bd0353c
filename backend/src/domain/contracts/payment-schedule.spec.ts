import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { D } from '../decimal';
import { ScheduleSchema } from '../dossier/schedule.schema';
import { fieldErrors, list } from '../validation';
import { baseAmounts } from './amounts';
import {
  assessedAmount,
  BaseAmounts,
  dueDate,
  milestoneAmounts,
  type MilestoneBasis,
  Schedule,
  scheduleCovers,
  scheduleFitsKind,
  scheduleMilestones,
  statusFor,
} from './payment-schedule';

// The shipped schedules (seed/payment-schedules.json), checked by the schema the product reads them with.
const raw: unknown = JSON.parse(readFileSync(resolve(__dirname, '../../../../seed/payment-schedules.json'), 'utf8'));
const parsed = list(ScheduleSchema).safeParse(raw);
const shipped = (raw as Schedule[]).map((s) => s);
const schedules = new Map(shipped.map((s) => [s.code, s]));

// Ningbo lot 1: 1.06 × 3,994,965 + 300,000 (information system); reward budget 500,000.
const CONTRACT = '4534662.90';
const REWARD = '500000.00';
// Shenyang: 90 元 × 2,040,000 insured.
const FUND = '183600000.00';
const perCapita: BaseAmounts = { contract: CONTRACT, fund: null, reward: REWARD, deposit: null };

const scheduled = (code: string, bases: BaseAmounts, signedOn: string | null = null) =>
  scheduleMilestones(schedules.get(code)!.milestones, { year: 2023, bases, signedOn });
const total = (amounts: (string | null)[]) => amounts.reduce((s, a) => s.plus(a ?? 0), new D(0)).toFixed(2);
const basis = (b: Partial<MilestoneBasis>): MilestoneBasis => ({
  base: 'contract',
  share: null,
  fixedAmount: null,
  remainder: false,
  trigger: 'on-signing',
  ...b,
});

describe('shipped payment schedules (seed/payment-schedules.json)', () => {
  it('holds the five buyers, Foshan per lot, each well formed and naming its seed clause per milestone', () => {
    expect(parsed.success ? [] : fieldErrors(parsed.error.issues)).toEqual([]);
    expect([...schedules.keys()]).toEqual(['ningbo', 'henan', 'shenyang', 'hospital', 'foshan-1', 'foshan-2']);
    for (const s of shipped) for (const m of s.milestones) expect(m.source).toMatch(/^seed 00[0-4]/);
    expect(scheduleCovers(schedules.get('foshan-1')!, '1')).toBe(true);
    expect(scheduleCovers(schedules.get('foshan-1')!, '2')).toBe(false);
    expect(scheduleCovers(schedules.get('ningbo')!, '3')).toBe(true);
  });

  it('fits a schedule to its kind: fund and deposit milestones on a premium fund only, which needs a deficit rule and no deduction', () => {
    const henan = schedules.get('henan')!;
    expect(scheduleFitsKind(henan, 'premium')).toBe(true);
    expect(scheduleFitsKind(henan, 'per-capita')).toBe(false);
    expect(scheduleFitsKind(schedules.get('ningbo')!, 'per-capita')).toBe(true);
    expect(scheduleFitsKind(schedules.get('hospital')!, 'fixed-price')).toBe(true);
    expect(scheduleFitsKind(schedules.get('ningbo')!, 'premium')).toBe(false);
    expect(scheduleFitsKind({ ...henan, deficitRule: undefined }, 'premium')).toBe(false);
    const deducted = { ...henan, milestones: [...henan.milestones, { ...henan.milestones[0], amountRule: 'less-deduction' as const }] };
    expect(scheduleFitsKind(deducted, 'premium')).toBe(false);
  });

  it.each([
    [
      'ningbo',
      perCapita,
      [
        ['年度委托经办费用（含固定费用）', 'contract', 'on-signing', null, CONTRACT],
        ['年度绩效考核奖励', 'reward', 'after-assessment', 'reward-rate', REWARD],
      ],
    ],
    [
      'hospital',
      perCapita,
      [
        ['上半年维保费', 'contract', 'after-service-evaluation', null, '2267331.45'],
        ['下半年维保费', 'contract', 'after-service-evaluation', null, '2267331.45'],
      ],
    ],
    [
      // 30% = 1,360,398.87; 20% = 906,932.58; the 50% after acceptance takes the rest: 2,267,331.45.
      'foshan-1',
      perCapita,
      [
        ['签约款', 'contract', 'on-signing', null, '1360398.87'],
        ['服务期中款', 'contract', 'after-service-evaluation', null, '906932.58'],
        ['验收款', 'contract', 'after-acceptance', null, '2267331.45'],
      ],
    ],
    [
      'foshan-2',
      { ...perCapita, contract: '132435.01' },
      [
        ['签约款', 'contract', 'on-signing', null, '66217.51'],
        ['验收款', 'contract', 'after-acceptance', null, '66217.50'],
      ],
    ],
    [
      // 85% of the fund in the first quarter; the settlement's amount is known only when it is made.
      'shenyang',
      { contract: FUND, fund: FUND, reward: null, deposit: null },
      [
        ['年度保费首期（85%）', 'fund', 'on-date', null, '156060000.00'],
        ['年度保费清算款', 'fund', 'after-settlement', null, null],
      ],
    ],
    [
      // Applications are approved amounts (none yet); the deposit is 3% of F: 136,039.887 → 136,039.89.
      'henan',
      {
        contract: CONTRACT,
        fund: CONTRACT,
        reward: null,
        deposit: baseAmounts({ contractAmount: CONTRACT, fund: CONTRACT }, [{ kind: 'deposit', share: '0.03' }], null).deposit,
      },
      [
        ['第一季度资金', 'fund', 'on-application', null, null],
        ['第二季度资金', 'fund', 'on-application', null, null],
        ['第三季度资金', 'fund', 'on-application', null, null],
        ['第四季度资金', 'fund', 'on-application', null, null],
        ['年度考核保证金返还', 'deposit', 'after-assessment', 'deposit', '136039.89'],
        ['年度清算款', 'fund', 'after-settlement', null, null],
      ],
    ],
  ] as const)('%s: bases, triggers, rules and exact amounts', (code, bases, expected) => {
    const milestones = scheduled(code, bases);
    expect(milestones.map((m) => [m.name, m.base, m.trigger, m.amountRule, m.amount])).toEqual(expected);
    expect(milestones.map((m) => m.seq)).toEqual(expected.map((_, i) => i + 1));
  });

  it.each(['ningbo', 'hospital', 'foshan-1', 'foshan-2'])('%s: parts add up to the whole to the 分 for awkward amounts', (code) => {
    for (const whole of ['100.01', '33333.33', '2536498.57', '4534662.91', '999999999.99']) {
      const amounts = scheduled(code, { contract: whole, fund: null, reward: null, deposit: null }).map((m) => m.amount);
      expect(total(amounts)).toBe(whole);
      for (const a of amounts) expect(a).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it('leaves out milestones on a base the contract lacks (no reward budget, no deposit)', () => {
    expect(scheduled('ningbo', { ...perCapita, reward: null }).map((m) => m.name)).toEqual(['年度委托经办费用（含固定费用）']);
  });

  it('only the signature releases a payment when a contract is drawn up or signed; every other trigger waits', () => {
    expect(scheduled('foshan-1', perCapita).map((m) => m.status)).toEqual(['pending', 'pending', 'pending']);
    expect(scheduled('foshan-1', perCapita, '2025-01-10').map((m) => m.status)).toEqual(['payable', 'pending', 'pending']);
    expect(statusFor('on-signing', true)).toBe('payable');
    expect(statusFor('on-date', true)).toBe('pending');
    expect(statusFor('on-signing', false)).toBe('pending');
  });

  it('due dates: fixed days of the contract year or later, or relative to the signing', () => {
    const henan = { contract: CONTRACT, fund: CONTRACT, reward: null, deposit: '1.00' };
    expect(scheduled('henan', henan).map((m) => m.dueDate)).toEqual(['2023-01-31', '2023-04-30', '2023-07-31', '2023-10-31', null, null]);
    expect(scheduled('shenyang', { ...henan, deposit: null }).map((m) => m.dueDate)).toEqual(['2023-03-31', '2024-03-31']);
    // Ningbo: by the end of the month after signing — unknown until signed.
    expect(scheduled('ningbo', perCapita)[0].dueDate).toBeNull();
    expect(scheduled('ningbo', perCapita, '2023-01-10')[0].dueDate).toBe('2023-02-28');
    expect(scheduled('hospital', perCapita, '2024-03-15').map((m) => m.dueDate)).toEqual(['2024-09-30', '2025-03-31']);
    expect(dueDate({ monthsAfterSigning: 1, day: 'end' }, 2024, '2024-01-31')).toBe('2024-02-29');
    expect(dueDate({ monthsAfterSigning: 1, day: 'end' }, 2023, '2023-12-05')).toBe('2024-01-31');
    expect(dueDate({ month: 2, day: 30 }, 2023, null)).toBe('2023-02-28');
  });
});

describe('milestone amounts', () => {
  it('a share is rounded half-up to the 分; a fixed amount is itself; the remainder takes the rest of its base', () => {
    const amounts = milestoneAmounts(
      [basis({ fixedAmount: '300000' }), basis({ share: '0.5' }), basis({ remainder: true }), basis({ base: 'reward', share: '0.5' })],
      { contract: '1000000.01', fund: null, reward: '3.33', deposit: null },
    );
    // 0.5 × 1,000,000.01 = 500,000.005 → 500,000.01; the rest 200,000.00. The reward base is its own: 1.665 → 1.67.
    expect(amounts).toEqual(['300000.00', '500000.01', '200000.00', '1.67']);
  });

  it('without a remainder milestone the shares stand as rounded (a schedule need not pay out the whole base)', () => {
    expect(milestoneAmounts([basis({ share: '0.85' })], { contract: '183600000.00', fund: null, reward: null, deposit: null })).toEqual([
      '156060000.00',
    ]);
  });

  it('applications and settlements have no amount until their event; a base the contract lacks gives none', () => {
    const amounts = milestoneAmounts(
      [
        basis({ trigger: 'on-application', base: 'fund' }),
        basis({ trigger: 'after-settlement', base: 'fund' }),
        basis({ base: 'deposit', remainder: true }),
      ],
      { contract: '1.00', fund: '1.00', reward: null, deposit: null },
    );
    expect(amounts).toEqual([null, null, null]);
  });

  it('an after-assessment milestone follows its rule', () => {
    const passed = { passed: true, rewardRate: '0.80', deduction: '0.00' };
    const failed = { passed: false, rewardRate: null, deduction: '2500.00' };
    // 良好: 80% of a 500,000 reward; 较差: nothing, withheld.
    expect(assessedAmount('reward-rate', '500000.00', passed)).toEqual({ amount: '400000.00', withheld: false });
    expect(assessedAmount('reward-rate', '500000.00', { ...passed, passed: false, rewardRate: '0' })).toEqual({
      amount: '0.00',
      withheld: true,
    });
    // Shenyang-style deduction of 0.5% of an operating cost of 500,000 from the amount.
    expect(assessedAmount('less-deduction', '100000.00', failed)).toEqual({ amount: '97500.00', withheld: false });
    expect(assessedAmount('less-deduction', '100000.00', passed)).toEqual({ amount: '100000.00', withheld: false });
    // A deposit or an if-passed payment is kept, at its amount, when the assessment failed.
    expect(assessedAmount('deposit', '136039.89', failed)).toEqual({ amount: '136039.89', withheld: true });
    expect(assessedAmount('deposit', '136039.89', passed)).toEqual({ amount: '136039.89', withheld: false });
    expect(assessedAmount(null, '10.00', failed)).toEqual({ amount: '10.00', withheld: true });
  });
});

describe('schedule schema (DOSSIER.md SCHEDULE)', () => {
  const errors = (s: unknown) => {
    const r = ScheduleSchema.safeParse(s);
    return r.success ? [] : fieldErrors(r.error.issues).map((e) => `${e.path}: ${e.code}`);
  };
  const ok = {
    code: 'x',
    name: 'x',
    milestones: [
      { name: 'a', share: '0.30', trigger: 'on-signing' },
      { name: 'b', remainder: true, trigger: 'after-acceptance' },
    ],
  };

  it('accepts a well-formed schedule', () => expect(errors(ok)).toEqual([]));

  it('names each fault of a milestone by its path', () => {
    expect(
      errors({
        code: 'bad',
        name: 'bad',
        milestones: [
          { name: 'a', share: '0.6', trigger: 'on-signing' },
          { name: 'b', share: '0.4', trigger: 'on-date' },
          { name: 'c', share: '0.1', amount: '10.00', trigger: 'after-acceptance' },
          { name: 'd', trigger: 'whenever' },
          { name: 'e', base: 'fund', share: '0.2', trigger: 'on-application' },
          { name: 'f', remainder: true, trigger: 'after-service-evaluation', amountRule: 'if-passed' },
          { name: 'g', share: '1.5', trigger: 'on-signing', due: { month: 13, day: 'end' } },
        ],
      }),
    ).toEqual([
      'milestones[1].due: required',
      'milestones[2].amount: shareAmountOrRemainder',
      'milestones[3].trigger: oneOf',
      'milestones[4].share: amountComesLater',
      'milestones[5].period: required',
      'milestones[5].amountRule: amountRuleAfterAssessment',
      'milestones[6].share: fraction',
      'milestones[6].due.month: integer',
    ]);
  });

  it('then the rules across the milestones: shares above the whole, one remainder per base, retentions', () => {
    expect(
      errors({
        code: 'bad',
        name: 'bad',
        retentions: [
          { kind: 'reserve', share: '0.6' },
          { kind: 'reserve', share: '0.5' },
        ],
        milestones: [
          { name: 'a', share: '0.6', trigger: 'on-signing' },
          { name: 'b', share: '0.5', trigger: 'on-date', due: { month: 3, day: 'end' } },
          { name: 'g', remainder: true, trigger: 'after-acceptance' },
          { name: 'h', remainder: true, trigger: 'after-acceptance' },
          { name: 'i', base: 'deposit', remainder: true, trigger: 'after-assessment', amountRule: 'deposit' },
        ],
      }),
    ).toEqual([
      'retentions[1].kind: duplicate',
      'retentions: retentionsOverFund',
      'milestones[1].share: sharesOverWhole',
      'milestones[3].remainder: oneRemainder',
      'milestones[4].base: depositWithoutRetention',
      'deficitRule: required',
    ]);
  });
});
