import { startApp, TestApp } from '../../test/harness';

describe('users: admin creates, disables and resets users', () => {
  let t: TestApp;
  let admin: string;
  const auth = () => ({ Authorization: `Bearer ${admin}` });
  beforeAll(async () => {
    t = await startApp();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('creates a user who can then log in, and records it', async () => {
    const res = await t
      .http()
      .post('/api/users')
      .set(auth())
      .send({ username: 'clerk2', displayName: '赵经办', password: 'Strong#Pass1', role: 'procurement' })
      .expect(201);
    expect(res.body).toMatchObject({ username: 'clerk2', role: 'procurement', disabled: false });
    await t.login('clerk2', 'Strong#Pass1');
    const audit = await t.dataSource.query(`SELECT action FROM audit_entries WHERE action = 'user.create'`);
    expect(audit).toHaveLength(1);
  });

  it('names every bad field in a 400 and saves nothing', async () => {
    const res = await t
      .http()
      .post('/api/users')
      .set(auth())
      .send({ username: 'x', displayName: '', password: 'short', role: 'king' })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['displayName', 'password', 'role', 'username']);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'password').message).toContain('至少12个字符');
    const users = await t.http().get('/api/users').set(auth()).expect(200);
    expect(users.body.find((u: { username: string }) => u.username === 'x')).toBeUndefined();
  });

  it('requires an organisation for insurer users', async () => {
    const res = await t
      .http()
      .post('/api/users')
      .set(auth())
      .send({ username: 'ins3', displayName: '丙', password: 'Strong#Pass1', role: 'insurer' })
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'organizationId' })]);
  });

  it('refuses a duplicate username with 409', async () => {
    await t
      .http()
      .post('/api/users')
      .set(auth())
      .send({ username: 'bureau', displayName: 'x', password: 'Strong#Pass1', role: 'bureau' })
      .expect(409);
  });

  it('a disabled user cannot log in and its live token stops working', async () => {
    const users = await t.http().get('/api/users').set(auth()).expect(200);
    const bureau = users.body.find((u: { username: string }) => u.username === 'bureau');
    const token = await t.login('bureau');
    await t.http().patch(`/api/users/${bureau.id}`).set(auth()).send({ disabled: true }).expect(200);
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await t.http().post('/api/auth/login').send({ username: 'bureau', password: 'Demo#2026' }).expect(401);
    await t.http().patch(`/api/users/${bureau.id}`).set(auth()).send({ disabled: false }).expect(200);
    await t.login('bureau');
  });

  it('a reset password replaces the old one and clears a lockout', async () => {
    const users = await t.http().get('/api/users').set(auth()).expect(200);
    const expert = users.body.find((u: { username: string }) => u.username === 'expert4');
    for (let i = 0; i < 5; i++) await t.http().post('/api/auth/login').send({ username: 'expert4', password: 'bad' });
    await t.http().post(`/api/users/${expert.id}/reset-password`).set(auth()).send({ password: 'weak' }).expect(400);
    await t.http().post(`/api/users/${expert.id}/reset-password`).set(auth()).send({ password: 'New#Secret9-x' }).expect(200);
    await t.login('expert4', 'New#Secret9-x');
    await t.http().post('/api/auth/login').send({ username: 'expert4', password: 'Demo#2026' }).expect(401);
  });
});
