import { DEMO_PASSWORD, startApp, TestApp } from '../../test/harness';
import { User } from '../users/user.entity';

/**
 * Issue 12 item 6: the password policy on every password set through the API; users change their
 * own; an administrator's reset makes the user change it at the next login (nothing else answers
 * until then); with PASSWORD_MAX_AGE_DAYS an old password must be changed the same way.
 */
describe('passwords: policy, own change, forced change', () => {
  let t: TestApp;
  let admin: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const failed = (res: { body: { errors: { path: string; params: { failed?: string[] } }[] } }, path: string) =>
    res.body.errors.find((e) => e.path === path)?.params.failed;
  const userId = async (username: string) => (await t.dataSource.getRepository(User).findOneByOrFail({ username })).id;

  beforeAll(async () => {
    t = await startApp();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const create = (username: string, password: string) =>
    t.http().post('/api/users').set(as(admin)).send({ username, displayName: '测试', password, role: 'procurement' });

  it('refuses short, one-class, common, username-bearing and demo passwords, naming each rule', async () => {
    expect(failed(await create('clerk7', 'Short#1a').expect(400), 'password')).toEqual(['tooShort']);
    expect(failed(await create('clerk7', 'lowercaseonlyhere').expect(400), 'password')).toEqual(['classes']);
    expect(failed(await create('clerk7', 'P@ssw0rd1234').expect(400), 'password')).toEqual(['common']);
    expect(failed(await create('clerk7', 'Clerk7-harbour-9').expect(400), 'password')).toEqual(['username']);
    expect(failed(await create('clerk7', `${DEMO_PASSWORD}-harbour`).expect(400), 'password')).toEqual(['demo']);
    const ok = await create('clerk7', 'Harbour-lamp-77').expect(201);
    expect(ok.body.mustChangePassword).toBe(false);
  });

  it('keeps the published demo password usable in demo mode only', async () => {
    const demo = await startApp({ DEMO_MODE: 'true' });
    try {
      const token = await demo.login('admin');
      await demo
        .http()
        .post('/api/users')
        .set(as(token))
        .send({ username: 'clerk8', displayName: '测试', password: `${DEMO_PASSWORD}-harbour`, role: 'procurement' })
        .expect(201);
    } finally {
      await demo.close();
    }
  });

  it('lets a user change its own password with the current one; the old password and token stop working', async () => {
    const token = await t.login('clerk7', 'Harbour-lamp-77');
    const change = (currentPassword: string, newPassword: string) =>
      t.http().post('/api/auth/password').set(as(token)).send({ currentPassword, newPassword });
    const wrong = await change('Not-the-current-1', 'Lantern-road-88').expect(400);
    expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['currentPassword']);
    expect(failed(await change('Harbour-lamp-77', 'Harbour-lamp-77').expect(400), 'newPassword')).toEqual(['unchanged']);
    expect(failed(await change('Harbour-lamp-77', 'clerk7-Lantern-1').expect(400), 'newPassword')).toEqual(['username']);
    const done = await change('Harbour-lamp-77', 'Lantern-road-88').expect(200);
    await t.http().get('/api/auth/me').set(as(token)).expect(401);
    await t.http().get('/api/auth/me').set(as(done.body.accessToken)).expect(200);
    await t.http().post('/api/auth/login').send({ username: 'clerk7', password: 'Harbour-lamp-77' }).expect(401);
    await t.login('clerk7', 'Lantern-road-88');
  });

  it('after an administrator’s reset the user must change the password before anything else', async () => {
    await t
      .http()
      .post(`/api/users/${await userId('clerk7')}/reset-password`)
      .set(as(admin))
      .send({ password: 'Given-by-admin-9' })
      .expect(200);
    const login = await t.http().post('/api/auth/login').send({ username: 'clerk7', password: 'Given-by-admin-9' }).expect(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const token = login.body.accessToken;
    const refused = await t.http().get('/api/tenders').set(as(token)).expect(403);
    expect(refused.body.code).toBe('passwordChangeRequired');
    expect((await t.http().get('/api/auth/me').set(as(token)).expect(200)).body.mustChangePassword).toBe(true);
    const changed = await t
      .http()
      .post('/api/auth/password')
      .set(as(token))
      .send({ currentPassword: 'Given-by-admin-9', newPassword: 'Own-choice-lamp-5' })
      .expect(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    await t.http().get('/api/tenders').set(as(changed.body.accessToken)).expect(200);
  });

  it('with PASSWORD_MAX_AGE_DAYS an old password must be changed at login', async () => {
    const aging = await startApp({ PASSWORD_MAX_AGE_DAYS: '90' });
    try {
      await aging.dataSource
        .getRepository(User)
        .update({ username: 'bureau' }, { passwordChangedAt: new Date(Date.now() - 91 * 86_400_000) });
      const login = await aging.http().post('/api/auth/login').send({ username: 'bureau', password: DEMO_PASSWORD }).expect(200);
      expect(login.body.user.mustChangePassword).toBe(true);
      await aging.http().get('/api/contracts').set(as(login.body.accessToken)).expect(403);
      const fresh = await aging.login('clerk');
      await aging.http().get('/api/tenders').set(as(fresh)).expect(200);
    } finally {
      await aging.close();
    }
  });
});
