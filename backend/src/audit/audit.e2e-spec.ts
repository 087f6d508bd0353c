import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { ROOT_DIR } from '../config/config';
import { startApp, TestApp } from '../../test/harness';
import { AuditService } from './audit.service';

describe('audit record', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('stays one unbroken chain when many entries are written at once', async () => {
    const audit = t.app.get(AuditService);
    const ds = t.app.get(DataSource);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        i % 2
          ? audit.record(null, { action: 'document.generate', entityType: 'test', entityId: i })
          : ds.transaction((m) => audit.record(null, { action: 'document.generate', entityType: 'test', entityId: i }, m)),
      ),
    );
    const res = await t
      .http()
      .get('/api/audit/verify')
      .set('Authorization', `Bearer ${await t.login('admin')}`)
      .expect(200);
    expect(res.body.breaks).toEqual([]);
    expect(res.body.entries).toBeGreaterThan(25);
  });

  it('finds a modified entry and a removed one', async () => {
    const admin = await t.login('admin');
    const rows: { id: number }[] = await t.dataSource.query("SELECT id FROM audit_entries WHERE entityType = 'test' ORDER BY id");
    await t.dataSource.query('UPDATE audit_entries SET actorName = ? WHERE id = ?', ['intruder', rows[3].id]);
    await t.dataSource.query('DELETE FROM audit_entries WHERE id = ?', [rows[10].id]);
    const res = await t.http().get('/api/audit/verify').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.breaks).toEqual([
      expect.objectContaining({ id: rows[3].id, problem: 'modified' }),
      expect.objectContaining({ id: rows[11].id, problem: 'broken-link' }),
    ]);
    await t
      .http()
      .get('/api/audit/verify')
      .set('Authorization', `Bearer ${await t.login('bureau')}`)
      .expect(403);
  });
});

describe('cli audit verify', () => {
  const run = promisify(execFile);
  it('reports an intact chain and exits 1 on a tampered one', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hcp-audit-')), 'a.sqlite');
    const env = { ...process.env, DATABASE_URL: `sqlite:${file}`, SEED_DEMO: 'true' };
    const cli = (...args: string[]) => run(process.execPath, [join(ROOT_DIR, 'scripts', 'cli.js'), ...args], { cwd: ROOT_DIR, env });
    const ok = await cli('audit', 'verify');
    expect(ok.stdout).toMatch(/audit chain intact: \d+ entries/);
    const db = new Database(file);
    db.prepare("UPDATE audit_entries SET action = 'forged' WHERE id = 1").run();
    db.close();
    const failure = await cli('audit', 'verify').then(
      () => null,
      (e) => e,
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('entry 1: modified');
  });
});
