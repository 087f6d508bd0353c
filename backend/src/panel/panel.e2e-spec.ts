import { startApp, TestApp } from '../../test/harness';
import { loadExampleDossier } from '../../test/example-dossier';
import { AuditEntry } from '../audit/audit-entry.entity';

/**
 * The panel at work on the example tender, scores entered through the API rather than imported:
 * declaration, sheets, locking, the leader's return, visibility of results, then the award.
 */
describe('panel: declarations, score sheets, award', () => {
  let t: TestApp;
  let tenderId: number;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const example = loadExampleDossier();
  const examplesFor = (expert: string, lot: string) => (example.scores ?? []).filter((s) => s.expert === expert && s.lot === lot);
  let bidIds: Record<string, number>;

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['clerk', 'expert1', 'expert2', 'expert3', 'expert4', 'insurer', 'bureau']) tokens[u] = await t.login(u);
    const dossier = { ...loadExampleDossier(), scores: [], panel: example.panel!.slice(0, 3) };
    dossier.tender.code = 'PANEL-1';
    tenderId = (await t.http().post('/api/dossiers').set(as('clerk')).send(dossier).expect(201)).body.tenderId;
    const rows: { id: number; lotId: number; bidderId: number }[] = await t.dataSource.query(
      'SELECT id, lotId, bidderId FROM bids WHERE tenderId = ?',
      [tenderId],
    );
    const lots: { id: number; no: string }[] = await t.dataSource.query('SELECT id, no FROM lots WHERE tenderId = ?', [tenderId]);
    const bidders: { id: number; code: string }[] = await t.dataSource.query('SELECT id, code FROM bidders WHERE tenderId = ?', [tenderId]);
    bidIds = Object.fromEntries(
      rows.map((r) => [`${bidders.find((b) => b.id === r.bidderId)!.code}|${lots.find((l) => l.id === r.lotId)!.no}`, r.id]),
    );
  });
  afterAll(() => t.close());

  const scoresOf = (expert: string, lot: string) =>
    examplesFor(expert, lot).map((s) => ({ bidId: bidIds[`${s.bidder}|${s.lot}`], criterionNo: s.criterion, value: String(s.value) }));

  it('offers procurement the expert users not yet on the panel', async () => {
    const res = await t.http().get(`/api/tenders/${tenderId}/panel/candidates`).set(as('clerk')).expect(200);
    expect(res.body.map((u: { username: string }) => u.username)).toEqual(['expert4', 'expert5']);
    await t.http().get(`/api/tenders/${tenderId}/panel/candidates`).set(as('expert1')).expect(403);
  });

  it('lists the panel with each member bound to an expert user', async () => {
    const res = await t.http().get(`/api/tenders/${tenderId}/panel`).set(as('clerk')).expect(200);
    expect(res.body.map((m: { code: string; userId: number | null }) => [m.code, m.userId !== null])).toEqual([
      ['E1', true],
      ['E2', true],
      ['E3', true],
    ]);
  });

  it('an expert not on the panel gets 404; an insurer gets 403', async () => {
    await t.http().get(`/api/tenders/${tenderId}/panel/me`).set(as('expert4')).expect(404);
    await t.http().get(`/api/tenders/${tenderId}/panel`).set(as('expert4')).expect(404);
    await t.http().get(`/api/tenders/${tenderId}/panel`).set(as('expert1')).expect(200);
    await t.http().get(`/api/tenders/${tenderId}/panel`).set(as('insurer')).expect(403);
    await t.http().get(`/api/tenders/${tenderId}/panel/me`).set(as('insurer')).expect(403);
  });

  it('shows no bid before the no-conflict declaration; a declared conflict removes the member', async () => {
    await t.http().get(`/api/tenders/${tenderId}/lots/1/sheet`).set(as('expert1')).expect(403);
    const me = await t.http().get(`/api/tenders/${tenderId}/panel/me`).set(as('expert1')).expect(200);
    expect(me.body.bidders.map((b: { code: string }) => b.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
    await t.http().post(`/api/tenders/${tenderId}/panel/me/declaration`).set(as('expert1')).send({ conflict: false }).expect(200);
    await t.http().post(`/api/tenders/${tenderId}/panel/me/declaration`).set(as('expert2')).send({ conflict: false }).expect(200);
    const conflict = await t
      .http()
      .post(`/api/tenders/${tenderId}/panel/me/declaration`)
      .set(as('expert3'))
      .send({ conflict: true, note: '曾任投标人C顾问' })
      .expect(200);
    expect(conflict.body.declaration).toBe('conflict');
    await t.http().get(`/api/tenders/${tenderId}/lots/1/sheet`).set(as('expert3')).expect(403);
    await t.http().post(`/api/tenders/${tenderId}/panel/me/declaration`).set(as('expert1')).send({ conflict: true }).expect(409);
  });

  it('a sheet lists criteria × valid bids with objective points prefilled', async () => {
    const sheet = (await t.http().get(`/api/tenders/${tenderId}/lots/1/sheet`).set(as('expert1')).expect(200)).body;
    expect(sheet.bids.map((b: { bidder: string }) => b.bidder)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(sheet.criteria.find((c: { no: string }) => c.no === '1')).toBeUndefined();
    // Bidder A: 3 A-ratings → 3 points on criterion 2; solvency 205% → 2 on criterion 3.
    expect(sheet.bids[0].objective['2']).toBe('3');
    expect(sheet.bids[0].objective['3']).toBe('2');
    expect(sheet.bids[0].scores).toEqual({});
  });

  it('refuses scores above the max, off the 0.1 grid, or on objective criteria, naming each', async () => {
    const bid = bidIds['A|1'];
    const res = await t
      .http()
      .put(`/api/tenders/${tenderId}/lots/1/sheet/scores`)
      .set(as('expert1'))
      .send({
        scores: [
          { bidId: bid, criterionNo: '13', value: '5.1' },
          { bidId: bid, criterionNo: '14', value: '2.85' },
          { bidId: bid, criterionNo: '2', value: '1' },
        ],
      })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'scores[0].value',
      'scores[1].value',
      'scores[2].criterionNo',
    ]);
    const sheet = (await t.http().get(`/api/tenders/${tenderId}/lots/1/sheet`).set(as('expert1')).expect(200)).body;
    expect(sheet.bids[0].scores).toEqual({});
  });

  it('saves scores, never shows them to another expert, and refuses submitting an incomplete sheet', async () => {
    const all = scoresOf('E1', '1');
    await t
      .http()
      .put(`/api/tenders/${tenderId}/lots/1/sheet/scores`)
      .set(as('expert1'))
      .send({ scores: all.slice(0, 5) })
      .expect(200);
    const incomplete = await t.http().post(`/api/tenders/${tenderId}/lots/1/sheet/submit`).set(as('expert1')).expect(400);
    expect(incomplete.body.errors).toHaveLength(all.length - 5);
    await t.http().put(`/api/tenders/${tenderId}/lots/1/sheet/scores`).set(as('expert1')).send({ scores: all }).expect(200);
    const other = (await t.http().get(`/api/tenders/${tenderId}/lots/1/sheet`).set(as('expert2')).expect(200)).body;
    expect(other.bids.every((b: { scores: object }) => Object.keys(b.scores).length === 0)).toBe(true);
    await t.http().post(`/api/tenders/${tenderId}/lots/1/sheet/submit`).set(as('expert1')).expect(200);
    await t
      .http()
      .put(`/api/tenders/${tenderId}/lots/1/sheet/scores`)
      .set(as('expert1'))
      .send({ scores: all.slice(0, 1) })
      .expect(409);
  });

  const outliersOf = (sheet: { bids: { bidder: string; outliers: string[] }[] }) => sheet.bids.find((b) => b.bidder === 'A')!.outliers;

  it('shows no outlier flag while a sheet of the lot is out: no flag tells of the others’ mean', async () => {
    const e2 = scoresOf('E2', '1').map((s) => (s.criterionNo === '13' && s.bidId === bidIds['A|1'] ? { ...s, value: '0.5' } : s));
    const sheet = (await t.http().put(`/api/tenders/${tenderId}/lots/1/sheet/scores`).set(as('expert2')).send({ scores: e2 }).expect(200))
      .body;
    expect(outliersOf(sheet)).toEqual([]);
    const outliers = (await t.http().get(`/api/tenders/${tenderId}/lots/1/outliers`).set(as('clerk')).expect(200)).body;
    expect(outliers).toEqual({ lot: '1', complete: false, missing: ['E2'], outliers: [] });
  });

  it("hides a lot's results and outliers from experts until every sheet of it is in", async () => {
    await t.http().get(`/api/tenders/${tenderId}/results`).set(as('insurer')).expect(409);
    const before = (await t.http().get(`/api/tenders/${tenderId}/results`).set(as('expert1')).expect(200)).body;
    expect(before.lots.find((l: { no: string }) => l.no === '1').bids).toEqual([]);
    await t.http().post(`/api/tenders/${tenderId}/lots/1/sheet/submit`).set(as('expert2')).expect(200);
    const after = (await t.http().get(`/api/tenders/${tenderId}/results`).set(as('expert1')).expect(200)).body;
    expect(after.lots.find((l: { no: string }) => l.no === '1').bids).toHaveLength(5);
    // With two experts, each of two far-apart scores is far from the other's.
    const sheet = (await t.http().get(`/api/tenders/${tenderId}/lots/1/sheet`).set(as('expert2')).expect(200)).body;
    expect(outliersOf(sheet)).toEqual(['13']);
    const outliers = (await t.http().get(`/api/tenders/${tenderId}/lots/1/outliers`).set(as('expert1')).expect(200)).body;
    expect(outliers.complete).toBe(true);
    expect(
      outliers.outliers.map((o: { member: string; bidder: string; criterionNo: string }) => `${o.member} ${o.bidder} ${o.criterionNo}`),
    ).toEqual(['E1 A 13', 'E2 A 13']);
  });

  it('only the leader sends a sheet back, and the return is recorded', async () => {
    const panel = (await t.http().get(`/api/tenders/${tenderId}/panel`).set(as('clerk')).expect(200)).body;
    const e1 = panel.find((m: { code: string }) => m.code === 'E1');
    const e2 = panel.find((m: { code: string }) => m.code === 'E2');
    await t.http().post(`/api/tenders/${tenderId}/lots/1/sheets/${e1.id}/return`).set(as('expert2')).send({ reason: '请复核' }).expect(403);
    await t.http().post(`/api/tenders/${tenderId}/panel/${e2.id}/leader`).set(as('clerk')).expect(200);
    await t
      .http()
      .post(`/api/tenders/${tenderId}/lots/1/sheets/${e1.id}/return`)
      .set(as('expert2'))
      .send({ reason: '第13项评分请复核' })
      .expect(200);
    const e1Sheet = (await t.http().get(`/api/tenders/${tenderId}/lots/1/sheet`).set(as('expert1')).expect(200)).body;
    expect(e1Sheet.status).toBe('draft');
    const [returned] = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'sheet.return' });
    expect(returned.after).toMatchObject({ reason: '第13项评分请复核' });
    const revised = scoresOf('E1', '1').map((s) => (s.bidId === bidIds['A|1'] && s.criterionNo === '13' ? { ...s, value: '3.3' } : s));
    await t.http().put(`/api/tenders/${tenderId}/lots/1/sheet/scores`).set(as('expert1')).send({ scores: revised }).expect(200);
    await t.http().post(`/api/tenders/${tenderId}/lots/1/sheet/submit`).set(as('expert1')).expect(200);
  });

  it('records every score change with before and after', async () => {
    const rows = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'score.set' });
    const revision = rows.find((r) => r.before !== null)!;
    expect(revision.before).toEqual({ value: '2.8' });
    expect(revision.after).toMatchObject({ criterionNo: '13', value: '3.3' });
  });

  it('two experts submitting at once are both recorded; one sheet submitted twice at once locks once', async () => {
    const submit = (user: string) => t.http().post(`/api/tenders/${tenderId}/lots/2/sheet/submit`).set(as(user));
    const save = (user: string, code: string) =>
      t
        .http()
        .put(`/api/tenders/${tenderId}/lots/2/sheet/scores`)
        .set(as(user))
        .send({ scores: scoresOf(code, '2') });
    // The sheets are made by the first save, and both experts save at once.
    expect((await Promise.all([save('expert1', 'E1'), save('expert2', 'E2')])).map((r) => r.status)).toEqual([200, 200]);
    const [e1, e2, e1Again, lateSave] = await Promise.all([submit('expert1'), submit('expert2'), submit('expert1'), save('expert2', 'E2')]);
    expect(e2.status).toBe(200);
    expect([e1.status, e1Again.status].sort()).toEqual([200, 409]);
    expect([200, 409]).toContain(lateSave.status); // before or after the submit, never in between
    const submits = (await t.dataSource.getRepository(AuditEntry).findBy({ action: 'sheet.submit' })).filter(
      (a) => (a.after as { lot: string }).lot === '2',
    );
    expect(submits.map((a) => (a.after as { member: string }).member).sort()).toEqual(['E1', 'E2']);
    const results = (await t.http().get(`/api/tenders/${tenderId}/results`).set(as('expert1')).expect(200)).body;
    expect(results.lots.find((l: { no: string }) => l.no === '2').bids.length).toBeGreaterThan(0);
  });

  it('procurement previews freely, confirms once, and a declining winner passes the lot on', async () => {
    for (const lot of ['3']) {
      for (const [user, code] of [
        ['expert1', 'E1'],
        ['expert2', 'E2'],
      ]) {
        await t
          .http()
          .put(`/api/tenders/${tenderId}/lots/${lot}/sheet/scores`)
          .set(as(user))
          .send({ scores: scoresOf(code, lot) })
          .expect(200);
        await t.http().post(`/api/tenders/${tenderId}/lots/${lot}/sheet/submit`).set(as(user)).expect(200);
      }
    }
    await t.http().post(`/api/tenders/${tenderId}/evaluation`).set(as('expert1')).expect(403);
    // Lot 1's outliers (E1 revised to 3.3, E2 kept 0.5) hold the award until the panel decides on them.
    const held = await t.http().post(`/api/tenders/${tenderId}/evaluation/confirm`).set(as('clerk')).expect(409);
    expect(held.body).toMatchObject({ code: 'outliersUnresolved', params: { lot: '1', count: 2 } });
    const panel = (await t.http().get(`/api/tenders/${tenderId}/panel`).set(as('clerk')).expect(200)).body;
    for (const code of ['E1', 'E2']) {
      const panelMemberId = panel.find((m: { code: string }) => m.code === code).id;
      await t
        .http()
        .post(`/api/tenders/${tenderId}/lots/1/outlier-decisions`)
        .set(as('expert2'))
        .send({ panelMemberId, bidId: bidIds['A|1'], criterionNo: '13', decision: '经评标委员会多数表决，维持原评分' })
        .expect(201);
    }
    const preview = (await t.http().post(`/api/tenders/${tenderId}/evaluation`).set(as('clerk')).expect(200)).body;
    expect(preview.errors).toEqual([]);
    const again = (await t.http().post(`/api/tenders/${tenderId}/evaluation`).set(as('clerk')).expect(200)).body;
    expect(again).toEqual(preview);
    const confirmed = (await t.http().post(`/api/tenders/${tenderId}/evaluation/confirm`).set(as('clerk')).expect(200)).body;
    await t.http().post(`/api/tenders/${tenderId}/evaluation/confirm`).set(as('clerk')).expect(409);
    const [w1, w2] = confirmed.lots.map((l: { winner: string }) => l.winner);
    await t
      .http()
      .post(`/api/tenders/${tenderId}/lots/1/cancellations`)
      .set(as('clerk'))
      .send({ bidder: w2 === w1 ? 'Z' : 'Z', kind: 'declined', reason: 'x' })
      .expect(409);
    const after = (
      await t
        .http()
        .post(`/api/tenders/${tenderId}/lots/1/cancellations`)
        .set(as('clerk'))
        .send({ bidder: w1, kind: 'declined', reason: '中标人书面放弃' })
        .expect(200)
    ).body;
    const lot1 = after.lots.find((l: { no: string }) => l.no === '1');
    expect(lot1.winner).not.toBe(w1);
    expect(lot1.awardChain.map((e: { event: string }) => e.event)).toEqual(['won', 'declined', 'won']);
    const status = await t.dataSource.query('SELECT status FROM tenders WHERE id = ?', [tenderId]);
    expect(status[0].status).toBe('awarded');
    const stored = (await t.http().get(`/api/tenders/${tenderId}/results`).set(as('bureau')).expect(200)).body;
    expect(stored).toEqual(after);
  });

  it('an insurer sees only its own bids in the results', async () => {
    const res = (await t.http().get(`/api/tenders/${tenderId}/results`).set(as('insurer')).expect(200)).body;
    for (const lot of res.lots) expect(lot.bids.every((b: { bidder: string }) => b.bidder === 'A')).toBe(true);
  });
});
