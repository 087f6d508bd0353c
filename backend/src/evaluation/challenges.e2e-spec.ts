import { loadExampleDossier } from '../../test/example-dossier';
import { awardConfirmedAgo } from '../../test/award-age';
import { startApp, TestApp } from '../../test/harness';
import { AuditEntry } from '../audit/audit-entry.entity';
import { chinaDay } from '../documents/format';
import { addCalendarDays, addWorkingDays, isWorkingDay, workingCalendar } from '../domain/calendar/working-days';
import { HolidayDay } from '../calendar/holiday-day.entity';

jest.setTimeout(60_000);

/**
 * The challenge period (质疑期) on the API: working days after the award's confirmation, counted over the
 * admin's holiday table; an insurer of a bidder files within it, procurement answers, and no contract
 * of the tender is drawn up or signed while the period runs, a challenge waits, or an upheld one waits
 * for the re-evaluation.
 */
describe('challenges', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let imported = 0;
  const today = chinaDay(new Date());

  const importTender = async () => {
    const d = loadExampleDossier();
    d.tender.code = `CH-${process.pid}-${++imported}`;
    return (await t.http().post('/api/dossiers').set(as('clerk')).send(d).expect(201)).body.tenderId as number;
  };
  const confirm = (id: number) => t.http().post(`/api/tenders/${id}/evaluation/confirm`).set(as('clerk')).send({}).expect(200);
  const confirmedAgo = (id: number, days: number) => awardConfirmedAgo(t, id, days);
  const period = async (id: number, user = 'clerk') =>
    (await t.http().get(`/api/tenders/${id}/challenges`).set(as(user)).expect(200)).body.period;
  const fileChallenge = (id: number, body: object, user = 'insurer') =>
    t.http().post(`/api/tenders/${id}/challenges`).set(as(user)).send(body);
  const answer = (id: number, body: object) => t.http().post(`/api/challenges/${id}/answer`).set(as('clerk')).send(body);
  const createContract = (id: number) =>
    t.http().post(`/api/tenders/${id}/lots/1/contracts`).set(as('bureau')).send({ year: 2023, scheduleTemplate: 'ningbo' });
  const calendar = async () => workingCalendar(await t.dataSource.getRepository(HolidayDay).find());

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['admin', 'clerk', 'bureau', 'insurer', 'insurer2', 'insurer-e']) tokens[u] = await t.login(u);
  });
  afterAll(() => t?.close());

  it('takes no challenge before the results are published', async () => {
    const id = await importTender();
    const refused = await fileChallenge(id, { text: '评分有误' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'resultsNotPublished' });
    expect(await period(id)).toEqual({ publishedOn: null, days: 7, endsOn: null, open: false, contractHold: null });
  });

  describe('a challenge rejected', () => {
    let id: number;
    let challengeId: number;

    beforeAll(async () => {
      id = await importTender();
      await confirm(id);
    });

    it('runs 7 working days from the publication and holds the contracts meanwhile', async () => {
      const endsOn = addWorkingDays(today, 7, await calendar());
      expect(await period(id, 'insurer')).toEqual({ publishedOn: today, days: 7, endsOn, open: true, contractHold: 'challenge-period' });
      const refused = await createContract(id).expect(409);
      expect(refused.body).toMatchObject({ code: 'challengePeriodOpen', params: { until: endsOn } });
      expect(refused.body.message).toContain(`质疑期至${endsOn}`);
    });

    it('takes a challenge from an insurer of a bidder, on a lot of the tender', async () => {
      expect((await fileChallenge(id, { text: '第一包评分有误', lot: '9' }).expect(400)).body.errors).toEqual([
        expect.objectContaining({ path: 'lot', code: 'unknown' }),
      ]);
      await fileChallenge(id, { text: '' }).expect(400);
      const filed = (await fileChallenge(id, { text: '第一包价格分计算有误', lot: '1' }).expect(201)).body;
      expect(filed).toMatchObject({ bidder: 'A', lot: '1', status: 'filed', filedBy: 'insurer', reason: null, answeredAt: null });
      challengeId = filed.id;
      // Bidder B's insurer sees its own challenges only; procurement sees them all.
      expect((await t.http().get(`/api/tenders/${id}/challenges`).set(as('insurer2')).expect(200)).body.challenges).toEqual([]);
      expect((await t.http().get(`/api/tenders/${id}/challenges`).set(as('clerk')).expect(200)).body.challenges).toHaveLength(1);
      // Only insurers file; only procurement answers.
      await fileChallenge(id, { text: '质疑' }, 'bureau').expect(403);
      await t
        .http()
        .post(`/api/challenges/${challengeId}/answer`)
        .set(as('insurer'))
        .send({ outcome: 'upheld', reason: '自认' })
        .expect(403);
    });

    it('refuses a challenge after the period, and the contract before the answer', async () => {
      await confirmedAgo(id, 60);
      expect(await period(id)).toMatchObject({ open: false, contractHold: 'challenge-unanswered' });
      const late = await fileChallenge(id, { text: '补充质疑' }).expect(409);
      expect(late.body).toMatchObject({ code: 'challengePeriodEnded' });
      expect((await createContract(id).expect(409)).body).toMatchObject({ code: 'challengeUnanswered' });
    });

    it('releases the contracts once procurement rejects the challenge, with the reason, once and audited', async () => {
      const answered = (await answer(challengeId, { outcome: 'rejected', reason: '经复核，价格分计算无误' }).expect(200)).body;
      expect(answered).toMatchObject({ status: 'rejected', reason: '经复核，价格分计算无误', answeredBy: 'clerk' });
      expect((await answer(challengeId, { outcome: 'upheld', reason: '改判' }).expect(409)).body).toMatchObject({
        code: 'lifecycle.not-allowed',
      });
      const audit = await t.dataSource.getRepository(AuditEntry).findBy({ entityType: 'challenge', entityId: String(challengeId) });
      expect(audit.map((e) => e.action).sort()).toEqual(['challenge.answer', 'challenge.file']);
      expect(await period(id)).toMatchObject({ contractHold: null });
      await createContract(id).expect(201);
    });
  });

  it('holds the contracts after an upheld challenge until the award is re-evaluated', async () => {
    const id = await importTender();
    await confirm(id);
    const filed = (await fileChallenge(id, { text: '中标人资格不符' }, 'insurer2').expect(201)).body;
    await answer(filed.id, { outcome: 'upheld', reason: '中标人资格证明材料不全，质疑成立' }).expect(200);
    await confirmedAgo(id, 60);
    expect(await period(id)).toMatchObject({ contractHold: 'reevaluation-required' });
    expect((await createContract(id).expect(409)).body).toMatchObject({ code: 'reevaluationRequired' });
  });

  it('refuses to sign a contract drawn before the award while the period runs', async () => {
    const id = await importTender();
    const draft = (await createContract(id).expect(201)).body;
    await confirm(id);
    const patch = (body: object) => t.http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send(body);
    const withPopulation = (await patch({ version: draft.version, population: 4_012_345 }).expect(200)).body;
    expect((await patch({ version: withPopulation.version, status: 'signed' }).expect(409)).body).toMatchObject({
      code: 'challengePeriodOpen',
    });
    await confirmedAgo(id, 60);
    await patch({ version: withPopulation.version, status: 'signed' }).expect(200);
  });

  it('counts the period over the holiday table as the admin edits it', async () => {
    const id = await importTender();
    await confirm(id);
    // Published 30 days ago: the period is long over.
    await confirmedAgo(id, 30);
    const published = addCalendarDays(today, -30);
    expect(await period(id)).toMatchObject({ publishedOn: published, open: false });
    await fileChallenge(id, { text: '逾期质疑' }).expect(409);
    // Every working day since declared a holiday: the 7 working days now end after today.
    const cal = await calendar();
    const added: string[] = [];
    for (let day = addCalendarDays(published, 1); day <= today; day = addCalendarDays(day, 1)) {
      if (!isWorkingDay(day, cal)) continue;
      await t.http().post('/api/calendar/holidays').set(as('admin')).send({ date: day, kind: 'holiday', name: '测试停工' }).expect(201);
      added.push(day);
    }
    const extended = await period(id);
    expect(extended).toMatchObject({ open: true, endsOn: addWorkingDays(today, 7, await calendar()) });
    await fileChallenge(id, { text: '期内质疑' }).expect(201);
    for (const day of added) await t.http().delete(`/api/calendar/holidays/${day}`).set(as('admin')).expect(200);
    expect(await period(id)).toMatchObject({ open: false });
  });

  describe('the holiday table', () => {
    it('lists the official days of a year', async () => {
      const days = (await t.http().get('/api/calendar/holidays?year=2026').set(as('admin')).expect(200)).body;
      expect(days).toEqual(
        expect.arrayContaining([
          { date: '2026-02-14', kind: 'workday', name: '春节' },
          { date: '2026-02-16', kind: 'holiday', name: '春节' },
          { date: '2026-10-10', kind: 'workday', name: '国庆节' },
        ]),
      );
      expect(days.every((d: { date: string }) => d.date.startsWith('2026-'))).toBe(true);
    });

    it('is the admin’s, each change audited; a day is entered once', async () => {
      await t.http().get('/api/calendar/holidays').set(as('clerk')).expect(403);
      await t
        .http()
        .post('/api/calendar/holidays')
        .set(as('clerk'))
        .send({ date: '2027-02-06', kind: 'holiday', name: '春节' })
        .expect(403);
      const day = { date: '2027-02-06', kind: 'holiday', name: '春节' };
      expect((await t.http().post('/api/calendar/holidays').set(as('admin')).send(day).expect(201)).body).toEqual(day);
      expect((await t.http().post('/api/calendar/holidays').set(as('admin')).send(day).expect(409)).body).toMatchObject({
        code: 'holidayTaken',
        params: { date: '2027-02-06' },
      });
      const bad = await t
        .http()
        .post('/api/calendar/holidays')
        .set(as('admin'))
        .send({ date: '2027-02-30', kind: 'off', name: '' })
        .expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['date', 'kind', 'name']);
      expect((await t.http().delete('/api/calendar/holidays/2027-02-06').set(as('admin')).expect(200)).body).toEqual(day);
      await t.http().delete('/api/calendar/holidays/2027-02-06').set(as('admin')).expect(404);
      const audit = await t.dataSource.getRepository(AuditEntry).findBy({ entityType: 'holiday', entityId: '2027-02-06' });
      expect(audit.map((e) => [e.action, e.actorName])).toEqual([
        ['holiday.add', 'admin'],
        ['holiday.remove', 'admin'],
      ]);
    });
  });

  it('warns on the tender page while the award is late for the bids’ validity', async () => {
    const id = await importTender();
    // Opened on 28 September 2022 with 90 days' validity: long expired, and the award not yet confirmed.
    const before = (await t.http().get(`/api/tenders/${id}`).set(as('clerk')).expect(200)).body;
    expect(before.validity).toEqual({ endsOn: '2022-12-27', warning: 'validity-expired' });
    await confirm(id);
    expect((await t.http().get(`/api/tenders/${id}`).set(as('clerk')).expect(200)).body.validity).toEqual({
      endsOn: '2022-12-27',
      warning: null,
    });
  });
});
