import { loadExampleDossier } from '../../test/example-dossier';
import { startApp, TestApp } from '../../test/harness';
import { as } from '../../test/tenders-fixture';
import { awardConfirmedAgo } from '../../test/award-age';
import { Contract } from '../contracts/contract.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Tender } from '../tenders/tender.entity';

jest.setTimeout(120_000);

/**
 * Issue 12 items 2 and 3, tried as an attacker would, on the example tender (five experts, every sheet
 * submitted): an expert who has not declared, or declared a conflict, reads nothing of the bids, scores
 * or results; an expert probing the outlier flag learns nothing before every sheet is in; the award
 * waits for every sheet and every flag resolved; a confirmed award locks the sheets, and only procurement's
 * re-evaluation (重新评审), with a reason, reopens a lot and keeps the old award in the history.
 */
describe('integrity of the panel and the award', () => {
  let t: TestApp;
  let id: number;
  const tokens: Record<string, string> = {};
  const by = (user: string) => as(tokens[user]);
  const get = (path: string, user: string) => t.http().get(`/api/tenders/${id}${path}`).set(by(user));
  const post = (path: string, user: string, body: object = {}) => t.http().post(`/api/tenders/${id}${path}`).set(by(user)).send(body);
  const put = (path: string, user: string, body: object) => t.http().put(`/api/tenders/${id}${path}`).set(by(user)).send(body);
  let members: Record<string, number>;
  let bidA1: number;
  const e3Scores = () => {
    const example = loadExampleDossier();
    return (example.scores ?? [])
      .filter((s) => s.expert === 'E3' && s.lot === '1')
      .map((s) => ({ bidId: bidIds[s.bidder], criterionNo: s.criterion, value: String(s.value) }));
  };
  let bidIds: Record<string, number>;
  let drawnForLot1: number;

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['clerk', 'bureau', 'insurer', 'expert1', 'expert2', 'expert3', 'expert4', 'expert5']) tokens[u] = await t.login(u);
    const dossier = loadExampleDossier();
    dossier.tender.code = 'INTEG-1';
    id = (await t.http().post('/api/dossiers').set(by('clerk')).send(dossier).expect(201)).body.tenderId;
    const panel = (await get('/panel', 'clerk').expect(200)).body as { id: number; code: string }[];
    members = Object.fromEntries(panel.map((m) => [m.code, m.id]));
    const rows: { id: number; code: string }[] = await t.dataSource.query(
      'SELECT b.id AS id, r.code AS code FROM bids b JOIN bidders r ON r.id = b.bidderId JOIN lots l ON l.id = b.lotId WHERE b.tenderId = ? AND l.no = ?',
      [id, '1'],
    );
    bidIds = Object.fromEntries(rows.map((r) => [r.code, Number(r.id)]));
    bidA1 = bidIds.A;
  });
  afterAll(() => t.close());

  describe('recusal (回避)', () => {
    const reads = ['', '/bids', '/results', '/lots/1/sheet', '/lots/1/outliers'];

    it('an expert who has not declared reads nothing of the tender: 403 declarationRequired', async () => {
      for (const path of reads) {
        const res = await get(path, 'expert1').expect(403);
        expect([path, res.body.code]).toEqual([path, 'declarationRequired']);
      }
    });

    it('an expert who declared a conflict reads nothing of it either: 403 recused', async () => {
      await post('/panel/me/declaration', 'expert2', { conflict: true, note: '曾任投标人B顾问' }).expect(200);
      for (const path of reads) {
        const res = await get(path, 'expert2').expect(403);
        expect([path, res.body.code]).toEqual([path, 'recused']);
      }
    });

    it('after a no-conflict declaration the expert reads the bids and results', async () => {
      for (const u of ['expert1', 'expert3', 'expert4', 'expert5']) await post('/panel/me/declaration', u, { conflict: false }).expect(200);
      expect((await get('/bids', 'expert1').expect(200)).body.length).toBeGreaterThan(0);
      await get('/results', 'expert1').expect(200);
    });
  });

  describe('outliers (畸高畸低) and what the award waits for', () => {
    it('the leader returns a sheet; while it is out nothing is flagged, however its expert probes', async () => {
      await post(`/panel/${members.E1}/leader`, 'clerk').expect(200);
      await post(`/lots/1/sheets/${members.E3}/return`, 'expert1', { reason: '请复核第13项' }).expect(200);
      for (const value of ['0.5', '1.4', '1.5', '4.2', '5']) {
        const scores = e3Scores().map((s) => (s.bidId === bidA1 && s.criterionNo === '13' ? { ...s, value } : s));
        const sheet = (await put('/lots/1/sheet/scores', 'expert3', { scores }).expect(200)).body;
        expect(sheet.bids.flatMap((b: { outliers: string[] }) => b.outliers)).toEqual([]);
      }
      const own = (await get('/lots/1/sheet', 'expert1').expect(200)).body;
      expect(own.bids.flatMap((b: { outliers: string[] }) => b.outliers)).toEqual([]);
      expect((await get('/lots/1/outliers', 'expert1').expect(200)).body).toMatchObject({ complete: false, missing: ['E3'], outliers: [] });
    });

    it('confirming waits for every sheet: 409 sheetsMissing', async () => {
      const res = await post('/evaluation/confirm', 'clerk').expect(409);
      expect(res.body).toMatchObject({ code: 'sheetsMissing', params: { lot: '1', values: ['E3'] } });
      expect(await t.dataSource.getRepository(Tender).findOneByOrFail({ id })).toMatchObject({ status: 'evaluation' });
    });

    it('a decision before every sheet is in is refused: 409 outliersPending', async () => {
      const decision = { panelMemberId: members.E3, bidId: bidA1, criterionNo: '13', decision: '维持原评分' };
      expect((await post('/lots/1/outlier-decisions', 'expert1', decision).expect(409)).body.code).toBe('outliersPending');
    });

    it('once every sheet is in, the flag shows and holds the award: 409 outliersUnresolved', async () => {
      const scores = e3Scores().map((s) => (s.bidId === bidA1 && s.criterionNo === '13' ? { ...s, value: '0.5' } : s));
      await put('/lots/1/sheet/scores', 'expert3', { scores }).expect(200);
      await post('/lots/1/sheet/submit', 'expert3').expect(200);
      const sheet = (await get('/lots/1/sheet', 'expert3').expect(200)).body;
      expect(sheet.bids.find((b: { bidId: number }) => b.bidId === bidA1).outliers).toEqual(['13']);
      const listed = (await get('/lots/1/outliers', 'clerk').expect(200)).body;
      expect(listed.outliers).toEqual([
        expect.objectContaining({ member: 'E3', bidder: 'A', criterionNo: '13', value: '0.5', decision: null }),
      ]);
      expect(Number(listed.outliers[0].othersMean)).toBeCloseTo(8.6 / 3, 6); // E1 2.8, E4 2.9, E5 2.9 (E2 recused)
      const res = await post('/evaluation/confirm', 'clerk').expect(409);
      expect(res.body).toMatchObject({ code: 'outliersUnresolved', params: { lot: '1', count: 1 } });
    });

    it('only the leader records the panel’s decision, and only on a flagged score; then the award goes through', async () => {
      const decision = { panelMemberId: members.E3, bidId: bidA1, criterionNo: '13', decision: '经评标委员会多数表决，维持原评分' };
      await post('/lots/1/outlier-decisions', 'expert3', decision).expect(403);
      await post('/lots/1/outlier-decisions', 'expert2', decision).expect(403);
      const notFlagged = await post('/lots/1/outlier-decisions', 'expert1', { ...decision, criterionNo: '14' }).expect(409);
      expect(notFlagged.body.code).toBe('notAnOutlier');
      await post('/lots/1/outlier-decisions', 'expert1', decision).expect(201);
      const listed = (await get('/lots/1/outliers', 'clerk').expect(200)).body;
      expect(listed.outliers[0].decision).toMatchObject({ decision: decision.decision, decidedBy: 'expert1' });
      const audited = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'score.outlier-decision' });
      expect(audited.map((a) => a.after)).toEqual([expect.objectContaining({ lot: '1', value: '0.5', decision: decision.decision })]);
      await post('/evaluation/confirm', 'clerk').expect(200);
    });
  });

  describe('after the award', () => {
    let confirmed: unknown;

    it('sheets cannot be returned nor scores changed or submitted: 409 awardConfirmed, and the award stands', async () => {
      confirmed = (await get('/results', 'bureau').expect(200)).body;
      const returned = await post(`/lots/1/sheets/${members.E4}/return`, 'expert1', { reason: '定标后再改' }).expect(409);
      expect(returned.body.code).toBe('awardConfirmed');
      const scores = e3Scores().map((s) => ({ ...s, value: '1' }));
      expect((await put('/lots/1/sheet/scores', 'expert3', { scores }).expect(409)).body.code).toBe('awardConfirmed');
      expect((await post('/lots/1/sheet/submit', 'expert3').expect(409)).body.code).toBe('awardConfirmed');
      const decision = { panelMemberId: members.E3, bidId: bidA1, criterionNo: '13', decision: 'x' };
      expect((await post('/lots/1/outlier-decisions', 'expert1', decision).expect(409)).body.code).toBe('awardConfirmed');
      expect((await get('/results', 'bureau').expect(200)).body).toEqual(confirmed);
      const sheets: { status: string }[] = await t.dataSource.query('SELECT status FROM score_sheets WHERE tenderId = ?', [id]);
      expect(new Set(sheets.map((s) => s.status))).toEqual(new Set(['submitted']));
    });

    it('only procurement re-evaluates, with a reason', async () => {
      for (const u of ['expert1', 'insurer', 'bureau']) await post('/lots/1/reevaluation', u, { reason: '质疑成立' }).expect(403);
      const noReason = await post('/lots/1/reevaluation', 'clerk', {}).expect(400);
      expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
      await post('/lots/9/reevaluation', 'clerk', { reason: '质疑成立' }).expect(404);
    });

    it('a signed contract holds its lot (409 contractSigned); a draft is withdrawn with the award it was drawn for', async () => {
      await awardConfirmedAgo(t, id);
      const draw = async (lot: string) =>
        (
          await t
            .http()
            .post(`/api/tenders/${id}/lots/${lot}/contracts`)
            .set(by('bureau'))
            .send({ year: 2023, scheduleTemplate: 'ningbo' })
            .expect(201)
        ).body as { id: number };
      const signed = await draw('2');
      await t.http().patch(`/api/contracts/${signed.id}`).set(by('bureau')).send({ version: 1, population: 1000000 }).expect(200);
      await t.http().patch(`/api/contracts/${signed.id}`).set(by('bureau')).send({ version: 2, status: 'signed' }).expect(200);
      const refused = await post('/lots/2/reevaluation', 'clerk', { reason: '质疑成立' }).expect(409);
      expect(refused.body).toMatchObject({ code: 'contractSigned', params: { lot: '2', values: ['2023'] } });
      expect(await t.dataSource.getRepository(Tender).findOneByOrFail({ id })).toMatchObject({ status: 'awarded' });
      drawnForLot1 = (await draw('1')).id;
    });

    it('a re-evaluation reopens the lot, keeps the old award in the history and is audited', async () => {
      const reason = '质疑成立：第13项评分依据不足，重新评审';
      const history = (await post('/lots/1/reevaluation', 'clerk', { reason }).expect(200)).body;
      expect(history).toEqual([
        expect.objectContaining({
          round: 1,
          lot: '1',
          reason,
          reopenedBy: 'clerk',
          confirmedBy: 'clerk',
          results: confirmed,
          cancellations: [],
        }),
      ]);
      expect((await get('/results/history', 'bureau').expect(200)).body).toEqual(history);
      await get('/results/history', 'insurer').expect(403);
      expect(await t.dataSource.getRepository(Tender).findOneByOrFail({ id })).toMatchObject({ status: 'evaluation' });
      const panel = (await get('/panel', 'clerk').expect(200)).body as { code: string; sheets: { lot: string; status: string }[] }[];
      const e4 = panel.find((m) => m.code === 'E4')!.sheets;
      expect(e4).toEqual([
        { lot: '1', status: 'draft' },
        { lot: '2', status: 'submitted' },
        { lot: '3', status: 'submitted' },
      ]);
      // Bidders see no result while the lot is re-evaluated.
      await get('/results', 'insurer').expect(409);
      const [entry] = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'tender.reevaluate', entityId: String(id) });
      expect(entry).toMatchObject({
        actorName: 'clerk',
        before: { status: 'awarded' },
        after: { status: 'evaluation', lot: '1', reason, round: 1 },
      });
      const withdrawn = await t.dataSource.getRepository(Contract).findOneByOrFail({ id: drawnForLot1 });
      expect(withdrawn.status).toBe('terminated');
      const [termination] = await t.dataSource
        .getRepository(AuditEntry)
        .findBy({ action: 'contract.terminate', entityId: String(drawnForLot1) });
      expect(termination).toMatchObject({
        actorName: 'clerk',
        before: { status: 'draft' },
        after: { status: 'terminated', reason, reevaluation: true },
      });
      const again = await post('/lots/1/reevaluation', 'clerk', { reason }).expect(409);
      expect(again.body).toMatchObject({ code: 'lifecycle.not-allowed', params: { state: 'evaluation', event: 'reevaluate' } });
    });

    it('the panel scores the lot again and the new award is confirmed and served, the old one kept', async () => {
      await post('/evaluation/confirm', 'clerk').expect(409);
      const scores = e3Scores().map((s) => (s.bidId === bidA1 && s.criterionNo === '13' ? { ...s, value: '2.9' } : s));
      await put('/lots/1/sheet/scores', 'expert3', { scores }).expect(200);
      for (const u of ['expert1', 'expert3', 'expert4', 'expert5']) await post('/lots/1/sheet/submit', u).expect(200);
      const reconfirmed = (await post('/evaluation/confirm', 'clerk').expect(200)).body;
      expect(reconfirmed).not.toEqual(confirmed);
      // Served as confirmed, with the contracts part of an awarded tender: lot 2's signed contract, and not
      // lot 1's draft, withdrawn with the award it was drawn for.
      const { contracts, ...served } = (await get('/results', 'bureau').expect(200)).body as { contracts: { lot: string }[] };
      expect(served).toEqual(reconfirmed);
      expect(contracts.map((c) => c.lot)).toEqual(['2']);
      expect((await get('/results/history', 'clerk').expect(200)).body.map((h: { round: number }) => h.round)).toEqual([1]);
    });
  });
});
