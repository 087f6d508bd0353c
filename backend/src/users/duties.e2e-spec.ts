import { startApp, TestApp } from '../../test/harness';
import { User } from './user.entity';

/**
 * Issue 12 item 10 (三权分立, DOMAIN.md §1): the system administrator manages users and organisations,
 * the security administrator grants roles and unlocks accounts, the audit administrator touches
 * neither; a user holds one role, so never two administrator roles; no administrator disables itself
 * or the last active administrator of its kind.
 */
describe('separation of the administrators’ duties', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const userId = async (username: string) => (await t.dataSource.getRepository(User).findOneByOrFail({ username })).id;
  const codes = (res: { body: { errors: { path: string; code: string }[] } }) => res.body.errors.map((e) => `${e.path}:${e.code}`);
  const setRole = (who: string, id: number, role: string) => t.http().put(`/api/users/${id}/role`).set(as(who)).send({ role });
  const disable = (who: string, id: number, disabled = true) => t.http().patch(`/api/users/${id}`).set(as(who)).send({ disabled });

  beforeAll(async () => {
    t = await startApp();
    for (const who of ['admin', 'secadmin', 'auditor']) tokens[who] = await t.login(who);
  });
  afterAll(() => t.close());

  it('only the security administrator grants roles and unlocks accounts', async () => {
    const expert = await userId('expert4');
    await setRole('admin', expert, 'bureau').expect(403);
    await setRole('auditor', expert, 'bureau').expect(403);
    await t.http().post(`/api/users/${expert}/unlock`).set(as('admin')).expect(403);
    await t.dataSource.getRepository(User).update({ id: expert }, { lockedUntil: new Date(Date.now() + 600_000), failedLogins: 0 });
    const unlocked = await t.http().post(`/api/users/${expert}/unlock`).set(as('secadmin')).expect(200);
    expect(unlocked.body.lockedUntil).toBeNull();
    await t.login('expert4');
    expect((await setRole('secadmin', expert, 'bureau').expect(200)).body.role).toBe('bureau');
  });

  it('the user administrator creates users but gives no administrator role', async () => {
    const res = await t
      .http()
      .post('/api/users')
      .set(as('admin'))
      .send({ username: 'sec2', displayName: '安全二', password: 'Harbour-lamp-77', role: 'security-admin' })
      .expect(400);
    expect(codes(res)).toEqual(['role:administratorRole']);
    await t
      .http()
      .post('/api/users')
      .set(as('admin'))
      .send({ username: 'sec2', displayName: '安全二', password: 'Harbour-lamp-77', role: 'procurement' })
      .expect(201);
  });

  it('the audit administrator manages no user', async () => {
    await t.http().get('/api/users').set(as('auditor')).expect(403);
    await disable('auditor', await userId('clerk')).expect(403);
    await t.http().get('/api/users').set(as('secadmin')).expect(200);
  });

  it('the security and audit administrators take no part in a procurement: the tenders are closed to them', async () => {
    for (const who of ['secadmin', 'auditor']) {
      await t.http().get('/api/tenders').set(as(who)).expect(403);
      await t.http().get('/api/tenders/1').set(as(who)).expect(403);
    }
  });

  it('no administrator disables itself or takes its own role away', async () => {
    expect(codes(await disable('admin', await userId('admin')).expect(400))).toEqual(['disabled:selfAdministration']);
    expect(codes(await setRole('secadmin', await userId('secadmin'), 'admin').expect(400))).toEqual(['role:selfAdministration']);
  });

  it('the last active administrator of a kind is neither disabled nor given another role', async () => {
    const secadmin = await userId('secadmin');
    expect(codes(await disable('admin', secadmin).expect(400))).toEqual(['disabled:lastAdministrator']);
    expect(codes(await setRole('secadmin', await userId('auditor'), 'bureau').expect(400))).toEqual(['role:lastAdministrator']);
    expect(codes(await setRole('secadmin', await userId('admin'), 'bureau').expect(400))).toEqual(['role:lastAdministrator']);
    // With a second security administrator the first may be disabled.
    await setRole('secadmin', await userId('sec2'), 'security-admin').expect(200);
    await disable('admin', secadmin).expect(200);
    await t.http().get('/api/users').set(as('secadmin')).expect(401);
  });

  it('a user holds one role: an administrator role granted replaces the one held', async () => {
    const sec2 = await t.login('sec2', 'Harbour-lamp-77');
    const clerk = await userId('clerk');
    await t.http().put(`/api/users/${clerk}/role`).set('Authorization', `Bearer ${sec2}`).send({ role: 'admin' }).expect(200);
    const asAdmin = await t.login('clerk');
    await t.http().get('/api/users').set('Authorization', `Bearer ${asAdmin}`).expect(200);
    await t.http().put(`/api/users/${clerk}/role`).set('Authorization', `Bearer ${sec2}`).send({ role: 'audit-admin' }).expect(200);
    const asAuditor = await t.login('clerk');
    expect((await t.http().get('/api/auth/me').set('Authorization', `Bearer ${asAuditor}`).expect(200)).body.role).toBe('audit-admin');
    await t.http().get('/api/users').set('Authorization', `Bearer ${asAuditor}`).expect(403);
  });
});
