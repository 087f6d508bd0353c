import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig, ROOT_DIR } from '../config/config';
import { BackupManifest, BackupWriter, BACKUP_FORMAT, BACKUP_FORMAT_VERSION, fileColumns } from './backup-file';
import { MysqlRawDb, quoteName, RawDb, SqliteRawDb, TableInfo } from './raw-db';

/**
 * Tables of the moment, not of the record: the per-minute write counts of the rate limit and the prints under
 * way. A restored database starts them empty (a restored print run would be one nobody is printing).
 */
export const TRANSIENT_TABLES: ReadonlySet<string> = new Set(['write_rates', 'print_runs']);

export const PRODUCT = JSON.parse(readFileSync(resolve(ROOT_DIR, 'package.json'), 'utf8')) as { name: string; version: string };

export interface BackupSummary {
  file: string;
  bytes: number;
  sha256: string;
  createdAt: string;
  tables: number;
  rows: number;
  files: number;
  migrations: number;
  auditHead: string | null;
  seconds: number;
  /** Stored files whose bytes no longer matched their SHA-256 in the database: copied as they are, and reported. */
  fileMismatches: { table: string; key: string }[];
}

/**
 * A connection of the backup's own, so that its long read never holds up the server's: a second
 * connection to the SQLite file (WAL lets the server write meanwhile), a copy of an in-memory SQLite
 * database (tests; taken synchronously, so consistent), or a new MySQL/MariaDB connection.
 */
export async function openRawDb(config: Pick<AppConfig, 'databaseUrl' | 'dbKind'>, live?: DataSource): Promise<RawDb> {
  if (config.dbKind === 'mysql') return MysqlRawDb.open(config.databaseUrl);
  const file = config.databaseUrl.slice('sqlite:'.length);
  if (file !== ':memory:') return SqliteRawDb.open(file);
  const handle = (live?.driver as unknown as { databaseConnection?: Database.Database } | undefined)?.databaseConnection;
  if (!handle) throw new Error('an in-memory SQLite database is backed up only from inside the process that holds it');
  return new SqliteRawDb(new Database(handle.serialize()));
}

async function auditState(db: RawDb, tables: TableInfo[]): Promise<BackupManifest['audit']> {
  const names = new Set(tables.map((t) => t.name));
  if (!names.has('audit_entries')) return { entries: 0, lastId: null, lastHash: null, head: null };
  const [{ n }] = await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM audit_entries');
  const last = await db.query<{ id: number | string; hash: string }>('SELECT id, hash FROM audit_entries ORDER BY id DESC LIMIT 1');
  const head = names.has('audit_head') ? await db.query<{ hash: string }>('SELECT hash FROM audit_head WHERE id = 1') : [];
  return { entries: Number(n), lastId: last[0] ? Number(last[0].id) : null, lastHash: last[0]?.hash ?? null, head: head[0]?.hash ?? null };
}

/**
 * Writes every table of `db` to `file` from one consistent snapshot: REPEATABLE READ with a consistent
 * snapshot on MySQL/MariaDB, one read transaction on SQLite. The manifest is taken inside the same
 * snapshot, so its counts and hashes describe exactly the rows that follow.
 */
export async function writeBackup(db: RawDb, file: string, keys: BackupManifest['keys']): Promise<BackupSummary> {
  const started = Date.now();
  const writer = new BackupWriter(file);
  try {
    await db.beginSnapshot();
    const tables = (await db.tables()).filter((t) => !TRANSIENT_TABLES.has(t.name));
    const counts: Record<string, number> = {};
    const files: BackupManifest['files'] = {};
    for (const t of tables) {
      counts[t.name] = await db.count(t.name);
      const f = fileColumns(t);
      if (!f) continue;
      const [key, hash] = [t.columns[f.key].name, t.columns[f.sha256].name];
      const rows = await db.query<Record<string, unknown>>(
        `SELECT ${quoteName(db.kind, key)} AS k, ${quoteName(db.kind, hash)} AS h FROM ${quoteName(db.kind, t.name)}`,
      );
      files[t.name] = Object.fromEntries(rows.map((r) => [String(r.k), String(r.h)]));
    }
    const migrations = tables.some((t) => t.name === 'migrations')
      ? (await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).map((m) => m.name)
      : [];
    const createdAt = new Date().toISOString();
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      product: { name: PRODUCT.name, version: PRODUCT.version },
      createdAt,
      database: db.kind,
      migrations,
      tables: counts,
      files,
      audit: await auditState(db, tables),
      keys,
    };
    await writer.manifest(manifest);
    for (const t of tables) {
      await writer.table({ table: t.name, columns: t.columns, key: t.key, nextId: await db.nextId(t) });
      for await (const row of db.rows(t)) await writer.row(row);
      await writer.endTable();
    }
    await db.rollback();
    const done = await writer.finish();
    return {
      file,
      bytes: done.bytes,
      sha256: done.sha256,
      createdAt,
      tables: tables.length,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      files: Object.values(files).reduce((a, f) => a + Object.keys(f).length, 0),
      migrations: migrations.length,
      auditHead: manifest.audit.head,
      seconds: (Date.now() - started) / 1000,
      fileMismatches: done.fileMismatches,
    };
  } catch (e) {
    writer.abort();
    await db.rollback().catch(() => undefined);
    throw e;
  }
}
