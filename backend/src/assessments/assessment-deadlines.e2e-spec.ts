import { loadExampleDossier } from '../../test/example-dossier';
import { startApp, startSecondApp, TEST_MYSQL_URL, TestApp } from '../../test/harness';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AssessmentDeadlinesService, DEADLINES_JOB } from './assessment-deadlines.service';
import { ContractAssessment } from './contract-assessment.entity';
import { DeadlineNotice } from './deadline-notice.entity';
import { addDays } from './deadlines';
import { JobRun } from '../database/job-run.entity';

jest.setTimeout(120_000);

/**
 * Deadlines and the daily job. On MariaDB/MySQL a second application runs on the same database, as a
 * second server would, and both run the job at the same moment; an in-memory SQLite database belongs
 * to one application, so there the one application runs it twice at once.
 */
describe('assessment deadlines', () => {
  let t: TestApp;
  let second: TestApp;
  let bureau: string;
  const contracts: Record<string, number> = {};
  let rewardDue: string;
  const as = () => ({ Authorization: `Bearer ${bureau}` });
  const deadlines = (app: TestApp) => app.app.get(AssessmentDeadlinesService);
  const overdue = async (on: string) =>
    (await t.http().get(`/api/assessments/overdue?on=${on}`).set(as()).expect(200)).body.map((i: any) => [
      i.lotNo,
      i.kind,
      i.dueDate,
      i.noticedAt !== null,
    ]);
  const noon = (day: string) => new Date(`${day}T12:00:00+08:00`);

  beforeAll(async () => {
    t = await startApp();
    second = TEST_MYSQL_URL ? await startSecondApp(t) : t;
    bureau = await t.login('bureau');
    const d = loadExampleDossier();
    d.tender.code = `DL-${process.pid}`;
    delete d.assessments;
    const tenderId = (
      await t
        .http()
        .post('/api/dossiers')
        .set({ Authorization: `Bearer ${await t.login('clerk')}` })
        .send(d)
        .expect(201)
    ).body.tenderId;
    for (const lot of ['1', '2', '3']) {
      const c = (
        await t
          .http()
          .post(`/api/tenders/${tenderId}/lots/${lot}/contracts`)
          .set(as())
          .send({ year: 2024, scheduleTemplate: 'ningbo' })
          .expect(201)
      ).body;
      await t.http().patch(`/api/contracts/${c.id}`).set(as()).send({ version: 1, population: 2_000_000 }).expect(200);
      await t.http().patch(`/api/contracts/${c.id}`).set(as()).send({ version: 2, status: 'signed' }).expect(200);
      contracts[lot] = c.id;
    }
    // Lot 1: nothing opened yet. Lot 2: opened, no report. Lot 3: final and passed, its reward payment released.
    await t.http().post(`/api/contracts/${contracts['2']}/assessments`).set(as()).send({ schemeCode: 'NB-PERF' }).expect(201);
    const a3 = (await t.http().post(`/api/contracts/${contracts['3']}/assessments`).set(as()).send({ schemeCode: 'NB-PERF' }).expect(201))
      .body;
    const items = a3.scheme.items.map((i: { no: string }) => ({ no: i.no, deduction: '0' }));
    await t.http().put(`/api/assessments/${a3.id}/items`).set(as()).send({ items }).expect(200);
    await t.http().post(`/api/assessments/${a3.id}/publish`).set(as()).expect(200);
    await t.dataSource.getRepository(ContractAssessment).update(a3.id, { objectionDeadline: '2000-01-01' });
    rewardDue = (await t.http().post(`/api/assessments/${a3.id}/finalise`).set(as()).expect(200)).body.deadlines.rewardDue;
  });
  afterAll(async () => {
    if (second !== t) await second.close();
    await t.close();
  });

  it('lists the deadlines missed on a day: report, assessment, reward payment', async () => {
    expect(await overdue('2025-01-31')).toEqual([]);
    expect(await overdue('2025-02-01')).toEqual([
      ['1', 'report', '2025-01-31', false],
      ['2', 'report', '2025-01-31', false],
    ]);
    expect(await overdue('2025-04-01')).toEqual([
      ['1', 'report', '2025-01-31', false],
      ['1', 'assessment', '2025-03-31', false],
      ['2', 'report', '2025-01-31', false],
      ['2', 'assessment', '2025-03-31', false],
    ]);
    expect((await overdue(addDays(rewardDue, 1))).slice(-1)).toEqual([['3', 'reward-payment', rewardDue, false]]);
    await t.http().get('/api/assessments/overdue?on=1.4.2025').set(as()).expect(400);
  });

  it('the daily job runs once when two servers start it at the same moment, and records each missed deadline once', async () => {
    const day = noon(addDays(rewardDue, 1));
    const runs = await Promise.all([deadlines(t).run(day), deadlines(second).run(day)]);
    expect(runs.map((r) => r.ran).sort()).toEqual([false, true]);
    expect(runs.find((r) => r.ran)).toEqual({ ran: true, outcome: { released: 0, noticed: 5 } });
    expect(await t.dataSource.getRepository(JobRun).countBy({ job: DEADLINES_JOB })).toBe(1);
    expect(await t.dataSource.getRepository(DeadlineNotice).count()).toBe(5);
    expect(await t.dataSource.getRepository(AuditEntry).countBy({ action: 'deadline.overdue' })).toBe(5);
    expect((await overdue(addDays(rewardDue, 1))).every(([, , , noticed]: unknown[]) => noticed)).toBe(true);

    // The same day again does nothing; the next day runs, with nothing new to record.
    expect(await deadlines(second).run(day)).toEqual({ ran: false });
    expect(await deadlines(t).run(noon(addDays(rewardDue, 2)))).toEqual({ ran: true, outcome: { released: 0, noticed: 0 } });
    expect(await t.dataSource.getRepository(AuditEntry).countBy({ action: 'deadline.overdue' })).toBe(5);
  });

  it('a run that fails gives its day back, so that a later trigger runs it', async () => {
    const day = noon(addDays(rewardDue, 3));
    const failing = jest.spyOn(deadlines(t), 'overdue').mockRejectedValueOnce(new Error('database gone'));
    await expect(deadlines(t).run(day)).rejects.toThrow('database gone');
    failing.mockRestore();
    expect(await deadlines(second).run(day)).toEqual({ ran: true, outcome: { released: 0, noticed: 0 } });
  });

  it('is the bureau’s: insurers and procurement may not list overdue items', async () => {
    for (const user of ['insurer', 'clerk']) {
      await t
        .http()
        .get('/api/assessments/overdue')
        .set({ Authorization: `Bearer ${await t.login(user)}` })
        .expect(403);
    }
  });
});
