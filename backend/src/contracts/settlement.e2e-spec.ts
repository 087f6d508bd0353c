import ExcelJS from 'exceljs';
import { tableLayout } from '../../test/workbook-layout';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadExampleDossier } from '../../test/example-dossier';
import { bureauToken } from '../../test/buyers';
import { binary, startApp, TestApp } from '../../test/harness';
import { pdfText, squeezed } from '../../test/pdf-text';
import { ContractAssessment } from '../assessments/contract-assessment.entity';
import { addDays } from '../assessments/deadlines';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ROOT_DIR } from '../config/config';
import { chinaDay } from '../documents/format';
import type { Dossier } from '../domain/dossier/dossier.types';
import { PaymentMilestone } from './payment-milestone.entity';

// Chromium prints the statement in seconds on a shared two-core machine.
jest.setTimeout(180_000);

/** The demo insurers' organisations (seed/demo-users.json): `insurer` and `insurer2`. */
const INSURER_A = '甲安人寿保险股份有限公司宁波市分公司';

/** Shenyang's rate-priced premium tender (seed 000, format 2), its winner P renamed so that the demo insurer A wins. */
function shenyang(): Dossier {
  const d = JSON.parse(readFileSync(join(ROOT_DIR, 'backend', 'test', 'fixtures', 'shenyang-rate-consortium.json'), 'utf8'));
  d.tender.code = `SY-SETTLE-${process.pid}`;
  d.bidders.find((b: { code: string }) => b.code === 'P').name = INSURER_A;
  return d;
}

describe('annual settlement of a premium fund (DOMAIN §6.2), stored', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const get = (path: string, user = 'bureau') => t.http().get(path).set(as(user));
  const post = (path: string, body: object, user = 'bureau') => t.http().post(path).set(as(user)).send(body);
  let contract: number;
  let assessment: number;
  const settle = (body: object, user = 'bureau', id = contract) => post(`/api/contracts/${id}/settlement`, body, user);
  /** The year's claims and the bureau's finding: a policy-caused deficit (the unit tests' failed Shenyang year). */
  const FINDING = { claims: '365000000.00', policyDeficit: true };

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['clerk', 'insurer', 'insurer2']) tokens[u] = await t.login(u);
    // An official of Shenyang's bureau, registered before the import links the tender to it.
    tokens.bureau = await bureauToken(t, '沈阳市医疗保障局', 'sy-bureau');
    const tender = (await post('/api/dossiers', shenyang(), 'clerk').expect(201)).body.tenderId;
    // 90 元 per insured (seed 000: 每人每年90元), the bid's 4.5% written into the contract, the shared deficit half the insurer's.
    const draft = (
      await post(`/api/tenders/${tender}/lots/1/contracts`, {
        year: 2024,
        scheduleTemplate: 'shenyang',
        fundStandard: '90.00',
        allowanceRate: '0.045',
        policyDeficitShare: '0.5',
      }).expect(201)
    ).body;
    contract = draft.id;
    // 4,123,460 insured at the end of January: F = 90 × 4,123,460 = 371,111,400.00
    await t
      .http()
      .patch(`/api/contracts/${contract}`)
      .set(as('bureau'))
      .send({ version: draft.version, population: 4_123_460 })
      .expect(200);
    await t
      .http()
      .patch(`/api/contracts/${contract}`)
      .set(as('bureau'))
      .send({ version: draft.version + 1, status: 'signed' })
      .expect(200);
  });
  afterAll(() => t.close());

  it('is refused before the year’s assessment is final', async () => {
    expect((await settle(FINDING).expect(409)).body).toMatchObject({ code: 'assessmentNotFinal', params: { year: 2024 } });
    const a = (await post(`/api/contracts/${contract}/assessments`, { schemeCode: 'SY-17' }).expect(201)).body;
    assessment = a.id;
    // Items 3 and 16 scored 0, every other in full: 80 points, below the pass mark of 85.
    const items = a.scheme.items.map((i: { no: string; max: string }) => ({ no: i.no, points: ['3', '16'].includes(i.no) ? '0' : i.max }));
    const scored = (
      await t.http().put(`/api/assessments/${assessment}/items`).set(as('bureau')).send({ items, operatingCost: '16700013.00' }).expect(200)
    ).body;
    expect(scored.result).toMatchObject({ passed: false, score: '80.00' });
    await post(`/api/assessments/${assessment}/publish`, {}).expect(200);
    expect((await settle(FINDING).expect(409)).body.code).toBe('assessmentNotFinal');
    // Time passes: the last day to object was yesterday.
    await t.dataSource.getRepository(ContractAssessment).update(assessment, { objectionDeadline: addDays(chinaDay(new Date()), -1) });
    await post(`/api/assessments/${assessment}/finalise`, {}).expect(200);
  });

  it('names each bad field and stores nothing', async () => {
    const res = await settle({ claims: '1.001', policyDeficit: 'yes' }).expect(400);
    expect(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['claims', 'toTheFen'],
      ['policyDeficit', 'boolean'],
    ]);
    expect((await get(`/api/contracts/${contract}/settlement`).expect(200)).body.settlement).toBeNull();
  });

  it('shows the bureau what the year is settled from: F and the terms from the contract, what the ledger paid', async () => {
    // The first 85%, due on a 2024 date already past, became payable at the signing: 0.85 × 371,111,400.00 = 315,444,690.00.
    const milestones = await t.dataSource.getRepository(PaymentMilestone).find({ where: { contractId: contract }, order: { seq: 'ASC' } });
    expect(milestones.map((x) => [x.trigger, x.amount, x.status])).toEqual([
      ['on-date', '315444690.00', 'payable'],
      ['after-settlement', null, 'pending'],
    ]);
    expect((await get(`/api/contracts/${contract}/settlement`).expect(200)).body).toEqual({
      settlement: null,
      basis: {
        fund: '371111400.00',
        allowanceRate: '0.045000',
        deficitRule: 'shared',
        policyDeficitShare: '0.500000',
        retentions: [],
        assessment: { final: true, passed: false, failDeductionRate: '0.0050' },
        paidOrPayable: '315444690.00',
      },
    });
  });

  it('settles once: the figures to the 分, the payment on the after-settlement milestone, audited before and after', async () => {
    // A = 16,700,013.00; d = 0.5% × A = 83,500.065 → 83,500.07; A′ = 16,616,512.93
    // B = 371,111,400.00 − 365,000,000.00 − 16,616,512.93 = −10,505,112.93, policy-caused: the insurer's 50% 5,252,556.465 → .47
    // due = 365,000,000.00 + 16,616,512.93 − 5,252,556.47 = 376,363,956.46; payment = due − 315,444,690.00 = 60,919,266.46
    const made = (await settle(FINDING).expect(201)).body;
    expect(made).toMatchObject({
      contractId: contract,
      year: 2024,
      policyDeficit: true,
      assessmentPassed: false,
      fund: '371111400.00',
      claims: '365000000.00',
      allowance: '16700013.00',
      deduction: '83500.07',
      allowanceNet: '16616512.93',
      balance: '-10505112.93',
      surplus: '0.00',
      insurerBears: '5252556.47',
      fundBears: '5252556.46',
      fromReserve: '0.00',
      beyondReserve: '5252556.46',
      forfeitedDeposit: '0.00',
      due: '376363956.46',
      paidOrPayable: '315444690.00',
      payment: '60919266.46',
      settledBy: 'sy-bureau',
    });
    const carrying = await t.dataSource.getRepository(PaymentMilestone).findOneByOrFail({ id: made.milestoneId });
    expect([carrying.trigger, carrying.status, carrying.amount]).toEqual(['after-settlement', 'payable', '60919266.46']);
    const audit = await t.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'contract.settle', entityId: String(contract) });
    expect(audit.before).toEqual({ settlement: null, milestone: { seq: 2, name: '年度保费清算款', status: 'pending', amount: null } });
    expect(audit.after).toMatchObject({
      ...FINDING,
      payment: '60919266.46',
      milestone: { seq: 2, status: 'payable', amount: '60919266.46' },
    });
    const releases = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'milestone.release', entityId: String(contract) });
    expect(releases.map((r) => (r.after as { seq: number; amount: string }).amount)).toEqual(['315444690.00', '60919266.46']);
  });

  it('refuses a second settlement of the year, changing nothing', async () => {
    const audited = await t.dataSource.getRepository(AuditEntry).count();
    expect((await settle({ claims: '300000000.00', policyDeficit: false }).expect(409)).body).toMatchObject({ code: 'alreadySettled' });
    expect((await get(`/api/contracts/${contract}/settlement`).expect(200)).body.settlement.payment).toBe('60919266.46');
    expect(await t.dataSource.getRepository(AuditEntry).count()).toBe(audited);
  });

  it('is the bureau’s to make; the contract’s insurer reads it, another insurer learns nothing', async () => {
    await settle(FINDING, 'insurer').expect(403);
    await settle(FINDING, 'clerk').expect(403);
    expect((await get(`/api/contracts/${contract}/settlement`, 'insurer').expect(200)).body.settlement.payment).toBe('60919266.46');
    for (const path of ['', '/statement.pdf', '/statement.xlsx']) {
      await get(`/api/contracts/${contract}/settlement${path}`, 'insurer2').expect(404);
      await get(`/api/contracts/${contract}/settlement${path}`, 'clerk').expect(403);
    }
  });

  it('refuses a contract that is not a premium fund', async () => {
    const d = loadExampleDossier();
    d.tender.code = `SY-SETTLE-FEE-${process.pid}`;
    d.tender.purchaser = '沈阳市医疗保障局';
    const tender = (await post('/api/dossiers', d, 'clerk').expect(201)).body.tenderId;
    const fee = (await post(`/api/tenders/${tender}/lots/1/contracts`, { year: 2023, scheduleTemplate: 'ningbo' }).expect(201)).body.id;
    expect((await settle(FINDING, 'bureau', fee).expect(409)).body.code).toBe('notPremiumFund');
  });

  it('prints the statement with every figure in figures and capitals', async () => {
    const pdf = (await get(`/api/contracts/${contract}/settlement/statement.pdf`, 'insurer').buffer(true).parse(binary).expect(200)).body;
    const text = squeezed((await pdfText(pdf)).text);
    for (const figure of [
      '371,111,400.00', // F
      '315,444,690.00', // paid or payable
      '365,000,000.00', // C
      '16,700,013.00', // A
      '83,500.07', // d
      '10,505,112.93', // the deficit
      '5,252,556.47', // the insurer's share
      '5,252,556.46', // the fund's
      '60,919,266.46', // the payment
      '叁亿柒仟壹佰壹拾壹万壹仟肆佰元整',
      '陆仟零玖拾壹万玖仟贰佰陆拾陆元肆角陆分',
      '收支亏损',
      '清算应付承办方资金',
      INSURER_A,
    ]) {
      expect(text).toContain(squeezed(figure));
    }
  });

  it('exports the statement to Excel: real numbers in ¥#,##0.00 under a frozen header', async () => {
    const file = (await get(`/api/contracts/${contract}/settlement/statement.xlsx`).buffer(true).parse(binary).expect(200)).body;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as never);
    const sheet = wb.worksheets[0];
    expect(tableLayout(sheet)).toMatchObject({ frozen: [3], autoFilter: expect.stringMatching(/^A3:E\d+$/) });
    expect(sheet.getRow(3).values).toEqual([undefined, '序号', '项目', '金额（元）', '金额（大写）', '说明']);
    const rows = new Map<string, ExcelJS.Cell>();
    sheet.eachRow(
      (row, n) => n > 3 && typeof row.getCell(2).value === 'string' && rows.set(row.getCell(2).value as string, row.getCell(3)),
    );
    expect(rows.get('年度保费资金总额（F）')!.value).toBe(371111400);
    expect(rows.get('考核扣减（d）')!.value).toBe(83500.07);
    expect(rows.get('清算应付承办方资金')!.value).toBe(60919266.46);
    expect(rows.get('清算应付承办方资金')!.numFmt).toBe('¥#,##0.00');
  });
});
