import ExcelJS from 'exceljs';
import { money, score, tableLayout } from '../../test/workbook-layout';
import { createHash } from 'node:crypto';
import { demoInsurersWin, INSURER_A, INSURER_B } from '../../test/example-dossier';
import { binary, startApp, TestApp } from '../../test/harness';
import { bureauToken } from '../../test/buyers';
import { whenReady } from '../../test/background';
import { pdfText, squeezed } from '../../test/pdf-text';
import { AuditEntry } from '../audit/audit-entry.entity';
import { chinaDay } from '../documents/format';
import type { Dossier } from '../domain/dossier/dossier.types';
import { evaluateDossier } from '../domain/evaluation/evaluate-dossier';
import { ContractAssessment } from './contract-assessment.entity';
import { Contract } from '../contracts/contract.entity';
import { addDays } from './deadlines';
import { OFFICIAL_HOLIDAYS } from '../domain/calendar/holidays';
import { addWorkingDays, workingCalendar } from '../domain/calendar/working-days';
import { splitRewardBudget } from '../domain/assessments';

// Chromium prints the report in seconds on a shared two-core machine; the file imports three tenders.
jest.setTimeout(180_000);

const OBJECTION_DAYS = 5;

let imported = 0;
/**
 * The example dossier in which the demo insurers win: lot 1 goes to organisation A (user `insurer`),
 * lot 2 to B (`insurer2`). `withAssessments: false` drops the dossier's own schemes and assessments,
 * so the global schemes apply.
 */
function example(withAssessments: boolean): Dossier {
  const d = demoInsurersWin(`AS-${process.pid}-${++imported}`);
  if (!withAssessments) {
    delete d.assessmentSchemes;
    delete d.assessments;
  } else {
    // the archive of an earlier tender that proposes a deduction for repeated failures (format 2)
    d.formatVersion = 2;
    d.tender.repeatedFailureDeduction = '2';
  }
  return d;
}

const pdfFile = (text = 'report') => Buffer.from(`%PDF-1.4\n% ${text}\n`);
const workbook = async (content: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as never);
  return wb;
};

describe('annual assessments', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let tender: number;
  let archived: number;
  const contracts: Record<string, number> = {};
  const ids: Record<string, number> = {};

  const http = () => t.http();
  const get = (path: string, user = 'bureau') => http().get(path).set(as(user));
  const post = (path: string, body: object, user = 'bureau') => http().post(path).set(as(user)).send(body);
  const put = (path: string, body: object, user = 'bureau') => http().put(path).set(as(user)).send(body);
  const open = (contract: number, schemeCode: string) => post(`/api/contracts/${contract}/assessments`, { schemeCode });
  const detail = async (id: number, user = 'bureau') => (await get(`/api/assessments/${id}`, user).expect(200)).body;
  /** Time passes: the last day to object was yesterday. */
  const closeObjections = (id: number) =>
    t.dataSource.getRepository(ContractAssessment).update(id, { objectionDeadline: addDays(chinaDay(new Date()), -1) });

  async function signedContract(tenderId: number, lot: string, year: number, population: number, sign = true): Promise<number> {
    const draft = (await post(`/api/tenders/${tenderId}/lots/${lot}/contracts`, { year, scheduleTemplate: 'ningbo' }).expect(201)).body;
    await http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 1, population }).expect(200);
    if (sign) await http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 2, status: 'signed' }).expect(200);
    return draft.id;
  }

  /** Every item of a scheme, `values` for the given item numbers and `rest` for the others. */
  const allItems = (
    scheme: { items: { no: string }[] },
    field: 'points' | 'deduction',
    values: Record<string, string>,
    rest: (no: string) => string,
  ) => scheme.items.map((i) => ({ no: i.no, [field]: values[i.no] ?? rest(i.no) }));

  beforeAll(async () => {
    t = await startApp({ ASSESSMENT_OBJECTION_DAYS: String(OBJECTION_DAYS), EVIDENCE_MAX_MB: '1' });
    for (const u of ['clerk', 'bureau', 'insurer', 'insurer2', 'admin', 'expert1']) tokens[u] = await t.login(u);
    tender = (await post('/api/dossiers', example(false), 'clerk').expect(201)).body.tenderId;
    archived = (await post('/api/dossiers', example(true), 'clerk').expect(201)).body.tenderId;
    contracts.lot1 = await signedContract(tender, '1', 2024, 4_012_345);
    contracts.lot2 = await signedContract(tender, '2', 2024, 2_250_000);
    contracts.lot3 = await signedContract(tender, '3', 2024, 1_620_000);
  });
  afterAll(() => t.close());

  describe('schemes and access', () => {
    it('lists the seeded global schemes to the bureau and the administrator only', async () => {
      const schemes = (await get('/api/assessment-schemes').expect(200)).body;
      expect(schemes.map((s: any) => [s.code, s.kind, s.tenderId, s.items.length])).toEqual([
        ['NB-PERF', 'deduction', null, 14],
        ['SY-17', 'points', null, 17],
      ]);
      const sy = schemes.find((s: any) => s.code === 'SY-17');
      expect(sy).toMatchObject({ passMark: '85.00', failDeductionRate: '0.0050' });
      expect(sy.items[0]).toMatchObject({
        no: '1',
        name: '赔付政策',
        max: '10',
        rule: { kind: 'per-case-deduction', perCase: '1' },
        basis: '抽查报销凭证等相关材料',
      });
      await get('/api/assessment-schemes', 'admin').expect(200);
      for (const user of ['clerk', 'insurer', 'expert1']) await get('/api/assessment-schemes', user).expect(403);
    });

    it('a tender’s own schemes (imported with its dossier) take the place of the global ones', async () => {
      const schemes = (await get(`/api/assessment-schemes?tenderId=${archived}`).expect(200)).body;
      expect(schemes.map((s: any) => [s.code, s.tenderId])).toEqual([
        ['NB-PERF', archived],
        ['SY-17', archived],
      ]);
    });

    it('procurement and experts have no access; insurers neither open nor score', async () => {
      for (const user of ['clerk', 'expert1']) {
        await get('/api/assessments', user).expect(403);
        await open(contracts.lot1, 'NB-PERF').set(as(user)).expect(403);
      }
      await post(`/api/contracts/${contracts.lot1}/assessments`, { schemeCode: 'NB-PERF' }, 'insurer').expect(403);
      await get('/api/assessments/overdue', 'insurer').expect(403);
    });
  });

  describe('opening an assessment', () => {
    it('opens a signed contract’s assessment for its year with a global scheme, copied into the tender', async () => {
      const a = (await open(contracts.lot1, 'NB-PERF').expect(201)).body;
      ids.lot1 = a.id;
      expect(a).toMatchObject({
        status: 'open',
        contractId: contracts.lot1,
        tenderId: tender,
        lotNo: '1',
        lotName: '中心片区',
        year: 2024,
        insurer: INSURER_A,
        schemeCode: 'NB-PERF',
        kind: 'deduction',
        maxReward: '500000.00',
        items: [],
        deadlines: { reportDue: '2025-01-31', assessmentDue: '2025-03-31', objectionDeadline: null, rewardDue: null },
        result: { complete: false, unscored: expect.arrayContaining(['1', '14']) },
      });
      expect(a.scheme.tenderId).toBe(tender);
    });

    it('refuses a second one, an unknown scheme and an unsigned contract', async () => {
      await open(contracts.lot1, 'NB-PERF').expect(409);
      expect((await open(contracts.lot2, 'XX').expect(400)).body.errors).toEqual([
        {
          path: 'schemeCode',
          code: 'notOneOfKnown',
          params: { what: 'assessmentScheme', known: ['NB-PERF', 'SY-17'] },
          message: expect.stringContaining('NB-PERF, SY-17'),
        },
      ]);
      const draft = await signedContract(tender, '1', 2025, 4_000_000, false);
      await open(draft, 'NB-PERF').expect(409);
      await open(999_999, 'NB-PERF').expect(404);
    });
  });

  describe('the workflow on a deduction scheme (lot 1, insurer A)', () => {
    let scheme: { items: { no: string }[] };
    let reportSha: string;

    it('the insurer submits its report and self-assessment; the bureau’s work stays hidden from it', async () => {
      const report = pdfFile('2024年度运行情况报告');
      reportSha = createHash('sha256').update(report).digest('hex');
      const selfItems = [{ no: '3', deduction: '1', note: '人员到岗略迟' }];
      const res = await http()
        .post(`/api/assessments/${ids.lot1}/self-assessment`)
        .set(as('insurer'))
        .field('items', JSON.stringify(selfItems))
        .field('summary', '全年运行平稳')
        .attach('file', report, '2024年度运行情况报告.pdf')
        .expect(201);
      expect(res.body).toMatchObject({
        status: 'submitted',
        items: null,
        result: null,
        maxReward: null,
        selfAssessment: { items: selfItems, summary: '全年运行平稳', score: '99.00', grade: '优秀' },
      });
      expect(res.body.files).toEqual([
        expect.objectContaining({
          kind: 'report',
          itemNo: null,
          fileName: '2024年度运行情况报告.pdf',
          mimeType: 'application/pdf',
          sha256: reportSha,
          uploadedBy: 'insurer',
        }),
      ]);
      scheme = res.body.scheme;
    });

    it('checks the self-assessment: a report file is required and items must be in the scheme', async () => {
      const send = () => http().post(`/api/assessments/${ids.lot1}/self-assessment`).set(as('insurer'));
      expect((await send().field('items', '[]').expect(400)).body.errors).toEqual([
        { path: 'file', code: 'fileRequired', params: {}, message: 'a file is required / 须上传文件' },
      ]);
      const bad = await send()
        .field('items', JSON.stringify([{ no: '99', deduction: '1' }]))
        .attach('file', pdfFile(), 'r.pdf')
        .expect(400);
      expect(bad.body.errors.map((e: any) => e.path)).toEqual(['items[0].no']);
      expect((await send().field('items', 'not json').attach('file', pdfFile(), 'r.pdf').expect(400)).body.errors[0].path).toBe('items');
    });

    it('another insurer finds nothing (404), and cannot submit', async () => {
      await get(`/api/assessments/${ids.lot1}`, 'insurer2').expect(404);
      await http()
        .post(`/api/assessments/${ids.lot1}/self-assessment`)
        .set(as('insurer2'))
        .field('items', '[]')
        .attach('file', pdfFile(), 'r.pdf')
        .expect(404);
      expect((await get('/api/assessments', 'insurer2').expect(200)).body).toEqual([]);
      expect((await get('/api/assessments', 'insurer').expect(200)).body.map((a: any) => [a.id, a.result])).toEqual([[ids.lot1, null]]);
    });

    it('the bureau scores items with notes; a deduction above an item’s weight counts only up to it', async () => {
      const res = await put(`/api/assessments/${ids.lot1}/items`, {
        items: [
          { no: '3', deduction: '2', note: '经办人员到岗延迟' },
          { no: '9', deduction: '12', note: '巡查覆盖不足' },
        ],
      }).expect(200);
      // 100 − 2 − min(12, 10) = 88: 良好, 80% of 500,000.
      expect(res.body.result).toMatchObject({
        score: '88.00',
        grade: '良好',
        rewardRate: '0.80',
        rewardAmount: '400000.00',
        complete: false,
      });
      expect(res.body.items).toEqual([
        { no: '3', deduction: '2', note: '经办人员到岗延迟' },
        { no: '9', deduction: '12', note: '巡查覆盖不足' },
      ]);
      const bad = await put(`/api/assessments/${ids.lot1}/items`, {
        items: [
          { no: '1', deduction: '-1' },
          { no: '2', points: '3' },
        ],
      }).expect(400);
      expect(bad.body.errors.map((e: any) => e.path)).toEqual(['items[0].deduction', 'items[1].points', 'items[1].deduction']);
    });

    it('keeps evidence per item with its SHA-256, checking type (by name and content) and size', async () => {
      const evidence = pdfFile('巡查记录');
      const upload = (no: string, content: Buffer, name: string) =>
        http()
          .post(`/api/assessments/${ids.lot1}/items/${no}/evidence`)
          .set(as('bureau'))
          .field('description', '巡查记录')
          .attach('file', content, name);
      const ok = (await upload('9', evidence, '巡查记录.pdf').expect(201)).body;
      expect(ok).toMatchObject({
        kind: 'evidence',
        itemNo: '9',
        fileName: '巡查记录.pdf',
        size: evidence.length,
        sha256: createHash('sha256').update(evidence).digest('hex'),
        description: '巡查记录',
        uploadedBy: 'bureau',
      });
      ids.evidence = ok.id;
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
      await upload('9', png, 'photo.png').expect(201);
      for (const [content, name] of [
        [Buffer.from('MZ\x90\x00 not a pdf'), 'setup.pdf'],
        [Buffer.from('plain text'), 'notes.txt'],
        [png, 'photo.jpg'],
      ] as const) {
        expect((await upload('9', content, name).expect(400)).body.errors).toEqual([
          {
            path: 'file',
            code: 'fileType',
            params: { types: ['pdf', 'jpg', 'jpeg', 'png', 'xlsx', 'docx'] },
            message: expect.stringContaining('pdf, jpg, jpeg, png, xlsx, docx'),
          },
        ]);
      }
      const big = Buffer.concat([pdfFile(), Buffer.alloc(1024 * 1024)]);
      expect((await upload('9', big, 'big.pdf').expect(400)).body.errors).toEqual([
        { path: 'file', code: 'fileTooLarge', params: { max: '1 MB' }, message: expect.stringContaining('1 MB') },
      ]);
      await upload('99', evidence, 'x.pdf').expect(404);
      await http().post(`/api/assessments/${ids.lot1}/items/9/evidence`).set(as('bureau')).field('description', 'no file').expect(400);
    });

    it('the insurer downloads its own report, but no evidence before publication', async () => {
      const files = (await detail(ids.lot1, 'insurer')).files;
      expect(files.map((f: any) => f.kind)).toEqual(['report']);
      const own = await get(`/api/assessments/${ids.lot1}/files/${files[0].id}`, 'insurer').buffer(true).parse(binary).expect(200);
      expect(createHash('sha256').update(own.body).digest('hex')).toBe(reportSha);
      expect(own.headers['content-type']).toContain('application/pdf');
      await get(`/api/assessments/${ids.lot1}/files/${ids.evidence}`, 'insurer').expect(404);
      await get(`/api/assessments/${ids.lot1}/files/${ids.evidence}`, 'bureau').expect(200);
    });

    it('splits a yearly reward budget by contract amounts to the 分; the maximum rewards follow', async () => {
      expect(
        (await post('/api/assessments/reward-split', { tenderId: tender, year: 2024, budget: '1000000.01' }).expect(400)).body.errors[0]
          .path,
      ).toBe('budget');
      await post('/api/assessments/reward-split', { tenderId: tender, year: 2025, budget: '1000000.00' }).expect(409);
      await post('/api/assessments/reward-split', { tenderId: tender, year: 2024, budget: '1000000' }, 'insurer').expect(403);
      // Contract amounts that give no proportion: a 400 naming the budget, by its code, said in Chinese.
      const signed = await t.dataSource.getRepository(Contract).findBy({ tenderId: tender, year: 2024 });
      await t.dataSource.getRepository(Contract).update({ tenderId: tender, year: 2024 }, { contractAmount: '0.00' });
      const refused = (await post('/api/assessments/reward-split', { tenderId: tender, year: 2024, budget: '1000000.00' }).expect(400))
        .body;
      expect(refused.errors).toEqual([expect.objectContaining({ path: 'budget', code: 'contractAmountsZero' })]);
      expect(refused.errors[0].message).toContain('合同金额合计为0');
      for (const c of signed) await t.dataSource.getRepository(Contract).update(c.id, { contractAmount: c.contractAmount });
      const res = (await post('/api/assessments/reward-split', { tenderId: tender, year: 2024, budget: '1000000.00' }).expect(200)).body;
      const amounts = await Promise.all(
        ['lot1', 'lot2', 'lot3'].map(async (k) => (await get(`/api/contracts/${contracts[k]}`).expect(200)).body.contractAmount),
      );
      expect(res.shares.map((s: any) => [s.lotNo, s.contractAmount])).toEqual([
        ['1', amounts[0]],
        ['2', amounts[1]],
        ['3', amounts[2]],
      ]);
      expect(
        splitRewardBudget(
          '1000000.00',
          amounts.map((amount, i) => ({ lot: String(i + 1), amount })),
        ),
      ).toEqual({ ok: true, value: res.shares.map((s: any) => ({ lot: s.lotNo, share: s.share })) });
      const total = res.shares.reduce((sum: number, s: any) => sum + Math.round(Number(s.share) * 100), 0);
      expect(total).toBe(100_000_000);
      ids.share1 = res.shares[0].share;
      ids.share3 = res.shares[2].share;
      const a = await detail(ids.lot1);
      expect(a.maxReward).toBe(res.shares[0].share);
    });

    it('publishes only a complete assessment; then the insurer sees the result and the evidence', async () => {
      expect((await post(`/api/assessments/${ids.lot1}/publish`, {}).expect(409)).body.message).toContain('1, 2, 4');
      await put(`/api/assessments/${ids.lot1}/items`, {
        items: allItems(scheme, 'deduction', {}, () => '0').filter((i) => !['3', '9'].includes(i.no)),
      }).expect(200);
      const published = (await post(`/api/assessments/${ids.lot1}/publish`, {}).expect(200)).body;
      expect(published).toMatchObject({
        status: 'published',
        // Working days, the seeded holiday table counted.
        deadlines: { objectionDeadline: addWorkingDays(chinaDay(new Date()), OBJECTION_DAYS, workingCalendar(OFFICIAL_HOLIDAYS)) },
        result: { score: '88.00', grade: '良好', complete: true },
      });
      await post(`/api/assessments/${ids.lot1}/publish`, {}).expect(409);
      await put(`/api/assessments/${ids.lot1}/items`, { items: [{ no: '1', deduction: '1' }] }).expect(409);
      const seen = await detail(ids.lot1, 'insurer');
      expect(seen).toMatchObject({
        result: { score: '88.00', grade: '良好' },
        items: expect.arrayContaining([{ no: '9', deduction: '12', note: '巡查覆盖不足' }]),
      });
      expect(seen.files.map((f: any) => f.kind)).toEqual(['report', 'evidence', 'evidence']);
      await get(`/api/assessments/${ids.lot1}/files/${ids.evidence}`, 'insurer').expect(200);
      // The insurer is told (in the app), and no other insurer.
      const told = (user: string) => get('/api/notifications', user).then((r) => r.body.items.filter((n: any) => n.object.id === ids.lot1));
      expect(await told('insurer')).toEqual([
        expect.objectContaining({ kind: 'assessment-published', title: '年度考核结果已公布', link: `/insurer/assessments/${ids.lot1}` }),
      ]);
      expect(await told('insurer2')).toEqual([]);
    });

    it('the insurer objects within the period; the bureau answers and may revise scores; the result is final only after the period', async () => {
      await post(`/api/assessments/${ids.lot1}/finalise`, {}).expect(409);
      await post(`/api/assessments/${ids.lot1}/objections`, { text: '巡查覆盖' }, 'insurer2').expect(404);
      await post(`/api/assessments/${ids.lot1}/objections`, { text: '' }, 'insurer').expect(400);
      const objection = (
        await post(`/api/assessments/${ids.lot1}/objections`, { text: '第9项巡查已按计划完成，附巡查台账' }, 'insurer').expect(201)
      ).body;
      expect(objection).toMatchObject({ text: '第9项巡查已按计划完成，附巡查台账', raisedBy: 'insurer', answer: null });
      // The bureau is told, and the objection waits on its desk.
      expect((await get('/api/notifications')).body.items[0]).toMatchObject({
        kind: 'objection-filed',
        link: `/bureau/assessments/${ids.lot1}`,
      });
      expect((await get('/api/desk')).body.items).toContainEqual(
        expect.objectContaining({
          kind: 'objection-to-answer',
          count: 1,
          object: expect.objectContaining({ type: 'assessment', id: ids.lot1 }),
        }),
      );
      await closeObjections(ids.lot1);
      await post(`/api/assessments/${ids.lot1}/finalise`, {}).expect(409); // an objection is unanswered
      expect((await post(`/api/assessments/${ids.lot1}/objections`, { text: '逾期' }, 'insurer').expect(409)).body.message).toContain(
        'objection period ended',
      );
      const answered = (
        await post(`/api/assessments/${ids.lot1}/objections/${objection.id}/answer`, {
          text: '经复核，第9项扣3.5分',
          revisedItems: [{ no: '9', deduction: '3.5', note: '巡查覆盖不足（复核）' }],
        }).expect(200)
      ).body;
      // 100 − 2 − 3.5 = 94.5: 优秀, the whole of lot 1's share of the budget.
      expect(answered.result).toMatchObject({ score: '94.50', grade: '优秀', rewardRate: '1.00', rewardAmount: ids.share1 });
      expect(answered.objections[0]).toMatchObject({
        answer: '经复核，第9项扣3.5分',
        answeredBy: 'bureau',
        revisedItems: [{ no: '9', deduction: '3.5', note: '巡查覆盖不足（复核）' }],
      });
      await post(`/api/assessments/${ids.lot1}/objections/${objection.id}/answer`, { text: '再答' }).expect(409);
      expect((await get('/api/notifications', 'insurer')).body.items[0]).toMatchObject({
        kind: 'objection-answered',
        title: '考核异议已答复',
      });
    });

    it('finalises: locked, the reward payment released and due within a month, the result in the tender’s dossier', async () => {
      const final = (await post(`/api/assessments/${ids.lot1}/finalise`, {}).expect(200)).body;
      const today = chinaDay(new Date());
      // The reward payment becomes the reward earned (here all of lot 1's share of the split budget).
      expect(final).toMatchObject({
        status: 'final',
        result: { passed: true, grade: '优秀' },
        rewardMilestone: { seq: 2, status: 'payable', amount: ids.share1 },
      });
      expect(final.deadlines.rewardDue > today).toBe(true);
      const contract = (await get(`/api/contracts/${contracts.lot1}`).expect(200)).body;
      expect(contract.milestones.map((m: any) => m.status)).toEqual(['payable', 'payable']);
      await put(`/api/assessments/${ids.lot1}/items`, { items: [{ no: '1', deduction: '1' }] }).expect(409);
      await http()
        .post(`/api/assessments/${ids.lot1}/items/1/evidence`)
        .set(as('bureau'))
        .attach('file', pdfFile(), 'late.pdf')
        .expect(409);
      await post(`/api/assessments/${ids.lot1}/finalise`, {}).expect(409);
      await post(`/api/assessments/${ids.lot1}/publish`, {}).expect(409);
      await post('/api/assessments/reward-split', { tenderId: tender, year: 2024, budget: '900000.00' }).expect(409);

      // The dossier export carries the result (and the scheme copy it needs); evaluating it gives the same outcome.
      const dossier: Dossier = (await get(`/api/tenders/${tender}/dossier`).expect(200)).body;
      expect(dossier.assessments).toEqual([expect.objectContaining({ lot: '1', year: 2024, scheme: 'NB-PERF', maxReward: ids.share1 })]);
      expect(evaluateDossier(dossier).assessments).toEqual([
        expect.objectContaining({ lot: '1', year: 2024, score: '94.50', grade: '优秀', rewardAmount: ids.share1, terminate: false }),
      ]);
      dossier.tender.code = `${dossier.tender.code}-R`;
      await post('/api/dossiers', dossier, 'clerk').expect(201);
    });

    it('prints the report for the insurer, reusing the print while nothing changes; nobody else gets it', async () => {
      const download = () => get(`/api/assessments/${ids.lot1}/report.pdf`, 'insurer').buffer(true).parse(binary);
      const res = await whenReady(download);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const flat = squeezed((await pdfText(res.body)).text);
      for (const phrase of [
        '2024年度履约考核报告',
        INSURER_A,
        '94.50分',
        '“优秀”',
        '扣3.5分',
        '巡查覆盖不足（复核）',
        '第9项巡查已按计划完成',
        '经复核，第9项扣3.5分',
        '最终考核结果',
      ]) {
        expect(flat).toContain(phrase);
      }
      const again = await download().expect(200);
      expect(again.headers['x-document-version']).toBe(res.headers['x-document-version']);
      await get(`/api/assessments/${ids.lot1}/report.pdf`, 'insurer2').expect(404);
      // Nothing changed: asking for a print prints nothing (abuse.e2e-spec.ts: once per change).
      expect((await post(`/api/assessments/${ids.lot1}/report.pdf`, {}).expect(202)).body).toEqual({ status: 'generating' });
      expect((await whenReady(download)).headers['x-document-version']).toBe('1');
      await post(`/api/assessments/${ids.lot1}/report.pdf`, {}, 'insurer').expect(403);
    });
  });

  describe('a points scheme with item rules, through Excel (lot 2, insurer B)', () => {
    const template = async (id: number) =>
      workbook((await get(`/api/assessments/${id}/template.xlsx`).buffer(true).parse(binary).expect(200)).body);
    const upload = async (id: number, wb: ExcelJS.Workbook, status: number) => {
      const content = Buffer.from(await wb.xlsx.writeBuffer());
      return http().post(`/api/assessments/${id}/items.xlsx`).set(as('bureau')).attach('file', content, 'scores.xlsx').expect(status);
    };
    /** 84.9: item 3 none of its two sub-items (−10), item 16 five complaints (−5), item 17 judged 9.9 (−0.1). */
    const fill = (ws: ExcelJS.Worksheet) => {
      for (let r = 4; r <= 20; r++) ws.getCell(r, 5).value = Number(ws.getCell(r, 3).value);
      ws.getCell(6, 5).value = 0;
      ws.getCell(19, 5).value = 5;
      ws.getCell(20, 5).value = 9.9;
      ws.getCell(20, 6).value = '参与监管频次略低';
    };

    it('opens with the SY-17 scheme; before publication there is no report', async () => {
      ids.lot2 = (await open(contracts.lot2, 'SY-17').expect(201)).body.id;
      await get(`/api/assessments/${ids.lot2}/report.pdf`, 'insurer2').expect(404);
      await post(`/api/assessments/${ids.lot2}/report.pdf`, {}).expect(409);
    });

    it('imports the score template all or nothing, listing every bad row', async () => {
      const wb = await template(ids.lot2);
      const ws = wb.worksheets[0];
      expect(ws.getCell('B2').value).toBe(ids.lot2);
      expect([4, 20].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, 2).value, ws.getCell(r, 3).value])).toEqual([
        ['1', '赔付政策', 10],
        ['17', '参与医保基金监管情况', 10],
      ]);
      fill(ws);
      ws.getCell(4, 5).value = 10.5; // above the maximum
      ws.getCell(5, 5).value = 2; // a binary item gives 0 or 4
      ws.getCell(7, 5).value = 'abc';
      ws.getRow(21).values = ['99', '不存在', 1, '', 1];
      const res = await upload(ids.lot2, wb, 400);
      expect(res.body.errors.map((e: any) => e.path)).toEqual(['rows[4].points', 'rows[5].points', 'rows[7].points', 'rows[21].no']);
      expect((await detail(ids.lot2)).items).toEqual([]);
      const other = await template(ids.lot1);
      expect((await upload(ids.lot2, other, 400)).body.errors[0].path).toBe('file');
    });

    it('84.9 fails: 0.5% of the operating cost is withheld, to the 分; rule inputs give the same points', async () => {
      const wb = await template(ids.lot2);
      fill(wb.worksheets[0]);
      const imported = (await upload(ids.lot2, wb, 200)).body;
      expect(imported.result).toMatchObject({ score: '84.90', grade: '不达标', passed: false, complete: false });
      expect(imported.items.find((i: any) => i.no === '17')).toEqual({ no: '17', points: '9.9', note: '参与监管频次略低' });
      const again = (await template(ids.lot2)).worksheets[0];
      expect([again.getCell(6, 5).value, again.getCell(19, 5).value, again.getCell(20, 5).value]).toEqual([0, 5, 9.9]);
      const res = (
        await put(`/api/assessments/${ids.lot2}/items`, {
          items: [
            { no: '16', cases: 5 },
            { no: '3', achieved: 0 },
          ],
          operatingCost: '1234567.89',
        }).expect(200)
      ).body;
      // 1,234,567.89 × 0.005 = 6,172.83945 → 6,172.84.
      expect(res.result).toMatchObject({ score: '84.90', passed: false, deductionAmount: '6172.84', complete: true });
      expect(res.items.find((i: any) => i.no === '16')).toEqual({ no: '16', points: '5', cases: 5 });
      await post(`/api/assessments/${ids.lot2}/publish`, {}).expect(200);
      await closeObjections(ids.lot2);
      const final = (await post(`/api/assessments/${ids.lot2}/finalise`, {}).expect(200)).body;
      expect(final).toMatchObject({ status: 'final', result: { passed: false, deductionAmount: '6172.84' }, rewardMilestone: null });
      expect((await get(`/api/contracts/${contracts.lot2}`).expect(200)).body.milestones.map((m: any) => m.status)).toEqual([
        'payable',
        'withheld',
      ]);
    });

    it('85 passes (the boundary, through the API)', async () => {
      const contract = await signedContract(tender, '2', 2025, 2_250_000);
      contracts.lot2next = contract;
      const id = (await open(contract, 'SY-17').expect(201)).body.id;
      ids.lot2next = id;
      const scheme = (await detail(id)).scheme;
      const res = (
        await put(`/api/assessments/${id}/items`, {
          items: allItems(scheme, 'points', { '3': '5', '16': '0' }, (no) => scheme.items.find((i: any) => i.no === no).max),
          operatingCost: '1000000.00',
        }).expect(200)
      ).body;
      expect(res.result).toMatchObject({ score: '85.00', grade: '达标', passed: true, deductionAmount: '0.00' });
    });
  });

  describe('a terminating grade (lot 3)', () => {
    it('59.9 is 不合格: no reward, the contract marked for early termination and the lot for re-tender', async () => {
      const a = (await open(contracts.lot3, 'NB-PERF').expect(201)).body;
      // Opened after the split: the maximum reward is lot 3's share of the yearly budget.
      expect(a.maxReward).toBe(ids.share3);
      const items = allItems(a.scheme, 'deduction', { '1': '0.1', '5': '10', '8': '10', '9': '10', '14': '15' }, () => '0');
      expect((await put(`/api/assessments/${a.id}/items`, { items }).expect(200)).body.result).toMatchObject({
        score: '59.90',
        grade: '不合格',
        rewardAmount: '0.00',
        terminate: true,
        passed: false,
      });
      await post(`/api/assessments/${a.id}/publish`, {}).expect(200);
      const version = async () =>
        (await whenReady(() => get(`/api/assessments/${a.id}/report.pdf`).buffer(true).parse(binary))).headers['x-document-version'];
      expect(await version()).toBe('1');
      await closeObjections(a.id);
      await post(`/api/assessments/${a.id}/finalise`, {}).expect(200);
      // The result became final after the first print: the next download prints it again.
      expect(await version()).toBe('2');
      const marked = (await get('/api/assessments/terminations').expect(200)).body;
      expect(marked).toEqual([
        expect.objectContaining({
          assessmentId: a.id,
          contractId: contracts.lot3,
          tenderId: tender,
          lotNo: '3',
          lotName: '南部片区',
          year: 2024,
          score: '59.90',
          grade: '不合格',
          retender: true,
        }),
      ]);
      const mark = await t.dataSource
        .getRepository(AuditEntry)
        .findOneByOrFail({ action: 'contract.termination-mark', entityId: String(contracts.lot3) });
      expect(mark).toMatchObject({ actorName: 'bureau', after: expect.objectContaining({ earlyTermination: true, retenderLot: '3' }) });
      await get('/api/assessments/terminations', 'insurer').expect(403);
    });
  });

  describe('history across years', () => {
    it('an insurer failing in two years is flagged in its history and on its bids in a later tender', async () => {
      // Insurer B fails again the next year (everything 0).
      const scheme = (await detail(ids.lot2next)).scheme;
      await put(`/api/assessments/${ids.lot2next}/items`, { items: allItems(scheme, 'points', {}, () => '0') }).expect(200);
      await post(`/api/assessments/${ids.lot2next}/publish`, {}).expect(200);
      await closeObjections(ids.lot2next);
      expect((await post(`/api/assessments/${ids.lot2next}/finalise`, {}).expect(200)).body.result).toMatchObject({
        score: '0.00',
        passed: false,
        deductionAmount: '5000.00',
      });

      // The export writes each SY-17 item as its rule takes it (points only for the judgement item), and imports back.
      const dossier: Dossier = (await get(`/api/tenders/${tender}/dossier`).expect(200)).body;
      const lot2 = dossier.assessments!.find((a) => a.lot === '2' && a.year === 2025)!;
      expect(lot2.items.slice(0, 3)).toEqual([
        { no: '1', cases: 10 },
        { no: '2', met: false },
        { no: '3', achieved: 0 },
      ]);
      expect(lot2.items.filter((i) => i.points !== undefined).map((i) => i.no)).toEqual(['17']);
      expect(evaluateDossier(dossier).assessments.find((a) => a.lot === '2' && a.year === 2025)).toMatchObject({ score: '0.00' });
      dossier.tender.code = `${dossier.tender.code}-Y`;
      await post('/api/dossiers', dossier, 'clerk').expect(201);

      const orgB = (await detail(ids.lot2, 'insurer2')).organizationId;
      const history = (await get(`/api/organizations/${orgB}/assessment-history`, 'insurer2').expect(200)).body;
      expect(history.organization.name).toBe(INSURER_B);
      expect(history.entries.map((e: any) => [e.year, e.lotNo, e.schemeCode, e.score, e.passed])).toEqual([
        [2024, '2', 'SY-17', '84.90', false],
        [2025, '2', 'SY-17', '0.00', false],
      ]);
      // What the chart reads each score against: a points scheme's pass mark, no bands.
      expect(history.entries.map((e: any) => [e.kind, e.passMark, e.bands])).toEqual([
        ['points', '85.00', null],
        ['points', '85.00', null],
      ]);
      expect(history.repeatedFailures).toEqual({ failedYears: [2024, 2025] });
      await get(`/api/organizations/${orgB}/assessment-history`, 'insurer').expect(404);
      await get(`/api/organizations/${orgB}/assessment-history`, 'clerk').expect(403);
      // A bureau official sees the assessments of its own buyer's contracts only: another buyer's none, nor their flag.
      tokens.otherBuyer = await bureauToken(t, '别的市医疗保障局');
      expect((await get(`/api/organizations/${orgB}/assessment-history`, 'otherBuyer').expect(200)).body).toMatchObject({
        organization: { name: INSURER_B },
        entries: [],
        repeatedFailures: null,
      });
      const otherXlsx = await workbook(
        (await get(`/api/organizations/${orgB}/assessment-history.xlsx`, 'otherBuyer').buffer(true).parse(binary).expect(200)).body,
      );
      expect(otherXlsx.worksheets[0].getSheetValues().flat().filter(Boolean).map(String)).toContain('无两年以上考核不达标记录');
      expect(otherXlsx.worksheets[0].getCell('A3').value).toBeNull();
      expect((await get(`/api/organizations/${orgB}/assessment-history`).expect(200)).body.entries).toHaveLength(2);
      const orgA = (await detail(ids.lot1, 'insurer')).organizationId;
      expect((await get(`/api/organizations/${orgA}/assessment-history`).expect(200)).body).toMatchObject({
        entries: [
          expect.objectContaining({
            year: 2024,
            grade: '优秀',
            kind: 'deduction',
            passMark: null,
            bands: expect.arrayContaining([{ min: expect.stringMatching(/^90(\.0+)?$/), grade: '优秀' }]),
          }),
        ],
        repeatedFailures: null,
      });

      const xlsx = await workbook(
        (await get(`/api/organizations/${orgB}/assessment-history.xlsx`, 'insurer2').buffer(true).parse(binary).expect(200)).body,
      );
      const cells = xlsx.worksheets[0].getSheetValues().flat().filter(Boolean).map(String);
      expect(tableLayout(xlsx.worksheets[0], ['F3', 'J3'])).toEqual({ frozen: [2], autoFilter: 'A2:M4', cells: { F3: score, J3: money } });
      expect(cells).toEqual(
        expect.arrayContaining([INSURER_B + ' 历年履约考核结果', '两年以上考核不达标（2024、2025年），下次招标时可酌情扣分']),
      );
      expect([3, 4].map((r) => xlsx.worksheets[0].getCell(`F${r}`).value)).toEqual([84.9, 0]);

      // Bidder C of the archived tender is insurer B: its bids carry the flag for the panel.
      const bids = (await get(`/api/tenders/${archived}/bids`, 'clerk').expect(200)).body;
      const flags = new Map(bids.map((b: any) => [b.bidder, b.repeatedFailures]));
      expect(flags.get('C')).toEqual({ failedYears: [2024, 2025] });
      expect(flags.get('E')).toBeNull();
    });

    it('the flag proposes the tender’s deduction: the panel applies or waives it with a reason, and the award waits for it', async () => {
      const bids = (await get(`/api/tenders/${archived}/bids`, 'clerk').expect(200)).body;
      const flagged = bids.filter((b: any) => b.bidder === 'C');
      expect(flagged.map((b: any) => [b.proposedDeduction, b.repeatedFailureDecision])).toEqual(flagged.map(() => ['2', null]));
      expect(bids.find((b: any) => b.bidder === 'E').proposedDeduction).toBeNull();
      const review = (bid: any, body: object) =>
        http()
          .patch(`/api/tenders/${archived}/bids/${bid.id}`)
          .set(as('clerk'))
          .send({ version: bid.version, ...body });
      const confirm = () => post(`/api/tenders/${archived}/evaluation/confirm`, {}, 'clerk');

      const refused = (await confirm().expect(409)).body;
      expect(refused).toMatchObject({ code: 'repeatedFailureUndecided', params: { lot: flagged[0].lot, bidder: 'C' } });
      // no decision on a bidder without the flag, none without a reason
      const e = bids.find((b: any) => b.bidder === 'E');
      const notFlagged = (await review(e, { repeatedFailureDecision: 'applied', repeatedFailureNote: '试图扣分' }).expect(400)).body;
      expect(notFlagged.errors).toEqual([expect.objectContaining({ path: 'repeatedFailureDecision', code: 'notRepeatedFailure' })]);
      const noReason = (await review(flagged[0], { repeatedFailureDecision: 'applied' }).expect(400)).body;
      expect(noReason.errors).toEqual([expect.objectContaining({ path: 'repeatedFailureNote', code: 'required' })]);

      const before = (await get(`/api/tenders/${archived}/results`, 'clerk').expect(200)).body;
      const scoreOf = (results: any, lot: string) => results.lots.find((l: any) => l.no === lot).bids.find((b: any) => b.bidder === 'C');
      const [applied, ...waived] = flagged;
      await review(applied, { repeatedFailureDecision: 'applied', repeatedFailureNote: '2024、2025年度考核均不达标' }).expect(200);
      for (const bid of waived)
        await review(bid, { repeatedFailureDecision: 'waived', repeatedFailureNote: '不达标原因已整改' }).expect(200);
      const after = (await get(`/api/tenders/${archived}/results`, 'clerk').expect(200)).body;
      const was = scoreOf(before, applied.lot);
      expect(scoreOf(after, applied.lot)).toMatchObject({
        repeatedFailureDeduction: '2.00',
        priceScore: was.priceScore,
        nonPriceScore: was.nonPriceScore,
        finalScore: (Number(was.finalScore) - 2).toFixed(2),
      });
      for (const bid of waived) expect(scoreOf(after, bid.lot)).not.toHaveProperty('repeatedFailureDeduction');

      const audited = await t.dataSource
        .getRepository(AuditEntry)
        .find({ where: { action: 'bid.review', entityId: String(applied.id) }, order: { id: 'ASC' } });
      expect(audited.map((a) => [a.actorName, a.before, a.after])).toEqual([
        [
          'clerk',
          { repeatedFailureDecision: null, repeatedFailureNote: null },
          { repeatedFailureDecision: 'applied', repeatedFailureNote: '2024、2025年度考核均不达标' },
        ],
      ]);
      const confirmed = (await confirm().expect(200)).body;
      expect(scoreOf(confirmed, applied.lot)).toEqual(scoreOf(after, applied.lot));

      // the evaluation report shows the points taken, in Chinese
      const xlsx = await workbook(
        (await get(`/api/tenders/${archived}/evaluation-report.xlsx`, 'clerk').buffer(true).parse(binary).expect(200)).body,
      );
      const ranking = xlsx.getWorksheet(`标包${applied.lot}排名`)!;
      const header = ranking.getRow(2).values as unknown[];
      const row = ranking.getSheetValues().find((r: any) => r?.[2] === 'C') as unknown[];
      expect(row[header.indexOf('多年考核不达标扣分')]).toBe(2);
      expect(row[header.indexOf('综合得分')]).toBe(Number(scoreOf(confirmed, applied.lot).finalScore));
      const pdf = () => get(`/api/tenders/${archived}/evaluation-report.pdf`, 'clerk').buffer(true).parse(binary);
      const { text } = await pdfText((await whenReady(pdf)).body);
      expect(squeezed(text)).toContain('已扣多年考核不达标2.00分');
    });

    it('exports the results of a year', async () => {
      const wb = await workbook((await get('/api/assessments/results.xlsx?year=2024').buffer(true).parse(binary).expect(200)).body);
      const rows = wb.worksheets[0]
        .getSheetValues()
        .slice(3)
        .map((r: any) => [r[3], r[6], r[9], r[10]]);
      expect(rows).toEqual([
        ['1 中心片区', '已定稿', 94.5, '优秀'],
        ['2 北部片区', '已定稿', 84.9, '不达标'],
        ['3 南部片区', '已定稿', 59.9, '不合格'],
      ]);
      // Scores, rates and money are numbers in their formats; the header stays in view and filters the rows.
      expect(tableLayout(wb.worksheets[0], ['I3', 'L3', 'M3', 'N3'])).toEqual({
        frozen: [2],
        autoFilter: 'A2:O5',
        cells: { I3: score, L3: { number: true, numFmt: '0%' }, M3: money, N3: money },
      });
      await get('/api/assessments/results.xlsx', 'bureau').expect(400);
    });
  });

  it('records every step with who did it, before and after', async () => {
    const entries = await t.dataSource
      .getRepository(AuditEntry)
      .find({ where: { entityType: 'assessment', entityId: String(ids.lot1) }, order: { id: 'ASC' } });
    expect(entries.map((e) => [e.action, e.actorName])).toEqual([
      ['assessment.create', 'bureau'],
      ['assessment.self-assessment', 'insurer'],
      ['assessment.score', 'bureau'],
      ['assessment.evidence', 'bureau'],
      ['assessment.evidence', 'bureau'],
      ['assessment.max-reward', 'bureau'],
      ['assessment.score', 'bureau'],
      ['assessment.publish', 'bureau'],
      ['assessment.objection', 'insurer'],
      ['assessment.objection-answer', 'bureau'],
      ['assessment.finalise', 'bureau'],
      // One print: the bureau's request afterwards found the assessment unchanged.
      ['document.generate', 'insurer'],
    ]);
    const answer = entries.find((e) => e.action === 'assessment.objection-answer')!;
    expect(answer.before).toMatchObject({ items: [{ no: '9', deduction: '12' }], score: '88.00' });
    expect(answer.after).toMatchObject({ items: [{ no: '9', deduction: '3.5' }], score: '94.50' });
  });

  // Last: the record it opens joins the lists and histories the tests above count.
  describe('an assessment that came with a dossier', () => {
    it('opens a year whose assessment came with the dossier as that record: final and read-only, to the bureau and its insurer', async () => {
      // The example dossier carries lot 1's 2023 assessment (a fresh import: the tests above re-evaluated theirs).
      const fresh = (await post('/api/dossiers', example(true), 'clerk').expect(201)).body.tenderId;
      const old = await signedContract(fresh, '1', 2023, 4_000_000);
      const a = (await open(old, 'SY-17').expect(201)).body;
      const dossierAssessment = example(true).assessments!.find((x) => x.lot === '1' && x.year === 2023)!;
      expect(a).toMatchObject({ status: 'final', year: 2023, lotNo: '1', schemeCode: dossierAssessment.scheme, insurer: INSURER_A });
      expect(a.items).toEqual(expect.arrayContaining(dossierAssessment.items.map((i) => expect.objectContaining({ no: i.no }))));
      expect(a.result).toMatchObject({ complete: true, score: expect.any(String), grade: expect.any(String) });
      expect((await get(`/api/assessments/${a.id}`, 'insurer').expect(200)).body).toMatchObject({ status: 'final', result: a.result });
      await get(`/api/assessments/${a.id}`, 'insurer2').expect(404);
      await put(`/api/assessments/${a.id}/items`, { items: [{ no: a.items[0].no, points: '0' }] }).expect(409);
      await open(old, 'SY-17').expect(409);
    });
  });
});
