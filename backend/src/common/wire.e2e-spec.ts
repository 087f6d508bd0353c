import { startApp, TestApp } from '../../test/harness';
import { as, exampleBid, schedule, setUpTender, submitBid } from '../../test/tenders-fixture';
import { ERRORS, renderError } from '../domain/errors';

/**
 * What the API takes beyond bodies, and the one 400 shape: every query string and path parameter is
 * checked by its schema (a bad one is a 400 naming it, never a 500), amounts in 元 keep their 分, and
 * every error carries a code of the catalogue with its params, its message rendered from them.
 */
describe('query strings, path parameters and the 400 shape', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const get = (path: string, user: string) => t.http().get(path).set(as(tokens[user]));
  const post = (path: string, body: unknown, user: string) =>
    t
      .http()
      .post(path)
      .set(as(tokens[user]))
      .send(body as object);

  /** The 400's errors, each checked for the one shape: a catalogue code, params, and the message they render. */
  const refused = async (res: { status: number; body: any }) => {
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: '输入有误 / invalid input' });
    for (const e of res.body.errors) {
      expect(Object.keys(ERRORS)).toContain(e.code);
      expect(e.message).toBe(`${renderError(e.code, e.params, 'en')} / ${renderError(e.code, e.params, 'zh')}`);
    }
    return res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]);
  };

  beforeAll(async () => {
    t = await startApp();
    for (const user of ['clerk', 'bureau', 'admin', 'auditor']) tokens[user] = await t.login(user);
  });
  afterAll(() => t.close());

  it('refuses a path id that is not a positive integer, naming it', async () => {
    expect(await refused(await get('/api/tenders/abc', 'clerk'))).toEqual([['id', 'integer']]);
    expect(await refused(await get('/api/tenders/0', 'clerk'))).toEqual([['id', 'integer']]);
    expect(await refused(await get('/api/contracts/1e3', 'bureau'))).toEqual([['id', 'integer']]);
    expect(await refused(await t.http().patch('/api/tenders/1/bids/x').set(as(tokens.clerk)).send({ version: 1 }))).toEqual([
      ['bidId', 'integer'],
    ]);
  });

  it('refuses ?version that is not a stored version number on every PDF download (it once reached SQL as NaN)', async () => {
    for (const [path, user] of [
      ['/api/contracts/1/pdf', 'bureau'],
      ['/api/tenders/1/lots/1/award-notice/pdf', 'bureau'],
      ['/api/tenders/1/evaluation-report.pdf', 'clerk'],
    ]) {
      for (const version of ['abc', '0', '1.5', '-1', '']) {
        expect(await refused(await get(`${path}?version=${version}`, user))).toEqual([['version', 'integer']]);
      }
      expect(await refused(await get(`${path}?version=1&version=2`, user))).toEqual([['version', 'integer']]);
      expect(await refused(await get(`${path}?v=1`, user))).toEqual([['v', 'unknownField']]);
    }
  });

  it('refuses a day that is not on the calendar', async () => {
    for (const on of ['2026-13-45', '2026-02-29', '2026-2-1', 'today']) {
      expect(await refused(await get(`/api/assessments/overdue?on=${on}`, 'bureau'))).toEqual([['on', 'date']]);
    }
    await get('/api/assessments/overdue?on=2028-02-29', 'bureau').expect(200);
  });

  it('refuses a bad filter, year or page by name', async () => {
    expect(await refused(await get('/api/assessments?year=abc&status=done&contractId=-2', 'bureau'))).toEqual([
      ['year', 'integer'],
      ['status', 'oneOf'],
      ['contractId', 'integer'],
    ]);
    expect(await refused(await get('/api/assessments/results.xlsx', 'bureau'))).toEqual([['year', 'required']]);
    expect(await refused(await get('/api/assessments/results.xlsx?year=1999', 'bureau'))).toEqual([['year', 'integer']]);
    expect(await refused(await get('/api/assessment-schemes?tenderId=x', 'bureau'))).toEqual([['tenderId', 'integer']]);
    expect(await refused(await get('/api/audit?limit=0&offset=x', 'auditor'))).toEqual([
      ['limit', 'integer'],
      ['offset', 'integer'],
    ]);
    expect((await get('/api/audit?limit=2', 'auditor').expect(200)).body).toHaveLength(2);
  });

  it('refuses an amount in 元 below the 分 instead of rounding it; a bid’s unit price is taken as written', async () => {
    const split = await post('/api/assessments/reward-split', { tenderId: 1, year: 2024, budget: '1000.001' }, 'bureau');
    expect(await refused(split)).toEqual([['budget', 'toTheFen']]);
    expect(await refused(await post('/api/assessments/reward-split', { tenderId: 1, year: 2024, budget: 1000 }, 'bureau'))).toEqual([
      ['budget', 'amountNotNumber'],
    ]);
    const when = schedule(2095);
    const id = await setUpTender(t, tokens.clerk, 'T-WIRE-1', when);
    const bid = exampleBid('A', '1');
    expect(await refused(await submitBid(t, id, { ...bid, serviceTotal: '4638154.361' }))).toEqual([['serviceTotal', 'toTheFen']]);
    // A misplaced or extra decimal in the unit price is for price correction to judge (DOMAIN.md §3 step 3).
    expect((await submitBid(t, id, { ...bid, unitPrice: '1.161' })).status).toBe(201);
  });

  it('answers a body that is not JSON, or not an object, in the same shape', async () => {
    const res = await t.http().post('/api/tenders').set(as(tokens.clerk)).set('Content-Type', 'application/json').send('{"code": ');
    expect(await refused(res)).toEqual([['$', 'invalidBody']]);
    expect(await refused(await post('/api/auth/login', [1], 'clerk'))).toEqual([['$', 'object']]);
  });

  it('refuses JSON nested more than 64 levels at the body parser, on every endpoint, login included', async () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const send = (path: string, body: string, token?: string) => {
      const req = t.http().post(path).set('Content-Type', 'application/json');
      return (token ? req.set(as(token)) : req).send(body);
    };
    const deep = `{"username":"clerk","password":${nested(2000)}}`;
    expect(await refused(await send('/api/auth/login', deep))).toEqual([['$', 'tooDeep']]);
    expect((await send('/api/auth/login', deep)).body.errors[0].params).toEqual({ max: 64 });
    expect(await refused(await send('/api/tenders', `{"code":${nested(2000)}}`, tokens.clerk))).toEqual([['$', 'tooDeep']]);
    expect(await refused(await send('/api/dossiers', `{"a":${nested(65)}}`, tokens.clerk))).toEqual([['$', 'tooDeep']]);
    // Brackets inside strings do not count; 64 levels reach the route, which judges the content.
    await send('/api/auth/login', `{"username":"clerk","password":"${'[{'.repeat(50)}"}`).expect(401);
    const atLimit = await send('/api/tenders', `{"code":${nested(63)}}`, tokens.clerk);
    expect(await refused(atLimit)).not.toContainEqual(['$', 'tooDeep']);
    // The parser that counts is the one with the 20 MB limit, not a default 100 kB one.
    expect((await send('/api/tenders', JSON.stringify({ code: 'x'.repeat(200_000) }), tokens.clerk)).status).toBe(400);
  });
});
