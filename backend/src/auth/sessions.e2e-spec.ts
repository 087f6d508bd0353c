import { sign } from 'jsonwebtoken';
import { persistentDatabase, startApp, startSecondApp, TEST_AUDIT_KEY, TEST_JWT_SECRET, TEST_MYSQL_URL, TestApp } from '../../test/harness';
import { loadConfig } from '../config/config';
import { UserStates } from '../users/user-states';
import { User } from '../users/user.entity';

/**
 * Issue 12 item 7: sessions end on logout and are revoked by a password reset, disabling or a role
 * change (a per-user token version, held in memory); an idle session ends after SESSION_IDLE_MINUTES;
 * only HS256 tokens with `exp` and a life no longer than configured are accepted; the JWT secret is
 * at least 32 bytes outside demo mode.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sessions: logout and revocation', () => {
  let t: TestApp;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = (token: string) => t.http().get('/api/auth/me').set(as(token));
  const userId = async (username: string) => (await t.dataSource.getRepository(User).findOneByOrFail({ username })).id;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('logout ends the session: its token is refused, a new login works', async () => {
    const token = await t.login('bureau');
    await me(token).expect(200);
    const res = await t.http().post('/api/auth/logout').set(as(token)).expect(200);
    expect(new Date(res.body.sessionsEndedAt).getTime()).toBeLessThanOrEqual(Date.now());
    await me(token).expect(401);
    await me(await t.login('bureau')).expect(200);
  });

  it('a password reset, disabling and a role change each revoke the user’s live tokens', async () => {
    const admin = await t.login('admin');
    const secadmin = await t.login('secadmin');
    const id = await userId('expert4');

    let token = await t.login('expert4');
    await t.http().post(`/api/users/${id}/reset-password`).set(as(admin)).send({ password: 'Fresh#Password-41' }).expect(200);
    await me(token).expect(401);

    token = await t.login('expert4', 'Fresh#Password-41');
    await t.http().patch(`/api/users/${id}`).set(as(admin)).send({ disabled: true }).expect(200);
    await me(token).expect(401);
    await t.http().patch(`/api/users/${id}`).set(as(admin)).send({ disabled: false }).expect(200);

    token = await t.login('expert2');
    await t
      .http()
      .put(`/api/users/${await userId('expert2')}/role`)
      .set(as(secadmin))
      .send({ role: 'bureau' })
      .expect(200);
    await me(token).expect(401);
    const again = await t.login('expert2');
    expect((await me(again).expect(200)).body.role).toBe('bureau');
  });

  it("reads a user's state as the entity reads it (types converted alike on either database)", async () => {
    const id = await userId('expert1');
    await t.dataSource
      .getRepository(User)
      .update({ id }, { mustChangePassword: true, passwordChangedAt: new Date('2026-01-02T03:04:05.678Z') });
    const entity = await t.dataSource.getRepository(User).findOneByOrFail({ id });
    const state = await t.app.get(UserStates).get(id);
    expect(state).toEqual({
      id,
      username: 'expert1',
      role: entity.role,
      organizationId: entity.organizationId,
      disabled: false,
      tokenVersion: entity.tokenVersion,
      mustChangePassword: true,
      passwordChangedAt: entity.passwordChangedAt,
    });
    expect(state!.passwordChangedAt).toBeInstanceOf(Date);
    expect(await t.app.get(UserStates).get(999_999)).toBeUndefined();
  });

  it('checks the token version without a query per request on SQLite while nothing changed; on MariaDB/MySQL reads it for each', async () => {
    const states = t.app.get(UserStates);
    const reads = jest.spyOn(states as unknown as { read: () => Promise<unknown> }, 'read');
    const token = await t.login('clerk');
    for (let i = 0; i < 20; i++) await t.http().get('/api/organizations').set(as(token)).expect(200);
    expect(reads.mock.calls.length).toBeLessThanOrEqual(TEST_MYSQL_URL ? 20 : 1);
    reads.mockRestore();
  });
});

describe('sessions: two servers behind one proxy', () => {
  it('a logout on one server is honoured by the other at once', async () => {
    // On SQLite the two servers share a file; on MariaDB/MySQL startApp's own database.
    const file = TEST_MYSQL_URL ? undefined : await persistentDatabase();
    const a = await startApp(file ? { DATABASE_URL: file.url } : {});
    const b = await startSecondApp(a);
    try {
      const token = await a.login('clerk');
      await b.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
      await a.http().post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(200);
      await a.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      await b.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    } finally {
      await b.close();
      await a.close();
      await file?.drop();
    }
  });
});

describe('sessions: idle timeout and renewal', () => {
  it('renews the token of a session in use and ends an idle one', async () => {
    // Token expiries are whole seconds: the waits leave a second and more either side for a loaded machine.
    const t = await startApp({ SESSION_IDLE_MINUTES: '0.1' }); // 6 s
    try {
      const login = await t.http().post('/api/auth/login').send({ username: 'clerk', password: 'Demo#2026' }).expect(200);
      expect(new Date(login.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(6000);
      await sleep(3000);
      const used = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
      const renewed = used.headers['x-access-token'];
      expect(renewed).toMatch(/^ey/);
      await sleep(3500);
      // 6.5 s after login: the first token has lapsed, the renewed one (8 s at least) is alive.
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(401);
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${renewed}`).expect(200);
      await sleep(7000);
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${renewed}`).expect(401);
    } finally {
      await t.close();
    }
  });
});

describe('sessions: what a token must be', () => {
  let t: TestApp;
  let good: { sub: number; ver: number; sess: number; iat: number; exp: number };
  const now = () => Math.floor(Date.now() / 1000);
  const accepted = (token: string) => t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startApp();
    const token = await t.login('clerk');
    good = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  });
  afterAll(() => t.close());

  it('accepts an HS256 token of the configured life signed with the secret', async () => {
    await accepted(sign({ ...good }, TEST_JWT_SECRET, { algorithm: 'HS256' })).expect(200);
  });

  it('refuses another algorithm, an unsigned token, a token without exp and one that lives too long', async () => {
    await accepted(sign({ ...good }, TEST_JWT_SECRET, { algorithm: 'HS512' })).expect(401);
    await accepted(sign({ ...good }, '', { algorithm: 'none' })).expect(401);
    const { exp: _exp, ...noExp } = good;
    await accepted(sign(noExp, TEST_JWT_SECRET, { algorithm: 'HS256' })).expect(401);
    const long = { ...good, iat: now(), exp: now() + 8 * 3600 };
    await accepted(sign(long, TEST_JWT_SECRET, { algorithm: 'HS256' })).expect(401);
    const pastSession = { ...good, sess: now() - 9 * 3600, iat: now(), exp: now() + 600 };
    await accepted(sign(pastSession, TEST_JWT_SECRET, { algorithm: 'HS256' })).expect(401);
  });

  it('requires a JWT secret of at least 32 bytes outside demo mode', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short-secret', AUDIT_KEY: TEST_AUDIT_KEY })).toThrow(/at least 32 bytes/);
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(32), AUDIT_KEY: TEST_AUDIT_KEY }).jwtSecret).toHaveLength(32);
    expect(loadConfig({ DEMO_MODE: 'true' }).jwtSecret.length).toBeGreaterThanOrEqual(32);
  });
});
