import { startApp, TestApp } from '../../test/harness';
import { SmtpSink } from '../../test/smtp-sink';
import { as, schedule, setUpTender } from '../../test/tenders-fixture';
import { SecurityEvent } from '../audit/security-event.entity';
import { SecurityLogService } from '../audit/security-log.service';
import { Tender } from '../tenders/tender.entity';
import { User } from '../users/user.entity';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

// Each test sets a tender up through the API, request by request, on a machine shared with other suites.
jest.setTimeout(90_000);

const ROLES_USERS = ['admin', 'secadmin', 'auditor', 'clerk', 'expert1', 'bureau', 'insurer', 'insurer2'];

/**
 * The desk and the notifications on the API: every role has its desk and its own notifications only;
 * the opening tells the bidders and the panel in its own transaction; with SMTP set each notification
 * is also mailed (Chinese subject and body) after the commit, and a failed send is logged and retried.
 */
describe('desk and notifications', () => {
  let t: TestApp;
  const sink = new SmtpSink();
  const tokens: Record<string, string> = {};
  const get = (path: string, user: string) => t.http().get(path).set(as(tokens[user]));
  const post = (path: string, user: string, body: object = {}) => t.http().post(path).set(as(tokens[user])).send(body);
  const notifications = () => t.app.get(NotificationsService);
  const userId = async (username: string) => (await t.dataSource.getRepository(User).findOneByOrFail({ username })).id;
  let tenderId: number;

  beforeAll(async () => {
    await sink.start();
    t = await startApp({ SMTP_URL: sink.url, SMTP_FROM: 'noreply@ybj.example.cn' });
    for (const u of ROLES_USERS) tokens[u] = await t.login(u);
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });

  it('every role reads its desk and its notifications; none without signing in', async () => {
    for (const u of ROLES_USERS) {
      expect((await get('/api/desk', u).expect(200)).body).toHaveProperty('items');
      expect((await get('/api/notifications', u).expect(200)).body).toEqual({ unread: 0, items: [] });
    }
    await t.http().get('/api/desk').expect(401);
    await t.http().get('/api/notifications').expect(401);
    await t.http().post('/api/notifications/read-all').expect(401);
  });

  it('a user sets its own e-mail address, the administrator anyone’s; a malformed one is refused by field', async () => {
    const bad = (await t.http().patch('/api/auth/me').set(as(tokens.insurer)).send({ email: 'not-an-address' }).expect(400)).body;
    expect(bad.errors).toEqual([expect.objectContaining({ path: 'email', code: 'pattern' })]);
    expect(
      (await t.http().patch('/api/auth/me').set(as(tokens.insurer)).send({ email: 'jia@insurer.example.cn' }).expect(200)).body.email,
    ).toBe('jia@insurer.example.cn');
    const expert1 = await userId('expert1');
    expect(
      (await t.http().patch(`/api/users/${expert1}`).set(as(tokens.admin)).send({ email: 'e1@expert.example.cn' }).expect(200)).body.email,
    ).toBe('e1@expert.example.cn');
    await t.http().patch(`/api/users/${expert1}`).set(as(tokens.clerk)).send({ email: 'x@y.cn' }).expect(403);
    expect((await get('/api/auth/me', 'insurer').expect(200)).body.email).toBe('jia@insurer.example.cn');
  });

  it('the opening tells the bidders and the panel, in Chinese, and mails those with an address after the commit', async () => {
    const when = schedule(2120);
    tenderId = await setUpTender(t, tokens.clerk, 'DESK-1', when, {
      bids: [
        ['A', '1'],
        ['B', '1'],
        ['C', '1'],
      ],
    });
    await post(`/api/tenders/${tenderId}/panel`, 'clerk', { userId: await userId('expert1'), isLeader: true }).expect(201);
    // Before the opening the insurer may still bid: its desk says until when.
    const before = (await get('/api/desk', 'insurer').expect(200)).body.items;
    expect(before).toContainEqual(
      expect.objectContaining({ kind: 'bid-before-deadline', object: expect.objectContaining({ id: tenderId }), count: 1 }),
    );

    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    await t.dataSource.getRepository(Tender).update(tenderId, { bidDeadline: ago(120_000), openingTime: ago(60_000) });
    expect((await get('/api/desk', 'clerk').expect(200)).body.items).toContainEqual(
      expect.objectContaining({ kind: 'opening-due', overdue: true, object: expect.objectContaining({ id: tenderId }) }),
    );
    await post(`/api/tenders/${tenderId}/open`, 'clerk').expect(200);

    const mine = (await get('/api/notifications', 'insurer').expect(200)).body;
    expect(mine.unread).toBe(1);
    expect(mine.items).toEqual([
      expect.objectContaining({
        kind: 'opening-done',
        title: '已开标',
        body: expect.stringMatching(/^已开标：/),
        object: { type: 'tender', id: tenderId, name: expect.any(String) },
        link: '/insurer/bids',
        readAt: null,
      }),
    ]);
    expect((await get('/api/notifications', 'insurer2').expect(200)).body.unread).toBe(1);
    expect((await get('/api/notifications', 'expert1').expect(200)).body.items[0]).toMatchObject({
      kind: 'opening-done',
      link: `/expert/tenders/${tenderId}`,
    });
    // Neither the clerk who opened nor the bureau is a recipient.
    expect((await get('/api/notifications', 'clerk').expect(200)).body.unread).toBe(0);
    expect((await get('/api/notifications', 'bureau').expect(200)).body.unread).toBe(0);

    // The insurer's and the expert's e-mails (the others have no address).
    const mails = await sink.waitFor(2);
    const toInsurer = mails.find((m) => m.to.includes('jia@insurer.example.cn'))!;
    expect(toInsurer.from).toBe('noreply@ybj.example.cn');
    expect(toInsurer.subject).toBe('【医保服务采购与履约评价】已开标');
    expect(toInsurer.text).toContain(`已开标：${mine.items[0].object.name}`);
    expect(toInsurer.text).toContain('请登录系统查看详情');
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['e1@expert.example.cn', 'jia@insurer.example.cn']);
    // The mails' outcome is written once the SMTP server has acknowledged them, a moment after the sink has them.
    await notifications().settled();
    const rows = await t.dataSource.getRepository(Notification).find({ where: { objectId: tenderId } });
    // Bidders A, B and C and the panel's expert; the bidders registered without a bid are not told.
    expect(rows.map((r) => r.mailStatus).sort()).toEqual(['none', 'none', 'sent', 'sent']);
  });

  it('the desks follow the opening: the insurer confirms its line, the expert declares', async () => {
    expect((await get('/api/desk', 'insurer').expect(200)).body.items).toContainEqual(
      expect.objectContaining({
        kind: 'opening-line-to-confirm',
        count: 1,
        link: '/insurer/bids',
        object: expect.objectContaining({ id: tenderId }),
      }),
    );
    const seat = (await get('/api/desk', 'expert1').expect(200)).body.items.filter(
      (i: { object: { id: number } }) => i.object.id === tenderId,
    );
    expect(seat).toEqual([expect.objectContaining({ kind: 'declaration-due', link: `/expert/tenders/${tenderId}` })]);
    expect(
      (await get('/api/desk', 'clerk').expect(200)).body.items.filter((i: { object: { id: number } }) => i.object.id === tenderId),
    ).toEqual([]);
  });

  it('each reads and marks its own only: another’s notification is not found', async () => {
    const [own] = (await get('/api/notifications', 'insurer').expect(200)).body.items;
    await post(`/api/notifications/${own.id}/read`, 'insurer2').expect(404);
    await post(`/api/notifications/${own.id}/read`, 'clerk').expect(404);
    const read = (await post(`/api/notifications/${own.id}/read`, 'insurer').expect(200)).body;
    expect(read.readAt).not.toBeNull();
    // Again: the first reading stands.
    expect((await post(`/api/notifications/${own.id}/read`, 'insurer').expect(200)).body.readAt).toBe(read.readAt);
    expect((await get('/api/notifications', 'insurer').expect(200)).body.unread).toBe(0);
    expect((await get('/api/notifications', 'insurer2').expect(200)).body.unread).toBe(1);
    expect((await post('/api/notifications/read-all', 'insurer2').expect(200)).body).toEqual({ read: 1 });
    expect((await post('/api/notifications/read-all', 'insurer2').expect(200)).body).toEqual({ read: 0 });
    expect((await get('/api/notifications', 'insurer2').expect(200)).body.unread).toBe(0);
  });

  it('a failed e-mail is logged and retried by the job until the server takes it; a rolled-back event mails nothing', async () => {
    const port = sink.port;
    await sink.stop();
    const insurer = await userId('insurer');
    await t.dataSource.transaction((m) =>
      notifications().notify(m, [insurer], 'payment-recorded', { type: 'contract', id: 1, name: '测试合同', link: '/insurer/contracts' }),
    );
    await notifications().settled();
    const repo = t.dataSource.getRepository(Notification);
    const failed = await repo.findOneByOrFail({ userId: insurer, kind: 'payment-recorded' });
    expect(failed).toMatchObject({ mailStatus: 'pending', mailAttempts: 1 });
    expect(failed.mailError).toBeTruthy();
    await t.app.get(SecurityLogService).settled();
    expect(await t.dataSource.getRepository(SecurityEvent).findOneBy({ kind: 'mail-failed' })).toMatchObject({
      username: 'insurer',
      path: `notifications/${failed.id}`,
      status: 1,
    });

    // Not before its time; then the retry goes out.
    await sink.start(port);
    const sent = sink.mails.length;
    expect(await notifications().flush(new Date())).toBe(0);
    expect(await notifications().flush(new Date(Date.now() + 120_000))).toBe(1);
    expect((await repo.findOneByOrFail({ id: failed.id })).mailStatus).toBe('sent');
    expect(sink.mails.slice(sent).map((m) => m.subject)).toEqual(['【医保服务采购与履约评价】付款已登记']);

    await expect(
      t.dataSource.transaction(async (m) => {
        await notifications().notify(m, [insurer], 'report-overdue', {
          type: 'contract',
          id: 1,
          name: '测试合同',
          link: '/insurer/reports',
        });
        throw new Error('the event fails');
      }),
    ).rejects.toThrow('the event fails');
    await notifications().settled();
    expect(await repo.countBy({ kind: 'report-overdue' })).toBe(0);
  });
});
