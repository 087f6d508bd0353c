import { loadExampleDossier } from '../../test/example-dossier';
import { startApp, TestApp } from '../../test/harness';
import { as, schedule, setUpTender, tenderFields } from '../../test/tenders-fixture';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Organization } from '../users/organization.entity';
import { Tender } from './tender.entity';

// Each test sets tenders up through the API, request by request, on a machine shared with other suites.
jest.setTimeout(60_000);

const STALE = '该记录已被他人修改，请刷新后重试 / changed by someone else: reload and retry';
const when = schedule(2090);
const paths = (res: { body: { errors: { path: string }[] } }) => res.body.errors.map((e) => e.path);

describe('tenders, lots and scoring schemes', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let codes = 0;
  const code = () => `T-SETUP-${++codes}`;
  const post = (path: string, body: unknown, user = 'clerk') =>
    t
      .http()
      .post(path)
      .set(as(tokens[user]))
      .send(body as object);
  const patch = (path: string, body: unknown, user = 'clerk') =>
    t
      .http()
      .patch(path)
      .set(as(tokens[user]))
      .send(body as object);
  const newDraft = async () => (await post('/api/tenders', tenderFields(code(), when)).expect(201)).body;
  const lastAudit = async () => (await t.dataSource.getRepository(AuditEntry).find({ order: { id: 'DESC' }, take: 1 }))[0];

  beforeAll(async () => {
    t = await startApp();
    const users = ['clerk', 'admin', 'bureau', 'expert1', 'insurer'];
    (await Promise.all(users.map((u) => t.login(u)))).forEach((token, i) => (tokens[users[i]] = token));
  });
  afterAll(() => t.close());

  describe('POST /api/tenders', () => {
    it('creates a draft with every field of the dossier tender, and audits it', async () => {
      const fields = tenderFields(code(), when);
      const res = await post('/api/tenders', fields).expect(201);
      const buyer = await t.dataSource.getRepository(Organization).findOneByOrFail({ code: 'NBYBJ' });
      expect(res.body).toEqual({
        id: expect.any(Number),
        ...fields,
        // The purchaser's name is the demo bureau organisation's: the tender is its buyer's.
        buyerOrganizationId: buyer.id,
        oneBranchPerGroup: false,
        consortiaAllowed: false,
        publishScores: false,
        challengeDays: 7,
        bidSubmission: 'electronic',
        openingConfirmMinutes: 30,
        status: 'draft',
        version: 1,
        lots: [],
        schemes: [],
        bidders: [],
        // Opened on 1 March 2090 with 90 days' validity; no warning before the opening.
        validity: { endsOn: '2090-05-30', warning: null },
      });
      expect(await lastAudit()).toMatchObject({
        action: 'tender.create',
        entityType: 'tender',
        entityId: String(res.body.id),
        actorName: 'clerk',
      });
    });

    it('links the tender to the bureau organisation its purchaser names, and moves it with the purchaser', async () => {
      const orgs = t.dataSource.getRepository(Organization);
      const ningbo = await orgs.findOneByOrFail({ code: 'NBYBJ' });
      const hz = await orgs.save(orgs.create({ code: 'HZYBJ', name: '杭州市医疗保障局', kind: 'bureau' }));
      // An insurer of the purchaser's name is no buyer.
      const insurer = await orgs.findOneByOrFail({ code: 'A' });
      const created = (await post('/api/tenders', { ...tenderFields(code(), when), purchaser: insurer.name }).expect(201)).body;
      expect(created.buyerOrganizationId).toBeNull();
      const moved = (await patch(`/api/tenders/${created.id}`, { version: 1, purchaser: hz.name }).expect(200)).body;
      expect(moved.buyerOrganizationId).toBe(hz.id);
      const renamed = (await patch(`/api/tenders/${created.id}`, { version: 2, name: '改名' }).expect(200)).body;
      expect(renamed.buyerOrganizationId).toBe(hz.id);
      const back = (await patch(`/api/tenders/${created.id}`, { version: 3, purchaser: ningbo.name }).expect(200)).body;
      expect(back.buyerOrganizationId).toBe(ningbo.id);
    });

    it('fills the format defaults for the optional fields', async () => {
      const { priceBasis, smeDeduction, abnormalLowRatio, outlierRatio, trimExtremes, scoreDecimals, tieBreakers, ...required } =
        tenderFields(code(), when);
      const res = await post('/api/tenders', required).expect(201);
      expect(res.body).toMatchObject({
        priceBasis: 'service',
        smeDeduction: '0.20',
        abnormalLowRatio: '0.50',
        outlierRatio: '0.30',
        trimExtremes: false,
        scoreDecimals: 2,
        tieBreakers: ['price', 'draw'],
      });
    });

    it('names every bad field, bilingually, and saves nothing', async () => {
      const before = await t.dataSource.getRepository(Tender).count();
      const { code: _, ...noCode } = tenderFields('x', when);
      const body = {
        ...noCode,
        priceWeight: '150',
        bidDeadline: 'tomorrow',
        awardRule: 'lottery',
        minQualifiedBidders: 0,
        smeDeduction: '1',
        tieBreakers: ['price', 'coin'],
        colour: 'red',
      };
      const res = await post('/api/tenders', body).expect(400);
      expect(res.body.message).toBe('输入有误 / invalid input');
      expect(paths(res).sort()).toEqual(
        ['awardRule', 'bidDeadline', 'code', 'colour', 'minQualifiedBidders', 'priceWeight', 'smeDeduction', 'tieBreakers[1]'].sort(),
      );
      for (const e of res.body.errors) expect(e.message).toMatch(/[\u4e00-\u9fff].*|.*[\u4e00-\u9fff]/);
      expect(await t.dataSource.getRepository(Tender).count()).toBe(before);
    });

    it('refuses an opening before the deadline, a non-object body and a duplicate code', async () => {
      const early = { ...tenderFields(code(), when), openingTime: '2090-03-01T09:00:00+08:00' };
      expect(paths(await post('/api/tenders', early).expect(400))).toEqual(['openingTime']);
      expect(paths(await post('/api/tenders', [1, 2]).expect(400))).toEqual(['$']);
      const draft = await newDraft();
      expect(paths(await post('/api/tenders', tenderFields(draft.code, when)).expect(400))).toEqual(['code']);
    });

    it('is the procurement centre’s: 401 without a token, 403 for every other role', async () => {
      await t.http().post('/api/tenders').send(tenderFields(code(), when)).expect(401);
      for (const user of ['admin', 'bureau', 'expert1', 'insurer'])
        await post('/api/tenders', tenderFields(code(), when), user).expect(403);
    });
  });

  describe('PATCH /api/tenders/:id', () => {
    it('changes a draft under the version read, and audits before and after', async () => {
      const draft = await newDraft();
      const res = await patch(`/api/tenders/${draft.id}`, { version: 1, name: '新名称', priceWeight: '30' }).expect(200);
      expect(res.body).toMatchObject({ name: '新名称', priceWeight: '30', version: 2 });
      expect(await lastAudit()).toMatchObject({
        action: 'tender.update',
        before: { name: draft.name, priceWeight: '10' },
        after: { name: '新名称', priceWeight: '30' },
      });
    });

    it('refuses a stale version with 409, and a missing one with 400', async () => {
      const draft = await newDraft();
      await patch(`/api/tenders/${draft.id}`, { version: 1, name: 'first' }).expect(200);
      const stale = await patch(`/api/tenders/${draft.id}`, { version: 1, name: 'second' }).expect(409);
      expect(stale.body.message).toBe(STALE);
      expect(paths(await patch(`/api/tenders/${draft.id}`, { name: 'third' }).expect(400))).toEqual(['version']);
      expect((await t.http().get(`/api/tenders/${draft.id}`).set(as(tokens.clerk))).body.name).toBe('first');
    });

    it('validates the tender as changed, by field', async () => {
      const draft = await newDraft();
      const res = await patch(`/api/tenders/${draft.id}`, {
        version: 1,
        openingTime: '2090-02-01T10:00:00+08:00',
        scoreDecimals: 11,
      }).expect(400);
      expect(paths(res).sort()).toEqual(['openingTime', 'scoreDecimals']);
      expect(paths(await patch(`/api/tenders/${draft.id}`, { version: 1, nickname: 'x' }).expect(400))).toEqual(['nickname']);
    });

    it('once published, allows only the description and the schedule, with a deadline still ahead', async () => {
      const id = await setUpTender(t, tokens.clerk, code(), when);
      const { version } = (await t.http().get(`/api/tenders/${id}`).set(as(tokens.clerk))).body;
      const later = schedule(2091);
      const ok = await patch(`/api/tenders/${id}`, {
        version,
        name: '延期',
        bidDeadline: later.bidDeadline,
        openingTime: later.openingTime,
      }).expect(200);
      expect(ok.body).toMatchObject({ status: 'published', name: '延期', bidDeadline: later.bidDeadline });
      const fixed = await patch(`/api/tenders/${id}`, {
        version: ok.body.version,
        priceWeight: '30',
        awardRule: 'independent',
        bidDeadline: '2020-01-01T09:00:00+08:00',
      }).expect(400);
      expect(paths(fixed).sort()).toEqual(['awardRule', 'bidDeadline', 'priceWeight']);
    });

    it('is the procurement centre’s', async () => {
      const draft = await newDraft();
      await t.http().patch(`/api/tenders/${draft.id}`).send({ version: 1 }).expect(401);
      for (const user of ['admin', 'bureau', 'expert1', 'insurer'])
        await patch(`/api/tenders/${draft.id}`, { version: 1, name: 'x' }, user).expect(403);
    });
  });

  describe('lots and schemes', () => {
    const example = loadExampleDossier();
    const [lot1, lot2] = example.lots;
    const [scheme1, scheme23] = example.schemes;

    it('adds schemes and lots to a draft and shows them in the detail', async () => {
      const draft = await newDraft();
      const scheme = await post(`/api/tenders/${draft.id}/schemes`, scheme1).expect(201);
      expect(scheme.body).toEqual({ id: expect.any(Number), ...scheme1 });
      const lot = await post(`/api/tenders/${draft.id}/lots`, lot1).expect(201);
      expect(lot.body).toEqual({ id: expect.any(Number), ...lot1, status: 'pending', statusReason: null, version: 1, bidCount: 0 });
      const detail = await t.http().get(`/api/tenders/${draft.id}`).set(as(tokens.clerk)).expect(200);
      expect(detail.body.lots).toEqual([lot.body]);
      expect(detail.body.schemes).toEqual([scheme.body]);
    });

    it('validates a scheme as an import does, with paths inside the criteria', async () => {
      const draft = await newDraft();
      const criteria = structuredClone(scheme1.criteria) as any[];
      delete criteria[1].rule.cap; // perUnit without a cap has no maximum
      criteria[2].rule.bands[0].points = '3'; // solvency bands can award 3 of a 2-point criterion
      criteria[0].max = '20'; // the price criterion must carry the price weight (10)
      criteria[4].kind = 'guess';
      const res = await post(`/api/tenders/${draft.id}/schemes`, { code: 'BAD', name: 'bad', criteria }).expect(400);
      expect(paths(res).sort()).toEqual(['criteria[0].max', 'criteria[1].rule.cap', 'criteria[2].rule', 'criteria[4].kind'].sort());
      await post(`/api/tenders/${draft.id}/schemes`, scheme1).expect(201);
      expect(paths(await post(`/api/tenders/${draft.id}/schemes`, scheme1).expect(400))).toEqual(['code']);
    });

    it('validates a lot: amounts, its scheme, and numbers and orders taken', async () => {
      const draft = await newDraft();
      await post(`/api/tenders/${draft.id}/schemes`, scheme23).expect(201);
      const bad = { ...lot2, maxUnitPrice: '0', maxBudget: 2750000, scheme: 'NOPE', fixedComponents: [{ name: '绩效考核', amount: '-1' }] };
      const res = await post(`/api/tenders/${draft.id}/lots`, bad).expect(400);
      expect(paths(res).sort()).toEqual(['fixedComponents[0].amount', 'maxBudget', 'maxUnitPrice', 'scheme']);
      await post(`/api/tenders/${draft.id}/lots`, lot2).expect(201);
      const clash = await post(`/api/tenders/${draft.id}/lots`, { ...lot2, name: 'again' }).expect(400);
      expect(paths(clash)).toEqual(['no', 'evaluationOrder']);
    });

    it('changes a lot under its version', async () => {
      const draft = await newDraft();
      await post(`/api/tenders/${draft.id}/schemes`, scheme23).expect(201);
      const lot = (await post(`/api/tenders/${draft.id}/lots`, lot2).expect(201)).body;
      const res = await patch(`/api/tenders/${draft.id}/lots/${lot.id}`, { version: 1, maxUnitPrice: '1.25', minStaff: 18 }).expect(200);
      expect(res.body).toMatchObject({ maxUnitPrice: '1.25', minStaff: 18, version: 2 });
      expect(await lastAudit()).toMatchObject({
        action: 'lot.update',
        before: { maxUnitPrice: '1.23', minStaff: 17 },
        after: { maxUnitPrice: '1.25', minStaff: 18 },
      });
      expect((await patch(`/api/tenders/${draft.id}/lots/${lot.id}`, { version: 1, name: 'x' }).expect(409)).body.message).toBe(STALE);
      expect(paths(await patch(`/api/tenders/${draft.id}/lots/${lot.id}`, { version: 2, basePopulation: -5 }).expect(400))).toEqual([
        'basePopulation',
      ]);
      await patch(`/api/tenders/${draft.id}/lots/999999`, { version: 1 }).expect(404);
    });

    it('two clerks saving the same lot at once: one change lands, the other gets 409 and changes nothing', async () => {
      const second = 'clerk2';
      await post(
        '/api/users',
        { username: second, displayName: '第二采购员', password: 'Strong#Pass1', role: 'procurement' },
        'admin',
      ).expect(201);
      tokens[second] = await t.login(second, 'Strong#Pass1');
      const draft = await newDraft();
      await post(`/api/tenders/${draft.id}/schemes`, scheme23).expect(201);
      const lot = (await post(`/api/tenders/${draft.id}/lots`, lot2).expect(201)).body;
      const [a, b] = await Promise.all([
        patch(`/api/tenders/${draft.id}/lots/${lot.id}`, { version: 1, maxUnitPrice: '1.20' }),
        patch(`/api/tenders/${draft.id}/lots/${lot.id}`, { version: 1, maxUnitPrice: '1.21' }, second),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [won, lost] = a.status === 200 ? [a, b] : [b, a];
      expect(lost.body.message).toBe(STALE);
      const stored = (await t.http().get(`/api/tenders/${draft.id}`).set(as(tokens.clerk))).body.lots[0];
      expect(stored).toMatchObject({ maxUnitPrice: won.body.maxUnitPrice, version: 2 });
      const updates = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'lot.update', entityId: String(lot.id) });
      expect(updates).toHaveLength(1);
    });

    it('are fixed once the tender is published', async () => {
      const id = await setUpTender(t, tokens.clerk, code(), when);
      const detail = (await t.http().get(`/api/tenders/${id}`).set(as(tokens.clerk))).body;
      await post(`/api/tenders/${id}/lots`, { ...lot1, no: '9', evaluationOrder: 9 }).expect(409);
      await patch(`/api/tenders/${id}/lots/${detail.lots[0].id}`, { version: 1, name: 'x' }).expect(409);
      await post(`/api/tenders/${id}/schemes`, { ...scheme1, code: 'NEW' }).expect(409);
    });

    it('are the procurement centre’s', async () => {
      const draft = await newDraft();
      await t.http().post(`/api/tenders/${draft.id}/lots`).send(lot1).expect(401);
      await t.http().post(`/api/tenders/${draft.id}/schemes`).send(scheme1).expect(401);
      await t.http().patch(`/api/tenders/${draft.id}/lots/1`).send({ version: 1 }).expect(401);
      for (const user of ['admin', 'bureau', 'expert1', 'insurer']) {
        await post(`/api/tenders/${draft.id}/lots`, lot1, user).expect(403);
        await post(`/api/tenders/${draft.id}/schemes`, scheme1, user).expect(403);
        await patch(`/api/tenders/${draft.id}/lots/1`, { version: 1 }, user).expect(403);
      }
    });
  });

  describe('POST /api/tenders/:id/publish', () => {
    it('checks the whole tender as an import would, naming dossier paths', async () => {
      const draft = await newDraft();
      const res = await post(`/api/tenders/${draft.id}/publish`, {}).expect(400);
      expect(paths(res)).toEqual(expect.arrayContaining(['schemes', 'lots']));
      // A category tie-breaker is checked once the schemes are there.
      await patch(`/api/tenders/${draft.id}`, { version: 1, tieBreakers: ['price', { category: '不存在' }] }).expect(200);
      await post(`/api/tenders/${draft.id}/schemes`, loadExampleDossier().schemes[0]).expect(201);
      expect(paths(await post(`/api/tenders/${draft.id}/publish`, {}).expect(400))).toEqual(
        expect.arrayContaining(['tender.tieBreakers[1].category', 'lots']),
      );
    });

    it('refuses a deadline already passed', async () => {
      const past = schedule(2020);
      const id = await setUpTender(t, tokens.clerk, code(), past, { publish: false });
      expect(paths(await post(`/api/tenders/${id}/publish`, {}).expect(400))).toEqual(['tender.bidDeadline']);
    });

    it('publishes a complete draft once, audited', async () => {
      const id = await setUpTender(t, tokens.clerk, code(), when, { publish: false });
      const res = await post(`/api/tenders/${id}/publish`, {}).expect(200);
      expect(res.body).toMatchObject({ id, status: 'published', version: 2 });
      expect(res.body.lots.map((l: { no: string }) => l.no)).toEqual(['1', '2', '3']);
      expect(await lastAudit()).toMatchObject({
        action: 'tender.publish',
        actorName: 'clerk',
        before: { status: 'draft' },
        after: { status: 'published' },
      });
      await post(`/api/tenders/${id}/publish`, {}).expect(409);
    });

    it('is the procurement centre’s', async () => {
      const draft = await newDraft();
      await t.http().post(`/api/tenders/${draft.id}/publish`).expect(401);
      await t.http().post(`/api/tenders/${draft.id}/advance-to-review`).expect(401);
      for (const user of ['admin', 'bureau', 'expert1', 'insurer']) {
        await post(`/api/tenders/${draft.id}/publish`, {}, user).expect(403);
        await post(`/api/tenders/${draft.id}/advance-to-review`, {}, user).expect(403);
      }
    });
  });

  describe('GET /api/tenders and /api/tenders/:id', () => {
    it('lists every tender for procurement, bureau and admin, with lot and bid counts', async () => {
      const id = await setUpTender(t, tokens.clerk, code(), when);
      for (const user of ['clerk', 'bureau', 'admin']) {
        const list = (await t.http().get('/api/tenders').set(as(tokens[user])).expect(200)).body;
        expect(list.find((x: { id: number }) => x.id === id)).toEqual({
          id,
          code: expect.any(String),
          name: expect.any(String),
          purchaser: '宁波市医疗保障局',
          agency: '宁波市政府采购中心',
          status: 'published',
          bidDeadline: when.bidDeadline,
          openingTime: when.openingTime,
          awardRule: 'sequential-exclusive',
          lotCount: 3,
          bidCount: 0,
        });
        await t.http().get(`/api/tenders/${id}`).set(as(tokens[user])).expect(200);
      }
    });

    it('hides a tender from an insurer that is not one of its bidders (404) and from an expert off its panel (403)', async () => {
      const id = await setUpTender(t, tokens.clerk, code(), when, { bidders: ['B', 'C'] });
      const insurerList = (await t.http().get('/api/tenders').set(as(tokens.insurer)).expect(200)).body;
      expect(insurerList.map((x: { id: number }) => x.id)).not.toContain(id);
      await t.http().get(`/api/tenders/${id}`).set(as(tokens.insurer)).expect(404);
      await t.http().get(`/api/tenders/${id}`).set(as(tokens.expert1)).expect(403);
      await t.http().get('/api/tenders').expect(401);
      await t.http().get(`/api/tenders/${id}`).expect(401);
    });

    it('pages, sorts and filters the list, with the total in X-Total-Count; the insurer’s page only holds its own', async () => {
      const list = (query: string, user = 'clerk') => t.http().get(`/api/tenders?${query}`).set(as(tokens[user]));
      const every = (await list('').expect(200)).body as { id: number; code: string; status: string }[];
      expect(every.map((x) => x.id)).toEqual([...every.map((x) => x.id)].sort((a, b) => b - a));
      const first = await list('page=1&pageSize=2').expect(200);
      expect(first.headers['x-total-count']).toBe(String(every.length));
      expect(first.body.map((x: { id: number }) => x.id)).toEqual(every.slice(0, 2).map((x) => x.id));
      const second = await list('page=2&pageSize=2&sort=code&order=asc').expect(200);
      const byCode = [...every].sort((a, b) => a.code.localeCompare(b.code) || a.id - b.id);
      expect(second.body.map((x: { code: string }) => x.code)).toEqual(byCode.slice(2, 4).map((x) => x.code));
      const drafts = await list('status=draft&pageSize=100&page=1').expect(200);
      expect(drafts.body.every((x: { status: string }) => x.status === 'draft')).toBe(true);
      expect(drafts.headers['x-total-count']).toBe(String(every.filter((x) => x.status === 'draft').length));
      // A part of the code; the wildcards of LIKE are taken literally.
      const found = await list(`q=${encodeURIComponent(every[0].code.slice(2))}`).expect(200);
      expect(found.body.map((x: { id: number }) => x.id)).toContain(every[0].id);
      expect((await list('q=%25').expect(200)).body).toEqual([]);
      const bad = await list('page=0&pageSize=500&sort=secret&order=up&status=nope').expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['order', 'page', 'pageSize', 'sort', 'status']);
      const own = await list('page=1&pageSize=100', 'insurer').expect(200);
      expect(own.headers['x-total-count']).toBe(String(own.body.length));
      expect(own.body.length).toBeLessThan(every.length);
    });

    it('404 for a tender that does not exist', async () => {
      await t.http().get('/api/tenders/999999').set(as(tokens.clerk)).expect(404);
    });
  });
});
