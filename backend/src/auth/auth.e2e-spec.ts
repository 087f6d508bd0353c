import { MAX_FAILED_LOGINS } from './auth.service';
import { DEMO_PASSWORD, startApp, TestApp } from '../../test/harness';
import { User } from '../users/user.entity';
import { AuditEntry } from '../audit/audit-entry.entity';

describe('auth: login, lockout, 401 vs 403', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('logs in a demo user and returns a token, expiry and the user with its organisation', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 'insurer', password: DEMO_PASSWORD }).expect(200);
    expect(res.body.accessToken).toMatch(/^ey/);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 7 * 3600_000);
    expect(res.body.user).toMatchObject({ username: 'insurer', role: 'insurer', organizationName: '甲安人寿保险股份有限公司宁波市分公司' });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.username).toBe('insurer');
  });

  it('refuses a wrong password with 401 and records the failure', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 'bureau', password: 'wrong' }).expect(401);
    expect(res.body.message).toContain('用户名或密码错误');
    const failures = await t.dataSource.getRepository(AuditEntry).countBy({ action: 'auth.login-failed' });
    expect(failures).toBeGreaterThan(0);
  });

  it('refuses an unknown user with the same 401 message (no user enumeration)', async () => {
    const a = await t.http().post('/api/auth/login').send({ username: 'nobody', password: 'x' }).expect(401);
    const b = await t.http().post('/api/auth/login').send({ username: 'clerk', password: 'x' }).expect(401);
    expect(a.body.message).toBe(b.body.message);
  });

  it('names each missing field with a 400', async () => {
    const res = await t.http().post('/api/auth/login').send({}).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['password', 'username']);
  });

  it('answers malformed JSON with the same 400 shape', async () => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": ').expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '$' })]);
  });

  it('locks an account after 5 failures for 15 minutes, even against the right password', async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await t.http().post('/api/auth/login').send({ username: 'expert3', password: 'bad' }).expect(401);
    }
    const locked = await t.http().post('/api/auth/login').send({ username: 'expert3', password: DEMO_PASSWORD }).expect(423);
    expect(locked.body.message).toContain('账户已锁定');
    const user = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'expert3' });
    const minutes = (user.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    // Once the lock has run out the right password works again and the counter starts afresh.
    await t.dataSource.getRepository(User).update({ id: user.id }, { lockedUntil: new Date(Date.now() - 1000) });
    await t.http().post('/api/auth/login').send({ username: 'expert3', password: DEMO_PASSWORD }).expect(200);
  });

  it('four failures then a success do not lock', async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      await t.http().post('/api/auth/login').send({ username: 'expert2', password: 'bad' }).expect(401);
    }
    await t.http().post('/api/auth/login').send({ username: 'expert2', password: DEMO_PASSWORD }).expect(200);
    await t.http().post('/api/auth/login').send({ username: 'expert2', password: 'bad' }).expect(401);
    await t.http().post('/api/auth/login').send({ username: 'expert2', password: DEMO_PASSWORD }).expect(200);
  });

  it('answers 401 without a token or with a bad one, 403 for the wrong role, 200 for the right one', async () => {
    await t.http().get('/api/users').expect(401);
    await t.http().get('/api/users').set('Authorization', 'Bearer not-a-token').expect(401);
    const forged = (await t.login('clerk')).replace(/\.[^.]+$/, '.AAAA');
    await t.http().get('/api/users').set('Authorization', `Bearer ${forged}`).expect(401);
    const clerk = await t.login('clerk');
    await t.http().get('/api/users').set('Authorization', `Bearer ${clerk}`).expect(403);
    const admin = await t.login('admin');
    await t.http().get('/api/users').set('Authorization', `Bearer ${admin}`).expect(200);
  });

  it('rejects an expired token', async () => {
    const short = await startApp({ JWT_EXPIRES_IN: '1s' });
    try {
      const token = await short.login('admin');
      await new Promise((r) => setTimeout(r, 2100));
      await short.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    } finally {
      await short.close();
    }
  });

  it('rate-limits login attempts per client (429)', async () => {
    const limited = await startApp({ LOGIN_RATE_LIMIT: '3' });
    try {
      for (let i = 0; i < 3; i++) await limited.http().post('/api/auth/login').send({ username: 'admin', password: 'x' }).expect(401);
      await limited.http().post('/api/auth/login').send({ username: 'admin', password: DEMO_PASSWORD }).expect(429);
    } finally {
      await limited.close();
    }
  });

  it('health is public and names the database', async () => {
    const res = await t.http().get('/api/health').expect(200);
    // No scheduled job has run on a new database; backups are not scheduled without BACKUP_DIR.
    expect(res.body).toEqual({ status: 'ok', db: process.env.TEST_MYSQL_URL ? 'mysql' : 'sqlite', backupScheduled: false, jobs: {} });
  });

  it('serves the OpenAPI document generated from the wire schemas, requests and answers', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const login = res.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema).toMatchObject({
      properties: { username: { type: 'string' }, password: { type: 'string' } },
      required: ['username', 'password'],
    });
    expect(login.responses['200'].content['application/json'].schema.properties.user.properties.role.enum).toEqual([
      'admin',
      'audit-admin',
      'procurement',
      'expert',
      'bureau',
      'insurer',
    ]);
  });
});
