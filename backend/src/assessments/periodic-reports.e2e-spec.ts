import { createHash } from 'node:crypto';
import { loadExampleDossier } from '../../test/example-dossier';
import { binary, startApp, startSecondApp, TEST_MYSQL_URL, TestApp } from '../../test/harness';
import { AuditEntry } from '../audit/audit-entry.entity';
import { HolidayDay } from '../calendar/holiday-day.entity';
import { chinaDay } from '../documents/format';
import { AssessmentDeadlinesService } from './assessment-deadlines.service';
import { DeadlineNotice } from './deadline-notice.entity';

jest.setTimeout(120_000);

const pdfFile = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n`);
const noon = (day: string) => new Date(`${day}T12:00:00+08:00`);

/**
 * Periodic reports under the Henan schedule (seed 003 art. 25–26) on the example tender: lot 1 (insurer
 * A, user `insurer`) for 2024, long past, so every report is due and one sent now is late; lot 2
 * (insurer B, `insurer2`) for next year, so nothing is due yet; lot 1 for 2025 on the Shenyang schedule,
 * which asks for none. On MariaDB a second application on the same database runs the deadlines job as a second
 * server would.
 */
describe('periodic reports', () => {
  let t: TestApp;
  let second: TestApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const contracts: Record<string, number> = {};
  const nextYear = Number(chinaDay(new Date()).slice(0, 4)) + 1;
  const http = () => t.http();
  const get = (path: string, user = 'bureau') => http().get(path).set(as(user));
  const submit = (contract: number, kind: string, period: string, user = 'insurer', file = pdfFile(`${kind} ${period}`)) =>
    http().post(`/api/contracts/${contract}/reports/${kind}/${period}`).set(as(user)).attach('file', file, `${period}报告.pdf`);
  const list = async (user = 'bureau', query = '') => (await get(`/api/reports${query}`, user).expect(200)).body;

  beforeAll(async () => {
    t = await startApp();
    second = TEST_MYSQL_URL ? await startSecondApp(t) : t;
    for (const u of ['clerk', 'bureau', 'insurer', 'insurer2']) tokens[u] = await t.login(u);
    // The holiday table as the administrator would complete it for 2024's 清明: off 4–6 April, Sunday 7 April worked.
    await t.dataSource
      .getRepository(HolidayDay)
      .insert([
        ...['2024-04-04', '2024-04-05', '2024-04-06'].map((date) => ({ date, kind: 'holiday' as const, name: '清明节' })),
        { date: '2024-04-07', kind: 'workday', name: '清明节' },
      ]);
    const d = loadExampleDossier();
    d.formatVersion = 2;
    d.tender.code = `PR-${process.pid}`;
    d.tender.firstContractYear = 2024;
    // Henan's and Shenyang's schedules pay out of a premium fund (DOMAIN.md §6).
    d.tender.contractKind = 'premium';
    d.tender.contractYears = nextYear - 2024 + 1;
    // The demo insurers win: lot 1 goes to organisation A, lot 2 to B (as in the contracts tests).
    const swap = (x: string, y: string) => {
      const [bx, by] = [d.bidders.find((b) => b.code === x)!, d.bidders.find((b) => b.code === y)!];
      [bx.name, by.name] = [by.name, bx.name];
    };
    swap('A', 'E');
    swap('B', 'C');
    delete d.assessments;
    // Henan art. 36: the assessment in May of the next year.
    d.assessmentSchemes!.find((s) => s.code === 'NB-PERF')!.due = { month: 5, yearOffset: 1 };
    const tenderId = (await http().post('/api/dossiers').set(as('clerk')).send(d).expect(201)).body.tenderId;
    for (const [key, lot, year, scheduleTemplate] of [
      ['1', '1', 2024, 'henan'],
      ['2', '2', nextYear, 'henan'],
      ['shenyang', '1', 2025, 'shenyang'],
    ] as const) {
      const c = (
        await http()
          .post(`/api/tenders/${tenderId}/lots/${lot}/contracts`)
          .set(as('bureau'))
          .send({ year, scheduleTemplate, fundStandard: '90', allowanceRate: '0.03', policyDeficitShare: '0.5' })
          .expect((r) => {
            if (r.status !== 201) throw new Error(JSON.stringify(r.body));
          })
      ).body;
      await http().patch(`/api/contracts/${c.id}`).set(as('bureau')).send({ version: 1, population: 2_000_000 }).expect(200);
      await http().patch(`/api/contracts/${c.id}`).set(as('bureau')).send({ version: 2, status: 'signed' }).expect(200);
      contracts[key] = c.id;
    }
  });
  afterAll(async () => {
    if (second !== t) await second.close();
    await t.close();
  });

  it('the Henan contract asks for 12 monthly reports, the half-year and the annual analysis; the Shenyang one for none', async () => {
    const contract = (await get(`/api/contracts/${contracts['1']}`).expect(200)).body;
    expect(contract.reportRules.map((r: any) => r.kind)).toEqual(['monthly', 'half-year', 'annual']);
    expect((await get(`/api/contracts/${contracts.shenyang}`).expect(200)).body.reportRules).toBeNull();

    const reports = await list('bureau', `?contractId=${contracts['1']}&on=2024-04-06`);
    expect(reports).toHaveLength(14);
    const byPeriod = (period: string) => reports.find((r: any) => r.period === period);
    // 2024: 5 April is 清明 (off 4–6 April), so March's report is due the next working day, Sunday 7 April (调休上班).
    expect(byPeriod('2024-03')).toMatchObject({ kind: 'monthly', dueDate: '2024-04-07', status: 'awaited', id: null });
    expect(byPeriod('2024-02')).toMatchObject({ dueDate: '2024-03-05', status: 'overdue', daysOverdue: 32 });
    expect(byPeriod('2024-12')).toMatchObject({ dueDate: '2025-01-05' });
    expect(byPeriod('2024-H1')).toMatchObject({ kind: 'half-year', dueDate: '2024-07-15', status: 'awaited' });
    expect(byPeriod('2024')).toMatchObject({ kind: 'annual', dueDate: '2025-01-20', insurer: '甲安人寿保险股份有限公司宁波市分公司' });
    expect(await list('bureau', `?contractId=${contracts.shenyang}`)).toEqual([]);
  });

  it('the insurer submits a report late; it is marked late, audited, and its file comes back as sent', async () => {
    const file = pdfFile('2024年3月月度报表');
    const report = (await submit(contracts['1'], 'monthly', '2024-03', 'insurer', file).expect(201)).body;
    expect(report).toMatchObject({
      status: 'submitted',
      late: true,
      submittedBy: 'insurer',
      dueDate: '2024-04-07',
      fileName: '2024-03报告.pdf',
    });
    const entry = await t.dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ action: 'report.submit', entityId: String(contracts['1']) });
    expect(entry.after).toMatchObject({
      kind: 'monthly',
      period: '2024-03',
      late: true,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
    const download = await get(`/api/reports/${report.id}/file`, 'insurer').buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(download.body, file)).toBe(0);
  });

  it('a report sent before its due day is on time', async () => {
    const report = (await submit(contracts['2'], 'half-year', `${nextYear}-H1`, 'insurer2').expect(201)).body;
    expect(report).toMatchObject({ status: 'submitted', late: false, dueDate: `${nextYear}-07-15` });
  });

  it('refuses another insurer’s contract, a period outside the contract year, a kind the contract does not ask for', async () => {
    await submit(contracts['1'], 'monthly', '2024-04', 'insurer2').expect(404);
    await get(`/api/reports?contractId=${contracts['1']}`, 'insurer2').expect(200, []);
    expect((await list('insurer2')).every((r: any) => r.contractId === contracts['2'])).toBe(true);
    const own = (await list('insurer')).find((r: any) => r.period === '2024-03');
    await get(`/api/reports/${own.id}/file`, 'insurer2').expect(404);

    const errors = async (req: ReturnType<typeof submit>) => (await req.expect(400)).body.errors.map((e: any) => [e.path, e.code]);
    expect(await errors(submit(contracts['1'], 'monthly', '2025-01'))).toEqual([['period', 'reportPeriod']]);
    expect(await errors(submit(contracts['1'], 'monthly', '2024-13'))).toEqual([['period', 'reportPeriod']]);
    expect(await errors(submit(contracts['1'], 'half-year', '2024-H2'))).toEqual([['period', 'reportPeriod']]);
    expect(await errors(submit(contracts.shenyang, 'monthly', '2024-03'))).toEqual([['kind', 'reportNotRequired']]);
    expect(await errors(submit(contracts['1'], 'quarterly', '2024-Q1'))).toEqual([['kind', 'oneOf']]);
    expect(await errors(submit(contracts['1'], 'annual', '2024', 'insurer', Buffer.alloc(0)))).toEqual([['file', 'fileRequired']]);
    const exe = submit(contracts['1'], 'annual', '2024', 'insurer', Buffer.from('MZ\x90\x00 not a pdf'));
    expect(await errors(exe)).toEqual([['file', 'fileType']]);
    // Only the insurer submits; only the bureau receives.
    await submit(contracts['1'], 'annual', '2024', 'bureau').expect(403);
    await http().post(`/api/reports/${own.id}/receive`).set(as('insurer')).expect(403);
  });

  it('replaces the file until the bureau receives it; then the report stands', async () => {
    const first = (await list('insurer')).find((r: any) => r.period === '2024-03');
    const again = (await submit(contracts['1'], 'monthly', '2024-03', 'insurer', pdfFile('更正版')).expect(201)).body;
    expect(again.id).toBe(first.id);
    expect(again.sha256).not.toBe(first.sha256);

    const received = (await http().post(`/api/reports/${first.id}/receive`).set(as('bureau')).expect(200)).body;
    expect(received).toMatchObject({ status: 'received', receivedBy: 'bureau', late: true, receivedOn: chinaDay(new Date()) });
    const entry = await t.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'report.receive' });
    expect(entry.before).toMatchObject({ receivedOn: null });
    expect(entry.after).toMatchObject({ receivedBy: 'bureau' });
    expect((await http().post(`/api/reports/${first.id}/receive`).set(as('bureau')).expect(409)).body.code).toBe('reportReceived');
    expect((await submit(contracts['1'], 'monthly', '2024-03').expect(409)).body.code).toBe('reportReceived');
    await http().post('/api/reports/999999/receive').set(as('bureau')).expect(404);

    // Two receipts at once: one is taken, the other finds it taken; one audit entry.
    const h1 = (await list('insurer2')).find((r: any) => r.period === `${nextYear}-H1`);
    const both = await Promise.all([0, 1].map(() => http().post(`/api/reports/${h1.id}/receive`).set(as('bureau'))));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await t.dataSource.getRepository(AuditEntry).countBy({ action: 'report.receive' })).toBe(2);
  });

  it('the deadlines job notices each report missing after its due day once, however often and on however many servers it runs', async () => {
    const deadlines = (app: TestApp) => app.app.get(AssessmentDeadlinesService);
    const overdue = async (on: string) =>
      (await get(`/api/assessments/overdue?on=${on}`).expect(200)).body
        .filter((i: any) => i.contractId === contracts['1'])
        .map((i: any) => `${i.kind} ${i.period} ${i.dueDate}`);
    // On 21 January 2025: the 11 months not in (March is), the half-year and the annual analysis.
    const missed = await overdue('2025-01-21');
    expect(missed).toHaveLength(13);
    expect(missed.slice(-3)).toEqual([
      'monthly-report 2024-12 2025-01-05',
      'half-year-report 2024-H1 2024-07-15',
      'annual-report 2024 2025-01-20',
    ]);
    expect(missed).not.toContain('monthly-report 2024-03 2024-04-07');

    const day = noon('2025-01-21');
    const runs = await Promise.all([deadlines(t).run(day), deadlines(second).run(day)]);
    expect(runs.map((r) => r.ran).sort()).toEqual([false, true]);
    expect(runs.find((r) => r.ran)).toEqual({ ran: true, outcome: { noticed: 13, released: 0 } });
    // The next day's run finds them noticed already.
    expect(await deadlines(second).run(noon('2025-01-22'))).toEqual({ ran: true, outcome: { noticed: 0, released: 0 } });
    const notices = await t.dataSource.getRepository(DeadlineNotice).findBy({ contractId: contracts['1'] });
    expect(notices).toHaveLength(13);
    expect(new Set(notices.map((n) => `${n.kind} ${n.period}`)).size).toBe(13);
    expect(await t.dataSource.getRepository(AuditEntry).countBy({ action: 'deadline.overdue' })).toBe(13);

    // A report sent late is in: no longer overdue, and its notice stays as the record that it was.
    await submit(contracts['1'], 'annual', '2024').expect(201);
    expect(await overdue('2025-01-21')).not.toContain('annual-report 2024 2025-01-20');
  });

  it('the assessment is due when its scheme says: May of the next year, not March', async () => {
    const kinds = async (on: string) =>
      (await get(`/api/assessments/overdue?on=${on}`).expect(200)).body
        .filter((i: any) => i.contractId === contracts['1'] && i.kind === 'assessment')
        .map((i: any) => i.dueDate);
    expect(await kinds('2025-05-31')).toEqual([]);
    expect(await kinds('2025-06-01')).toEqual(['2025-05-31']);
    const opened = (
      await http().post(`/api/contracts/${contracts['1']}/assessments`).set(as('bureau')).send({ schemeCode: 'NB-PERF' }).expect(201)
    ).body;
    expect(opened.deadlines.assessmentDue).toBe('2025-05-31');
    expect(opened.scheme.due).toEqual({ month: 5, yearOffset: 1 });
    expect(await kinds('2025-06-01')).toEqual(['2025-05-31']);

    const dossier = (await get(`/api/tenders/${opened.tenderId}/dossier`).expect(200)).body;
    expect(dossier.assessmentSchemes.find((s: any) => s.code === 'NB-PERF').due).toEqual({ month: 5, yearOffset: 1 });
    expect(dossier.assessmentSchemes.find((s: any) => s.code === 'SY-17').due).toBeUndefined();
  });
});
