import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { readBackup } from '../src/backup/backup-file';
import { openRawDb, TRANSIENT_TABLES } from '../src/backup/backup';
import { ColumnInfo, datetimeAtPrecision, Row } from '../src/backup/raw-db';
import { loadConfig } from '../src/config/config';
import { TEST_AUDIT_KEY, TEST_JWT_SECRET } from './harness';

/** Every table of a database or of a backup file: its columns and rows, in primary-key order. */
export type Dump = Record<string, { columns: ColumnInfo[]; rows: Row[] }>;

export async function dumpDatabase(url: string): Promise<Dump> {
  const db = await openRawDb(loadConfig({ DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, AUDIT_KEY: TEST_AUDIT_KEY }));
  try {
    const out: Dump = {};
    for (const t of (await db.tables()).filter((x) => !TRANSIENT_TABLES.has(x.name))) {
      const rows: Row[] = [];
      for await (const row of db.rows(t)) rows.push(row);
      out[t.name] = { columns: t.columns, rows };
    }
    return out;
  } finally {
    await db.close();
  }
}

export async function dumpBackup(file: string): Promise<Dump> {
  const out: Dump = {};
  await readBackup(file, {
    table: (h) => void (out[h.table] = { columns: h.columns, rows: [] }),
    rows: (h, rows) => void out[h.table].rows.push(...rows),
  });
  return out;
}

/**
 * Rows of one table as comparable objects: bytes by their SHA-256, date-times at `precision` digits
 * (a MariaDB DATETIME(0) keeps whole seconds of what SQLite held to the millisecond).
 */
function comparable(table: { columns: ColumnInfo[]; rows: Row[] }, precision: (c: ColumnInfo) => number | undefined) {
  return table.rows.map((row) =>
    Object.fromEntries(
      table.columns.map((c, i) => {
        const v = row[i];
        if (v === null) return [c.name, null];
        if (c.kind === 'blob')
          return [
            c.name,
            createHash('sha256')
              .update(v as Buffer)
              .digest('hex'),
          ];
        if (c.kind === 'datetime') {
          const p = precision(c);
          if (p === undefined) return [c.name, v];
          const [base, fraction = ''] = datetimeAtPrecision(v as string, p).split('.');
          return [c.name, p ? `${base}.${fraction.padEnd(p, '0')}` : base];
        }
        return [c.name, v];
      }),
    ),
  );
}

/** The tables of `a` and `b`, each as comparable rows, for `expect(...).toEqual(...)` table by table. */
export function comparableDumps(a: Dump, b: Dump): { a: Record<string, object[]>; b: Record<string, object[]> } {
  const out = { a: {} as Record<string, object[]>, b: {} as Record<string, object[]> };
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!a[name] || !b[name]) {
      out.a[name] = a[name] ? [{ table: 'present' }] : [];
      out.b[name] = b[name] ? [{ table: 'present' }] : [];
      continue;
    }
    // The coarser of the two columns' precisions; SQLite's columns have none (they keep the digits they were given).
    const precision = (c: ColumnInfo) => {
      const both = [a, b].map((d) => d[name].columns.find((x) => x.name === c.name)?.precision).filter((p) => p !== undefined);
      return both.length ? Math.min(...both) : undefined;
    };
    out.a[name] = comparable(a[name], precision);
    out.b[name] = comparable(b[name], precision);
  }
  return out;
}

/**
 * What a SELECT of every table shows, through the application's own connection (an in-memory SQLite
 * database has no other): each row as JSON, bytes as their text, so that a figure stored in the clear
 * anywhere — a column, a JSON text, a blob — is found in it.
 */
export async function everyTableAsText(dataSource: DataSource): Promise<string> {
  const tables = [...new Set(dataSource.entityMetadatas.map((m) => m.tableName))];
  const texts: string[] = [];
  for (const table of tables) {
    const rows = (await dataSource.query(`SELECT * FROM ${dataSource.driver.escape(table)}`)) as Record<string, unknown>[];
    for (const row of rows) {
      texts.push(JSON.stringify(row, (_key, v: unknown) => (isBytes(v) ? Buffer.from(v.data).toString('latin1') : v)));
    }
  }
  return texts.join('\n');
}

const isBytes = (v: unknown): v is { type: 'Buffer'; data: number[] } =>
  typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data);
