import { startApp, TestApp } from '../../test/harness';
import { advance, as, openForReview, schedule, setUpTender } from '../../test/tenders-fixture';
import { AuditEntry } from '../audit/audit-entry.entity';
import { PanelMember } from '../panel/panel-member.entity';
import { User } from '../users/user.entity';
import { Lot } from './lot.entity';
import { TenderLifecycle } from './tender-lifecycle.service';
import { Tender } from './tender.entity';

// Each test sets tenders up through the API, request by request, on a machine shared with other suites.
jest.setTimeout(60_000);

describe('tender lifecycle: the clock closes and opens, people move the review on', () => {
  let t: TestApp;
  let clerk: string;
  const status = async (id: number) => (await t.dataSource.getRepository(Tender).findOneByOrFail({ id })).status;
  const audits = (action: string, id: number) => t.dataSource.getRepository(AuditEntry).findBy({ action, entityId: String(id) });

  beforeAll(async () => {
    t = await startApp();
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  it('closes at the deadline and opens at the opening time, leaving a lot with too few bids unopened', async () => {
    const when = schedule(2092);
    // Lot 1 gets three bids, lot 2 two (fewer than minQualifiedBidders = 3), lot 3 three.
    const bids: [string, string][] = [
      ['A', '1'],
      ['B', '1'],
      ['C', '1'],
      ['A', '2'],
      ['B', '2'],
      ['C', '3'],
      ['D', '3'],
      ['E', '3'],
    ];
    const id = await setUpTender(t, clerk, 'LC-1', when, { bids });

    expect(await advance(t, new Date(when.afterDeadline.getTime() - 120_000))).toEqual({ closed: 0, opened: 0 });
    expect(await status(id)).toBe('published');

    expect(await advance(t, when.afterDeadline)).toEqual({ closed: 1, opened: 0 });
    expect(await status(id)).toBe('closed');
    expect(await audits('tender.close', id)).toEqual([
      expect.objectContaining({ actorId: null, before: { status: 'published' }, after: { status: 'closed' } }),
    ]);

    expect(await advance(t, when.afterOpening)).toEqual({ closed: 0, opened: 1 });
    expect(await status(id)).toBe('opened');
    const lots = await t.dataSource.getRepository(Lot).find({ where: { tenderId: id }, order: { no: 'ASC' } });
    expect(lots.map((l) => [l.no, l.status])).toEqual([
      ['1', 'opened'],
      ['2', 'not-opened'],
      ['3', 'opened'],
    ]);
    expect(lots[1].statusReason).toBe('not-opened:3');
    const [opening] = await audits('tender.open', id);
    expect(opening.after).toEqual({
      status: 'opened',
      lots: [
        { lot: '1', bids: 3, status: 'opened', statusReason: null },
        { lot: '2', bids: 2, status: 'not-opened', statusReason: lots[1].statusReason },
        { lot: '3', bids: 3, status: 'opened', statusReason: null },
      ],
    });
    const detail = (await t.http().get(`/api/tenders/${id}`).set(as(clerk)).expect(200)).body;
    expect(detail.lots.map((l: { status: string; bidCount: number }) => [l.status, l.bidCount])).toEqual([
      ['opened', 3],
      ['not-opened', 2],
      ['opened', 3],
    ]);
  });

  it('is idempotent: a second run, or another instance acting on what it read before, changes nothing more', async () => {
    const when = schedule(2093);
    const id = await setUpTender(t, clerk, 'LC-2', when, {
      bids: [
        ['A', '1'],
        ['B', '1'],
        ['C', '1'],
      ],
    });
    const entries = () => t.dataSource.getRepository(AuditEntry).count();
    const clock = t.app.get(TenderLifecycle);

    // A second instance read the tender as published, then the first one closed it.
    const readByOther = await t.dataSource.getRepository(Tender).findBy({ id });
    expect(await advance(t, when.afterDeadline)).toEqual({ closed: 1, opened: 0 });
    const afterClose = await entries();
    jest
      .spyOn(clock as unknown as { due: () => Promise<Tender[]> }, 'due')
      .mockResolvedValueOnce(readByOther)
      .mockResolvedValueOnce([]);
    expect(await clock.advance(when.afterDeadline)).toEqual({ closed: 0, opened: 0 });
    expect(await advance(t, when.afterDeadline)).toEqual({ closed: 0, opened: 0 });
    expect(await entries()).toBe(afterClose);
    expect(await status(id)).toBe('closed');

    expect(await advance(t, when.afterOpening)).toEqual({ closed: 0, opened: 1 });
    const afterOpen = await entries();
    const version = (await t.dataSource.getRepository(Tender).findOneByOrFail({ id })).version;
    expect(await advance(t, when.afterOpening)).toEqual({ closed: 0, opened: 0 });
    expect(await entries()).toBe(afterOpen);
    expect((await t.dataSource.getRepository(Tender).findOneByOrFail({ id })).version).toBe(version);
    expect(await audits('tender.open', id)).toHaveLength(1);
  });

  it('goes from published to opened in one run when deadline and opening coincide', async () => {
    const when = schedule(2094);
    const id = await setUpTender(t, clerk, 'LC-3', { ...when, openingTime: when.bidDeadline });
    expect(await advance(t, when.afterDeadline)).toEqual({ closed: 1, opened: 1 });
    expect(await status(id)).toBe('opened');
    // No bids at all: every lot stays unopened.
    const lots = await t.dataSource.getRepository(Lot).findBy({ tenderId: id });
    expect(lots.every((l) => l.status === 'not-opened')).toBe(true);
  });

  it('moves an opened tender to qualification, then evaluation, by the procurement centre', async () => {
    const when = schedule(2095);
    const id = await setUpTender(t, clerk, 'LC-4', when);
    const step = () => t.http().post(`/api/tenders/${id}/advance-to-review`).set(as(clerk)).send({});
    await step().expect(409);
    await openForReview(t, when);
    expect((await step().expect(200)).body.status).toBe('qualification');
    expect((await step().expect(200)).body.status).toBe('evaluation');
    await step().expect(409);
    const steps = await t.dataSource
      .getRepository(AuditEntry)
      .find({ where: { entityType: 'tender', entityId: String(id) }, order: { id: 'ASC' } });
    expect(steps.map((e) => [e.action, e.actorName])).toEqual([
      ['tender.create', 'clerk'],
      ['tender.publish', 'clerk'],
      ['tender.close', null],
      ['tender.open', null],
      ['tender.qualification', 'clerk'],
      ['tender.evaluation', 'clerk'],
    ]);
  });

  it('shows a tender to an expert of its panel only once opened and declared, and to an insurer only where it is a bidder', async () => {
    const when = schedule(2096);
    const id = await setUpTender(t, clerk, 'LC-5', when, { bidders: ['A', 'B'], bids: [['A', '1']] });
    const expert1 = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'expert1' });
    await t.dataSource.getRepository(PanelMember).save({ tenderId: id, code: 'E1', name: expert1.displayName, userId: expert1.id });
    const [expert, expert2, insurer, insurer2, insurerC] = await Promise.all(
      ['expert1', 'expert2', 'insurer', 'insurer2', 'insurer-c'].map((u) => t.login(u)),
    );
    const listed = async (token: string) =>
      (await t.http().get('/api/tenders').set(as(token)).expect(200)).body.map((x: { id: number }) => x.id);

    expect(await listed(expert)).not.toContain(id);
    await t.http().get(`/api/tenders/${id}`).set(as(expert)).expect(403);
    // Insurer A bid on lot 1; insurer B is a registered bidder (it may still submit) that did not bid; C is not a bidder.
    expect(await listed(insurer)).toContain(id);
    expect(await listed(insurer2)).toContain(id);
    expect(await listed(insurerC)).not.toContain(id);
    const own = (await t.http().get(`/api/tenders/${id}`).set(as(insurer)).expect(200)).body;
    expect(own.bidders.map((b: { code: string }) => b.code)).toEqual(['A']);
    expect(own.lots.map((l: { bidCount: number }) => l.bidCount)).toEqual([1, 0, 0]);
    const b = (await t.http().get(`/api/tenders/${id}`).set(as(insurer2)).expect(200)).body;
    expect(b.bidders.map((x: { code: string }) => x.code)).toEqual(['B']);
    expect(b.lots.map((l: { bidCount: number }) => l.bidCount)).toEqual([0, 0, 0]);
    await t.http().get(`/api/tenders/${id}`).set(as(insurerC)).expect(404);

    await advance(t, when.afterOpening);
    expect(await listed(expert)).toContain(id);
    const undeclared = await t.http().get(`/api/tenders/${id}`).set(as(expert)).expect(403);
    expect(undeclared.body).toMatchObject({ code: 'declarationRequired' });
    await t.http().post(`/api/tenders/${id}/panel/me/declaration`).set(as(expert)).send({ conflict: false }).expect(200);
    await t.http().get(`/api/tenders/${id}`).set(as(expert)).expect(200);
    expect(await listed(expert2)).not.toContain(id);
    await t.http().get(`/api/tenders/${id}`).set(as(expert2)).expect(403);
  });

  it('lists an insurer only its own bids in the counts', async () => {
    const when = schedule(2097);
    const id = await setUpTender(t, clerk, 'LC-6', when, {
      bids: [
        ['A', '1'],
        ['B', '1'],
        ['B', '2'],
      ],
    });
    const insurer2 = await t.login('insurer2');
    const row = (await t.http().get('/api/tenders').set(as(insurer2)).expect(200)).body.find((x: { id: number }) => x.id === id);
    expect(row.bidCount).toBe(2);
    const all = (await t.http().get('/api/tenders').set(as(clerk)).expect(200)).body.find((x: { id: number }) => x.id === id);
    expect(all.bidCount).toBe(3);
  });
});
