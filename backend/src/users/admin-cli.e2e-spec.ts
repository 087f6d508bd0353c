import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { persistentDatabase, startApp, TEST_AUDIT_KEY, TestApp, TestDb } from '../../test/harness';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ROOT_DIR } from '../config/config';

/**
 * Issue 12 item 9: the first administrator of an installation outside demo mode comes from the
 * command line, `npm run cli -- admin create USERNAME`: with a password on stdin, or a printed
 * one-time password that must be changed at the first login.
 */
describe('cli admin create', () => {
  const run = promisify(execFile);
  let db: TestDb;
  let url: string;
  let t: TestApp | undefined;

  const cli = (args: string[], stdin?: string) => {
    const env = { ...process.env, DATABASE_URL: url, AUDIT_KEY: TEST_AUDIT_KEY, SEED_DEMO: 'false', DEMO_MODE: 'false' };
    const running = run(process.execPath, [join(ROOT_DIR, 'scripts', 'cli.js'), 'admin', 'create', ...args], { cwd: ROOT_DIR, env });
    running.child.stdin?.end(stdin ?? '');
    return running;
  };
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );

  beforeAll(async () => {
    db = await persistentDatabase();
    url = db.url;
  });
  afterAll(async () => {
    await t?.close();
    await db.drop();
  });

  it('creates an administrator with a printed one-time password, another with a password from stdin', async () => {
    const first = await cli(['root1']);
    expect(JSON.parse(first.stdout.split('\n')[0])).toMatchObject({ username: 'root1', role: 'admin' });
    const oneTime = /: (\S{20})$/m.exec(first.stdout)![1];

    const weak = await failure(cli(['sec1', '--role', 'security-admin', '--password-stdin'], 'weak\n'));
    expect(weak?.code).toBe(1);
    expect(weak?.stderr).toContain('至少12个字符');
    const second = await cli(['sec1', '--role', 'security-admin', '--password-stdin'], 'Harbour-lamp-77\n');
    expect(second.stdout).not.toContain('one-time');
    const taken = await failure(cli(['root1']));
    expect(taken?.stderr).toContain('用户名已存在');

    t = await startApp({ DATABASE_URL: url, SEED_DEMO: 'false' });
    const login = await t.http().post('/api/auth/login').send({ username: 'root1', password: oneTime }).expect(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const token = login.body.accessToken;
    await t.http().get('/api/users').set('Authorization', `Bearer ${token}`).expect(403);
    const changed = await t
      .http()
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: oneTime, newPassword: 'Root-own-choice-3' })
      .expect(200);
    await t.http().get('/api/users').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(200);

    const sec = await t.http().post('/api/auth/login').send({ username: 'sec1', password: 'Harbour-lamp-77' }).expect(200);
    expect(sec.body.user).toMatchObject({ role: 'security-admin', mustChangePassword: false });
    const audit = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'user.create' });
    expect(audit.map((a) => a.actorName)).toEqual([expect.stringMatching(/^cli:/), expect.stringMatching(/^cli:/)]);
  }, 180_000);
});
