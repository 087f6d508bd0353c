import { startApp, TestApp } from '../../test/harness';

/**
 * Issue 12 item 15 (HTTP side): a Content-Security-Policy without inline script on every answer (the
 * built UI runs under it: e2e/headers.test.mjs), `Cache-Control: no-store` on API answers, and the
 * API documentation off outside demo mode unless API_DOCS=true.
 */
describe('headers and the API documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('sends a Content-Security-Policy that allows no inline script, plugin or framing', async () => {
    const res = await t.http().get('/api/health').expect(200);
    const csp = Object.fromEntries(
      String(res.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
  });

  it('marks every API answer, refusals included, no-store', async () => {
    const token = await t.login('clerk');
    for (const res of [
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200),
      await t.http().get('/api/tenders').set('Authorization', `Bearer ${token}`).expect(200),
      await t.http().get('/api/users').set('Authorization', `Bearer ${token}`).expect(403),
      await t.http().get('/api/users').expect(401),
      await t.http().post('/api/auth/login').send({ username: 'clerk', password: 'Wrong#Password1' }).expect(401),
    ]) {
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves no API documentation outside demo mode', async () => {
    await t.http().get('/api/docs').expect(404);
    await t.http().get('/api/docs-json').expect(404);
  });

  it.each([[{ API_DOCS: 'true' }], [{ DEMO_MODE: 'true' }]])('serves it with %j', async (env) => {
    const docs = await startApp(env);
    try {
      await docs.http().get('/api/docs-json').expect(200);
      await docs.http().get('/api/docs/').expect(200);
    } finally {
      await docs.close();
    }
  });
});
