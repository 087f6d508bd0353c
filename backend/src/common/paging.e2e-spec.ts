import { startApp, TestApp } from '../../test/harness';
import { fillProduct, Filled } from '../../test/filled-product';
import { SecurityLogService } from '../audit/security-log.service';

jest.setTimeout(240_000);

type Row = Record<string, unknown> & { id: number };

/**
 * Every list of the UI's tables pages, sorts and filters on the server as the tenders list does
 * (domain/wire/common.ts `pageQuery`): without `page` the whole list, with it one page and the total
 * in `X-Total-Count`, sorted by a named key (ties by id), and a bad parameter is a 400 naming it.
 * Each list keeps its access rules: an insurer pages through its own organisation's rows only.
 */
describe('server-side paging of the lists', () => {
  let t: TestApp;
  let f: Filled;
  const tokens: Record<string, string> = {};
  const get = (user: string, path: string) =>
    t
      .http()
      .get(path)
      .set({ Authorization: `Bearer ${tokens[user]}` });
  const post = (user: string, path: string, body: object) =>
    t
      .http()
      .post(path)
      .set({ Authorization: `Bearer ${tokens[user]}` })
      .send(body);
  const patch = (user: string, path: string, body: object) =>
    t
      .http()
      .patch(path)
      .set({ Authorization: `Bearer ${tokens[user]}` })
      .send(body);

  beforeAll(async () => {
    t = await startApp();
    f = await fillProduct(t);
    for (const u of ['clerk', 'bureau', 'admin', 'auditor', 'insurer-e', 'insurer', 'expert1']) tokens[u] = await t.login(u);
    // The other lots' contracts of the demo tender, signed and assessed, and lot 1's next year in draft: rows to page.
    const draft = async (lotNo: string, year: number) =>
      (await post('bureau', `/api/tenders/${f.tenderId}/lots/${lotNo}/contracts`, { year, scheduleTemplate: 'ningbo' }).expect(201))
        .body as Row;
    for (const lotNo of ['2', '3']) {
      const c = await draft(lotNo, 2024);
      await patch('bureau', `/api/contracts/${c.id}`, { version: 1, population: 1_000_000 }).expect(200);
      await patch('bureau', `/api/contracts/${c.id}`, { version: 2, status: 'signed' }).expect(200);
      await post('bureau', `/api/contracts/${c.id}/assessments`, { schemeCode: 'NB-PERF' }).expect(201);
    }
    await draft('1', 2025);
  });
  afterAll(() => t?.close());

  /** The whole list, then its pages, sorted by `key` both ways, are what sorting the whole list gives. */
  async function pages(user: string, path: string, key: string, value: (row: Row) => string | number) {
    const join = path.includes('?') ? '&' : '?';
    const whole = await get(user, path).expect(200);
    const every = whole.body as Row[];
    expect(whole.headers['x-total-count']).toBe(String(every.length));
    expect(every.length).toBeGreaterThan(2);
    const first = await get(user, `${path}${join}page=1&pageSize=2`).expect(200);
    expect(first.headers['x-total-count']).toBe(String(every.length));
    expect(first.body.map((r: Row) => r.id)).toEqual(every.slice(0, 2).map((r) => r.id));
    for (const order of ['asc', 'desc'] as const) {
      const sign = order === 'asc' ? 1 : -1;
      const sorted = [...every].sort((a, b) => {
        const [x, y] = [value(a), value(b)];
        return sign * (typeof x === 'number' ? x - (y as number) : x < y ? -1 : x > y ? 1 : a.id - b.id) || sign * (a.id - b.id);
      });
      const second = await get(user, `${path}${join}page=2&pageSize=2&sort=${key}&order=${order}`).expect(200);
      expect([key, order, second.body.map((r: Row) => r.id)]).toEqual([key, order, sorted.slice(2, 4).map((r) => r.id)]);
    }
    return every;
  }

  /** A 400 names each bad parameter, its message in English and in Chinese. */
  async function refuses(user: string, path: string, query: string, fields: string[]) {
    const bad = await get(user, `${path}?${query}`).expect(400);
    const errors = bad.body.errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path).sort()).toEqual([...fields].sort());
    for (const e of errors) expect(e.message).toMatch(/[a-z].* \/ .*[\u4e00-\u9fff]/);
  }

  const BAD = 'page=0&pageSize=101&sort=secret&order=up';
  const BAD_FIELDS = ['order', 'page', 'pageSize', 'sort'];

  it('contracts: the bureau’s, paged, sorted and filtered; an insurer’s only its own', async () => {
    const every = await pages('bureau', '/api/contracts', 'insurer', (r) => r.insurer as string);
    await pages('bureau', '/api/contracts', 'year', (r) => r.year as number);
    const signed = await get('bureau', '/api/contracts?page=1&pageSize=10&sort=lotNo&order=desc&year=2024&status=signed').expect(200);
    expect(signed.body.map((r: Row) => [r.lotNo, r.year, r.status])).toEqual([
      ['3', 2024, 'signed'],
      ['2', 2024, 'signed'],
      ['1', 2024, 'signed'],
    ]);
    const drafts = await get('bureau', `/api/contracts?status=draft&tenderId=${f.tenderId}`).expect(200);
    expect(drafts.body.map((r: Row) => [r.lotNo, r.year])).toEqual([['1', 2025]]);
    const insurer = every.find((r) => r.id === f.contractId)!.insurer as string;
    const searched = await get('bureau', `/api/contracts?q=${encodeURIComponent(insurer.slice(0, 2))}`).expect(200);
    expect(searched.body.map((r: Row) => r.id)).toEqual(every.filter((r) => r.insurer === insurer).map((r) => r.id));
    expect((await get('bureau', '/api/contracts?q=%25').expect(200)).body).toEqual([]);
    const own = await get('insurer-e', '/api/contracts?page=1&pageSize=100').expect(200);
    expect(own.headers['x-total-count']).toBe(String(own.body.length));
    expect(own.body.length).toBeGreaterThan(0);
    expect(own.body.length).toBeLessThan(every.length);
    expect(new Set(own.body.map((r: Row) => r.insurer))).toEqual(new Set([insurer]));
    expect((await get('bureau', '/api/contracts?tenderId=999999').expect(200)).body).toEqual([]);
    await refuses('bureau', '/api/contracts', `${BAD}&status=nope&year=x&tenderId=0`, [...BAD_FIELDS, 'status', 'year', 'tenderId']);
    await get('clerk', '/api/contracts?page=1').expect(403);
  });

  it('assessments: the bureau’s and an insurer’s, paged, sorted and filtered', async () => {
    const every = await pages('bureau', '/api/assessments', 'lotNo', (r) => r.lotNo as string);
    await pages('bureau', '/api/assessments', 'tenderCode', (r) => r.tenderCode as string);
    const open = await get('bureau', '/api/assessments?page=1&pageSize=1&status=open&year=2024').expect(200);
    expect(open.headers['x-total-count']).toBe(String(every.filter((r) => r.status === 'open' && r.year === 2024).length));
    const own = await get('insurer-e', '/api/assessments?page=1&pageSize=100&sort=year&order=asc').expect(200);
    expect(own.headers['x-total-count']).toBe(String(own.body.length));
    expect(own.body.map((r: Row) => r.id)).toContain(f.assessmentId);
    expect(own.body.length).toBeLessThan(every.length);
    const insurer = every.find((r) => r.id === f.assessmentId)!.insurer as string;
    const searched = await get('bureau', `/api/assessments?q=${encodeURIComponent(insurer.slice(0, 2))}`).expect(200);
    expect(searched.body.map((r: Row) => r.id)).toEqual(every.filter((r) => r.insurer === insurer).map((r) => r.id));
    await refuses('bureau', '/api/assessments', `${BAD}&status=nope`, [...BAD_FIELDS, 'status']);
  });

  it('users: the administrator’s list, paged, sorted and filtered by role, state and name', async () => {
    const every = await pages('admin', '/api/users', 'username', (r) => r.username as string);
    await pages('admin', '/api/users', 'role', (r) => r.role as string);
    const experts = await get('admin', '/api/users?role=expert&page=1&pageSize=2&sort=username&order=asc').expect(200);
    expect(experts.headers['x-total-count']).toBe(String(every.filter((r) => r.role === 'expert').length));
    expect(experts.body.map((r: Row) => r.username)).toEqual(['expert1', 'expert2']);
    expect((await get('admin', '/api/users?disabled=true').expect(200)).body).toEqual(every.filter((r) => r.disabled));
    expect((await get('admin', '/api/users?q=insurer-').expect(200)).body.map((r: Row) => r.username)).toEqual(['insurer-e', 'insurer-c']);
    await refuses('admin', '/api/users', `${BAD}&role=king&disabled=yes`, [...BAD_FIELDS, 'role', 'disabled']);
    await get('bureau', '/api/users').expect(403);
  });

  it('the audit record and the security log: pages with their totals, newest first, sorted on request', async () => {
    const audit = await pages('auditor', '/api/audit?limit=1000', 'action', (r) => r.action as string);
    expect(audit.map((r) => r.id)).toEqual([...audit.map((r) => r.id)].sort((a, b) => b - a));
    const creates = await get('auditor', '/api/audit?action=contract.create&page=1&pageSize=2').expect(200);
    expect(creates.headers['x-total-count']).toBe(String(audit.filter((r) => r.action === 'contract.create').length));
    // The older window still answers, with the total of every entry the filters match.
    const window = await get('auditor', '/api/audit?limit=3&offset=1').expect(200);
    expect(window.body.map((r: Row) => r.id)).toEqual(audit.slice(1, 4).map((r) => r.id));
    expect(window.headers['x-total-count']).toBe(String(audit.length));
    // Refusals are logged: rows of the security log to page.
    for (const user of ['bureau', 'clerk', 'insurer']) await get(user, '/api/audit').expect(403);
    // They are written after the answer: wait for them, so that the log does not grow between pages.
    await t.app.get(SecurityLogService).settled();
    await pages('auditor', '/api/audit/security-events?limit=1000', 'kind', (r) => r.kind as string);
    await refuses('auditor', '/api/audit', BAD, BAD_FIELDS);
    await refuses('auditor', '/api/audit/security-events', BAD, BAD_FIELDS);
  });

  it('tenders: an expert pages through the tenders of its panels only', async () => {
    const mine = await get('expert1', '/api/tenders?page=1&pageSize=1&sort=code&order=asc').expect(200);
    const all = (await get('clerk', '/api/tenders').expect(200)).body as Row[];
    expect(Number(mine.headers['x-total-count'])).toBeLessThanOrEqual(all.length);
    expect(mine.body.length).toBeLessThanOrEqual(1);
  });
});
