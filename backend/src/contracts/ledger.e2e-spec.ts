import ExcelJS from 'exceljs';
import { money, tableLayout } from '../../test/workbook-layout';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../config/config';
import { demoInsurersWin, INSURER_A, INSURER_B } from '../../test/example-dossier';
import { binary, startApp, TestApp } from '../../test/harness';
import { pdfFile } from '../../test/filled-product';
import { AuditEntry } from '../audit/audit-entry.entity';
import { addDays } from '../assessments/deadlines';
import { chinaDay } from '../documents/format';
import { Acceptance } from './contract-events.entity';
import { MilestoneEventsService } from './milestone-events.service';
import { PaymentMilestone } from './payment-milestone.entity';
import { Contract } from './contract.entity';
import { Notification } from '../desk/notification.entity';
import { User } from '../users/user.entity';
import { TenderSchedule } from './tender-schedule.entity';
import type { Schedule } from '../domain/contracts/payment-schedule';

jest.setTimeout(120_000);

/**
 * The events that release money and the ledger (DOMAIN.md §6.1), through the API: Foshan lot 1's
 * schedule (30% on signing, 20% after December's service evaluation, the rest after acceptance) on
 * lot 1 (insurer A, user `insurer`), a schedule of the tender's own paying on two dates on lot 2
 * (insurer B, `insurer2`).
 */
const DATED: Schedule = {
  code: 'dated',
  name: '按约定日期支付',
  milestones: [
    { name: '首期款（60%）', share: '0.60', trigger: 'on-date', due: { month: 3, day: 'end' } },
    { name: '尾款', remainder: true, trigger: 'on-date', due: { month: 12, day: 'end' } },
  ],
};
describe('payment events and the ledger', () => {
  let t: TestApp;
  let tenderId: number;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const today = chinaDay(new Date());
  const get = (path: string, user = 'bureau') => t.http().get(path).set(as(user));
  const post = (path: string, body: object, user = 'bureau') => t.http().post(path).set(as(user)).send(body);
  const ledger = async (id: number, user = 'bureau') => (await get(`/api/contracts/${id}/ledger`, user).expect(200)).body;
  const statuses = async (id: number) => (await ledger(id)).lines.map((l: any) => l.status);

  /** A contract of the example's lot for 2023 with a schedule, its population entered, signed unless told. */
  async function contract(lot: string, scheduleTemplate: string, sign = true): Promise<{ id: number; milestones: number[] }> {
    const draft = (await post(`/api/tenders/${tenderId}/lots/${lot}/contracts`, { year: 2023, scheduleTemplate }).expect(201)).body;
    await t.http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 1, population: 4_000_000 }).expect(200);
    if (sign) await t.http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 2, status: 'signed' }).expect(200);
    return { id: draft.id, milestones: draft.milestones.map((m: any) => m.id) };
  }

  let foshan: { id: number; milestones: number[] };
  let dated: { id: number; milestones: number[] };

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['clerk', 'bureau', 'insurer', 'insurer2']) tokens[u] = await t.login(u);
    tenderId = (await post('/api/dossiers', demoInsurersWin(`LG-${process.pid}`), 'clerk').expect(201)).body.tenderId;
    await t.dataSource.getRepository(TenderSchedule).insert({ tenderId, code: DATED.code, schedule: DATED });
    foshan = await contract('1', 'foshan-1');
    dated = await contract('2', 'dated');
  });
  afterAll(() => t.close());

  it("shows a signed contract's ledger: the signature released the on-signing part only", async () => {
    const l = await ledger(foshan.id);
    // 1.06 × 4,000,000 + 300,000 of fees = 4,540,000.00: 30% / 20% / 50%.
    expect(l.lines.map((x: any) => [x.name, x.status, x.amount, x.payable, x.outstanding])).toEqual([
      ['签约款', 'payable', '1362000.00', '1362000.00', '1362000.00'],
      ['服务期中款', 'pending', '908000.00', '0.00', '908000.00'],
      ['验收款', 'pending', '2270000.00', '0.00', '2270000.00'],
    ]);
    expect(l.totals).toEqual({
      due: '4540000.00',
      payable: '1362000.00',
      paid: '0.00',
      withheld: '0.00',
      outstanding: '4540000.00',
      overdue: '0.00',
    });
    expect(l.signedOn).toBe(today);
  });

  it('a contract signed after its dates makes its on-date parts payable at once, and overdue', async () => {
    expect((await ledger(dated.id)).lines.map((x: any) => [x.status, x.dueDate, x.isOverdue])).toEqual([
      ['payable', '2023-03-31', true],
      ['payable', '2023-12-31', true],
    ]);
  });

  describe('recording a payment', () => {
    const pay = (milestone: number, body: object, user = 'bureau') => post(`/api/milestones/${milestone}/payment`, body, user);

    it('refuses a day before the signature or after today, naming the field; nothing is saved', async () => {
      const before = await pay(foshan.milestones[0], { paidOn: addDays(today, -1), voucher: 'PZ-1' }).expect(400);
      expect(before.body.errors).toEqual([
        { path: 'paidOn', code: 'beforeSigning', params: { signedOn: today }, message: expect.stringContaining('早于合同签订日') },
      ]);
      const later = await pay(foshan.milestones[0], { paidOn: addDays(today, 1), voucher: 'PZ-1' }).expect(400);
      expect(later.body.errors.map((e: any) => [e.path, e.code])).toEqual([['paidOn', 'laterThanToday']]);
      const blank = await pay(foshan.milestones[0], { paidOn: '2023-02-30', voucher: ' ' }).expect(400);
      expect(blank.body.errors.map((e: any) => e.path)).toEqual(['paidOn', 'voucher']);
      expect(await statuses(foshan.id)).toEqual(['payable', 'pending', 'pending']);
    });

    it('refuses a milestone that is not payable (409)', async () => {
      const res = await pay(foshan.milestones[2], { paidOn: today, voucher: 'PZ-2' }).expect(409);
      expect(res.body.code).toBe('lifecycle.not-allowed');
    });

    it('only the bureau records payments, and only where it reaches', async () => {
      await pay(foshan.milestones[0], { paidOn: today, voucher: 'PZ-1' }, 'insurer').expect(403);
      await pay(foshan.milestones[0], { paidOn: today, voucher: 'PZ-1' }, 'clerk').expect(403);
      await pay(999_999, { paidOn: today, voucher: 'PZ-1' }).expect(404);
    });

    it('pays a payable milestone with its day and voucher, audited; paid is final: a second payment is refused', async () => {
      const l = (await pay(foshan.milestones[0], { paidOn: today, voucher: 'PZ-2023-001' }).expect(200)).body;
      expect(l.lines[0]).toMatchObject({ status: 'paid', paidOn: today, voucher: 'PZ-2023-001', paid: '1362000.00', outstanding: '0.00' });
      expect(l.totals).toMatchObject({ paid: '1362000.00', payable: '0.00', outstanding: '3178000.00' });
      await pay(foshan.milestones[0], { paidOn: today, voucher: 'PZ-AGAIN' }).expect(409);
      expect((await ledger(foshan.id)).lines[0].voucher).toBe('PZ-2023-001');
      const audit = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'milestone.pay', entityId: String(foshan.id) });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actorName: 'bureau',
        before: { status: 'payable', seq: 1 },
        after: { status: 'paid', paidOn: today, voucher: 'PZ-2023-001', amount: '1362000.00' },
      });
      // The contract's insurer is told, once (the refused second payment tells no one).
      const told = await t.dataSource.getRepository(Notification).findBy({ kind: 'payment-recorded', objectId: foshan.id });
      const c = await t.dataSource.getRepository(Contract).findOneOrFail({ where: { id: foshan.id }, relations: { bidder: true } });
      const insurers = await t.dataSource.getRepository(User).findBy({ role: 'insurer', organizationId: c.bidder!.organizationId! });
      expect(told.length).toBeGreaterThan(0);
      expect(told.map((n) => n.userId).sort()).toEqual(insurers.map((u) => u.id).sort());
      expect(told[0]).toMatchObject({ objectType: 'contract', link: '/insurer/contracts', readAt: null });
    });
  });

  describe('acceptance (验收)', () => {
    const accept = (id: number, body: object, user = 'bureau') => post(`/api/contracts/${id}/acceptances`, body, user);

    it('refuses a draft contract (409), a day before the signature (400), and other roles (403); nothing is saved', async () => {
      const draft = await contract('3', 'dated', false);
      await accept(draft.id, { on: today, passed: true }).expect(409);
      const early = await accept(foshan.id, { on: '2020-01-01', passed: true }).expect(400);
      expect(early.body.errors.map((e: any) => [e.path, e.code])).toEqual([['on', 'beforeSigning']]);
      await accept(foshan.id, { on: today, passed: true }, 'insurer').expect(403);
      expect(await t.dataSource.getRepository(Acceptance).countBy({ contractId: foshan.id })).toBe(0);
    });

    it('a failed acceptance withholds the payment waiting for it, with the reason, and records the claim', async () => {
      const l = (
        await accept(foshan.id, { on: today, passed: false, note: '系统未通过压力测试', claim: '按合同索赔违约金5万元' }).expect(200)
      ).body;
      expect(l.lines[2]).toMatchObject({
        status: 'withheld',
        withheldReason: `${today}验收未通过：系统未通过压力测试`,
        withheld: '2270000.00',
      });
      expect(l.acceptances).toEqual([
        { id: expect.any(Number), on: today, passed: false, note: '系统未通过压力测试', claim: '按合同索赔违约金5万元', documents: [] },
      ]);
      // The payment released by the service evaluation is not the acceptance's to withhold.
      expect(l.lines[1].status).toBe('pending');
      const audit = await t.dataSource.getRepository(AuditEntry).findBy({ entityType: 'contract', entityId: String(foshan.id) });
      expect(audit.filter((a) => a.action === 'contract.acceptance').map((a) => a.after)).toEqual([
        expect.objectContaining({ passed: false, claim: '按合同索赔违约金5万元', milestones: [{ seq: 3, status: 'withheld' }] }),
      ]);
      expect(audit.find((a) => a.action === 'milestone.withhold')).toMatchObject({
        before: { status: 'pending' },
        after: { status: 'withheld' },
      });
      await post(`/api/milestones/${foshan.milestones[2]}/payment`, { paidOn: today, voucher: 'PZ-X' }).expect(409);
    });

    it('a passed acceptance after it releases the withheld payment, which can then be paid', async () => {
      const l = (await accept(foshan.id, { on: today, passed: true, note: '复验通过' }).expect(200)).body;
      expect(l.lines[2]).toMatchObject({ status: 'payable', withheldReason: null, payable: '2270000.00' });
      expect(l.acceptances.map((a: any) => a.passed)).toEqual([false, true]);
      await post(`/api/milestones/${foshan.milestones[2]}/payment`, { paidOn: today, voucher: 'PZ-2023-002' }).expect(200);
      expect(await statuses(foshan.id)).toEqual(['paid', 'pending', 'paid']);
      expect((await ledger(foshan.id)).totals).toMatchObject({ paid: '3632000.00', outstanding: '908000.00' });
    });
  });

  describe('acceptance documents', () => {
    const upload = (acceptanceId: number, file: Buffer, name: string, contractId = foshan.id, user = 'bureau') =>
      t.http().post(`/api/contracts/${contractId}/acceptances/${acceptanceId}/documents`).set(as(user)).attach('file', file, name);
    const fetch = (acceptanceId: number, documentId: number, user: string, contractId = foshan.id) =>
      t
        .http()
        .get(`/api/contracts/${contractId}/acceptances/${acceptanceId}/documents/${documentId}`)
        .set(as(user))
        .buffer(true)
        .parse(binary);

    it('keeps the acceptance report with the acceptance, audited; the buyer and the contract’s insurer download it', async () => {
      const [failed] = (await ledger(foshan.id)).acceptances;
      const report = pdfFile('验收报告');
      const l = (await upload(failed.id, report, '验收报告.pdf').expect(200)).body;
      const [document] = l.acceptances[0].documents;
      expect(document).toEqual({
        id: expect.any(Number),
        fileName: '验收报告.pdf',
        size: report.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        uploadedAt: expect.any(String),
        uploadedBy: 'bureau',
      });
      for (const user of ['bureau', 'insurer']) {
        const res = await fetch(failed.id, document.id, user).expect(200);
        expect(Buffer.compare(res.body as Buffer, report)).toBe(0);
        expect(res.headers['x-file-sha256']).toBe(document.sha256);
      }
      const audit = await t.dataSource
        .getRepository(AuditEntry)
        .findBy({ action: 'contract.acceptance-document', entityId: String(foshan.id) });
      expect(audit.map((a) => a.after)).toEqual([
        { acceptanceId: failed.id, documentId: document.id, fileName: '验收报告.pdf', size: report.length, sha256: document.sha256 },
      ]);
    });

    it('refuses another insurer, another contract’s path, a file of another type, and uploads by others than the bureau', async () => {
      const [failed] = (await ledger(foshan.id)).acceptances;
      const [document] = failed.documents;
      await fetch(failed.id, document.id, 'insurer2').expect(404);
      await fetch(failed.id, document.id, 'bureau', dated.id).expect(404);
      await upload(failed.id, pdfFile('x'), 'x.pdf', foshan.id, 'insurer').expect(403);
      await upload(failed.id, pdfFile('x'), 'x.pdf', dated.id).expect(404);
      const bad = await upload(failed.id, Buffer.from('MZ not a document'), '验收.exe').expect(400);
      expect(bad.body.errors.map((e: any) => [e.path, e.code])).toEqual([['file', 'fileType']]);
      expect((await ledger(foshan.id)).acceptances[0].documents).toHaveLength(1);
    });
  });

  describe('service evaluation of a period', () => {
    const evaluate = (body: object, user = 'bureau') => post(`/api/contracts/${foshan.id}/service-evaluations`, body, user);

    it('refuses a period no payment waits for, naming it; and other roles', async () => {
      const res = await evaluate({ period: 'H1', on: today, passed: true }).expect(400);
      expect(res.body.errors).toEqual([
        { path: 'period', code: 'noMilestoneForPeriod', params: { period: 'H1' }, message: expect.stringContaining('“H1”') },
      ]);
      await evaluate({ period: '12月', on: today, passed: true }, 'insurer').expect(403);
    });

    it('failed withholds the period’s payment until a re-evaluation passes', async () => {
      const failed = (await evaluate({ period: '12月', on: today, passed: false, note: '投诉处理超时' }).expect(200)).body;
      expect(failed.lines[1]).toMatchObject({ status: 'withheld', withheldReason: `12月服务考评未通过（${today}）：投诉处理超时` });
      // A second failure changes nothing but is kept.
      await evaluate({ period: '12月', on: today, passed: false }).expect(200);
      const passed = (await evaluate({ period: '12月', on: today, passed: true, note: '整改后复评合格' }).expect(200)).body;
      expect(passed.lines[1]).toMatchObject({ status: 'payable', withheldReason: null, payable: '908000.00' });
      expect(passed.serviceEvaluations.map((e: any) => [e.period, e.passed])).toEqual([
        ['12月', false],
        ['12月', false],
        ['12月', true],
      ]);
      const audit = await t.dataSource
        .getRepository(AuditEntry)
        .findBy({ action: 'contract.service-evaluation', entityId: String(foshan.id) });
      expect(audit.map((a) => (a.after as any).milestones)).toEqual([
        [{ seq: 2, status: 'withheld' }],
        [],
        [{ seq: 2, status: 'payable' }],
      ]);
    });
  });

  describe('applications (Henan: quarterly, out of the fund net of retentions)', () => {
    let henan: { id: number; milestones: number[] };
    const apply = (milestone: number, requested: string, user = 'insurer') =>
      post(`/api/milestones/${milestone}/application`, { requested }, user);
    const approve = (milestone: number, approved: string, user = 'bureau') =>
      post(`/api/milestones/${milestone}/approval`, { approved }, user);

    beforeAll(async () => {
      // Seed 000's premium tender, its winner P under organisation A's name (user `insurer`), on Henan's schedule.
      const dossier = JSON.parse(readFileSync(join(ROOT_DIR, 'backend', 'test', 'fixtures', 'shenyang-rate-consortium.json'), 'utf8'));
      dossier.tender.code = `LG-P-${process.pid}`;
      // The buyer of user `bureau` (a bureau official reaches its own buyer's contracts only).
      dossier.tender.purchaser = '宁波市医疗保障局';
      dossier.bidders.find((b: any) => b.code === 'P').name = INSURER_A;
      const premium = (await post('/api/dossiers', dossier, 'clerk').expect(201)).body.tenderId;
      const draft = (
        await post(`/api/tenders/${premium}/lots/1/contracts`, {
          year: 2024,
          scheduleTemplate: 'henan',
          fundStandard: '90',
          allowanceRate: '0.03',
        }).expect(201)
      ).body;
      await t.http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 1, population: 2_040_000 }).expect(200);
      await t.http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 2, status: 'signed' }).expect(200);
      henan = { id: draft.id, milestones: draft.milestones.map((m: any) => m.id) };
    });

    it('the insurer applies for its own contract’s quarter; another insurer, the bureau and a second kind of milestone cannot', async () => {
      await apply(henan.milestones[0], '40000000.00', 'insurer2').expect(404);
      await apply(henan.milestones[0], '40000000.00', 'bureau').expect(403);
      await apply(henan.milestones[4], '1.00').expect(409);
      expect((await apply(henan.milestones[0], '0.001').expect(400)).body.errors.map((e: any) => e.path)).toEqual(['requested']);
      const l = (await apply(henan.milestones[0], '40000000.00').expect(200)).body;
      expect(l.lines[0]).toMatchObject({
        status: 'pending',
        amount: null,
        requested: '40000000.00',
        appliedOn: today,
        dueDate: '2024-01-31',
      });
      const audit = await t.dataSource
        .getRepository(AuditEntry)
        .findOneByOrFail({ action: 'milestone.application', entityId: String(henan.id) });
      expect(audit).toMatchObject({ actorName: 'insurer', before: { requested: null }, after: { requested: '40000000.00' } });
    });

    it('the bureau approves at most what remains of the fund net of the 5% reserve and 3% deposit', async () => {
      await approve(henan.milestones[1], '1.00').expect(409); // no application yet
      // F = 90 × 2,040,000 = 183,600,000.00; net of 9,180,000.00 and 5,508,000.00: 168,912,000.00.
      const over = await approve(henan.milestones[0], '168912000.01').expect(400);
      expect(over.body.errors).toEqual([
        { path: 'approved', code: 'overApprovable', params: { max: '168912000.00' }, message: expect.stringContaining('168912000.00') },
      ]);
      const l = (await approve(henan.milestones[0], '38000000.00').expect(200)).body;
      expect(l.lines[0]).toMatchObject({ status: 'payable', amount: '38000000.00', requested: '40000000.00', payable: '38000000.00' });
      await apply(henan.milestones[0], '1.00').expect(409);
      await apply(henan.milestones[1], '140000000.00').expect(200);
      const second = await approve(henan.milestones[1], '130912000.01').expect(400);
      expect(second.body.errors[0].params).toEqual({ max: '130912000.00' });
      await approve(henan.milestones[1], '130912000.00').expect(200);
      await apply(henan.milestones[2], '1.00').expect(200);
      expect((await approve(henan.milestones[2], '0.01').expect(400)).body.errors[0].params).toEqual({ max: '0.00' });
      await approve(henan.milestones[2], '0.01', 'insurer').expect(403);
    });

    it('the settlement releases its milestone at the settlement payment, a refund included, once', async () => {
      const events = t.app.get(MilestoneEventsService);
      const released = await t.dataSource.transaction((m) => events.releaseSettlement(m, null, henan.id, '-1234.565'));
      expect(released.map((x) => [x.trigger, x.status, x.amount])).toEqual([['after-settlement', 'payable', '-1234.57']]);
      expect(await t.dataSource.transaction((m) => events.releaseSettlement(m, null, henan.id, '1.00'))).toEqual([]);
      const line = (await ledger(henan.id)).lines.find((l: any) => l.trigger === 'after-settlement');
      expect(line).toMatchObject({ status: 'payable', amount: '-1234.57', payable: '-1234.57' });
    });
  });

  describe('on-date payments (the deadlines job)', () => {
    it('releases a payment on its day, once, however many runs overlap', async () => {
      const events = t.app.get(MilestoneEventsService);
      const repo = t.dataSource.getRepository(PaymentMilestone);
      // A contract signed before its date: the first part is still waiting for 31 March.
      await repo.update(dated.milestones[0], { status: 'pending', dueDate: addDays(today, 1) });
      expect(await events.releaseDue(new Date())).toBe(0);
      const tomorrow = new Date(Date.now() + 86_400_000);
      const runs = await Promise.all([events.releaseDue(tomorrow), events.releaseDue(tomorrow)]);
      expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await events.releaseDue(tomorrow)).toBe(0);
      expect((await repo.findOneByOrFail({ id: dated.milestones[0] })).status).toBe('payable');
      const released = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'milestone.release', entityId: String(dated.id) });
      expect(released.filter((a) => a.actorName === null)).toHaveLength(1);
    });
  });

  describe('who sees which ledger', () => {
    it('an insurer reads its own contracts’ ledger only; procurement none', async () => {
      expect((await ledger(foshan.id, 'insurer')).contractId).toBe(foshan.id);
      await get(`/api/contracts/${foshan.id}/ledger`, 'insurer2').expect(404);
      await get(`/api/contracts/${foshan.id}/ledger`, 'clerk').expect(403);
    });

    it('the year’s ledger sums per insurer, lot and buyer; an insurer’s holds its own contracts only', async () => {
      const year = (await get('/api/ledger?year=2023').expect(200)).body;
      const mine = year.contracts.filter((c: any) => c.tenderCode === `LG-${process.pid}`);
      expect(mine.map((c: any) => [c.lotNo, c.insurer])).toEqual([
        ['1', INSURER_A],
        ['2', INSURER_B],
        ['3', expect.any(String)],
      ]);
      expect(year.byInsurer.find((g: any) => g.key === INSURER_A)).toMatchObject({
        contracts: 1,
        paid: '3632000.00',
        outstanding: '908000.00',
      });
      expect(year.byLot.map((g: any) => g.key)).toContain(`LG-${process.pid} 第2包`);
      const own = (await get('/api/ledger?year=2023', 'insurer').expect(200)).body;
      expect(own.contracts.map((c: any) => c.insurer)).toEqual([INSURER_A]);
      expect(pickAmounts(own.byInsurer[0])).toEqual(own.total);
      await get('/api/ledger?year=20x3').expect(400);
    });

    it('exports the year as Excel: real numbers in ¥#,##0.00, a frozen, filterable header, Chinese labels', async () => {
      const res = await get('/api/ledger.xlsx?year=2023', 'insurer').buffer(true).parse(binary).expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['2023年度合同台账', '按承办机构汇总', '按标包汇总', '按采购人汇总']);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).values).toEqual([
        undefined,
        '项目编号',
        '标包',
        '承办机构',
        '采购人',
        '应付金额（元）',
        '待支付（元）',
        '已支付（元）',
        '暂缓支付（元）',
        '未支付（元）',
        '逾期未付（元）',
      ]);
      const row = ws.getRow(2);
      expect([row.getCell(3).value, row.getCell(5).value, row.getCell(7).value]).toEqual([INSURER_A, 4540000, 3632000]);
      // The contract's row and the total's.
      expect(tableLayout(ws, ['E2', 'G2', 'J3'])).toEqual({ frozen: [1], autoFilter: 'A1:J3', cells: { E2: money, G2: money, J3: money } });
    });
  });
});

const pickAmounts = (g: Record<string, unknown>) =>
  Object.fromEntries(['due', 'payable', 'paid', 'withheld', 'outstanding', 'overdue'].map((k) => [k, g[k]]));
