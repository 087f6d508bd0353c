import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { demoInsurersWin, EXAMPLE_DOSSIER_PATH, INSURER_A, INSURER_B } from '../../test/example-dossier';
import { binary, startApp, TEST_MYSQL_URL, TestApp } from '../../test/harness';
import { pdfText, squeezed } from '../../test/pdf-text';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ROOT_DIR } from '../config/config';
import { capitals, chinaDay, money } from '../documents/format';
import { Contract } from './contract.entity';
import { ContractsService } from './contracts.service';
import { dueDate } from '../domain/contracts/payment-schedule';

// Chromium prints in seconds, not milliseconds, on a shared two-core machine.
jest.setTimeout(120_000);

let imported = 0;
const example = () => demoInsurersWin(`CT-${process.pid}-${++imported}`);

describe('contracts', () => {
  let t: TestApp;
  let tenderId: number;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const contracts = () => t.app.get(ContractsService);
  const create = (lotNo: string, body: object, tender = tenderId) =>
    t.http().post(`/api/tenders/${tender}/lots/${lotNo}/contracts`).set(as('bureau')).send(body);
  const pdf = (res: { body: Buffer }) => pdfText(res.body);

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['clerk', 'bureau', 'insurer', 'insurer2']) tokens[u] = await t.login(u);
    tenderId = (await t.http().post('/api/dossiers').set(as('clerk')).send(example()).expect(201)).body.tenderId;
  });
  afterAll(() => t.close());

  describe('drafting, population and signing', () => {
    let id: number;

    it('drafts the contract of an awarded lot from the winning bid, provisional on the base population', async () => {
      const res = await create('1', { year: 2023, scheduleTemplate: 'ningbo' }).expect(201);
      id = res.body.id;
      expect(res.body).toMatchObject({
        lotNo: '1',
        lotName: '中心片区',
        year: 2023,
        kind: 'per-capita',
        termStart: '2023-01-01',
        termEnd: '2023-12-31',
        fund: null,
        insurer: INSURER_A,
        purchaser: '宁波市医疗保障局',
        unitPrice: '1.06',
        population: null,
        basePopulation: 3994965,
        serviceAmount: '4234662.90',
        fixedFees: [{ name: '信息系统', amount: '300000.00' }],
        contractAmount: '4534662.90',
        rewardBudget: '500000.00',
        status: 'draft',
        version: 1,
      });
      expect(res.body.milestones.map((m: any) => [m.seq, m.trigger, m.amount, m.status, m.dueDate])).toEqual([
        [1, 'on-signing', '4534662.90', 'pending', null],
        [2, 'after-assessment', '500000.00', 'pending', null],
      ]);
    });

    it('refuses a second contract for the same lot and year, a year outside the term, an unknown template or lot', async () => {
      await create('1', { year: 2023, scheduleTemplate: 'ningbo' }).expect(409);
      expect((await create('1', { year: 2026, scheduleTemplate: 'ningbo' }).expect(400)).body.errors).toEqual([
        { path: 'year', code: 'contractTerm', params: { first: 2023, last: 2025 }, message: expect.stringContaining('2023-2025') },
      ]);
      expect((await create('1', { year: 2024, scheduleTemplate: 'lottery' }).expect(400)).body.errors).toEqual([
        {
          path: 'scheduleTemplate',
          code: 'notOneOfKnown',
          params: { what: 'scheduleTemplate', known: ['ningbo', 'henan', 'shenyang', 'hospital', 'foshan-1', 'foshan-2'] },
          message: expect.stringContaining('ningbo, henan, shenyang, hospital, foshan-1, foshan-2'),
        },
      ]);
      await create('9', { year: 2023, scheduleTemplate: 'ningbo' }).expect(404);
      // A premium fund's schedule on a per-capita tender; Foshan's first lot's schedule on lot 2.
      expect((await create('2', { year: 2023, scheduleTemplate: 'henan' }).expect(400)).body.errors).toEqual([
        expect.objectContaining({ path: 'scheduleTemplate', code: 'scheduleForKind', params: { kind: 'per-capita' } }),
      ]);
      expect((await create('2', { year: 2023, scheduleTemplate: 'foshan-1' }).expect(400)).body.errors).toEqual([
        expect.objectContaining({ path: 'scheduleTemplate', code: 'scheduleNotForLot', params: { lot: '2', lots: ['1'] } }),
      ]);
      expect((await create('1', { year: '2024', scheduleTemplate: 'ningbo' }).expect(400)).body.errors).toEqual([
        {
          path: 'year',
          code: 'integer',
          params: { min: 2000, max: 2100 },
          message: 'must be an integer from 2000 to 2100 / 必须是2000至2100之间的整数',
        },
      ]);
    });

    it('recomputes the amounts when the bureau enters the population on 1 January, and audits it', async () => {
      const res = await t.http().patch(`/api/contracts/${id}`).set(as('bureau')).send({ version: 1, population: 4012345 }).expect(200);
      // 1.06 × 4,012,345 = 4,253,085.70; plus 300,000 of fixed fees.
      expect(res.body).toMatchObject({ population: 4012345, serviceAmount: '4253085.70', contractAmount: '4553085.70', version: 2 });
      expect(res.body.milestones[0].amount).toBe('4553085.70');
      const audit = await t.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'contract.update', entityId: String(id) });
      expect(audit.actorName).toBe('bureau');
      expect(audit.before).toMatchObject({ population: null, contractAmount: '4534662.90' });
      expect(audit.after).toMatchObject({ population: 4012345, contractAmount: '4553085.70' });
    });

    it('refuses a change based on an old version (409) and a bad status change (400)', async () => {
      await t.http().patch(`/api/contracts/${id}`).set(as('bureau')).send({ version: 1, population: 1 }).expect(409);
      const bad = await t.http().patch(`/api/contracts/${id}`).set(as('bureau')).send({ version: 2, status: 'open' }).expect(400);
      expect(bad.body.errors[0].path).toBe('status');
    });

    it('signing makes the payment on signing payable by the end of the next month; the reward waits for the assessment', async () => {
      const res = await t.http().patch(`/api/contracts/${id}`).set(as('bureau')).send({ version: 2, status: 'signed' }).expect(200);
      expect(res.body.status).toBe('signed');
      expect(res.body.milestones.map((m: any) => [m.status, m.dueDate])).toEqual([
        ['payable', dueDate({ monthsAfterSigning: 1, day: 'end' }, 2023, chinaDay(new Date()))],
        ['pending', null],
      ]);
      const frozen = await t.http().patch(`/api/contracts/${id}`).set(as('bureau')).send({ version: 3, population: 4000000 }).expect(400);
      expect(frozen.body.errors[0].path).toBe('population');
    });

    it('a final assessment releases the reward at its grade’s rate, once', async () => {
      const outcome = { passed: true, rewardRate: '0.80', deduction: '0.00', maxReward: null };
      const released = await contracts().applyAssessment(id, outcome);
      expect(released).toMatchObject([{ seq: 2, status: 'payable', amount: '400000.00' }]);
      expect(await contracts().applyAssessment(id, outcome)).toEqual([]);
    });

    it('cannot sign a draft whose population is not entered', async () => {
      const draft = (await create('3', { year: 2023, scheduleTemplate: 'hospital' }).expect(201)).body;
      const res = await t.http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 1, status: 'signed' }).expect(400);
      expect(res.body.errors[0].path).toBe('population');
      // Lot 3 goes to D at 1.44: 1.44 × 1,618,201 = 2,330,209.44, in halves after each half-year's evaluation.
      expect(draft.milestones.map((m: any) => [m.amount, m.trigger, m.period])).toEqual([
        ['1165104.72', 'after-service-evaluation', 'H1'],
        ['1165104.72', 'after-service-evaluation', 'H2'],
      ]);
    });

    it('generates the contract PDF as stored versions, with the parties, lot, and amounts in figures and capitals', async () => {
      const v1 = await t.http().post(`/api/contracts/${id}/pdf`).set(as('bureau')).expect(201);
      expect(v1.body).toMatchObject({
        kind: 'contract',
        ownerType: 'contract',
        ownerId: id,
        version: 1,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const res = await t.http().get(`/api/contracts/${id}/pdf`).set(as('bureau')).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-document-version']).toBe('1');
      expect(createHash('sha256').update(res.body).digest('hex')).toBe(v1.body.sha256);
      const flat = squeezed((await pdf(res)).text);
      for (const phrase of [
        '宁波市医疗保障局',
        INSURER_A,
        '第1包（中心片区）',
        '海曙区、江北区、镇海区、北仑区、鄞州区、高新区',
        '4,012,345人',
        '1.06元/人/年',
      ]) {
        expect(flat).toContain(phrase);
      }
      for (const amount of ['4253085.70', '300000.00', '4553085.70', '500000.00']) {
        expect(flat).toContain(money(amount));
        expect(flat).toContain(capitals(amount));
      }
      expect(flat).toContain('人民币肆佰伍拾伍万叁仟零捌拾伍元柒角（¥4,553,085.70）');
      expect(flat).not.toContain('草稿');

      await t.http().post(`/api/contracts/${id}/pdf`).set(as('bureau')).expect(201);
      const detail = await t.http().get(`/api/contracts/${id}`).set(as('bureau')).expect(200);
      expect(detail.body.documents.map((d: any) => d.version)).toEqual([2, 1]);
      const old = await t.http().get(`/api/contracts/${id}/pdf?version=1`).set(as('bureau')).buffer(true).parse(binary).expect(200);
      expect(old.headers['x-document-version']).toBe('1');
      await t.http().get(`/api/contracts/${id}/pdf?version=9`).set(as('bureau')).expect(404);
    });

    it('the award notice names the winner, the lot and the bid in figures and capitals', async () => {
      await t.http().post(`/api/tenders/${tenderId}/lots/1/award-notice/pdf`).set(as('bureau')).expect(201);
      const res = await t
        .http()
        .get(`/api/tenders/${tenderId}/lots/1/award-notice/pdf`)
        .set(as('insurer'))
        .buffer(true)
        .parse(binary)
        .expect(200);
      const flat = squeezed((await pdf(res)).text);
      for (const phrase of [
        '中标通知书',
        `${INSURER_A}：`,
        '第1包（中心片区）',
        '1.06元/人/年',
        '人民币伍佰零叁万肆仟陆佰陆拾贰元玖角（¥5,034,662.90）',
      ]) {
        expect(flat).toContain(phrase);
      }
    });
  });

  describe('insurers see only their own', () => {
    let lot1: number;
    let lot2: number;

    beforeAll(async () => {
      const list = (await t.http().get('/api/contracts').set(as('bureau')).expect(200)).body;
      lot1 = list.find((c: any) => c.tenderId === tenderId && c.lotNo === '1' && c.year === 2023).id;
      lot2 = (await create('2', { year: 2023, scheduleTemplate: 'foshan-2' }).expect(201)).body.id;
    });

    it('lists only its organisation’s contracts', async () => {
      const mine = (await t.http().get('/api/contracts').set(as('insurer')).expect(200)).body;
      expect(mine.map((c: any) => [c.lotNo, c.insurer])).toEqual([['1', INSURER_A]]);
      const theirs = (await t.http().get('/api/contracts').set(as('insurer2')).expect(200)).body;
      expect(theirs.map((c: any) => [c.lotNo, c.insurer])).toEqual([['2', INSURER_B]]);
    });

    it('fetches its own contract and PDF; another insurer’s are not found (404, not 403)', async () => {
      await t.http().get(`/api/contracts/${lot1}`).set(as('insurer')).expect(200);
      const own = await t.http().get(`/api/contracts/${lot1}/pdf`).set(as('insurer')).buffer(true).parse(binary).expect(200);
      expect(own.body.subarray(0, 5).toString()).toBe('%PDF-');
      await t.http().get(`/api/contracts/${lot1}`).set(as('insurer2')).expect(404);
      await t.http().get(`/api/contracts/${lot1}/pdf`).set(as('insurer2')).expect(404);
      await t.http().get(`/api/contracts/${lot1}/pdf?version=1`).set(as('insurer2')).expect(404);
      await t.http().get(`/api/tenders/${tenderId}/lots/1/award-notice/pdf`).set(as('insurer2')).expect(404);
      await t.http().get(`/api/tenders/${tenderId}/lots/3/award-notice/pdf`).set(as('insurer2')).expect(404);
      await t.http().get(`/api/contracts/${lot2}`).set(as('insurer')).expect(404);
    });

    it('a download of a document never generated generates it for its owner', async () => {
      const res = await t.http().get(`/api/contracts/${lot2}/pdf`).set(as('insurer2')).buffer(true).parse(binary).expect(200);
      expect(res.headers['x-document-version']).toBe('1');
      expect(squeezed((await pdf(res)).text)).toContain(INSURER_B);
    });

    it('may not create, change or generate', async () => {
      await t
        .http()
        .post(`/api/tenders/${tenderId}/lots/1/contracts`)
        .set(as('insurer'))
        .send({ year: 2024, scheduleTemplate: 'ningbo' })
        .expect(403);
      await t.http().patch(`/api/contracts/${lot1}`).set(as('insurer')).send({ version: 1 }).expect(403);
      await t.http().post(`/api/contracts/${lot1}/pdf`).set(as('insurer')).expect(403);
      await t.http().post(`/api/tenders/${tenderId}/lots/1/award-notice/pdf`).set(as('insurer')).expect(403);
    });
  });

  describe('next year’s draft (scheduled job)', () => {
    const count = (lotNo: string) => t.dataSource.getRepository(Contract).countBy({ tenderId, lotNo });

    it('appears from 1 December, copies last year’s contract, and is created once however often the job runs', async () => {
      expect(await contracts().draftNextYears(new Date('2023-11-30T23:00:00+08:00'))).toEqual([]);
      const decemberFirst = new Date('2023-12-01T00:30:00+08:00');
      const run = () => contracts().draftNextYears(decemberFirst);
      // Two servers at once: on MariaDB both runs see last year as the latest and race to insert, and the
      // unique index lets one through. SQLite has one connection, which serialises writers anyway.
      const [a, b] = TEST_MYSQL_URL ? await Promise.all([run(), run()]) : [await run(), await run()];
      const created = [...a, ...b];
      expect(created.map((c) => [c.lotNo, c.year]).sort()).toEqual([
        ['1', 2024],
        ['2', 2024],
        ['3', 2024],
      ]);
      expect(await contracts().draftNextYears(decemberFirst)).toEqual([]);
      expect(await count('1')).toBe(2);

      const next = (await t.http().get('/api/contracts').set(as('bureau')).expect(200)).body.find(
        (c: any) => c.tenderId === tenderId && c.lotNo === '1' && c.year === 2024,
      );
      expect(next).toMatchObject({
        status: 'draft',
        population: null,
        unitPrice: '1.06',
        contractAmount: '4534662.90',
        insurer: INSURER_A,
        scheduleTemplate: 'ningbo',
      });
      const detail = (await t.http().get(`/api/contracts/${next.id}`).set(as('bureau')).expect(200)).body;
      expect(detail.milestones.map((m: any) => [m.name, m.amount, m.status])).toEqual([
        ['年度委托经办费用（含固定费用）', '4534662.90', 'pending'],
        ['年度绩效考核奖励', '500000.00', 'pending'],
      ]);
      const hospital = (await t.http().get('/api/contracts').set(as('bureau')).expect(200)).body.find(
        (c: any) => c.tenderId === tenderId && c.lotNo === '3' && c.year === 2024,
      );
      const copied = (await t.http().get(`/api/contracts/${hospital.id}`).set(as('bureau')).expect(200)).body;
      expect(copied).toMatchObject({ termStart: '2024-01-01', termEnd: '2024-12-31', scheduleTemplate: 'hospital' });
      // Due half a year and a year after a signing still to come.
      expect(copied.milestones.map((m: any) => [m.period, m.remainder, m.dueDate])).toEqual([
        ['H1', false, null],
        ['H2', true, null],
      ]);
    });

    it('stops after a terminated contract and at the end of the tender’s term', async () => {
      const lot2 = await t.dataSource.getRepository(Contract).findOneByOrFail({ tenderId, lotNo: '2', year: 2024 });
      await t.http().patch(`/api/contracts/${lot2.id}`).set(as('bureau')).send({ version: lot2.version, status: 'terminated' }).expect(200);
      const created = await contracts().draftNextYears(new Date('2024-12-01T08:00:00+08:00'));
      expect(created.map((c) => [c.lotNo, c.year]).sort()).toEqual([
        ['1', 2025],
        ['3', 2025],
      ]);
      expect(await contracts().draftNextYears(new Date('2025-12-15T08:00:00+08:00'))).toEqual([]);
      expect([await count('1'), await count('2'), await count('3')]).toEqual([3, 2, 3]);
    });
  });
});

describe('contracts without a browser', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ CHROMIUM_PATH: '/nonexistent/chromium' });
  });
  afterAll(() => t.close());

  it('answers 503 naming CHROMIUM_PATH', async () => {
    const clerk = await t.login('clerk');
    const bureau = await t.login('bureau');
    const tenderId = (
      await t
        .http()
        .post('/api/dossiers')
        .set({ Authorization: `Bearer ${clerk}` })
        .send(example())
        .expect(201)
    ).body.tenderId;
    const contract = await t
      .http()
      .post(`/api/tenders/${tenderId}/lots/1/contracts`)
      .set({ Authorization: `Bearer ${bureau}` })
      .send({ year: 2023, scheduleTemplate: 'ningbo' })
      .expect(201);
    const res = await t
      .http()
      .post(`/api/contracts/${contract.body.id}/pdf`)
      .set({ Authorization: `Bearer ${bureau}` })
      .expect(503);
    expect(res.body.message).toContain('CHROMIUM_PATH=/nonexistent/chromium');
  });
});

describe('CLI contract', () => {
  const run = promisify(execFile);

  it('writes the contract PDF of a lot’s winner from a dossier', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcp-'));
    const out = join(dir, 'c.pdf');
    await run(
      process.execPath,
      [
        join(ROOT_DIR, 'scripts', 'cli.js'),
        'contract',
        EXAMPLE_DOSSIER_PATH,
        '--lot',
        '2',
        '--year',
        '2024',
        '--out',
        out,
        '--population',
        '2250000',
      ],
      { cwd: ROOT_DIR },
    );
    const flat = squeezed((await pdfText(readFileSync(out))).text);
    rmSync(dir, { recursive: true, force: true });
    // Lot 2 goes to C at 1.13: 1.13 × 2,250,000 = 2,542,500.00.
    for (const phrase of [
      '丙泰健康保险股份有限公司宁波分公司',
      '第2包（北部片区）',
      '2024年1月1日起',
      '2,250,000人',
      '2,542,500.00',
      '贰佰伍拾肆万贰仟伍佰元整',
    ]) {
      expect(flat).toContain(phrase);
    }
  }, 240_000);
});
