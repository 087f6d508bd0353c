import { startApp, TestApp } from '../../test/harness';
import { as } from '../../test/tenders-fixture';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Tender } from '../tenders/tender.entity';
import { SeedService } from './seed.service';

describe('demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('imports the demo tender, opened for evaluation, linked to the demo insurers and experts', async () => {
    const [clerk, insurer, expert] = await Promise.all(['clerk', 'insurer', 'expert1'].map((u) => t.login(u)));
    const list = (await t.http().get('/api/tenders').set(as(clerk)).expect(200)).body;
    const demo = list.find((x: { code: string }) => x.code === 'NBZFCG2022B031G');
    expect(demo).toMatchObject({ status: 'evaluation', lotCount: 3, bidCount: 15 });
    const own = (await t.http().get(`/api/tenders/${demo.id}`).set(as(insurer)).expect(200)).body;
    expect(own.bidders.map((b: { code: string }) => b.code)).toEqual(['A']);
    expect(own.lots.map((l: { status: string }) => l.status)).toEqual(['opened', 'opened', 'opened']);
    // An expert of the panel reads the bids once it has declared no conflict of interest.
    await t.http().get(`/api/tenders/${demo.id}/bids`).set(as(expert)).expect(403);
    await t.http().post(`/api/tenders/${demo.id}/panel/me/declaration`).set(as(expert)).send({ conflict: false }).expect(200);
    expect((await t.http().get(`/api/tenders/${demo.id}/bids`).set(as(expert)).expect(200)).body).toHaveLength(15);
  });

  it('imports it once: seeding again changes nothing', async () => {
    const count = () => Promise.all([t.dataSource.getRepository(Tender).count(), t.dataSource.getRepository(AuditEntry).count()]);
    const before = await count();
    await t.app.get(SeedService).seed();
    expect(await count()).toEqual(before);
  });
});
