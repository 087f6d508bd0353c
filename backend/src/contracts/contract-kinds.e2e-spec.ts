import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bureauToken } from '../../test/buyers';
import { binary, startApp, TestApp } from '../../test/harness';
import { pdfText, squeezed } from '../../test/pdf-text';
import { ROOT_DIR } from '../config/config';
import { capitals, money } from '../documents/format';
import { ContractsService } from './contracts.service';

// Chromium prints in seconds, not milliseconds, on a shared two-core machine.
jest.setTimeout(120_000);

const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT_DIR, 'backend', 'test', 'fixtures', `${name}.json`), 'utf8'));

/**
 * Contracts of each kind (DOMAIN.md §6) drawn from the format 2 tenders of seeds 000 (a rate-priced lot:
 * premium fund), 001 and 004 (lump sums: fixed price), with the shipped schedules of their buyers. The
 * winners are those of dossiers/format2.e2e-spec.ts: Shenyang P at a rate of 0.035 and a deficit share of
 * 0.5; the hospital's A at 1,100,000.00; Foshan's C at 3,900,000.00 (lot 1) and B at 125,000.00 (lot 2).
 */
describe('contract kinds', () => {
  let t: TestApp;
  const tenders: Record<string, number> = {};
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const create = (tender: string, lotNo: string, body: object) =>
    t.http().post(`/api/tenders/${tenders[tender]}/lots/${lotNo}/contracts`).set(as('bureau')).send(body);
  const patch = (id: number, body: object) => t.http().patch(`/api/contracts/${id}`).set(as('bureau')).send(body);
  const pdf = async (id: number) => {
    await t.http().post(`/api/contracts/${id}/pdf`).set(as('bureau')).expect(201);
    const res = await t.http().get(`/api/contracts/${id}/pdf`).set(as('bureau')).buffer(true).parse(binary).expect(200);
    return squeezed((await pdfText(res.body)).text);
  };
  const inFiguresAndCapitals = (flat: string, amounts: string[]) => {
    for (const amount of amounts) {
      expect(flat).toContain(money(amount));
      expect(flat).toContain(capitals(amount));
    }
  };
  // Terms of one buyer or one kind that no other contract may carry unless its data says so.
  const absent = (flat: string, phrases: string[]) => phrases.forEach((p) => expect(flat).not.toContain(squeezed(p)));
  const NOBODY = ['三个月', '次月5日', '7月15日', '十个工作日'];

  beforeAll(async () => {
    t = await startApp();
    tokens.clerk = await t.login('clerk');
    // The fixtures' buyers are no registered organisation: their tenders are reached by bureau users of none.
    tokens.bureau = await bureauToken(t, null);
    for (const name of ['shenyang-rate-consortium', 'hospital-lump-sum', 'foshan-two-lots']) {
      tenders[name] = (await t.http().post('/api/dossiers').set(as('clerk')).send(fixture(name)).expect(201)).body.tenderId;
    }
  });
  afterAll(() => t.close());

  describe('premium fund (rate-priced lot)', () => {
    let shenyang: number;

    it('needs the funding standard, and a schedule of a premium fund', async () => {
      expect((await create('shenyang-rate-consortium', '1', { year: 2024, scheduleTemplate: 'shenyang' }).expect(400)).body.errors).toEqual(
        [expect.objectContaining({ path: 'fundStandard', code: 'required' })],
      );
      const perCapita = await create('shenyang-rate-consortium', '1', {
        year: 2024,
        scheduleTemplate: 'ningbo',
        fundStandard: '90',
      }).expect(400);
      expect(perCapita.body.errors).toEqual([
        expect.objectContaining({ path: 'scheduleTemplate', code: 'scheduleForKind', params: { kind: 'premium' } }),
      ]);
    });

    it('Shenyang: F = 90 × 2,040,000; the allowance rate and deficit share from the winning bid; 85% in the first quarter', async () => {
      const res = await create('shenyang-rate-consortium', '1', { year: 2024, scheduleTemplate: 'shenyang', fundStandard: '90' }).expect(
        201,
      );
      shenyang = res.body.id;
      // F = 183,600,000.00; A = 0.035 × F = 6,426,000.00; 85% = 156,060,000.00.
      expect(res.body).toMatchObject({
        kind: 'premium',
        termStart: '2024-01-01',
        termEnd: '2024-12-31',
        unitPrice: null,
        population: null,
        fundStandard: '90.00',
        fund: '183600000.00',
        contractAmount: '183600000.00',
        allowanceRate: '0.035000',
        allowance: '6426000.00',
        policyDeficitShare: '0.500000',
        deficitRule: 'shared',
        retentions: [],
      });
      expect(res.body.milestones.map((m: any) => [m.name, m.base, m.trigger, m.amount, m.dueDate])).toEqual([
        ['年度保费首期（85%）', 'fund', 'on-date', '156060000.00', '2024-03-31'],
        ['年度保费清算款', 'fund', 'after-settlement', null, '2025-03-31'],
      ]);
    });

    it('the population on the reference date sets the fund, the allowance and the instalment', async () => {
      const res = await patch(shenyang, { version: 1, population: 2100000 }).expect(200);
      // 90 × 2,100,000 = 189,000,000.00; A = 6,615,000.00; 85% = 160,650,000.00.
      expect(res.body).toMatchObject({ population: 2100000, fund: '189000000.00', allowance: '6615000.00' });
      expect(res.body.milestones.map((m: any) => m.amount)).toEqual(['160650000.00', null]);
    });

    it('its PDF names the standard, population, fund, allowance and the shared deficit; nothing of Henan or of other kinds', async () => {
      const flat = await pdf(shenyang);
      for (const phrase of [
        '筹资标准为每人每年90.00元',
        '2,100,000人',
        '3.5%',
        '乙方承担亏损额的50%',
        '年度保费首期（85%）',
        '按清算结果',
        '10个工作日',
      ]) {
        expect(flat).toContain(squeezed(phrase));
      }
      inFiguresAndCapitals(flat, ['189000000.00', '6615000.00', '160650000.00']);
      absent(flat, [...NOBODY, '风险调节金', '考核保证金', '按季申请', '中标单价', '验收', '绩效考核奖励']);
    });

    it('Henan: the allowance rate as stated, 5% reserve and 3% deposit of the fund, quarterly applications', async () => {
      const res = await create('shenyang-rate-consortium', '1', {
        year: 2025,
        scheduleTemplate: 'henan',
        fundStandard: '90',
        allowanceRate: '0.03',
      }).expect(201);
      // F = 183,600,000.00; A = 5,508,000.00; reserve 9,180,000.00; deposit 5,508,000.00; net 168,912,000.00.
      expect(res.body).toMatchObject({
        allowanceRate: '0.030000',
        allowance: '5508000.00',
        policyDeficitShare: null,
        deficitRule: 'within-allowance',
        retentions: [
          { kind: 'reserve', share: '0.05' },
          { kind: 'deposit', share: '0.03' },
        ],
      });
      expect(res.body.milestones.map((m: any) => [m.trigger, m.period, m.amount])).toEqual([
        ['on-application', 'Q1', null],
        ['on-application', 'Q2', null],
        ['on-application', 'Q3', null],
        ['on-application', 'Q4', null],
        ['after-assessment', null, '5508000.00'],
        ['after-settlement', null, null],
      ]);
      const flat = await pdf(res.body.id);
      inFiguresAndCapitals(flat, ['183600000.00', '5508000.00', '9180000.00', '168912000.00']);
      for (const phrase of ['风险调节金', '年度考核保证金', '第一季度资金', '按核准金额', '先由风险调节金弥补'])
        expect(flat).toContain(phrase);
      absent(flat, [...NOBODY, '乙方承担亏损额的', '85%', '验收']);
    });

    it('next year’s draft copies the kind, the standard, the rates and the retentions', async () => {
      const created = await t.app.get(ContractsService).draftNextYears(new Date('2025-12-01T08:00:00+08:00'));
      expect(created.map((c) => [c.tenderId, c.year, c.kind, c.fundStandard, c.allowanceRate, c.deficitRule, c.retentions.length])).toEqual(
        [[tenders['shenyang-rate-consortium'], 2026, 'premium', '90.00', '0.030000', 'within-allowance', 2]],
      );
    });
  });

  describe('fixed price (lump-sum lots)', () => {
    it('hospital 001: the bid total for the whole term from the effective date, paid half-yearly after each evaluation', async () => {
      const tender = 'hospital-lump-sum';
      expect((await create(tender, '1', { year: 2025, scheduleTemplate: 'hospital' }).expect(400)).body.errors).toEqual([
        expect.objectContaining({ path: 'year', code: 'contractTerm', params: { first: 2024, last: 2024 } }),
      ]);
      expect(
        (await create(tender, '1', { year: 2024, scheduleTemplate: 'hospital', effectiveDate: '2023-12-01' }).expect(400)).body.errors,
      ).toEqual([expect.objectContaining({ path: 'effectiveDate', code: 'effectiveDateYear' })]);
      const res = await create(tender, '1', { year: 2024, scheduleTemplate: 'hospital', effectiveDate: '2024-04-01' }).expect(201);
      expect(res.body).toMatchObject({
        kind: 'fixed-price',
        termStart: '2024-04-01',
        termEnd: '2025-03-31',
        contractAmount: '1100000.00',
        serviceAmount: '1100000.00',
        unitPrice: null,
        fund: null,
      });
      expect(res.body.milestones.map((m: any) => [m.period, m.amount])).toEqual([
        ['H1', '550000.00'],
        ['H2', '550000.00'],
      ]);
      expect((await patch(res.body.id, { version: 1, population: 100 }).expect(400)).body.errors).toEqual([
        expect.objectContaining({ path: 'population', code: 'notForKind' }),
      ]);
      // No population to wait for: signing releases nothing here, every payment waits for its evaluation.
      const signed = await patch(res.body.id, { version: 1, status: 'signed' }).expect(200);
      expect(signed.body.milestones.map((m: any) => m.status)).toEqual(['pending', 'pending']);
      const flat = await pdf(res.body.id);
      for (const phrase of [
        '2024年4月1日起至2025年3月31日止',
        '共12个月',
        '固定总价合同',
        '上半年服务考评合格后',
        '下半年服务考评合格后',
      ]) {
        expect(flat).toContain(squeezed(phrase));
      }
      inFiguresAndCapitals(flat, ['1100000.00', '550000.00']);
      absent(flat, [...NOBODY, '参保人数', '筹资标准', '风险调节金', '验收通过前', '年度委托', '合同按年度签订']);
    });

    it('Foshan: lot 1 pays 30/20/50 with the 50% after acceptance, lot 2 50/50; each lot only its own schedule', async () => {
      const tender = 'foshan-two-lots';
      expect((await create(tender, '2', { year: 2025, scheduleTemplate: 'foshan-1' }).expect(400)).body.errors).toEqual([
        expect.objectContaining({ path: 'scheduleTemplate', code: 'scheduleNotForLot' }),
      ]);
      const lot1 = await create(tender, '1', { year: 2025, scheduleTemplate: 'foshan-1', effectiveDate: '2025-03-15' }).expect(201);
      // 3,900,000.00: 30% = 1,170,000.00; 20% = 780,000.00; the rest after acceptance 1,950,000.00.
      expect(lot1.body.milestones.map((m: any) => [m.trigger, m.amount])).toEqual([
        ['on-signing', '1170000.00'],
        ['after-service-evaluation', '780000.00'],
        ['after-acceptance', '1950000.00'],
      ]);
      expect(lot1.body).toMatchObject({ termStart: '2025-03-15', termEnd: '2026-03-14' });
      const signed = await patch(lot1.body.id, { version: 1, status: 'signed' }).expect(200);
      expect(signed.body.milestones.map((m: any) => m.status)).toEqual(['payable', 'pending', 'pending']);
      const lot2 = await create(tender, '2', { year: 2025, scheduleTemplate: 'foshan-2' }).expect(201);
      expect(lot2.body.milestones.map((m: any) => [m.trigger, m.amount])).toEqual([
        ['on-signing', '62500.00'],
        ['after-acceptance', '62500.00'],
      ]);
      const flat = await pdf(lot1.body.id);
      for (const phrase of ['2025年3月15日起至2026年3月14日止', '验收通过前', '合同金额余额', '合同金额的30%'])
        expect(flat).toContain(squeezed(phrase));
      inFiguresAndCapitals(flat, ['3900000.00', '1170000.00', '780000.00', '1950000.00']);
      absent(flat, [...NOBODY, '参保人数', '筹资标准', '风险调节金', '草稿']);
    });
  });

  describe('schedules brought by a dossier (format 2 paymentSchedules)', () => {
    // The buyer's own: a deposit on signing of 40%, the rest after acceptance; on lot 1 only.
    const own = {
      code: 'fs-own',
      name: '本项目付款方式',
      lots: ['1'],
      milestones: [
        { name: '预付款', share: '0.40', trigger: 'on-signing', source: '招标文件' },
        { name: '尾款', remainder: true, trigger: 'after-acceptance' },
      ],
    };
    const dossier = (code: string, schedules: object[]) => ({
      ...fixture('foshan-two-lots'),
      tender: { ...fixture('foshan-two-lots').tender, code },
      paymentSchedules: schedules,
    });
    const post = (d: object) => t.http().post('/api/dossiers').set(as('clerk')).send(d);

    it('refuses a share sum above 1, an unknown trigger, a lot that does not exist, naming each path; nothing is saved', async () => {
      const bad = [
        {
          ...own,
          milestones: [
            { name: 'a', share: '0.70', trigger: 'on-signing' },
            { name: 'b', share: '0.50', trigger: 'after-acceptance' },
          ],
        },
        { ...own, code: 'x2', milestones: [{ name: 'a', share: '0.5', trigger: 'whenever' }] },
        { ...own, code: 'x3', lots: ['9'] },
      ];
      const res = await post(dossier('FS-SCHED', bad)).expect(400);
      expect(res.body.errors.map((e: any) => [e.path, e.code])).toEqual([
        ['paymentSchedules[0].milestones[1].share', 'sharesOverWhole'],
        ['paymentSchedules[1].milestones[0].trigger', 'oneOf'],
        ['paymentSchedules[2].lots[0]', 'unknown'],
      ]);
      const premium = fixture('shenyang-rate-consortium');
      premium.tender.code = 'SY-SCHED';
      premium.paymentSchedules = [
        {
          code: 'p',
          name: 'p',
          milestones: [{ name: 'a', base: 'contract', share: '1', trigger: 'after-assessment', amountRule: 'less-deduction' }],
        },
      ];
      expect((await post(premium).expect(400)).body.errors.map((e: any) => e.path)).toEqual([
        'paymentSchedules[0].deficitRule',
        'paymentSchedules[0].milestones[0].amountRule',
      ]);
      // The same tender code imports once the schedules are right: the refused imports left nothing behind.
      await post(dossier('FS-SCHED', [own])).expect(201);
    });

    it('keeps them with the tender, exports them as given, and draws the tender’s contracts from them first', async () => {
      const tenderId = (await post(dossier('FS-SCHED-2', [own])).expect(201)).body.tenderId;
      const exported = (await t.http().get(`/api/tenders/${tenderId}/dossier`).set(as('clerk')).expect(200)).body;
      expect(exported.paymentSchedules).toEqual([own]);
      const res = await t
        .http()
        .post(`/api/tenders/${tenderId}/lots/1/contracts`)
        .set(as('bureau'))
        .send({ year: 2025, scheduleTemplate: 'fs-own' })
        .expect(201);
      // 3,900,000.00: 40% = 1,560,000.00, the rest 2,340,000.00.
      expect(res.body.milestones.map((m: any) => [m.name, m.amount, m.source])).toEqual([
        ['预付款', '1560000.00', '招标文件'],
        ['尾款', '2340000.00', null],
      ]);
      const unknown = await t
        .http()
        .post(`/api/tenders/${tenderId}/lots/2/contracts`)
        .set(as('bureau'))
        .send({ year: 2025, scheduleTemplate: 'nope' })
        .expect(400);
      expect(unknown.body.errors[0].params.known).toEqual(['fs-own', 'ningbo', 'henan', 'shenyang', 'hospital', 'foshan-1', 'foshan-2']);
    });
  });
});
