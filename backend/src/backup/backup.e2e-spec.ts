import { NestFactory } from '@nestjs/core';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { fillProduct } from '../../test/filled-product';
import { freshDatabase, startApp, startSecondApp, TEST_AUDIT_KEY, TestApp, TestDb, TEST_MYSQL_URL } from '../../test/harness';
import { comparableDumps, dumpBackup, dumpDatabase } from '../../test/table-dump';
import { AppModule } from '../app.module';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AppConfig, loadConfig } from '../config/config';
import { dataSourceOptions, MIGRATIONS } from '../database/data-source';
import { ENTITIES } from '../entities';
import { JobRun } from '../database/job-run.entity';
import { openRawDb, TRANSIENT_TABLES, writeBackup } from './backup';
import { BackupManifest, BackupWriter, readBackup } from './backup-file';
import { BackupJob } from './backup.job';
import { BackupService } from './backup.service';
import { configuredKeyIds, keyId } from './key-ids';
import { restoreBackup, RestoreError } from './restore';

// A fill prints two PDFs; restores start the application; the cross-database round trip restores three times.
jest.setTimeout(240_000);

const KIND = TEST_MYSQL_URL ? 'MariaDB/MySQL' : 'SQLite';
const dir = mkdtempSync(join(tmpdir(), 'hcp-backup-'));
let files = 0;
const tmpFile = (name: string) => join(dir, `${++files}-${name}`);
const sqliteUrl = () => `sqlite:${tmpFile('db.sqlite')}`;

const config = (url: string): AppConfig =>
  loadConfig({ DATABASE_URL: url, JWT_SECRET: 'test-secret', AUDIT_KEY: TEST_AUDIT_KEY, SEED_DEMO: 'false', STATIC_DIR: '/nonexistent' });
const boot = (c: AppConfig) => NestFactory.createApplicationContext(AppModule.forRoot(c), { logger: false });
const restore = (file: string, url: string, options: { force?: boolean; env?: NodeJS.ProcessEnv } = {}) =>
  restoreBackup(file, config(url), { boot, env: {}, ...options });

/** A new database of the suite's kind, dropped at the end. */
const databases: TestDb[] = [];
async function fresh(kind: 'sqlite' | 'mysql' = TEST_MYSQL_URL ? 'mysql' : 'sqlite'): Promise<string> {
  if (kind === 'sqlite') return sqliteUrl();
  const db = await freshDatabase();
  databases.push(db);
  return db.url;
}

/** Rewrites a backup with an altered manifest, rehashed: a well-formed backup that says something else. */
async function rewrite(file: string, change: (m: BackupManifest) => void): Promise<string> {
  const out = tmpFile('rewritten.ndjson.gz');
  const writer = new BackupWriter(out);
  let open = false;
  const close = async () => open && (await writer.endTable());
  await readBackup(file, {
    manifest: (m) => (change(m), writer.manifest(m)),
    table: async (h) => {
      await close();
      open = true;
      await writer.table(h);
    },
    rows: async (_h, rows) => {
      for (const r of rows) await writer.row(r);
    },
  });
  await close();
  await writer.finish();
  return out;
}

/** A backup of the database at `url`, taken from outside any application. */
async function backupOf(url: string, file: string) {
  const db = await openRawDb(config(url));
  try {
    return await writeBackup(db, file, configuredKeyIds(null, {}));
  } finally {
    await db.close();
  }
}

const tableCount = async (url: string) => {
  const db = await openRawDb(config(url));
  try {
    const tables = await db.tables();
    let rows = 0;
    for (const t of tables) rows += await db.count(t.name);
    return { tables: tables.length, rows };
  } finally {
    await db.close();
  }
};

describe(`backup and restore (${KIND})`, () => {
  let source: TestApp;
  let backupFile: string;

  beforeAll(async () => {
    source = await startApp(TEST_MYSQL_URL ? {} : { DATABASE_URL: sqliteUrl() });
    await fillProduct(source);
  });
  afterAll(async () => {
    await source?.close();
    for (const db of databases) await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up every table while writes go on, as one consistent moment', async () => {
    const admin = await source.login('admin');
    const written: string[] = [];
    let writing = true;
    // One organisation after another, each with its audit entry in the same transaction.
    const writer = (async () => {
      while (writing) {
        const code = `W-${written.length + 1}`;
        await source
          .http()
          .post('/api/organizations')
          .set('Authorization', `Bearer ${admin}`)
          .send({ code, name: `并发写入${code}`, kind: 'insurer' })
          .expect(201);
        written.push(code);
      }
    })();
    while (written.length < 3) await new Promise((r) => setTimeout(r, 10));
    backupFile = tmpFile('backup.ndjson.gz');
    const atStart = written.length;
    const run = await source.app.get(BackupService).run('manual', { out: backupFile });
    const atEnd = written.length;
    writing = false;
    await writer;
    expect(run).toMatchObject({ ran: true, outcome: { ok: true, file: backupFile } });
    expect(atEnd).toBeGreaterThan(atStart); // the server kept writing while the backup read

    const { manifest } = await readBackup(backupFile);
    const content = await dumpBackup(backupFile);
    // Every table of the schema: every entity's table but the transient ones, the migrations' record, and nothing else.
    const entityTables = source.dataSource.entityMetadatas.map((m) => m.tableName).filter((name) => !TRANSIENT_TABLES.has(name));
    expect(Object.keys(manifest.tables).sort()).toEqual([...entityTables, 'migrations'].sort());
    expect(Object.keys(content).sort()).toEqual(Object.keys(manifest.tables).sort());
    for (const [name, rows] of Object.entries(manifest.tables)) expect(content[name].rows).toHaveLength(rows);
    expect([...manifest.migrations].sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    expect(Object.keys(manifest.files.documents)).toHaveLength(2);
    expect(Object.keys(manifest.files.assessment_files)).toHaveLength(2);
    // The id of the audit chain's key (never the key), so that a restore can ask for the same one.
    expect(manifest.keys).toEqual({ AUDIT_KEY: keyId(TEST_AUDIT_KEY), BID_SEAL_KEY: null });

    // A moment between two writes: the first k organisations, each with its audit entry, and no other.
    const col = (table: string, name: string) => content[table].columns.findIndex((c) => c.name === name);
    const orgs = content.organizations.rows.map((r) => r[col('organizations', 'code')] as string).filter((c) => c.startsWith('W-'));
    const k = orgs.length;
    expect(orgs).toEqual(written.slice(0, k));
    expect(k).toBeGreaterThanOrEqual(atStart);
    expect(k).toBeLessThanOrEqual(atEnd);
    const audited = content.audit_entries.rows.filter((r) => r[col('audit_entries', 'action')] === 'organization.create');
    expect(audited).toHaveLength(k);
    const last = content.audit_entries.rows.at(-1)!;
    expect(manifest.audit).toEqual({
      entries: content.audit_entries.rows.length,
      lastId: last[col('audit_entries', 'id')],
      lastHash: last[col('audit_entries', 'hash')],
      head: last[col('audit_entries', 'hash')],
    });

    // What the source holds now is that moment plus what came after: later organisations and audit entries, the run's outcome.
    const now = await dumpDatabase(source.config.databaseUrl);
    const later = (table: string, row: unknown[]) =>
      (table === 'organizations' && written.slice(k).includes(row[col('organizations', 'code')] as string)) ||
      (table === 'audit_entries' && (row[col('audit_entries', 'id')] as number) > manifest.audit.lastId!) ||
      table === 'audit_head' ||
      (table === 'job_runs' && row[col('job_runs', 'job')] === 'backup');
    for (const name of Object.keys(now)) now[name].rows = now[name].rows.filter((r) => !later(name, r));
    for (const name of ['audit_head', 'job_runs']) content[name].rows = content[name].rows.filter((r) => !later(name, r));
    const { a, b } = comparableDumps(content, now);
    expect(a).toEqual(b);
  });

  /** A restore adds one audit entry (the restore itself) and moves the head to it; every other row is the backup's. */
  async function expectRestored(url: string, file: string) {
    const backup = await dumpBackup(file);
    const restored = await dumpDatabase(url);
    const action = restored.audit_entries.columns.findIndex((c) => c.name === 'action');
    const entry = restored.audit_entries.rows.pop()!;
    expect(entry[action]).toBe('backup.restore');
    restored.audit_head.rows = backup.audit_head.rows;
    const { a, b } = comparableDumps(restored, backup);
    expect(a).toEqual(b);
  }

  it('restores into a new database with every table, document hash and the audit chain as in the backup', async () => {
    const target = await fresh();
    const report = await restore(backupFile, target);
    const { manifest } = await readBackup(backupFile);
    expect(report).toMatchObject({
      tables: Object.keys(manifest.tables).length,
      files: 4,
      auditEntries: manifest.audit.entries,
      auditHead: manifest.audit.head,
      migrated: [],
      fileMismatches: [],
    });
    await expectRestored(target, backupFile);

    // The restored product runs: sign-in works, and new rows take ids after the old ones.
    const app = await startApp({ DATABASE_URL: target, SEED_DEMO: 'false' });
    try {
      const admin = await app.login('admin');
      const org = await app
        .http()
        .post('/api/organizations')
        .set('Authorization', `Bearer ${admin}`)
        .send({ code: 'AFTER', name: '恢复后', kind: 'insurer' })
        .expect(201);
      const before = (await dumpBackup(backupFile)).organizations.rows.map((r) => r[0] as number);
      expect(org.body.id).toBeGreaterThan(Math.max(...before));
      const auditor = await app.login('auditor');
      expect((await app.http().get('/api/audit/verify').set('Authorization', `Bearer ${auditor}`).expect(200)).body.breaks).toEqual([]);
    } finally {
      await app.app.close();
    }
  });

  if (TEST_MYSQL_URL) {
    it('moves between databases: MariaDB → SQLite → MariaDB, identical at each step', async () => {
      const lite = sqliteUrl();
      await restore(backupFile, lite);
      await expectRestored(lite, backupFile);
      const second = tmpFile('from-sqlite.ndjson.gz');
      await backupOf(lite, second);
      const back = await fresh('mysql');
      await restore(second, back);
      await expectRestored(back, second);
      // The round trip changed nothing but the two restore entries it recorded.
      const start = await dumpBackup(backupFile);
      const end = await dumpDatabase(back);
      for (const d of [end]) d.audit_entries.rows.splice(-2, 2);
      end.audit_head.rows = start.audit_head.rows;
      const { a, b } = comparableDumps(end, start);
      expect(a).toEqual(b);
    });

    it('restores a backup of a SQLite installation into MariaDB (a small office moving to a server)', async () => {
      const office = await startApp({ DATABASE_URL: sqliteUrl() });
      const file = tmpFile('office.ndjson.gz');
      try {
        await fillProduct(office);
        expect(await office.app.get(BackupService).run('manual', { out: file })).toMatchObject({ ran: true, outcome: { ok: true } });
      } finally {
        await office.close();
      }
      const server = await fresh('mysql');
      expect(await restore(file, server)).toMatchObject({ files: 4, fileMismatches: [] });
      await expectRestored(server, file);
    });
  }

  it('refuses a truncated or corrupted backup and leaves the database as it was', async () => {
    const target = await fresh();
    await restore(backupFile, target);
    const before = await tableCount(target);
    const bytes = readFileSync(backupFile);

    const truncated = tmpFile('truncated.ndjson.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(restore(truncated, target, { force: true })).rejects.toThrow(/truncated.*nothing was restored/s);

    const flipped = tmpFile('flipped.ndjson.gz');
    const copy = Buffer.from(bytes);
    copy[Math.floor(copy.length / 3)] ^= 0x40;
    writeFileSync(flipped, copy);
    await expect(restore(flipped, target, { force: true })).rejects.toThrow(/corrupt.*nothing was restored/s);

    // Well-formed gzip, one value changed inside: the table's hash finds it.
    const text = gunzipSync(bytes).toString('utf8');
    const edited = tmpFile('edited.ndjson.gz');
    writeFileSync(edited, gzipSync(text.replace('"W-1"', '"W-X"')));
    await expect(restore(edited, target, { force: true })).rejects.toThrow(/organizations does not match its row count or hash/);

    const notBackup = tmpFile('other.ndjson.gz');
    writeFileSync(notBackup, gzipSync('{"hello": 1}\n'));
    await expect(restore(notBackup, target, { force: true })).rejects.toThrow(/not a backup of this product/);

    expect(await tableCount(target)).toEqual(before);
  });

  it('refuses a database that holds rows unless forced, a newer schema level, and a backup whose keys are not set', async () => {
    const target = await fresh();
    await restore(backupFile, target);
    const error = await restore(backupFile, target).catch((e) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect(error.message).toMatch(/目标数据库不是空的.*the target database is not empty .*--force/s);
    await restore(backupFile, target, { force: true });
    await expectRestored(target, backupFile);

    const newer = await rewrite(backupFile, (m) => m.migrations.push('Future9999999999999'));
    await expect(restore(newer, await fresh())).rejects.toThrow(
      /newer version of the product \(migrations unknown here: Future9999999999999\); upgrade/,
    );

    const keyed = await rewrite(backupFile, (m) => (m.keys.AUDIT_KEY = keyId('the-audit-key')));
    await expect(restore(keyed, await fresh())).rejects.toThrow(
      `needs the AUDIT_KEY with id ${keyId('the-audit-key')}; the AUDIT_KEY set here has id ${keyId(TEST_AUDIT_KEY)}`,
    );
    const sealed = await rewrite(backupFile, (m) => (m.keys.BID_SEAL_KEY = keyId('the-seal-key')));
    await expect(restore(sealed, await fresh(), { env: {} })).rejects.toThrow(
      `needs the BID_SEAL_KEY with id ${keyId('the-seal-key')}; set BID_SEAL_KEY first`,
    );
  });

  it('restores a backup of an older schema level and then runs the newer migrations', async () => {
    const old = await fresh();
    const last = MIGRATIONS.at(-1)!;
    const ds = new DataSource({ ...dataSourceOptions(config(old), ENTITIES), migrations: MIGRATIONS.slice(0, -1), migrationsRun: false });
    await ds.initialize();
    await ds.runMigrations();
    await ds.query("INSERT INTO organizations (code, name, kind) VALUES ('OLD', '旧版本机构', 'insurer')");
    await ds.destroy();
    const file = tmpFile('old.ndjson.gz');
    await backupOf(old, file);
    expect((await readBackup(file)).manifest.migrations).not.toContain(last.name);

    const target = await fresh();
    const report = await restore(file, target);
    expect(report.migrated).toEqual([last.name]);
    const check = new DataSource({ ...dataSourceOptions(config(target), ENTITIES), migrationsRun: false });
    await check.initialize();
    try {
      expect(await check.showMigrations()).toBe(false);
      expect(await check.query("SELECT name FROM organizations WHERE code = 'OLD'")).toEqual([{ name: '旧版本机构' }]);
      expect(await check.getRepository(AuditEntry).findBy({ action: 'backup.restore' })).toHaveLength(1);
    } finally {
      await check.destroy();
    }
  });
});

describe(`scheduled backups (${KIND})`, () => {
  let t: TestApp;
  const backupDir = mkdtempSync(join(tmpdir(), 'hcp-scheduled-'));
  beforeAll(async () => {
    t = await startApp({ BACKUP_DIR: backupDir, BACKUP_KEEP: '2', BACKUP_CRON: '*/1 * * * * *' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('runs on its schedule once per slot, keeps the newest BACKUP_KEEP files, and reports the last result', async () => {
    // BACKUP_CRON fires every second here; each minute is one slot, so at most one file per minute.
    const deadline = Date.now() + 20_000;
    while (!readdirSync(backupDir).some((f) => f.endsWith('.ndjson.gz')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    await t.app.get(BackupJob).onModuleDestroy();
    const scheduled = await t.dataSource.getRepository(JobRun).findBy({ job: 'backup' });
    expect(scheduled.length).toBeGreaterThanOrEqual(1);
    expect(new Set(scheduled.map((r) => r.periodKey)).size).toBe(scheduled.length);

    const service = t.app.get(BackupService);
    const runs = [];
    for (const minute of ['2031-01-01T02:30:00Z', '2031-01-02T02:30:00Z', '2031-01-03T02:30:00Z']) {
      runs.push(await service.run('scheduled', { now: new Date(minute) }));
    }
    // The same slot again (another server, or a retry): nothing is written.
    expect(await service.run('scheduled', { now: new Date('2031-01-03T02:30:20Z') })).toEqual({ ran: false });
    expect(runs.every((r) => r.ran && r.outcome.ok)).toBe(true);
    expect(readdirSync(backupDir).sort()).toEqual([
      'hcprocure-backup-20310102T023000Z.ndjson.gz',
      'hcprocure-backup-20310103T023000Z.ndjson.gz',
    ]);

    const health = (await t.http().get('/api/health').expect(200)).body;
    expect(health).toMatchObject({ status: 'ok', backupScheduled: true, jobs: { backup: { status: 'ok' } } });
    const admin = await t.login('admin');
    const status = (await t.http().get('/api/backups').set('Authorization', `Bearer ${admin}`).expect(200)).body;
    expect(status.schedule).toEqual({ dir: backupDir, cron: '*/1 * * * * *', keep: 2 });
    expect(status.runs[0].outcome).toMatchObject({
      ok: true,
      trigger: 'scheduled',
      file: join(backupDir, 'hcprocure-backup-20310103T023000Z.ndjson.gz'),
    });
    expect(await t.dataSource.getRepository(AuditEntry).countBy({ action: 'backup.create' })).toBeGreaterThanOrEqual(4);
  });

  it('keeps a failed run as the last result, for the admin and /api/health', async () => {
    const blocked = join(backupDir, 'not-a-folder');
    writeFileSync(blocked, '');
    const run = await t.app.get(BackupService).run('manual', { out: join(blocked, 'x.ndjson.gz') });
    expect(run).toMatchObject({ ran: true, outcome: { ok: false, error: expect.stringMatching(/ENOTDIR/) } });
    expect((await t.http().get('/api/health').expect(200)).body.jobs.backup).toMatchObject({ status: 'failed' });
    expect(existsSync(join(blocked, 'x.ndjson.gz.partial'))).toBe(false);
  });

  if (TEST_MYSQL_URL) {
    it('two servers sharing the database write one backup per slot', async () => {
      const second = await startSecondApp(t);
      try {
        const now = new Date('2032-05-05T02:30:00Z');
        const outcomes = await Promise.all([t, second].map((x) => x.app.get(BackupService).run('scheduled', { now })));
        expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
        expect(readdirSync(backupDir).filter((f) => f.includes('20320505'))).toHaveLength(1);
      } finally {
        await second.close();
      }
    });
  }
});
