import { D } from '../decimal';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkTemplate, dueDate, milestoneAmounts, scheduleMilestones, ScheduleTemplate, statusFor } from './payment-schedule';

// The shipped schedules (seed/payment-schedules.json), read as the product reads them.
const shipped: ScheduleTemplate[] = JSON.parse(readFileSync(resolve(__dirname, '../../../../seed/payment-schedules.json'), 'utf8'));
const templates = new Map(shipped.map((t) => [t.code, t]));
const CONTRACT = '4534662.90';
const REWARD = '500000.00';

const scheduled = (code: string, signedOn: string | null = null, bases = { contract: CONTRACT, reward: REWARD as string | null }) =>
  scheduleMilestones(templates.get(code)!.milestones, { year: 2023, bases, signedOn });
const total = (amounts: string[]) => amounts.reduce((s, a) => s.plus(a), new D(0)).toFixed(2);

describe('payment schedule templates (seed/payment-schedules.json)', () => {
  it('holds the five buyers of DOMAIN.md §6, each well formed', () => {
    expect([...templates.keys()]).toEqual(['ningbo', 'henan', 'shenyang', 'hospital', 'foshan']);
    for (const t of templates.values()) expect(checkTemplate(t)).toEqual([]);
  });

  // Amounts for a contract of 4,534,662.90 (lot 1: 1.06 × 3,994,965 + 300,000) and a reward budget of 500,000.
  it.each([
    [
      'ningbo',
      [
        ['年度委托经办服务费（含固定费用）', 'on-signing', CONTRACT],
        ['年度绩效考核奖励（按考核等级结算，以最高额为限）', 'after-passed-assessment', REWARD],
      ],
    ],
    [
      'henan',
      [
        ['第一季度资金', 'quarterly-on-application', '1042972.47'],
        ['第二季度资金', 'quarterly-on-application', '1042972.47'],
        ['第三季度资金', 'quarterly-on-application', '1042972.47'],
        ['第四季度资金', 'quarterly-on-application', '1042972.47'],
        ['风险调节金（预留5%）', 'after-acceptance', '226733.15'],
        // 3% would be 136,039.887; the last milestone takes the rounding of the others (尾差).
        ['年度考核保证金（预留3%）', 'after-passed-assessment', '136039.87'],
      ],
    ],
    [
      'shenyang',
      [
        ['年度保费首期（85%）', 'on-date', '3854463.47'],
        ['年度保费清算余款（15%）', 'after-acceptance', '680199.43'],
      ],
    ],
    [
      'hospital',
      [
        ['上半年服务费', 'after-passed-assessment', '2267331.45'],
        ['下半年服务费', 'after-passed-assessment', '2267331.45'],
      ],
    ],
    [
      'foshan',
      [
        ['签约款（30%）', 'on-signing', '1360398.87'],
        ['服务期中款（20%）', 'after-passed-assessment', '906932.58'],
        ['验收款（50%）', 'after-acceptance', '2267331.45'],
      ],
    ],
  ])('%s: milestones, triggers and exact amounts', (code, expected) => {
    const milestones = scheduled(code);
    expect(milestones.map((m) => [m.name, m.trigger, m.amount])).toEqual(expected);
    expect(milestones.map((m) => m.seq)).toEqual(expected.map((_, i) => i + 1));
    const contractPart = milestones.filter((m) => m.base === 'contract').map((m) => m.amount);
    expect(total(contractPart)).toBe(CONTRACT);
  });

  it.each([...templates.keys()])('%s: parts add up to the whole to the 分 for awkward amounts', (code) => {
    // The last milestone absorbs at most a few 分 of rounding, so any real contract amount works.
    for (const whole of ['100.01', '33333.33', '2536498.57', '4534662.91', '999999999.99']) {
      const amounts = scheduled(code, null, { contract: whole, reward: null }).map((m) => m.amount);
      expect(total(amounts)).toBe(whole);
      for (const a of amounts) expect(a).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it('leaves out reward milestones when the lot has no reward budget', () => {
    expect(scheduled('ningbo', null, { contract: CONTRACT, reward: null }).map((m) => m.name)).toEqual([
      '年度委托经办服务费（含固定费用）',
    ]);
  });

  it('the signature releases the on-signing milestones only; the others wait for their own event', () => {
    expect(scheduled('foshan').map((m) => m.status)).toEqual(['pending', 'pending', 'pending']);
    expect(scheduled('foshan', '2023-01-10').map((m) => m.status)).toEqual(['payable', 'pending', 'pending']);
    expect(statusFor('on-date', true)).toBe('pending');
    expect(statusFor('after-acceptance', true)).toBe('pending');
  });

  it('due dates: fixed days of the contract year or later, or relative to the signing', () => {
    expect(scheduled('henan').map((m) => m.dueDate)).toEqual(['2023-01-31', '2023-04-30', '2023-07-31', '2023-10-31', null, null]);
    expect(scheduled('shenyang').map((m) => m.dueDate)).toEqual(['2023-03-31', '2024-03-31']);
    // Ningbo: by the end of the month after signing — unknown until signed.
    expect(scheduled('ningbo')[0].dueDate).toBeNull();
    expect(scheduled('ningbo', '2023-01-10')[0].dueDate).toBe('2023-02-28');
    expect(dueDate({ monthsAfterSigning: 1, day: 'end' }, 2024, '2024-01-31')).toBe('2024-02-29');
    expect(dueDate({ monthsAfterSigning: 1, day: 'end' }, 2023, '2023-12-05')).toBe('2024-01-31');
    expect(dueDate({ month: 2, day: 30 }, 2023, null)).toBe('2023-02-28');
  });

  it('fixed amounts come off the base before the shares', () => {
    const amounts = milestoneAmounts(
      [
        { base: 'contract', share: null, fixedAmount: '300000' },
        { base: 'contract', share: '0.5', fixedAmount: null },
        { base: 'contract', share: '0.5', fixedAmount: null },
      ],
      { contract: '1000000.01', reward: null },
    );
    expect(amounts).toEqual(['300000.00', '350000.01', '350000.00']);
  });

  it('reports every fault of a template', () => {
    const bad: ScheduleTemplate = {
      code: 'bad',
      name: 'bad',
      source: 'test',
      notes: [],
      milestones: [
        { name: 'a', share: '0.6', trigger: 'on-signing' },
        { name: 'b', share: '0.3', amount: '10', trigger: 'whenever' as never },
        { name: 'c', share: '-1', trigger: 'on-date', due: { month: 13, day: 1 } },
      ],
    };
    expect(checkTemplate(bad)).toEqual([
      'bad.milestones[1].trigger: one of on-signing, on-date, quarterly-on-application, after-passed-assessment, after-acceptance',
      'bad.milestones[1]: exactly one of share and amount',
      'bad.milestones[2].share: a positive decimal string',
      'bad.milestones[2].due: { month 1-12, day 1-31 or "end", yearOffset } or { monthsAfterSigning, day }',
      'bad: shares of the contract base add up to 0.9, not 1 / 比例合计须为1',
    ]);
  });
});
