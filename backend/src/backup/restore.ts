import { INestApplicationContext } from '@nestjs/common';
import { basename } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { dataSourceOptions, MIGRATIONS } from '../database/data-source';
import { ENTITIES } from '../entities';
import { BackupFileError, BackupManifest, fileColumns, readBackup, sha256, TableHeader } from './backup-file';
import { openRawDb } from './backup';
import { configuredKeyIds } from './key-ids';
import { quoteName, TableInfo } from './raw-db';

/** A restore refused or failed; the message says why and what to do, in Chinese and English. */
export class RestoreError extends Error {}

export interface RestoreOptions {
  /** Replace a database that holds rows (every table is dropped and rebuilt). */
  force?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Starts the application on the restored database: it runs the pending migrations, then verifies the audit chain. */
  boot: (config: AppConfig) => Promise<INestApplicationContext>;
}

export interface RestoreReport {
  tables: number;
  rows: number;
  files: number;
  auditEntries: number;
  auditHead: string | null;
  backupCreatedAt: string;
  /** Migrations newer than the backup, run after its data was loaded. */
  migrated: string[];
  /** Stored files that were already damaged in the database the backup was taken from. */
  fileMismatches: { table: string; key: string }[];
  seconds: number;
}

const migrationName = (m: (typeof MIGRATIONS)[number]) => (new m() as { name?: string }).name ?? m.name;

function refuseUnknownLevel(manifest: BackupManifest) {
  const known = new Set(MIGRATIONS.map(migrationName));
  const newer = manifest.migrations.filter((n) => !known.has(n));
  if (newer.length) {
    throw new RestoreError(
      `备份来自较新的系统版本（本版本没有迁移 ${newer.join('、')}），请先升级系统再恢复 / the backup comes from a newer version of the product ` +
        `(migrations unknown here: ${newer.join(', ')}); upgrade the product, then restore`,
    );
  }
}

function refuseOtherKeys(manifest: BackupManifest, auditKey: string, env: NodeJS.ProcessEnv) {
  const ids = configuredKeyIds(auditKey, env) as Record<string, string | null>;
  for (const [name, id] of Object.entries(manifest.keys)) {
    if (!id || ids[name] === id) continue;
    throw new RestoreError(
      ids[name]
        ? `备份需要标识为 ${id} 的 ${name}，当前配置的 ${name} 标识为 ${ids[name]} / the backup needs the ${name} with id ${id}; the ${name} set here has id ${ids[name]}`
        : `备份需要标识为 ${id} 的 ${name}，请先设置 ${name} / the backup needs the ${name} with id ${id}; set ${name} first`,
    );
  }
}

/**
 * Restores a backup into the database of `config`:
 * 1. reads the whole file and checks it (hashes, counts, trailer) — a corrupt or truncated file is
 *    refused before anything is touched;
 * 2. refuses a backup of a newer schema level than this code knows, or one whose keys are not set here;
 * 3. refuses a database holding any row unless `force`; then drops its tables and rebuilds the schema
 *    with exactly the migrations the backup's data was at;
 * 4. loads every table in one transaction and, before committing, checks every table's row count, every
 *    stored file's SHA-256 and every foreign key (a failure rolls everything back);
 * 5. sets the id counters, starts the application — which runs the migrations newer than the backup —
 *    and verifies the audit chain and its head; then records the restore in the audit.
 */
export async function restoreBackup(file: string, config: AppConfig, options: RestoreOptions): Promise<RestoreReport> {
  const started = Date.now();
  const { manifest, trailer } = await readBackup(file).catch((e: unknown) => {
    throw e instanceof BackupFileError ? new RestoreError(`${e.message}；未恢复任何数据 / nothing was restored`) : e;
  });
  refuseUnknownLevel(manifest);
  refuseOtherKeys(manifest, config.auditKey, options.env ?? process.env);

  const target = await openRawDb(config);
  try {
    const holding: string[] = [];
    for (const t of await target.tables()) if ((await target.count(t.name)) > 0) holding.push(t.name);
    if (holding.length && !options.force) {
      throw new RestoreError(
        `目标数据库不是空的（${holding.slice(0, 5).join('、')}${holding.length > 5 ? '…' : ''} 有数据）；请恢复到新建的空数据库，或加 --force 覆盖其全部内容 / ` +
          `the target database is not empty (rows in ${holding.slice(0, 5).join(', ')}${holding.length > 5 ? ', …' : ''}); ` +
          `restore into a new, empty database, or add --force to replace everything in it`,
      );
    }
    await target.dropAllTables();
  } finally {
    await target.close();
  }

  // The schema the data was written under: the backup's own migrations, no more.
  const level = MIGRATIONS.filter((m) => manifest.migrations.includes(migrationName(m)));
  const schema = new DataSource({ ...dataSourceOptions(config, ENTITIES), migrations: level, migrationsRun: false });
  await schema.initialize();
  try {
    await schema.runMigrations({ transaction: 'each' });
  } finally {
    await schema.destroy();
  }

  const known = new Set(trailer.fileMismatches.map((f) => `${f.table} ${f.key}`));
  const headers: TableHeader[] = [];
  const db = await openRawDb(config);
  try {
    const tables = new Map((await db.tables()).map((t) => [t.name, t]));
    const missing = Object.keys(manifest.tables).filter((t) => !tables.has(t));
    if (missing.length) throw new RestoreError(`迁移后缺少表 ${missing.join('、')} / the migrations did not create: ${missing.join(', ')}`);
    await db.foreignKeyChecks(false);
    await db.beginWrite();
    try {
      // The migrations just recorded themselves; the backup's own record of them replaces that.
      for (const name of Object.keys(manifest.tables)) await db.query(`DELETE FROM ${quoteName(db.kind, name)}`);
      let into: TableInfo;
      await readBackup(file, {
        table(h) {
          const t = tables.get(h.table)!;
          const names = (cols: { name: string }[]) =>
            cols
              .map((c) => c.name)
              .sort()
              .join(',');
          if (names(t.columns) !== names(h.columns)) {
            throw new RestoreError(`表 ${h.table} 的列与备份不符 / table ${h.table} has other columns than the backup's`);
          }
          into = { ...t, columns: h.columns.map((c) => t.columns.find((x) => x.name === c.name)!) };
          headers.push(h);
        },
        rows: (_h, rows) => db.insert(into, rows),
      });
      for (const [name, rows] of Object.entries(manifest.tables)) {
        const n = await db.count(name);
        if (n !== rows)
          throw new RestoreError(`表 ${name} 恢复了 ${n} 行，备份有 ${rows} 行 / table ${name}: ${n} rows restored of ${rows}`);
        const t = tables.get(name)!;
        const f = fileColumns(t);
        if (!f) continue;
        for await (const row of db.rows(t)) {
          const key = String(row[f.key]);
          if (known.has(`${name} ${key}`)) continue;
          if (row[f.blob] === null || sha256(row[f.blob] as Buffer) !== manifest.files[name][key]) {
            throw new RestoreError(
              `${name} ${key} 恢复后的内容与其 SHA-256 不符 / ${name} ${key}: the restored bytes do not match their SHA-256`,
            );
          }
        }
      }
      const broken = await db.foreignKeyViolations([...tables.values()]);
      if (broken.length)
        throw new RestoreError(`恢复的数据外键不完整 / restored rows break foreign keys: ${broken.slice(0, 5).join('; ')}`);
      await db.commit();
    } catch (e) {
      await db.rollback();
      throw e;
    } finally {
      await db.foreignKeyChecks(true);
    }
    for (const h of headers) if (h.nextId !== null) await db.setNextId(tables.get(h.table)!, h.nextId);
  } finally {
    await db.close();
  }

  const migrated = MIGRATIONS.map(migrationName).filter((n) => !manifest.migrations.includes(n));
  const app = await options.boot(config);
  try {
    const audit = app.get(AuditService);
    const { entries, breaks } = await audit.verify();
    if (breaks.length) {
      const list = breaks.slice(0, 5).map((b) => `${b.id} ${b.problem}`);
      throw new RestoreError(`恢复后的审计链有断点：${list.join('；')} / the restored audit chain is broken: ${list.join('; ')}`);
    }
    const ds = app.get(DataSource);
    const [head] = await ds.query('SELECT hash FROM audit_head WHERE id = 1');
    const [last] = await ds.query('SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1');
    // A backup from before the chain was keyed: the start wrote the keyed chain's first entry after its data.
    const keyedStart = audit.keyedStart;
    const restoredHead = keyedStart ? keyedStart.prevHash : head?.hash;
    const restoredLast = keyedStart ? (entries > 1 ? keyedStart.prevHash : null) : last?.hash;
    if (
      entries - (keyedStart ? 1 : 0) !== manifest.audit.entries ||
      (restoredHead ?? null) !== manifest.audit.head ||
      (restoredLast ?? null) !== manifest.audit.lastHash
    ) {
      throw new RestoreError(
        `恢复后的审计链与备份不符（${entries} 条，备份 ${manifest.audit.entries} 条）/ the restored audit chain differs from the backup's ` +
          `(${entries} entries, the backup has ${manifest.audit.entries}; head ${head?.hash ?? 'none'}, the backup's ${manifest.audit.head ?? 'none'})`,
      );
    }
    const report: RestoreReport = {
      tables: Object.keys(manifest.tables).length,
      rows: Object.values(manifest.tables).reduce((a, b) => a + b, 0),
      files: Object.values(manifest.files).reduce((a, f) => a + Object.keys(f).length, 0),
      auditEntries: entries,
      auditHead: manifest.audit.head,
      backupCreatedAt: manifest.createdAt,
      migrated,
      fileMismatches: trailer.fileMismatches,
      seconds: (Date.now() - started) / 1000,
    };
    await audit.record(null, {
      action: 'backup.restore',
      entityType: 'system',
      after: { file: basename(file), content: trailer.sha256, backupCreatedAt: manifest.createdAt, product: manifest.product, migrated },
    });
    return report;
  } finally {
    await app.close();
  }
}
