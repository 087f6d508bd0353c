import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { tableLayout } from '../../test/workbook-layout';
import { DataSource } from 'typeorm';
import { ROOT_DIR, loadConfig } from '../config/config';
import { dataSourceOptions, MIGRATIONS } from '../database/data-source';
import { KeyedAudit1765400000000 } from '../database/migrations/1765400000000-KeyedAudit';
import { ENTITIES } from '../entities';
import { label } from '../domain/labels';
import { binary, persistentDatabase, startApp, TEST_AUDIT_KEY, TEST_JWT_SECRET, TEST_MYSQL_URL, TestApp, TestDb } from '../../test/harness';
import { entryHash, GENESIS_HASH } from './audit-chain';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';
import { SecurityLogService } from './security-log.service';

const KIND = TEST_MYSQL_URL ? 'MariaDB' : 'SQLite';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe(`audit record (${KIND})`, () => {
  let t: TestApp;
  let auditor: string;
  const verify = async () => (await t.http().get('/api/audit/verify').set(bearer(auditor)).expect(200)).body;
  beforeAll(async () => {
    t = await startApp();
    auditor = await t.login('auditor');
  });
  afterAll(() => t.close());

  it('begins keyed: the first entry starts the keyed chain with the algorithm and the key id', async () => {
    const [first] = await t.dataSource.getRepository(AuditEntry).find({ order: { id: 'ASC' }, take: 1 });
    expect(first).toMatchObject({ action: 'audit.keyed', alg: 'sm3', prevHash: GENESIS_HASH, after: { alg: 'sm3', previousAlg: null } });
    expect(first.hash).toBe(entryHash(first, TEST_AUDIT_KEY));
    expect(first.hash).not.toBe(entryHash({ ...first, alg: null }));
  });

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
    const res = await verify();
    expect(res.breaks).toEqual([]);
    expect(res.entries).toBeGreaterThan(25);
  });

  it('is the audit administrator’s alone', async () => {
    for (const user of ['admin', 'bureau']) {
      await t
        .http()
        .get('/api/audit/verify')
        .set(bearer(await t.login(user)))
        .expect(403);
    }
    await t.http().get('/api/tenders').set(bearer(auditor)).expect(403);
    await t.http().get('/api/auth/me').set(bearer(auditor)).expect(200);
  });

  it('filters and exports the record with Chinese headers and labels', async () => {
    const list = (q: string) => t.http().get(`/api/audit?${q}`).set(bearer(auditor)).expect(200);
    const generated = (await list('action=document.generate&limit=1000')).body;
    expect(generated).toHaveLength(25);
    expect((await list('user=admin&limit=5')).body.every((e: AuditEntry) => e.actorName === 'admin')).toBe(true);
    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect((await list(`from=${future}`)).body).toEqual([]);
    expect((await list(`to=${future}&action=document.generate&limit=1000`)).body).toHaveLength(25);
    const res = await t
      .http()
      .get('/api/audit/export.xlsx?action=document.generate')
      .set(bearer(auditor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.getWorksheet(label('logSheet', 'audit'))!;
    expect(ws.getRow(1).getCell(1).value).toBe('序号');
    expect(ws.getRow(1).getCell(4).value).toBe('操作');
    expect(ws.rowCount).toBe(26);
    expect(tableLayout(ws)).toEqual({ frozen: [1], autoFilter: 'A1:K26', cells: {} });
    expect(ws.getRow(2).getCell(4).value).toBe(label('auditAction', 'document.generate'));
  });

  it('finds a modified entry, a removed one, the newest removed, and every entry removed', async () => {
    const rows: { id: number }[] = await t.dataSource.query("SELECT id FROM audit_entries WHERE entityType = 'test' ORDER BY id");
    await t.dataSource.query('UPDATE audit_entries SET actorName = ? WHERE id = ?', ['intruder', rows[3].id]);
    await t.dataSource.query('DELETE FROM audit_entries WHERE id = ?', [rows[10].id]);
    expect((await verify()).breaks).toEqual([
      expect.objectContaining({ id: rows[3].id, problem: 'modified' }),
      expect.objectContaining({ id: rows[11].id, problem: 'broken-link' }),
    ]);

    // Deleting the newest entries leaves an unbroken chain: its end is no longer the recorded head.
    await t.dataSource.query('DELETE FROM audit_entries WHERE id >= ?', [rows[20].id]);
    expect((await verify()).breaks).toEqual([
      expect.objectContaining({ id: rows[3].id, problem: 'modified' }),
      expect.objectContaining({ id: rows[11].id, problem: 'broken-link' }),
      expect.objectContaining({ id: rows[19].id, problem: 'truncated' }),
    ]);
    await t.dataSource.query('DELETE FROM audit_entries');
    expect(await verify()).toEqual({ entries: 0, head: null, breaks: [expect.objectContaining({ id: 0, problem: 'truncated' })] });
  });
});

/**
 * A database holding a chain written under the old rule (plain SHA-256, `alg` null): the current
 * chain rewritten as someone who can write the database but has no key would, head included. With
 * `beforeMigration` the database is also taken back to the schema level before the keyed chain, as a
 * database of the previous version is.
 */
async function unkeyedChain(url: string, beforeMigration: boolean) {
  const ds = new DataSource({
    ...dataSourceOptions(loadConfig({ DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, AUDIT_KEY: TEST_AUDIT_KEY }), ENTITIES),
    migrationsRun: false,
  });
  await ds.initialize();
  try {
    const repo = ds.getRepository(AuditEntry);
    let prev = GENESIS_HASH;
    for (const e of await repo.find({ order: { id: 'ASC' } })) {
      Object.assign(e, { alg: null, prevHash: prev });
      e.hash = entryHash(e);
      await repo.save(e);
      prev = e.hash;
    }
    await ds.query('UPDATE audit_head SET hash = ? WHERE id = 1', [prev]);
    // KeyedAudit and every migration after it undone, the latest first.
    const undo = beforeMigration ? MIGRATIONS.length - MIGRATIONS.indexOf(KeyedAudit1765400000000) : 0;
    for (let i = 0; i < undo; i++) await ds.undoLastMigration();
    return prev;
  } finally {
    await ds.destroy();
  }
}

describe(`the keyed chain over an unkeyed past (${KIND})`, () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await persistentDatabase();
  });
  afterEach(() => db.drop());

  const restart = async () => {
    const t = await startApp({ DATABASE_URL: db.url });
    return {
      t,
      verify: async () =>
        (
          await t
            .http()
            .get('/api/audit/verify')
            .set(bearer(await t.login('auditor')))
            .expect(200)
        ).body,
    };
  };

  it('an upgraded database: its old entries verify under the old rule up to the keyed chain’s start', async () => {
    await (await startApp({ DATABASE_URL: db.url })).close();
    const lastUnkeyed = await unkeyedChain(db.url, true);
    const { t, verify } = await restart();
    try {
      const { breaks, entries } = await verify();
      expect(breaks).toEqual([]);
      const start = await t.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'audit.keyed', alg: 'sm3' });
      expect(start).toMatchObject({ prevHash: lastUnkeyed, after: { previousAlg: 'unkeyed' } });
      expect(entries).toBeGreaterThan(start.id);
    } finally {
      await t.close();
    }
  });

  it('a chain rebuilt without the key is found, and not sealed by the next start', async () => {
    await (await startApp({ DATABASE_URL: db.url })).close();
    await unkeyedChain(db.url, false);
    const { t, verify } = await restart();
    try {
      await t.app.get(AuditService).record(null, { action: 'document.generate', entityType: 'test' });
      expect((await verify()).breaks.map((b: { problem: string }) => b.problem)).toEqual(['unkeyed']);
    } finally {
      await t.close();
    }
  });

  it('HMAC-SHA-256 after HMAC-SM3 starts the chain anew; another AUDIT_KEY is found', async () => {
    await (await startApp({ DATABASE_URL: db.url })).close();
    const sha = await startApp({ DATABASE_URL: db.url, AUDIT_HMAC: 'sha256' });
    try {
      const auditor = await sha.login('auditor');
      expect((await sha.http().get('/api/audit/verify').set(bearer(auditor)).expect(200)).body.breaks).toEqual([]);
      const [newest] = await sha.dataSource.getRepository(AuditEntry).find({ order: { id: 'DESC' }, take: 1 });
      expect(newest).toMatchObject({ alg: 'sha256' });
      expect(await sha.dataSource.getRepository(AuditEntry).countBy({ action: 'audit.keyed' })).toBe(2);
    } finally {
      await sha.close();
    }
    const other = await startApp({ DATABASE_URL: db.url, AUDIT_HMAC: 'sha256', AUDIT_KEY: 'another-audit-key-0123456789abcdef0123' });
    try {
      const auditor = await other.login('auditor');
      const { breaks } = (await other.http().get('/api/audit/verify').set(bearer(auditor)).expect(200)).body;
      expect(breaks[0]).toMatchObject({ problem: 'other-key' });
    } finally {
      await other.close();
    }
  });
});

describe(`security log (${KIND})`, () => {
  let t: TestApp;
  let auditor: string;
  beforeAll(async () => {
    t = await startApp();
    auditor = await t.login('auditor');
  });
  afterAll(() => t.close());

  const events = async (q = '') => {
    await t.app.get(SecurityLogService).settled();
    return (await t.http().get(`/api/audit/security-events?${q}`).set(bearer(auditor)).expect(200)).body;
  };

  it('records refused requests, downloads and reads of bids — who, what, when, from where — and not the results JSON', async () => {
    const clerk = await t.login('clerk');
    const insurer = await t.login('insurer');
    const agent = 'probe/1.0';
    await t.http().get('/api/tenders/1/bids').set('User-Agent', agent).expect(401);
    await t.http().get('/api/tenders/1/dossier').set(bearer(insurer)).set('User-Agent', agent).expect(403);
    await t.http().get('/api/tenders/99999/dossier').set(bearer(clerk)).set('User-Agent', agent).expect(404);
    await t.http().get('/api/tenders/1/dossier').set(bearer(clerk)).set('User-Agent', agent).expect(200);
    await t.http().get('/api/tenders/1/bids').set(bearer(clerk)).set('User-Agent', agent).expect(200);
    await t.http().get('/api/tenders/1/results').set(bearer(clerk)).set('User-Agent', agent);
    await t.http().post('/api/auth/login').send({ username: 'clerk', password: 'wrong' }).expect(401);

    const found = await events();
    const seen = found.map((e: { kind: string; username: string | null; method: string; path: string; status: number }) => [
      e.kind,
      e.username,
      e.path,
      e.status,
    ]);
    expect(seen).toEqual([
      ['bid-read', 'clerk', '/api/tenders/1/bids', 200],
      ['download', 'clerk', '/api/tenders/1/dossier', 200],
      ['refused', 'clerk', '/api/tenders/99999/dossier', 404],
      ['refused', 'insurer', '/api/tenders/1/dossier', 403],
      ['refused', null, '/api/tenders/1/bids', 401],
    ]);
    for (const e of found) {
      expect(e).toMatchObject({ method: 'GET', userAgent: agent, ip: expect.stringMatching(/127\.0\.0\.1|::1/) });
      expect(Date.now() - Date.parse(e.at)).toBeLessThan(60_000);
    }
    expect(found[0].role).toBe('procurement');
  });

  it('filters by kind, user and time, and exports with Chinese headers', async () => {
    expect((await events('kind=refused')).every((e: { kind: string }) => e.kind === 'refused')).toBe(true);
    expect((await events('user=insurer')).map((e: { kind: string }) => e.kind)).toEqual(['refused']);
    expect(await events(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    await t.http().get('/api/audit/security-events?kind=nope').set(bearer(auditor)).expect(400);
    const res = await t
      .http()
      .get('/api/audit/security-events/export.xlsx?kind=download')
      .set(bearer(auditor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.getWorksheet(label('logSheet', 'security'))!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '序号',
      '时间',
      '事件类型',
      '用户',
      '角色',
      '请求方法',
      '请求路径',
      '应答状态',
      'IP 地址',
      '客户端',
    ]);
    expect(ws.getRow(2).getCell(3).value).toBe('下载');
    expect(ws.getRow(2).getCell(5).value).toBe('采购中心');
    // The export of the log is itself a download on the log.
    expect((await events('kind=download')).map((e: { path: string }) => e.path)).toContain(
      '/api/audit/security-events/export.xlsx?kind=download',
    );
  });
});

// The command line on a SQLite file (the MariaDB suite runs the same code through the API above).
if (!TEST_MYSQL_URL)
  describe('cli audit verify and checkpoint', () => {
    const run = promisify(execFile);
    const dir = mkdtempSync(join(tmpdir(), 'hcp-audit-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it('reports an intact chain, exits 1 on a tampered one, and checks a signed checkpoint', async () => {
      const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'a.sqlite')}`, SEED_DEMO: 'false', AUDIT_KEY: TEST_AUDIT_KEY };
      const cli = (...args: string[]) =>
        run(process.execPath, [join(ROOT_DIR, 'scripts', 'cli.js'), ...args], { cwd: ROOT_DIR, env }).then(
          (r) => ({ code: 0, ...r }),
          (e: { code: number; stdout: string; stderr: string }) => e,
        );
      const withoutKey = await run(process.execPath, [join(ROOT_DIR, 'scripts', 'cli.js'), 'audit', 'verify'], {
        cwd: ROOT_DIR,
        env: { ...env, AUDIT_KEY: '' },
      }).catch((e) => e);
      expect(withoutKey.stderr).toContain('AUDIT_KEY is required');

      expect((await cli('audit', 'verify')).stdout).toMatch(/audit chain intact: \d+ entries/);
      const printed = await cli('audit', 'checkpoint');
      const cp = JSON.parse(printed.stdout);
      expect(cp).toEqual({
        id: expect.any(Number),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        alg: 'sm3',
        keyId: expect.any(String),
        hmac: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const file = join(dir, 'checkpoint.json');
      writeFileSync(file, printed.stdout);
      expect((await cli('audit', 'verify', '--checkpoint', file)).stdout).toMatch(new RegExp(`checkpoint ${cp.id} confirmed`));
      const forged = await cli('audit', 'verify', '--checkpoint', `${cp.id}:${cp.hash}:${'0'.repeat(64)}`);
      expect(forged).toMatchObject({ code: 1, stderr: expect.stringContaining('checkpoint — the checkpoint HMAC does not match') });

      // The newest entries removed and the head set back to match: only the checkpoint finds it.
      const ds = new DataSource({
        ...dataSourceOptions(
          loadConfig({ DATABASE_URL: env.DATABASE_URL, JWT_SECRET: TEST_JWT_SECRET, AUDIT_KEY: TEST_AUDIT_KEY }),
          ENTITIES,
        ),
        migrationsRun: false,
      });
      await ds.initialize();
      const [before] = await ds.query('SELECT hash FROM audit_entries WHERE id = ?', [cp.id - 1]);
      await ds.query('DELETE FROM audit_entries WHERE id = ?', [cp.id]);
      await ds.query('UPDATE audit_head SET hash = ? WHERE id = 1', [before?.hash ?? GENESIS_HASH]);
      await ds.destroy();
      expect((await cli('audit', 'verify')).code).toBe(0);
      const cut = await cli('audit', 'verify', '--checkpoint', file);
      expect(cut).toMatchObject({ code: 1, stderr: expect.stringContaining(`entry ${cp.id}: truncated`) });
    }, 240_000);
  });
