import { awardConfirmedAgo } from '../../test/award-age';
import { startApp, TestApp } from '../../test/harness';
import { chinaDay } from '../documents/format';
import { loadExampleDossier } from '../../test/example-dossier';
import { OCDS_EXTENSIONS, OcdsReleasePackageSchema, type OcdsReleasePackage } from '../domain/wire/ocds';

/**
 * The open-data export (OCDS 1.1) of the example tender at each step: the package holds the standard's
 * required fields and codelists (the schema written from its documentation), its references resolve
 * within the release, and what leaves depends on the procedure: no bidder or amount before the award,
 * the per-criterion scores only where the tender publishes them.
 */
describe('OCDS export', () => {
  let t: TestApp;
  let clerk: string;
  beforeAll(async () => {
    t = await startApp();
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const importExample = async (code: string, change: (d: ReturnType<typeof loadExampleDossier>) => void = () => undefined) => {
    const d = loadExampleDossier();
    d.tender.code = code;
    change(d);
    return (await t.http().post('/api/dossiers').set(as(clerk)).send(d).expect(201)).body.tenderId as number;
  };
  const ocds = async (tenderId: number): Promise<OcdsReleasePackage> => {
    const res = await t.http().get(`/api/tenders/${tenderId}/ocds`).set(as(clerk)).expect(200);
    return OcdsReleasePackageSchema.parse(res.body);
  };

  /** The standard's rules that a schema alone does not hold: references within the release resolve. */
  function expectConsistent(pkg: OcdsReleasePackage) {
    const [release] = pkg.releases;
    expect(release.ocid).toMatch(/^ocds-[a-z0-9]{6}-/);
    const parties = new Map(release.parties.map((p) => [p.id, p]));
    expect(parties.size).toBe(release.parties.length);
    const lots = new Set(release.tender.lots.map((l) => l.id));
    for (const award of release.awards ?? []) {
      for (const lot of award.relatedLots) expect(lots.has(lot)).toBe(true);
      for (const s of award.suppliers) expect(parties.get(s.id)?.roles).toContain('supplier');
    }
    for (const bid of release.bids?.details ?? []) {
      for (const lot of bid.relatedLots) expect(lots.has(lot)).toBe(true);
      for (const b of bid.tenderers) expect(parties.get(b.id)?.roles).toContain('tenderer');
    }
    const awards = new Set((release.awards ?? []).map((a) => a.id));
    for (const c of release.contracts ?? []) {
      expect(awards.has(c.awardID)).toBe(true);
      const transactions = c.implementation?.transactions ?? [];
      expect(new Set(transactions.map((tx) => tx.id)).size).toBe(transactions.length);
      for (const tx of transactions) {
        expect(parties.get(tx.payer.id)?.roles).toContain('payer');
        expect(parties.get(tx.payee.id)?.roles).toContain('payee');
      }
    }
    expect(new Set(release.awards?.map((a) => a.id)).size).toBe(release.awards?.length ?? 0);
    expect(new Set(release.bids?.details.map((b) => b.id)).size).toBe(release.bids?.details.length ?? 0);
  }

  it('before the award: the tender and its lots, no bidder and no amount of any bid', async () => {
    const id = await importExample('OCDS-SEALED', (d) => {
      d.tender.bidDeadline = '2099-01-01T09:00:00+08:00';
      d.tender.openingTime = '2099-01-01T09:30:00+08:00';
      d.scores = [];
      d.panel = [];
    });
    const pkg = await ocds(id);
    expectConsistent(pkg);
    const [release] = pkg.releases;
    expect(release.tag).toEqual(['tender']);
    expect(release.tender).toMatchObject({
      id: 'OCDS-SEALED',
      status: 'active',
      procurementMethod: 'open',
      value: { amount: 10000000, currency: 'CNY' },
      lots: [
        { id: '1', title: '中心片区', status: 'active', value: { amount: 4870000, currency: 'CNY' } },
        { id: '2', title: '北部片区', status: 'active', value: { amount: 2750000, currency: 'CNY' } },
        { id: '3', title: '南部片区', status: 'active', value: { amount: 2380000, currency: 'CNY' } },
      ],
    });
    expect(release.bids).toBeUndefined();
    expect(release.awards).toBeUndefined();
    expect(release.parties.map((p) => p.roles)).toEqual([['buyer'], ['procuringEntity']]);
    const sealed = loadExampleDossier().bids.map((b) => Number(b.total));
    const text = JSON.stringify(pkg);
    for (const amount of sealed) expect(text).not.toContain(String(amount));
    expect(pkg.extensions).toEqual([OCDS_EXTENSIONS.lots]);
  });

  it('after the award: bids, awards and contracts, and the scores where the tender publishes them', async () => {
    const id = await importExample('OCDS-AWARD', (d) => (d.tender.publishScores = true));
    await t.http().post(`/api/tenders/${id}/evaluation/confirm`).set(as(clerk)).expect(200);
    await awardConfirmedAgo(t, id);
    await t
      .http()
      .post(`/api/tenders/${id}/lots/1/contracts`)
      .set(as(await t.login('bureau')))
      .send({ year: 2023, scheduleTemplate: 'ningbo' })
      .expect(201);
    const results = (await t.http().get(`/api/tenders/${id}/results`).set(as(clerk)).expect(200)).body;

    const pkg = await ocds(id);
    expectConsistent(pkg);
    const [release] = pkg.releases;
    expect(release.tag).toEqual(['award', 'contract']);
    expect(release.tender.status).toBe('complete');
    expect(release.tender.numberOfTenderers).toBe(5);
    expect(release.bids!.details).toHaveLength(15);
    expect(pkg.extensions).toEqual([
      OCDS_EXTENSIONS.lots,
      OCDS_EXTENSIONS.bids,
      expect.stringMatching(/\/api\/ocds\/extensions\/scores\/extension\.json$/),
    ]);

    // Each lot's award goes to the lot's winner, for its bid's total.
    for (const lot of results.lots) {
      const award = release.awards!.find((a) => a.relatedLots[0] === lot.no && a.status === 'active');
      expect(award?.suppliers.map((s) => s.id)).toEqual([lot.winner]);
      const bid = loadExampleDossier().bids.find((b) => b.lot === lot.no && b.bidder === lot.winner)!;
      expect(award?.value).toEqual({ amount: Number(bid.total), currency: 'CNY' });
    }
    expect(release.contracts).toEqual([
      expect.objectContaining({ awardID: `1-${results.lots[0].winner}`, status: 'pending', value: { amount: 4534662.9, currency: 'CNY' } }),
    ]);

    // The scores match the published results, and each criterion of the lot's scheme is there.
    for (const detail of release.bids!.details) {
      const [lot] = detail.relatedLots;
      const result = results.lots
        .find((l: { no: string }) => l.no === lot)
        .bids.find((b: { bidder: string }) => b.bidder === detail.tenderers[0].id);
      expect(detail.evaluation).toMatchObject({
        finalScore: result.finalScore === null ? null : Number(result.finalScore),
        rank: result.rank,
      });
      expect(detail.evaluation!.criteria).toHaveLength(22);
      const subjective = detail.evaluation!.criteria.filter((c) => c.kind === 'subjective');
      // Experts appear by seat only, never by name or code of their own.
      for (const c of subjective) for (const m of c.panelScores ?? []) expect(m.expert).toMatch(/^E\d+$/);
    }
    expect(JSON.stringify(pkg)).not.toContain('评审专家');
  });

  it("a contract's paid milestone is its transaction: from the buyer to the supplier, for the amount, on the day paid", async () => {
    const id = await importExample('OCDS-PAID');
    await t.http().post(`/api/tenders/${id}/evaluation/confirm`).set(as(clerk)).expect(200);
    await awardConfirmedAgo(t, id);
    const bureau = await t.login('bureau');
    const draft = (
      await t
        .http()
        .post(`/api/tenders/${id}/lots/1/contracts`)
        .set(as(bureau))
        .send({ year: 2023, scheduleTemplate: 'ningbo' })
        .expect(201)
    ).body;
    // 1.06 × 4,012,345 + 300,000 of fees = 4,553,085.70, all of it paid on signing (Ningbo's schedule).
    await t.http().patch(`/api/contracts/${draft.id}`).set(as(bureau)).send({ version: 1, population: 4012345 }).expect(200);
    await t.http().patch(`/api/contracts/${draft.id}`).set(as(bureau)).send({ version: 2, status: 'signed' }).expect(200);

    // Signed and payable, but nothing paid yet: no transaction.
    const unpaid = await ocds(id);
    expectConsistent(unpaid);
    expect(unpaid.releases[0].tag).toEqual(['award', 'contract']);
    expect(unpaid.releases[0].contracts![0]).toMatchObject({ status: 'active', value: { amount: 4553085.7, currency: 'CNY' } });
    expect(unpaid.releases[0].contracts![0].implementation).toBeUndefined();

    const today = chinaDay(new Date());
    const [onSigning] = draft.milestones;
    await t
      .http()
      .post(`/api/milestones/${onSigning.id}/payment`)
      .set(as(bureau))
      .send({ paidOn: today, voucher: 'PZ-OCDS-1' })
      .expect(200);
    const pkg = await ocds(id);
    expectConsistent(pkg);
    const [release] = pkg.releases;
    expect(release.tag).toEqual(['award', 'contract', 'implementation']);
    const winner = release.contracts![0].awardID.replace(/^1-/, '');
    expect(release.contracts![0].implementation).toEqual({
      transactions: [
        {
          id: String(onSigning.id),
          date: `${today}T00:00:00+08:00`,
          value: { amount: 4553085.7, currency: 'CNY' },
          payer: { id: 'buyer', name: release.buyer.name },
          payee: { id: winner, name: release.parties.find((p) => p.id === winner)!.name },
        },
      ],
    });
    // One transaction: the reward still waits for the assessment. The voucher is the bureau's
    // bookkeeping, not an address (OCDS `source` is one): it stays inside.
    expect(JSON.stringify(pkg)).not.toContain('PZ-OCDS-1');
  });

  it('leaves the scores out where the tender does not publish them', async () => {
    const id = await importExample('OCDS-PRIVATE');
    await t.http().post(`/api/tenders/${id}/evaluation/confirm`).set(as(clerk)).expect(200);
    const pkg = await ocds(id);
    expectConsistent(pkg);
    expect(pkg.releases[0].bids!.details.every((d) => d.evaluation === undefined)).toBe(true);
    expect(pkg.extensions).toEqual([OCDS_EXTENSIONS.lots, OCDS_EXTENSIONS.bids]);
  });

  it('serves the scores extension for anyone, as OCDS extensions are fetched', async () => {
    const ext = (await t.http().get('/api/ocds/extensions/scores/extension.json').expect(200)).body;
    expect(ext).toMatchObject({ compatibility: ['1.1'], schemas: ['release-schema.json'] });
    const patch = (await t.http().get('/api/ocds/extensions/scores/release-schema.json').expect(200)).body;
    expect(Object.keys(patch.definitions.Bid.properties.evaluation.properties)).toEqual([
      'priceScore',
      'nonPriceScore',
      'finalScore',
      'rank',
      'criteria',
    ]);
  });

  it('is for the procurement centre, the bureau and the administrator only', async () => {
    await t
      .http()
      .get('/api/tenders/1/ocds')
      .set(as(await t.login('insurer')))
      .expect(403);
    await t.http().get('/api/tenders/1/ocds').expect(401);
  });
});
