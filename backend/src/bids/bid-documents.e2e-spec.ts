import { binary, startApp, TestApp } from '../../test/harness';
import { advance, as, exampleBid, schedule, setUpTender, submitAs, submitBid } from '../../test/tenders-fixture';
import { User } from '../users/user.entity';

// A tender set up request by request and opened by the clock, on a machine shared with other suites.
jest.setTimeout(120_000);

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n`);

/**
 * The documents of electronic bids (DOMAIN.md §3): sealed until the opening for everyone; then
 * procurement and the tender's declared panel experts download any bid's, the bidder's insurer its own;
 * the bureau and other insurers none.
 */
describe('documents of opened electronic bids', () => {
  let t: TestApp;
  let id: number;
  const when = schedule(2094);
  const tokens: Record<string, string> = {};
  const get = (path: string, user: string) => t.http().get(path).set(as(tokens[user]));
  const offer = pdf('甲安投标文件');
  let path: (bidId: number, documentId: number) => string;

  beforeAll(async () => {
    t = await startApp();
    const users = ['clerk', 'insurer', 'insurer2', 'expert1', 'expert2', 'bureau', 'admin'];
    (await Promise.all(users.map((u) => t.login(u)))).forEach((token, i) => (tokens[users[i]] = token));
    id = await setUpTender(t, tokens.clerk, 'BID-DOCS', when);
    await submitAs(t, tokens.insurer, id, exampleBid('A', '1'), [['投标文件.pdf', offer]]).expect(201);
    for (const bidder of ['B', 'C']) expect((await submitBid(t, id, exampleBid(bidder, '1'))).status).toBe(201);
    const expert1 = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'expert1' });
    await t.http().post(`/api/tenders/${id}/panel`).set(as(tokens.clerk)).send({ userId: expert1.id }).expect(201);
    path = (bidId, documentId) => `/api/tenders/${id}/bids/${bidId}/documents/${documentId}`;
  });
  afterAll(() => t.close());

  it('keeps them sealed before the opening: there is no bid to read, and the panel is not let in', async () => {
    expect((await get(`/api/tenders/${id}/bids`, 'clerk').expect(200)).body).toEqual([]);
    await get(path(1, 1), 'clerk').expect(404);
    await get(path(1, 1), 'insurer').expect(404);
    await get(path(1, 1), 'expert1').expect(403);
  });

  it('lists each opened bid’s documents, and lets procurement, the declared panel and the bidder download them', async () => {
    await advance(t, when.afterOpening);
    const bids = (await get(`/api/tenders/${id}/bids`, 'clerk').expect(200)).body;
    const a = bids.find((b: { bidder: string }) => b.bidder === 'A');
    expect(a.documents).toEqual([
      { id: expect.any(Number), fileName: '投标文件.pdf', mimeType: 'application/pdf', size: offer.length, sha256: expect.any(String) },
    ]);
    expect(bids.find((b: { bidder: string }) => b.bidder === 'B').documents).toEqual([]);
    const url = path(a.id, a.documents[0].id);

    const res = await get(url, 'clerk').buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(res.body, offer)).toBe(0);
    expect(res.headers['x-file-sha256']).toBe(a.documents[0].sha256);

    // The panel: only a member, and only once it declared no conflict of interest.
    await get(url, 'expert2').expect(403);
    expect((await get(url, 'expert1').expect(403)).body.code).toBe('declarationRequired');
    await t.http().post(`/api/tenders/${id}/panel/me/declaration`).set(as(tokens.expert1)).send({ conflict: false }).expect(200);
    await get(url, 'expert1').expect(200);

    // The bidder its own; another insurer is not told the bid exists; the bureau and admin take no part.
    await get(url, 'insurer').expect(200);
    await get(url, 'insurer2').expect(404);
    await get(url, 'bureau').expect(403);
    await get(url, 'admin').expect(403);
    // A document of another bid, under this bid, is not found.
    const b = bids.find((x: { bidder: string }) => x.bidder === 'B');
    await get(path(b.id, a.documents[0].id), 'clerk').expect(404);
  });
});
