import { whenReady } from '../../test/background';
import { startApp, TestApp } from '../../test/harness';
import { pdfText } from '../../test/pdf-text';
import { advance, as, exampleBid, schedule, setUpTender, submitBid } from '../../test/tenders-fixture';
import { AuditEntry } from '../audit/audit-entry.entity';
import { formatCapitals } from '../domain/bids/capitals';
import { TenderLifecycle } from '../tenders/tender-lifecycle.service';
import { TenderOpening } from '../tenders/tender-opening.entity';
import { Tender } from '../tenders/tender.entity';
import { Bid } from './bid.entity';
import { OpeningLine } from './opening-line.entity';

// Each test sets a tender up through the API, request by request, on a machine shared with other suites.
jest.setTimeout(90_000);

interface Line {
  id: number;
  lot: string;
  bidder: string;
  status: string;
  unitPrice: string;
  disputeReason: string | null;
  answer: string | null;
  correction: { before: Record<string, unknown>; after: Record<string, unknown> } | null;
}

/**
 * The opening record (开标记录) on the API: the clerk (or the clock) opens at the opening time; each
 * bidder's insurer confirms or disputes its own lines within the window; silence counts as confirmation
 * when the window ends (财政部87号令 art. 41); procurement answers each dispute; the review waits for both.
 */
describe('the opening record', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const post = (path: string, user: string, body: object = {}) => t.http().post(path).set(as(tokens[user])).send(body);
  const record = async (id: number, user = 'clerk') =>
    (await t.http().get(`/api/tenders/${id}/opening`).set(as(tokens[user])).expect(200)).body;
  const lines = async (id: number, user = 'clerk'): Promise<Line[]> =>
    (await record(id, user)).lots.flatMap((l: { lines: Line[] }) => l.lines);
  const lineOf = async (id: number, bidder: string, lot: string) => (await lines(id)).find((l) => l.bidder === bidder && l.lot === lot)!;
  const respond = (id: number, line: Line, user: string, event: 'confirm' | 'dispute', body: object = {}) =>
    post(`/api/tenders/${id}/opening/lines/${line.id}/${event}`, user, body);
  const answer = (id: number, line: Line, body: object, user = 'clerk') =>
    post(`/api/tenders/${id}/opening/lines/${line.id}/answer`, user, body);
  const review = (id: number) => post(`/api/tenders/${id}/advance-to-review`, 'clerk');
  const audits = (action: string) => t.dataSource.getRepository(AuditEntry).find({ where: { action }, order: { id: 'ASC' } });
  const clock = () => t.app.get(TenderLifecycle);
  /** Time passing, as far as the record is concerned: the window's end moved into the past. */
  const windowOver = (id: number) =>
    t.dataSource.getRepository(TenderOpening).update({ tenderId: id }, { windowEndsAt: new Date(Date.now() - 1000) });

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['clerk', 'bureau', 'admin', 'expert1', 'insurer', 'insurer2']) tokens[u] = await t.login(u);
  });
  afterAll(() => t?.close());

  describe('opened by the clerk at the opening time', () => {
    let id: number;

    beforeAll(async () => {
      // Insurer 甲 (A) bids on lots 1 and 2, 乙 (B) and 丙 (C) too; lot 3 has one bid and is not opened.
      id = await setUpTender(t, tokens.clerk, 'OP-1', schedule(2110), {
        bids: [
          ['A', '1'],
          ['B', '1'],
          ['C', '1'],
          ['A', '2'],
          ['B', '2'],
          ['C', '2'],
          ['A', '3'],
        ],
      });
    });

    it('opens not before the opening time, by procurement only; the window starts with a pending line per bid of each opened lot', async () => {
      expect((await post(`/api/tenders/${id}/open`, 'clerk').expect(409)).body).toMatchObject({
        code: 'openingTimeNotReached',
        params: { at: '2110-03-01 10:00' },
      });
      // The schedule as time passing leaves it: deadline and opening time now behind us.
      const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
      await t.dataSource.getRepository(Tender).update(id, { bidDeadline: ago(120_000), openingTime: ago(60_000) });
      await post(`/api/tenders/${id}/open`, 'insurer').expect(403);
      await post(`/api/tenders/${id}/open`, 'bureau').expect(403);

      const before = Date.now();
      expect((await post(`/api/tenders/${id}/open`, 'clerk').expect(200)).body.status).toBe('opened');
      const tenderSteps = (
        await t.dataSource.getRepository(AuditEntry).find({ where: { entityType: 'tender', entityId: String(id) } })
      ).map((e) => [e.action, e.actorName]);
      expect(tenderSteps.slice(-2)).toEqual([
        ['tender.close', 'clerk'],
        ['tender.open', 'clerk'],
      ]);
      await post(`/api/tenders/${id}/open`, 'clerk').expect(409);

      const { window, lots, unanswered } = await record(id);
      expect(window).toMatchObject({ confirmMinutes: 30, status: 'confirming', over: false });
      expect(Date.parse(window.endsAt) - Date.parse(window.openedAt)).toBe(30 * 60_000);
      expect(Date.parse(window.openedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(lots.map((l: { no: string; lines: Line[] }) => [l.no, l.lines.map((x) => [x.bidder, x.status])])).toEqual([
        [
          '1',
          [
            ['A', 'pending'],
            ['B', 'pending'],
            ['C', 'pending'],
          ],
        ],
        [
          '2',
          [
            ['A', 'pending'],
            ['B', 'pending'],
            ['C', 'pending'],
          ],
        ],
      ]);
      expect(unanswered).toBe(0);
      const [start] = (await audits('opening.start')).filter((e) => (e.after as { tenderId: number }).tenderId === id);
      expect(start).toMatchObject({ actorName: 'clerk', after: { lines: 6, confirmMinutes: 30, status: 'confirming' } });
    });

    it('shows an insurer its own lines only, and the record to procurement, the bureau and the admin, not to an expert', async () => {
      expect((await lines(id, 'insurer')).map((l) => [l.bidder, l.lot])).toEqual([
        ['A', '1'],
        ['A', '2'],
      ]);
      expect((await lines(id, 'insurer2')).map((l) => [l.bidder, l.lot])).toEqual([
        ['B', '1'],
        ['B', '2'],
      ]);
      expect(await lines(id, 'bureau')).toHaveLength(6);
      expect(await lines(id, 'admin')).toHaveLength(6);
      await t.http().get(`/api/tenders/${id}/opening`).set(as(tokens.expert1)).expect(403);
    });

    it('lets a bidder confirm or dispute only its own line, once, and with a reason to dispute', async () => {
      const a1 = await lineOf(id, 'A', '1');
      const b1 = await lineOf(id, 'B', '1');
      expect((await respond(id, b1, 'insurer', 'confirm').expect(403)).body).toMatchObject({ code: 'openingLineNotOwn' });
      await respond(id, b1, 'insurer', 'dispute', { reason: '乙的报价读错了' }).expect(403);
      await respond(id, a1, 'clerk', 'confirm').expect(403);
      expect((await lineOf(id, 'B', '1')).status).toBe('pending');

      const confirmed = (await respond(id, a1, 'insurer', 'confirm').expect(200)).body;
      expect(confirmed.lots[0].lines).toEqual([expect.objectContaining({ bidder: 'A', status: 'confirmed', respondedBy: 'insurer' })]);
      expect((await respond(id, a1, 'insurer', 'dispute', { reason: '改主意了' }).expect(409)).body).toMatchObject({
        code: 'lifecycle.not-allowed',
      });

      const a2 = await lineOf(id, 'A', '2');
      expect((await respond(id, a2, 'insurer', 'dispute', {}).expect(400)).body.errors).toEqual([
        expect.objectContaining({ path: 'reason' }),
      ]);
      await respond(id, a2, 'insurer', 'dispute', { reason: '投标文件单价为1.15元/人/年，开标一览表读作1.16' }).expect(200);
      expect(await lineOf(id, 'A', '2')).toMatchObject({
        status: 'disputed',
        disputeReason: '投标文件单价为1.15元/人/年，开标一览表读作1.16',
      });
      expect((await record(id)).unanswered).toBe(1);

      const responses = (await audits('opening-line.confirm')).concat(await audits('opening-line.dispute'));
      expect(responses.map((e) => [e.action, e.actorName, (e.after as { bidder: string }).bidder])).toEqual([
        ['opening-line.confirm', 'insurer', 'A'],
        ['opening-line.dispute', 'insurer', 'A'],
      ]);
    });

    it('refuses the review while the window runs', async () => {
      expect((await review(id).expect(409)).body).toMatchObject({ code: 'openingWindowOpen' });
      expect((await t.dataSource.getRepository(Tender).findOneByOrFail({ id })).status).toBe('opened');
    });

    it('after the window: no more answers from bidders, silence deemed confirmation, recorded once by the clock', async () => {
      await windowOver(id);
      const b1 = await lineOf(id, 'B', '1');
      expect(b1.status).toBe('deemed-confirmed');
      expect((await respond(id, b1, 'insurer2', 'confirm').expect(409)).body).toMatchObject({ code: 'openingWindowEnded' });
      await respond(id, b1, 'insurer2', 'dispute', { reason: '迟到的异议' }).expect(409);
      expect(await t.dataSource.getRepository(OpeningLine).countBy({ tenderId: id, status: 'pending' })).toBe(4);

      // The review is still refused: a dispute waits for its answer (and nothing the refusal did stays).
      expect((await review(id).expect(409)).body).toMatchObject({ code: 'openingDisputesUnanswered', params: { count: 1 } });
      expect(await t.dataSource.getRepository(OpeningLine).countBy({ tenderId: id, status: 'pending' })).toBe(4);

      expect(await clock().endWindows(new Date())).toBe(1);
      expect(await clock().endWindows(new Date())).toBe(0);
      expect((await record(id)).window).toMatchObject({ status: 'ended', over: true });
      expect((await lines(id)).map((l) => [l.bidder, l.lot, l.status])).toEqual([
        ['A', '1', 'confirmed'],
        ['B', '1', 'deemed-confirmed'],
        ['C', '1', 'deemed-confirmed'],
        ['A', '2', 'disputed'],
        ['B', '2', 'deemed-confirmed'],
        ['C', '2', 'deemed-confirmed'],
      ]);
      const deemed = (await audits('opening-line.deem')).filter((e) => (e.after as { tenderId: number }).tenderId === id);
      expect(deemed).toHaveLength(4);
      expect(deemed.every((e) => e.actorId === null)).toBe(true);
      expect((await audits('opening.end')).filter((e) => (e.after as { tenderId: number }).tenderId === id)).toHaveLength(1);
    });

    it('takes the answer from procurement only, checks a correction as a bid, and keeps the figures before and after', async () => {
      const a2 = await lineOf(id, 'A', '2');
      await answer(id, a2, { answer: '已核对' }, 'insurer').expect(403);
      const refused = await answer(id, a2, { answer: '已核对', correction: { unitPrice: '-1' } }).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'correction.unitPrice' })]);
      expect((await lineOf(id, 'A', '2')).status).toBe('disputed');

      // 1.15 × 2,244,689 = 2,581,392.35; + the fixed 290,000.00 = 2,871,392.35.
      const correction = {
        unitPrice: '1.15',
        serviceTotal: '2581392.35',
        total: '2871392.35',
        totalCapitals: formatCapitals('2871392.35'),
      };
      await answer(id, a2, { answer: '经核对投标文件，异议成立，更正单价', correction }).expect(200);
      const answered = await lineOf(id, 'A', '2');
      expect(answered).toMatchObject({ status: 'answered', answer: '经核对投标文件，异议成立，更正单价', unitPrice: '1.15' });
      expect(answered.correction).toEqual({
        before: expect.objectContaining({ unitPrice: '1.16', serviceTotal: '2603839.24', total: '2893839.24' }),
        after: expect.objectContaining({
          unitPrice: '1.15',
          serviceTotal: '2581392.35',
          total: '2871392.35',
          totalCapitals: '贰佰捌拾柒万壹仟叁佰玖拾贰元叁角伍分',
        }),
      });
      const { bidId } = await t.dataSource.getRepository(OpeningLine).findOneByOrFail({ id: a2.id });
      const bid = await t.dataSource.getRepository(Bid).findOneByOrFail({ id: bidId });
      expect([bid.unitPrice, bid.total]).toEqual(['1.15', '2871392.35']);
      const [entry] = (await audits('opening-line.answer')).filter((e) => (e.after as { tenderId: number }).tenderId === id);
      expect(entry).toMatchObject({
        actorName: 'clerk',
        before: { status: 'disputed', disputeReason: expect.any(String) },
        after: { status: 'answered', correction: answered.correction },
      });
      await answer(id, a2, { answer: '再答一次' }).expect(409);
      expect((await record(id)).unanswered).toBe(0);
    });

    it('moves on to the review once the window is over and every dispute answered', async () => {
      expect((await review(id).expect(200)).body.status).toBe('qualification');
    });

    it('puts each bidder’s confirmation, the dispute and its answer in the evaluation report', async () => {
      const download = () =>
        t
          .http()
          .get(`/api/tenders/${id}/evaluation-report.pdf`)
          .set(as(tokens.clerk))
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          });
      const res = await whenReady(download);
      expect(res.status).toBe(200);
      const flat = (await pdfText(res.body)).text.replace(/\s+/g, '');
      for (const expected of ['开标记录确认情况', '异议已答复', '经核对投标文件，异议成立，更正单价（已更正开标记录）']) {
        expect(flat).toContain(expected);
      }
    });
  });

  it('opened by the clock: the window runs the tender’s minutes from the opening, and ends once even when another instance read it first', async () => {
    const when = schedule(2111);
    const id = await setUpTender(t, tokens.clerk, 'OP-2', when, { publish: false, bids: [] });
    const draft = (await t.http().get(`/api/tenders/${id}`).set(as(tokens.clerk)).expect(200)).body;
    await t
      .http()
      .patch(`/api/tenders/${id}`)
      .set(as(tokens.clerk))
      .send({ version: draft.version, openingConfirmMinutes: 45 })
      .expect(200);
    await post(`/api/tenders/${id}/publish`, 'clerk').expect(200);
    for (const bidder of ['A', 'B', 'C']) expect((await submitBid(t, id, exampleBid(bidder, '1'))).status).toBe(201);
    expect(await advance(t, when.afterOpening)).toEqual({ closed: 1, opened: 1 });
    const { window } = await record(id);
    expect(window).toMatchObject({ openedAt: when.afterOpening.toISOString(), confirmMinutes: 45 });
    const minutes = (n: number) => new Date(when.afterOpening.getTime() + n * 60_000);

    const readByOther = await t.dataSource.getRepository(TenderOpening).findOneByOrFail({ tenderId: id });
    expect(await clock().endWindows(minutes(44))).toBe(0);
    expect(await clock().endWindows(minutes(45))).toBe(1);
    const entries = await t.dataSource.getRepository(AuditEntry).count();
    // A second instance acting on the window it read before the first ended it changes nothing.
    const endWindow = (clock() as unknown as { endWindow: (m: unknown, o: TenderOpening) => Promise<boolean> }).endWindow.bind(clock());
    expect(await t.dataSource.transaction((m) => endWindow(m, readByOther))).toBe(false);
    expect(await t.dataSource.getRepository(AuditEntry).count()).toBe(entries);
    expect((await lines(id)).map((l) => l.status)).toEqual(['deemed-confirmed', 'deemed-confirmed', 'deemed-confirmed']);
    expect((await review(id).expect(200)).body.status).toBe('qualification');
  });
});
