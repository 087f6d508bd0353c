import { createHash, randomBytes } from 'node:crypto';
import { loadExampleDossier } from '../../test/example-dossier';
import { startApp, TestApp } from '../../test/harness';
import { everyTableAsText } from '../../test/table-dump';
import { advance, as, exampleBid, pricedBid, schedule, setUpTender, submitAs, submitBid, tenderFields } from '../../test/tenders-fixture';
import { AuditEntry } from '../audit/audit-entry.entity';
import { bidSealKeyId } from '../config/config';
import { Bid } from './bid.entity';
import { BidDocument } from './bid-document.entity';
import { BidEnvelope } from './bid-envelope.entity';
import { TenderSealKey } from './tender-seal-key.entity';
import { Lot } from '../tenders/lot.entity';
import { Tender } from '../tenders/tender.entity';
import { TenderLifecycle } from '../tenders/tender-lifecycle.service';
import { TenderOpening } from '../tenders/tender-opening.entity';

// Tenders set up request by request and opened by the clock, on a machine shared with other suites.
jest.setTimeout(120_000);

const paths = (res: { body: { errors: { path: string }[] } }) => res.body.errors.map((e) => e.path);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n`);

describe('bids as they arrive: electronic envelopes sealed until the opening, paper envelopes received', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const example = loadExampleDossier();
  const get = (path: string, user = 'clerk') => t.http().get(path).set(as(tokens[user]));
  const post = (path: string, body: object, user = 'clerk') => t.http().post(path).set(as(tokens[user])).send(body);
  const withdraw = (id: number, lot: string, user = 'insurer') =>
    t.http().post(`/api/tenders/${id}/lots/${lot}/electronic-bid/withdrawal`).set(as(tokens[user]));
  const audits = (action: string) => t.dataSource.getRepository(AuditEntry).find({ where: { action }, order: { id: 'ASC' } });

  beforeAll(async () => {
    t = await startApp();
    const users = ['clerk', 'insurer', 'insurer2', 'insurer-c', 'insurer-e', 'bureau', 'expert1'];
    (await Promise.all(users.map((u) => t.login(u)))).forEach((token, i) => (tokens[users[i]] = token));
  });
  afterAll(() => t.close());

  describe('electronic bids', () => {
    const when = schedule(2093);
    let id: number;
    /** A's bid on lot 1 as first submitted, then replaced: figures found nowhere else (not in the demo tender). */
    const first = pricedBid('A', '1', '1.11', example);
    const second = pricedBid('A', '1', '1.02', example);

    beforeAll(async () => {
      id = await setUpTender(t, tokens.clerk, 'INTAKE-E', when);
    });

    it('answers a receipt: the hash of the sealed envelope and the server time', async () => {
      const before = Date.now();
      const res = await submitAs(t, tokens.insurer, id, first, [['投标文件.pdf', pdf('first offer')]]).expect(201);
      expect(res.body).toMatchObject({ lot: '1', bidder: 'A', status: 'sealed', closedAt: null });
      expect(Date.parse(res.body.submittedAt)).toBeGreaterThanOrEqual(before - 1000);
      const envelope = await t.dataSource
        .getRepository(BidEnvelope)
        .findOneOrFail({ where: { id: res.body.id }, select: { id: true, sha256: true, sealed: true } });
      expect(res.body.hash).toBe(sha256(envelope.sealed!));
    });

    it('replaces a bid, keeping the superseded envelope, and withdraws one; each step audited without a figure', async () => {
      const replaced = await submitAs(t, tokens.insurer, id, second, [['投标文件.pdf', pdf('the offer')]]).expect(201);
      await submitAs(t, tokens.insurer, id, exampleBid('A', '2')).expect(201);
      const withdrawn = await withdraw(id, '2').expect(200);
      expect(withdrawn.body).toMatchObject({ lot: '2', status: 'withdrawn', closedAt: expect.any(String) });
      expect((await withdraw(id, '2').expect(409)).body.code).toBe('noBidToWithdraw');
      const receipts = (await get(`/api/tenders/${id}/electronic-bids`, 'insurer').expect(200)).body;
      expect(receipts.map((r: { lot: string; status: string }) => `${r.lot}:${r.status}`)).toEqual([
        '1:superseded',
        '1:sealed',
        '2:withdrawn',
      ]);
      expect(receipts[1]).toEqual(replaced.body);
      const [replace] = await audits('bid.replace');
      expect(replace).toMatchObject({
        actorName: 'insurer',
        before: { status: 'superseded', hash: receipts[0].hash },
        after: replaced.body,
      });
      expect((await audits('bid.withdraw')).at(-1)).toMatchObject({ before: { status: 'sealed' }, after: { status: 'withdrawn' } });
      const recorded = JSON.stringify(await t.dataSource.getRepository(AuditEntry).find());
      // As a whole figure: a timestamp's "31.024Z" does not hide "1.02".
      const whole = (figure: string) => new RegExp(`(?<![\\d.])${figure.replace(/\./g, '\\.')}(?!\\d)`);
      for (const figure of [first.unitPrice, first.serviceTotal, second.unitPrice, second.total])
        expect(recorded).not.toMatch(whole(figure!));
    });

    it('is each insurer’s own: another insurer neither sees nor withdraws it', async () => {
      expect((await get(`/api/tenders/${id}/electronic-bids`, 'insurer2').expect(200)).body).toEqual([]);
      expect((await withdraw(id, '1', 'insurer2').expect(409)).body.code).toBe('noBidToWithdraw');
      await submitAs(t, tokens.insurer2, id, exampleBid('B', '1')).expect(201);
      const own = (await get(`/api/tenders/${id}/electronic-bids`, 'insurer2').expect(200)).body;
      expect(own.map((r: { bidder: string }) => r.bidder)).toEqual(['B']);
      // Lot 1's bid of A is still there, sealed.
      const a = (await get(`/api/tenders/${id}/electronic-bids`, 'insurer').expect(200)).body;
      expect(a.filter((r: { status: string }) => r.status === 'sealed').map((r: { lot: string }) => r.lot)).toEqual(['1']);
    });

    it('is refused to other roles, and the receipts list to insurers', async () => {
      for (const user of ['clerk', 'bureau', 'expert1']) await submitAs(t, tokens[user], id, exampleBid('C', '1')).expect(403);
      for (const user of ['clerk', 'bureau']) await get(`/api/tenders/${id}/electronic-bids`, user).expect(403);
      await get(`/api/tenders/${id}/received-bids`, 'insurer').expect(403);
      await withdraw(id, '1', 'clerk').expect(403);
    });

    it('shows the clerk what was received, and no table holds a figure or a document in the clear', async () => {
      await submitBid(t, id, exampleBid('C', '1'));
      await submitBid(t, id, exampleBid('E', '1'));
      const received = (await get(`/api/tenders/${id}/received-bids`).expect(200)).body;
      expect(received.bidSubmission).toBe('electronic');
      expect(received.electronic.map((r: { bidder: string; status: string }) => `${r.bidder}:${r.status}`)).toEqual([
        'A:superseded',
        'A:sealed',
        'A:withdrawn',
        'B:sealed',
        'C:sealed',
        'E:sealed',
      ]);
      const selected = await everyTableAsText(t.dataSource);
      for (const figure of [
        first.serviceTotal,
        first.total,
        first.totalCapitals,
        second.serviceTotal,
        second.total,
        second.totalCapitals,
      ]) {
        expect(selected).not.toContain(figure);
      }
      for (const text of ['the offer', 'first offer']) expect(selected).not.toContain(text);
      const keys = await t.dataSource.getRepository(TenderSealKey).findOneByOrFail({ tenderId: id });
      expect(keys).toMatchObject({ cipher: 'aes-256-gcm', wrappingKeyId: bidSealKeyId(t.config.bidSealKey!.key.toString('hex')) });
    });

    it('refuses late submissions and withdrawals once the deadline has passed by the server clock', async () => {
      await advance(t, when.afterDeadline);
      const late = await submitAs(t, tokens['insurer-e'], id, exampleBid('E', '2')).expect(409);
      expect(late.body).toMatchObject({ code: 'bidDeadlinePassed', message: expect.stringContaining('不再接收投标') });
      expect((await withdraw(id, '1').expect(409)).body.code).toBe('bidDeadlinePassed');
    });

    it('refuses to open under a wrong BID_SEAL_KEY, with the key ids, and leaves nothing half-opened', async () => {
      const right = t.config.bidSealKey;
      const wrongText = randomBytes(32).toString('hex');
      t.config.bidSealKey = { key: Buffer.from(wrongText, 'hex'), id: bidSealKeyId(wrongText) };
      try {
        await expect(advance(t, when.afterOpening)).rejects.toMatchObject({
          response: { code: 'bidSealKeyMismatch', params: { needed: right!.id, configured: bidSealKeyId(wrongText) } },
        });
      } finally {
        t.config.bidSealKey = right;
      }
      expect((await t.dataSource.getRepository(Tender).findOneByOrFail({ id })).status).toBe('closed');
      expect((await t.dataSource.getRepository(Lot).findBy({ tenderId: id })).map((l) => l.status)).toEqual([
        'pending',
        'pending',
        'pending',
      ]);
      expect(await t.dataSource.getRepository(Bid).countBy({ tenderId: id })).toBe(0);
      expect(await t.dataSource.getRepository(BidEnvelope).countBy({ tenderId: id, status: 'opened' })).toBe(0);
    });

    it('opens the sealed envelopes at the opening into bid rows and documents; superseded and withdrawn ones stay sealed', async () => {
      expect(await advance(t, when.afterOpening)).toEqual({ closed: 0, opened: 1 });
      const bids = (await get(`/api/tenders/${id}/bids`).expect(200)).body;
      expect(bids.map((b: { bidder: string; lot: string }) => `${b.bidder}${b.lot}`)).toEqual(['A1', 'B1', 'C1', 'E1']);
      const { unitPrice, serviceTotal, total, totalCapitals } = second;
      expect(bids[0]).toMatchObject({ sealed: false, unitPrice, serviceTotal, total, totalCapitals });
      const envelopes = await t.dataSource.getRepository(BidEnvelope).find({ where: { tenderId: id }, order: { id: 'ASC' } });
      expect(envelopes.map((e) => e.status)).toEqual(['superseded', 'opened', 'withdrawn', 'opened', 'opened', 'opened']);
      expect(envelopes[1].bidId).toBe(bids[0].id);
      const documents = await t.dataSource
        .getRepository(BidDocument)
        .find({ where: { bidId: bids[0].id }, select: { fileName: true, sha256: true, content: true } });
      expect(documents.map((d) => [d.fileName, d.content!.toString('latin1'), d.sha256])).toEqual([
        ['投标文件.pdf', pdf('the offer').toString('latin1'), sha256(pdf('the offer'))],
      ]);
      expect((await audits('bid.unseal')).map((a) => a.after)).toContainEqual(
        expect.objectContaining({ bidId: bids[0].id, hash: envelopes[1].sha256 }),
      );
      // The lot 2 bid was withdrawn: lot 2 received none and was not opened.
      const detail = (await get(`/api/tenders/${id}`).expect(200)).body;
      expect(detail.lots.map((l: { status: string; bidCount: number }) => [l.status, l.bidCount])).toEqual([
        ['opened', 4],
        ['not-opened', 0],
        ['not-opened', 0],
      ]);
    });
  });

  it('seals with SM4-CTR and HMAC-SM3 when BID_SEAL_CIPHER=sm4, and opens the same', async () => {
    const when = schedule(2092);
    const id = await setUpTender(t, tokens.clerk, 'INTAKE-SM4', when);
    t.config.bidSealCipher = 'sm4';
    try {
      for (const bidder of ['A', 'B', 'C']) await submitBid(t, id, exampleBid(bidder, '1'));
    } finally {
      t.config.bidSealCipher = 'aes-256-gcm';
    }
    expect(await t.dataSource.getRepository(TenderSealKey).findOneByOrFail({ tenderId: id })).toMatchObject({ cipher: 'sm4' });
    const envelope = await t.dataSource
      .getRepository(BidEnvelope)
      .findOneOrFail({ where: { tenderId: id }, select: { id: true, sealed: true } });
    expect(envelope.sealed![4]).toBe(2);
    // The cipher is the tender's, fixed with its key: a later change of BID_SEAL_CIPHER does not touch it.
    await submitBid(t, id, exampleBid('E', '1'));
    await advance(t, when.afterOpening);
    const bids = (await get(`/api/tenders/${id}/bids`).expect(200)).body;
    expect(bids.map((b: { bidder: string; unitPrice: string }) => [b.bidder, b.unitPrice])).toEqual(
      ['A', 'B', 'C', 'E'].map((code) => [code, exampleBid(code, '1').unitPrice]),
    );
  });

  describe('paper bids', () => {
    const when = schedule(2094);
    let id: number;
    // Received a minute ago: a receipt is neither after the deadline nor in the future.
    const receivedAt = new Date(Date.now() - 60_000).toISOString();
    const receipt = (bidder: string, lot: string) => ({
      bidder,
      lot,
      receivedAt,
      receivedBy: '王经办',
      sealedIntact: true,
      note: null,
    });

    beforeAll(async () => {
      id = await setUpTender(t, tokens.clerk, 'INTAKE-P', when, { publish: false });
      const { version } = (await get(`/api/tenders/${id}`).expect(200)).body;
      await t.http().patch(`/api/tenders/${id}`).set(as(tokens.clerk)).send({ version, bidSubmission: 'paper' }).expect(200);
      await post(`/api/tenders/${id}/publish`, {}).expect(200);
    });

    it('is tender data: new tenders take electronic bids, a draft may take paper ones', async () => {
      const detail = (await get(`/api/tenders/${id}`).expect(200)).body;
      expect(detail.bidSubmission).toBe('paper');
      const other = (await post('/api/tenders', tenderFields('INTAKE-NEW', schedule(2099))).expect(201)).body;
      expect(other.bidSubmission).toBe('electronic');
      const changed = t
        .http()
        .patch(`/api/tenders/${id}`)
        .set(as(tokens.clerk))
        .send({ version: detail.version, bidSubmission: 'electronic' });
      expect(paths(await changed.expect(400))).toEqual(['bidSubmission']);
    });

    it('records each envelope’s receipt before the deadline, without any amount', async () => {
      const res = await post(`/api/tenders/${id}/paper-receipts`, { ...receipt('A', '1'), sealedIntact: false, note: '封口处破损' }).expect(
        201,
      );
      expect(res.body).toEqual({
        id: expect.any(Number),
        lot: '1',
        bidder: 'A',
        bidderName: example.bidders[0].name,
        receivedAt,
        receivedBy: '王经办',
        sealedIntact: false,
        note: '封口处破损',
        recordedAt: expect.any(String),
        amountsEntered: false,
      });
      expect((await audits('bid.paper-receipt')).at(-1)).toMatchObject({ actorName: 'clerk', after: res.body });
      for (const bidder of ['B', 'C']) await post(`/api/tenders/${id}/paper-receipts`, receipt(bidder, '1')).expect(201);
      expect(paths(await post(`/api/tenders/${id}/paper-receipts`, receipt('A', '1')).expect(400))).toEqual(['bidder']);
      const late = { ...receipt('Z', '9'), receivedAt: '2094-03-01T09:31:00+08:00' };
      expect(paths(await post(`/api/tenders/${id}/paper-receipts`, late).expect(400)).sort()).toEqual(['bidder', 'lot', 'receivedAt']);
      // A receipt has no amount to take.
      expect(paths(await post(`/api/tenders/${id}/paper-receipts`, { ...receipt('D', '1'), unitPrice: '1.1' }).expect(400))).toEqual([
        'unitPrice',
      ]);
      await post(`/api/tenders/${id}/paper-receipts`, receipt('D', '1'), 'insurer').expect(403);
      const received = (await get(`/api/tenders/${id}/received-bids`).expect(200)).body;
      expect(received).toMatchObject({ bidSubmission: 'paper', electronic: [] });
      expect(received.paper.map((r: { bidder: string }) => r.bidder)).toEqual(['A', 'B', 'C']);
    });

    it('takes no electronic bid, and no amount before the opening', async () => {
      expect((await submitBid(t, id, exampleBid('A', '1'))).body.code).toBe('paperBidsOnly');
      expect((await post(`/api/tenders/${id}/bids`, exampleBid('A', '1')).expect(409)).body.code).toBe('amountsAtOpening');
    });

    it('refuses an envelope after the deadline', async () => {
      await advance(t, when.afterDeadline);
      expect((await post(`/api/tenders/${id}/paper-receipts`, receipt('D', '1')).expect(409)).body.code).toBe('bidDeadlinePassed');
    });

    it('takes the amounts read aloud at the opening, of the envelopes received only', async () => {
      await advance(t, when.afterOpening);
      const lots = (await get(`/api/tenders/${id}`).expect(200)).body.lots;
      expect(lots.map((l: { status: string; bidCount: number }) => [l.status, l.bidCount])).toEqual([
        ['opened', 3],
        ['not-opened', 0],
        ['not-opened', 0],
      ]);
      const a1 = exampleBid('A', '1');
      const res = await post(`/api/tenders/${id}/bids`, a1).expect(201);
      expect(res.body).toMatchObject({ bidder: 'A', lot: '1', sealed: false, unitPrice: a1.unitPrice, total: a1.total });
      expect(Date.parse(res.body.submittedAt)).toBe(Date.parse(receivedAt));
      expect((await audits('bid.paper-amounts')).at(-1)).toMatchObject({
        actorName: 'clerk',
        after: { bidder: 'A', unitPrice: a1.unitPrice },
      });
      expect(paths(await post(`/api/tenders/${id}/bids`, exampleBid('E', '1')).expect(400))).toEqual(['bidder']);
      expect(paths(await post(`/api/tenders/${id}/bids`, a1).expect(400))).toEqual(['bidder']);
      const received = (await get(`/api/tenders/${id}/received-bids`).expect(200)).body;
      expect(received.paper.map((r: { amountsEntered: boolean }) => r.amountsEntered)).toEqual([true, false, false]);
      expect((await get(`/api/tenders/${id}`).expect(200)).body.lots[0].bidCount).toBe(3);
    });

    it('gives each paper bid its line of the opening record as entered; the window waits for every envelope received', async () => {
      const lines = async (user = 'clerk') => {
        const record = (await get(`/api/tenders/${id}/opening`, user).expect(200)).body;
        return { window: record.window, lines: record.lots.flatMap((l: { lines: { bidder: string }[] }) => l.lines) };
      };
      const review = () => post(`/api/tenders/${id}/advance-to-review`, {});
      const opening = t.dataSource.getRepository(TenderOpening);
      // The opening's 30 minutes pass while the clerk is still entering: A's line stays open to its bidder.
      await opening.update({ tenderId: id }, { windowEndsAt: new Date(Date.now() - 1000) });
      const a = await lines('insurer');
      expect(a.window).toMatchObject({ over: false, awaitingAmounts: 2 });
      expect(a.lines).toEqual([expect.objectContaining({ bidder: 'A', status: 'pending', unitPrice: exampleBid('A', '1').unitPrice })]);
      expect((await review().expect(409)).body).toMatchObject({ code: 'paperAmountsMissing', params: { count: 2 } });
      expect(await t.app.get(TenderLifecycle).endWindows(new Date())).toBe(0);
      const confirmed = await post(`/api/tenders/${id}/opening/lines/${a.lines[0].id}/confirm`, {}, 'insurer').expect(200);
      expect(confirmed.body.lots[0].lines[0]).toMatchObject({ bidder: 'A', status: 'confirmed', respondedBy: 'insurer' });

      // B's entry: its line, pending, and the window to 30 minutes after the entry.
      const before = Date.now();
      await post(`/api/tenders/${id}/bids`, exampleBid('B', '1')).expect(201);
      const b = (await lines()).lines.find((l: { bidder: string }) => l.bidder === 'B');
      expect(b).toMatchObject({ status: 'pending', unitPrice: exampleBid('B', '1').unitPrice });
      const { windowEndsAt } = await opening.findOneByOrFail({ tenderId: id });
      expect(windowEndsAt.getTime()).toBeGreaterThanOrEqual(before - 1000 + 30 * 60_000);
      expect(windowEndsAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000 + 30 * 60_000);
      expect((await audits('opening.paper-line')).at(-1)).toMatchObject({
        actorName: 'clerk',
        entityId: String(b.id),
        after: { tenderId: id, bidId: b.bidId, lot: '1', bidder: 'B', status: 'pending', windowEndsAt: windowEndsAt.toISOString() },
      });
      expect((await review().expect(409)).body).toMatchObject({ code: 'paperAmountsMissing', params: { count: 1 } });
      await post(`/api/tenders/${id}/bids`, exampleBid('C', '1')).expect(201);
      expect((await lines()).window).toMatchObject({ over: false, awaitingAmounts: 0 });
      expect((await review().expect(409)).body.code).toBe('openingWindowOpen');
    });

    it('and no more once the review has begun', async () => {
      // The review begins once the opening record's window (30 minutes from the last entry) is over.
      await t.app.get(TenderLifecycle).endWindows(new Date(Date.now() + 31 * 60_000));
      const record = (await get(`/api/tenders/${id}/opening`).expect(200)).body;
      expect(record.lots[0].lines.map((l: { bidder: string; status: string }) => `${l.bidder}:${l.status}`)).toEqual([
        'A:confirmed',
        'B:deemed-confirmed',
        'C:deemed-confirmed',
      ]);
      await post(`/api/tenders/${id}/advance-to-review`, {}).expect(200);
      expect((await post(`/api/tenders/${id}/bids`, exampleBid('B', '1')).expect(409)).body.code).toBe('amountsAtOpening');
    });
  });
});
