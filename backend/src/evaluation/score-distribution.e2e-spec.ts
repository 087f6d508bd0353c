import { loadExampleDossier } from '../../test/example-dossier';
import { bureauToken } from '../../test/buyers';
import { startApp, TestApp } from '../../test/harness';
import { D } from '../domain/decimal';
import type { Dossier } from '../domain/dossier/dossier.types';
import { ScoreSheet } from '../panel/score-sheet.entity';
import { Lot } from '../tenders/lot.entity';

jest.setTimeout(60_000);

/**
 * GET /api/tenders/:id/lots/:lot/score-distribution (DOMAIN.md §1, §4): the experts' scores of a lot per
 * criterion and bid with their spread — to procurement once the bids are opened, to the panel once the
 * lot's sheets are in, to the buyer's bureau once the results are published; never to an insurer.
 */
describe('score distribution of a lot', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let dossier: Dossier;
  let id: number;
  const distribution = (user: string, lot = '1', tender = id) =>
    t.http().get(`/api/tenders/${tender}/lots/${lot}/score-distribution`).set(as(user));

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['clerk', 'admin', 'insurer', 'expert1']) tokens[u] = await t.login(u);
    dossier = loadExampleDossier();
    dossier.tender.code = `SD-${process.pid}`;
    // The buyer's official, registered before the import links the tender to its organisation.
    tokens.buyer = await bureauToken(t, dossier.tender.purchaser);
    tokens.otherBuyer = await bureauToken(t, '另一市医疗保障局');
    id = (await t.http().post('/api/dossiers').set(as('clerk')).send(dossier).expect(201)).body.tenderId;
  });
  afterAll(() => t?.close());

  it('gives procurement each non-price criterion with every expert’s score per bid and their spread', async () => {
    const body = (await distribution('clerk').expect(200)).body;
    const lot = dossier.lots.find((l) => l.no === '1')!;
    const scheme = dossier.schemes.find((s) => s.code === lot.scheme)!;
    expect(body.lot).toBe('1');
    expect(body.criteria.map((c: { no: string }) => c.no)).toEqual(scheme.criteria.filter((c) => c.kind !== 'price').map((c) => c.no));
    // One criterion checked against the dossier's own scores.
    const criterion = body.criteria.find((c: { bids: unknown[] }) => c.bids.length > 0);
    const bid = criterion.bids[0];
    const given = (dossier.scores ?? []).filter((s) => s.lot === '1' && s.criterion === criterion.no && s.bidder === bid.bidder);
    expect(bid.scores).toHaveLength(given.length);
    const values = given.map((s) => new D(s.value));
    const mean = values.reduce((s, v) => s.plus(v), new D(0)).div(values.length);
    expect(bid.mean).toBe(mean.toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2));
    expect(bid.min).toBe(D.min(...values).toFixed(2));
    expect(bid.max).toBe(D.max(...values).toFixed(2));
    expect(Number(bid.q1)).toBeLessThanOrEqual(Number(bid.median));
    expect(Number(bid.median)).toBeLessThanOrEqual(Number(bid.q3));
  });

  it('answers 404 for a lot or tender that is not there, and 403 to insurers and administrators', async () => {
    await distribution('clerk', '9').expect(404);
    await distribution('clerk', '1', 999_999).expect(404);
    await distribution('insurer').expect(403);
    await distribution('admin').expect(403);
  });

  it('shows the buyer’s bureau nothing before the results are published, another buyer’s nothing at all', async () => {
    expect((await distribution('buyer').expect(409)).body).toMatchObject({ code: 'resultsNotPublished' });
    await distribution('otherBuyer').expect(404);
  });

  it('shows an expert of the panel the lot once its sheets are in, after the declaration', async () => {
    expect((await distribution('expert1').expect(403)).body).toMatchObject({ code: 'declarationRequired' });
    await t.http().post(`/api/tenders/${id}/panel/me/declaration`).set(as('expert1')).send({ conflict: false }).expect(200);
    // A sheet of lot 1 back with its expert (as a return leaves it): the panel waits for it.
    const lot1 = await t.dataSource.getRepository(Lot).findOneByOrFail({ tenderId: id, no: '1' });
    const sheets = t.dataSource.getRepository(ScoreSheet);
    const sheet = await sheets.findOneByOrFail({ lotId: lot1.id, status: 'submitted' });
    await sheets.update(sheet.id, { status: 'draft' });
    expect((await distribution('expert1').expect(409)).body).toMatchObject({ code: 'sheetsPending', params: { lot: '1' } });
    await distribution('clerk').expect(200);
    await sheets.update(sheet.id, { status: 'submitted' });
    expect((await distribution('expert1').expect(200)).body).toEqual((await distribution('clerk').expect(200)).body);
  });

  it('shows the buyer’s bureau the lot once the award is confirmed', async () => {
    await t.http().post(`/api/tenders/${id}/evaluation/confirm`).set(as('clerk')).send({}).expect(200);
    expect((await distribution('buyer').expect(200)).body).toEqual((await distribution('clerk').expect(200)).body);
    await distribution('otherBuyer').expect(404);
    await distribution('insurer').expect(403);
  });
});
