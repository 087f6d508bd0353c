import { startApp, TestApp } from '../../test/harness';
import { advance, as, schedule, setUpTender } from '../../test/tenders-fixture';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Tender } from './tender.entity';

jest.setTimeout(60_000);

/**
 * Issue 12 item 1, as an attacker would try it: a clerk moves a published tender's opening 35 s ahead
 * so that the clock opens it before anyone is told. Once published, the deadline and the opening move
 * only later, or earlier with at least 15 days' notice (87号令 art. 27), and every change is a
 * clarification notice (澄清/更正公告) the bidders read.
 */
describe('a published tender’s schedule and its clarification notices', () => {
  let t: TestApp;
  let clerk: string;
  let insurer: string;
  let insurer2: string;
  let id: number;
  const patch = (body: object) => t.http().patch(`/api/tenders/${id}`).set(as(clerk)).send(body);
  const version = async () => (await t.dataSource.getRepository(Tender).findOneByOrFail({ id })).version;
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
  const inDays = (d: number) => inSeconds(d * 86_400);

  beforeAll(async () => {
    t = await startApp();
    [clerk, insurer, insurer2] = await Promise.all([t.login('clerk'), t.login('insurer'), t.login('insurer2')]);
    // A bid on lot 1; B a registered bidder that has not bid yet; the other insurers not bidders.
    id = await setUpTender(t, clerk, 'CLAR-1', schedule(2098), { bidders: ['A', 'B'], bids: [['A', '1']] });
  });
  afterAll(() => t.close());

  it('refuses the opening moved 35 s ahead (400 scheduleNoticeTooShort); the clock then opens nothing', async () => {
    const res = await patch({ bidDeadline: inSeconds(30), openingTime: inSeconds(35), version: await version() }).expect(400);
    expect(res.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`).sort()).toEqual([
      'bidDeadline:scheduleNoticeTooShort',
      'openingTime:scheduleNoticeTooShort',
    ]);
    expect(res.body.errors[0].params).toEqual({ days: 15 });
    const alone = await patch({ openingTime: inSeconds(35), version: await version() }).expect(400);
    expect(alone.body.errors.map((e: { code: string }) => e.code)).toContain('scheduleNoticeTooShort');
    await advance(t, new Date(Date.now() + 60_000));
    const tender = await t.dataSource.getRepository(Tender).findOneByOrFail({ id });
    expect(tender).toMatchObject({ status: 'published', openingTime: schedule(2098).openingTime });
    expect((await t.http().get(`/api/tenders/${id}/clarifications`).set(as(clerk)).expect(200)).body).toEqual([]);
  });

  it('refuses an earlier deadline one minute short of 15 days', async () => {
    const res = await patch({ bidDeadline: inSeconds(15 * 86_400 - 60), version: await version() }).expect(400);
    expect(res.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'bidDeadline:scheduleNoticeTooShort',
    ]);
  });

  it('moves the schedule later, or earlier with 15 days’ notice, each change a numbered notice with before and after', async () => {
    const later = schedule(2099);
    await patch({ bidDeadline: later.bidDeadline, openingTime: later.openingTime, version: await version() }).expect(200);
    const earlier = { bidDeadline: inDays(16), openingTime: inDays(16.1) };
    await patch({ ...earlier, version: await version() }).expect(200);
    await patch({ name: '宁波市长期护理保险经办服务（更正）', version: await version() }).expect(200);

    const notices = (await t.http().get(`/api/tenders/${id}/clarifications`).set(as(clerk)).expect(200)).body;
    expect(notices.map((n: { no: number; publishedBy: string }) => [n.no, n.publishedBy])).toEqual([
      [1, 'clerk'],
      [2, 'clerk'],
      [3, 'clerk'],
    ]);
    expect(notices[0].changes).toEqual([
      { field: 'bidDeadline', before: schedule(2098).bidDeadline, after: later.bidDeadline },
      { field: 'openingTime', before: schedule(2098).openingTime, after: later.openingTime },
    ]);
    expect(notices[1].changes.map((c: { field: string; after: string }) => [c.field, c.after])).toEqual([
      ['bidDeadline', earlier.bidDeadline],
      ['openingTime', earlier.openingTime],
    ]);
    expect(notices[2].changes).toEqual([{ field: 'name', before: expect.any(String), after: '宁波市长期护理保险经办服务（更正）' }]);
    const audited = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'tender.clarification', entityId: String(id) });
    expect(audited).toHaveLength(3);
  });

  it('shows the notices to the tender’s bidders, whether they bid yet or not, and to no other insurer', async () => {
    for (const bidder of [insurer, insurer2]) {
      expect((await t.http().get(`/api/tenders/${id}/clarifications`).set(as(bidder)).expect(200)).body).toHaveLength(3);
    }
    await t
      .http()
      .get(`/api/tenders/${id}/clarifications`)
      .set(as(await t.login('insurer-c')))
      .expect(404);
  });

  it('a draft changes without notices: nobody prices against it yet', async () => {
    const draft = await setUpTender(t, clerk, 'CLAR-2', schedule(2097), { publish: false });
    const v = (await t.dataSource.getRepository(Tender).findOneByOrFail({ id: draft })).version;
    await t
      .http()
      .patch(`/api/tenders/${draft}`)
      .set(as(clerk))
      .send({ openingTime: inSeconds(3600), bidDeadline: inSeconds(3000), version: v })
      .expect(200);
    expect((await t.http().get(`/api/tenders/${draft}/clarifications`).set(as(clerk)).expect(200)).body).toEqual([]);
  });
});
