import { startApp, TestApp } from '../../test/harness';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Organization } from './organization.entity';

/** Issue 15 item 1: the administrator lists, creates and edits organisations, audited. */
describe('organisations: the administrator lists, creates and edits them', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const codes = (res: { body: { errors: { path: string; code: string }[] } }) => res.body.errors.map((e) => `${e.path}:${e.code}`);

  beforeAll(async () => {
    t = await startApp();
    for (const who of ['admin', 'clerk']) tokens[who] = await t.login(who);
  });
  afterAll(() => t.close());

  it('lists each organisation with the number of its user accounts', async () => {
    const res = await t.http().get('/api/organizations').set(as('admin')).expect(200);
    const insurer = (await t.dataSource.query(`SELECT organizationId FROM users WHERE username = 'insurer'`))[0].organizationId;
    const users = await t.dataSource.query(`SELECT COUNT(*) AS n FROM users WHERE organizationId = ?`, [insurer]);
    expect(res.body.find((o: { id: number }) => o.id === insurer).usersCount).toBe(Number(users[0].n));
    expect(Number(users[0].n)).toBeGreaterThan(0);
  });

  it('creates an organisation and renames it, auditing before and after', async () => {
    const created = await t
      .http()
      .post('/api/organizations')
      .set(as('admin'))
      .send({ code: 'NEW-1', name: '新机构', kind: 'insurer' })
      .expect(201);
    expect(created.body).toMatchObject({ code: 'NEW-1', name: '新机构', kind: 'insurer', usersCount: 0 });
    const edited = await t
      .http()
      .patch(`/api/organizations/${created.body.id}`)
      .set(as('admin'))
      .send({ name: '新机构（更名）', kind: 'bureau' })
      .expect(200);
    expect(edited.body).toMatchObject({ name: '新机构（更名）', kind: 'bureau' });
    const entry = await t.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'organization.update' });
    expect(entry.before).toMatchObject({ name: '新机构', kind: 'insurer' });
    expect(entry.after).toMatchObject({ name: '新机构（更名）', kind: 'bureau' });
  });

  it('names every bad field in a 400 and changes nothing', async () => {
    const org = await t.dataSource.getRepository(Organization).findOneByOrFail({ code: 'NEW-1' });
    const res = await t
      .http()
      .patch(`/api/organizations/${org.id}`)
      .set(as('admin'))
      .send({ name: '', kind: 'bank', code: 'X' })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['code', 'kind', 'name']);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'kind').message).toContain('/');
    expect((await t.dataSource.getRepository(Organization).findOneByOrFail({ id: org.id })).name).toBe('新机构（更名）');
  });

  it('keeps the kind of an organisation that has users', async () => {
    const [{ organizationId }] = await t.dataSource.query(`SELECT organizationId FROM users WHERE username = 'insurer'`);
    const res = await t.http().patch(`/api/organizations/${organizationId}`).set(as('admin')).send({ kind: 'bureau' }).expect(400);
    expect(codes(res)).toEqual(['kind:organizationKindInUse']);
    await t.http().patch(`/api/organizations/${organizationId}`).set(as('admin')).send({ name: '改名保险公司' }).expect(200);
  });

  it('keeps the kind of an organisation a bidder is bound to', async () => {
    const org = await t
      .http()
      .post('/api/organizations')
      .set(as('admin'))
      .send({ code: 'BIDS-1', name: '投标机构', kind: 'insurer' })
      .expect(201);
    await t.dataSource.query(`UPDATE bidders SET organizationId = ? WHERE id = (SELECT MIN(id) FROM (SELECT id FROM bidders) b)`, [
      org.body.id,
    ]);
    const res = await t.http().patch(`/api/organizations/${org.body.id}`).set(as('admin')).send({ kind: 'bureau' }).expect(400);
    expect(codes(res)).toEqual(['kind:organizationKindInUse']);
  });

  it('only the administrator edits; an unknown organisation is a 404', async () => {
    await t.http().patch('/api/organizations/1').set(as('clerk')).send({ name: 'x' }).expect(403);
    await t.http().patch('/api/organizations/99999').set(as('admin')).send({ name: 'x' }).expect(404);
  });
});
