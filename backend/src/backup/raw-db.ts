import Database from 'better-sqlite3';
import type { Connection as CallbackConnection } from 'mysql2';
import { createConnection, Connection } from 'mysql2/promise';
import { D } from '../domain/decimal';

/**
 * The database below TypeORM, table by table, as a backup reads it and a restore writes it. Tables
 * and column types come from the database's own catalogue (what the migrations built), never from a
 * list kept here, so a table added by a new migration is backed up without a change to this code.
 *
 * Values travel in one portable form whatever the database: integers as numbers, DECIMAL as a string
 * with the column's scale, DATETIME as `YYYY-MM-DD HH:MM:SS[.ffffff]` (UTC, as the product stores
 * it), BLOB as bytes, everything else as text.
 */

export type ColumnKind = 'int' | 'num' | 'decimal' | 'datetime' | 'blob' | 'text';

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** DECIMAL: digits after the point. */
  scale?: number;
  /** DATETIME: fractional-second digits the column keeps — MySQL's DATETIME(p); none on SQLite, which keeps the text it is given. */
  precision?: number;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Primary-key columns, the order rows are read in. */
  key: string[];
  /** Whether the primary key is generated (AUTO_INCREMENT / AUTOINCREMENT), so its counter is kept. */
  autoIncrement: boolean;
}

export type Row = unknown[];
type ExecuteValues = Parameters<Connection['execute']>[1];

export interface RawDb {
  readonly kind: 'sqlite' | 'mysql';
  tables(): Promise<TableInfo[]>;
  count(table: string): Promise<number>;
  /** The id the next insert would get (never below the highest id + 1), null without a generated key. */
  nextId(table: TableInfo): Promise<number | null>;
  /** Every row in primary-key order, values in the portable form, in the order of `table.columns`. */
  rows(table: TableInfo): AsyncIterable<Row>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A read-only view of one moment: every later read sees the database as it was at this call. */
  beginSnapshot(): Promise<void>;
  beginWrite(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Rows in the portable form, written as the column types of this database want them. */
  insert(table: TableInfo, rows: Row[]): Promise<void>;
  setNextId(table: TableInfo, next: number): Promise<void>;
  /** Foreign keys unchecked while a restore loads tables in any order, then checked as a whole. */
  foreignKeyChecks(on: boolean): Promise<void>;
  /** Rows whose foreign key names no row, one line each; empty when every key holds. */
  foreignKeyViolations(tables: TableInfo[]): Promise<string[]>;
  dropAllTables(): Promise<void>;
  close(): Promise<void>;
}

/** A table or column name quoted for the database. */
export const quoteName = (kind: RawDb['kind'], name: string) =>
  kind === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;

const DATETIME = /^(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?)?Z?$/;

/** A stored date-time in the portable form; refused when it is not one (the backup would not restore it faithfully). */
export function portableDatetime(v: unknown, where: string): string {
  const s = v instanceof Date ? v.toISOString() : String(v);
  const m = DATETIME.exec(s);
  if (!m) throw new Error(`${where}: "${s}" is not a date-time / 不是日期时间`);
  return m[2] === undefined ? m[1] : `${m[1]} ${m[2]}${m[3] ? `.${m[3]}` : ''}`;
}

/** A portable date-time cut to `precision` fractional digits (MariaDB cuts too; a cut never moves a value into the next second or day). */
export function datetimeAtPrecision(v: string, precision: number): string {
  const dot = v.indexOf('.');
  if (dot < 0) return v;
  return precision === 0 ? v.slice(0, dot) : v.slice(0, dot + 1 + precision);
}

/** A value as read from either driver, in the portable form of its column. */
export function portable(column: ColumnInfo, v: unknown, where: string): unknown {
  if (v === null || v === undefined) return null;
  switch (column.kind) {
    case 'int':
      if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
      if (typeof v === 'string') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
      return v;
    case 'num':
      return Number(v);
    case 'decimal':
      return column.scale === undefined ? new D(String(v)).toString() : new D(String(v)).toFixed(column.scale);
    case 'datetime':
      return portableDatetime(v, where);
    case 'blob':
      return Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array);
    default:
      return String(v);
  }
}

/** Lets other work (the server's requests) run between batches of a long synchronous read or write. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

// ---------------------------------------------------------------------------------------------------
// SQLite (better-sqlite3)

function sqliteKind(declared: string): Pick<ColumnInfo, 'kind' | 'scale' | 'precision'> {
  const t = declared.toLowerCase();
  const decimal = /^(decimal|numeric)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?/.exec(t);
  if (decimal) return { kind: 'decimal', scale: decimal[2] === undefined ? undefined : Number(decimal[3] ?? 0) };
  if (/^(int|integer|bigint|smallint|tinyint|mediumint|boolean)\b/.test(t)) return { kind: 'int' };
  if (/^(real|float|double)/.test(t)) return { kind: 'num' };
  if (/^(datetime|timestamp|date)\b/.test(t)) return { kind: 'datetime' };
  if (/blob/.test(t)) return { kind: 'blob' };
  return { kind: 'text' };
}

export class SqliteRawDb implements RawDb {
  readonly kind = 'sqlite';
  constructor(private readonly db: Database.Database) {}

  /** A connection of its own to a database file (a backup beside the server's connection, a restore target). */
  static open(file: string): SqliteRawDb {
    const db = new Database(file, { timeout: 30_000 });
    db.pragma('journal_mode = WAL');
    return new SqliteRawDb(db);
  }

  async tables(): Promise<TableInfo[]> {
    const names = this.db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string; sql: string }[];
    return names.map(({ name, sql }) => {
      const info = this.db.prepare(`PRAGMA table_info(${quoteName('sqlite', name)})`).all() as { name: string; type: string; pk: number }[];
      return {
        name,
        columns: info.map((c) => ({ name: c.name, ...sqliteKind(c.type) })),
        key: info
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        autoIncrement: /\bAUTOINCREMENT\b/i.test(sql),
      };
    });
  }

  async count(table: string): Promise<number> {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM ${quoteName('sqlite', table)}`).get() as { n: number }).n;
  }

  async nextId(table: TableInfo): Promise<number | null> {
    if (!table.autoIncrement || table.key.length !== 1) return null;
    const seq = this.db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table.name) as { seq: number } | undefined;
    const max = this.db.prepare(`SELECT MAX(${quoteName('sqlite', table.key[0])}) AS m FROM ${quoteName('sqlite', table.name)}`).get() as {
      m: number | null;
    };
    return Math.max(seq?.seq ?? 0, max.m ?? 0) + 1;
  }

  async *rows(table: TableInfo): AsyncIterable<Row> {
    const cols = table.columns.map((c) => quoteName('sqlite', c.name)).join(', ');
    const order = table.key.length ? ` ORDER BY ${table.key.map((k) => quoteName('sqlite', k)).join(', ')}` : '';
    const iterator = this.db
      .prepare(`SELECT ${cols} FROM ${quoteName('sqlite', table.name)}${order}`)
      .raw(true)
      .iterate() as Iterator<unknown[]>;
    let bytes = 0;
    try {
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        const row = next.value.map((v, i) => portable(table.columns[i], v, `${table.name}.${table.columns[i].name}`));
        yield row;
        // A statement stays open across turns only on a connection nobody else uses, which is this one.
        bytes += row.reduce<number>((n, v) => n + (Buffer.isBuffer(v) ? v.length : 16), 0);
        if (bytes > 1 << 20) {
          bytes = 0;
          await yieldTurn();
        }
      }
    } finally {
      iterator.return?.();
    }
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const stmt = this.db.prepare(sql);
    return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
  }

  async beginSnapshot(): Promise<void> {
    // A deferred transaction's first read fixes what it sees (WAL: writers carry on meanwhile).
    this.db.exec('BEGIN DEFERRED');
    this.db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  }

  async beginWrite(): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
  }

  async commit(): Promise<void> {
    this.db.exec('COMMIT');
  }

  async rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  async insert(table: TableInfo, rows: Row[]): Promise<void> {
    const cols = table.columns.map((c) => quoteName('sqlite', c.name));
    const stmt = this.db.prepare(
      `INSERT INTO ${quoteName('sqlite', table.name)} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    );
    // Date-times keep every digit they come with (microseconds from MySQL): the product reads milliseconds, and a later restore into MySQL gets them all back.
    for (const row of rows) stmt.run(...row);
  }

  async setNextId(table: TableInfo, next: number): Promise<void> {
    this.db.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(table.name);
    this.db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table.name, next - 1);
  }

  async foreignKeyChecks(on: boolean): Promise<void> {
    this.db.pragma(`foreign_keys = ${on ? 'ON' : 'OFF'}`);
  }

  async foreignKeyViolations(): Promise<string[]> {
    const rows = this.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    return rows.map((r) => `${r.table} row ${r.rowid}: no ${r.parent} row for its foreign key`);
  }

  async dropAllTables(): Promise<void> {
    this.db.pragma('foreign_keys = OFF');
    for (const { name } of await this.tables()) this.db.exec(`DROP TABLE ${quoteName('sqlite', name)}`);
    this.db.pragma('foreign_keys = ON');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// MySQL / MariaDB (mysql2)

interface MysqlColumnRow {
  tableName: string;
  name: string;
  dataType: string;
  numericScale: number | null;
  datetimePrecision: number | null;
  columnKey: string;
  extra: string;
}

function mysqlKind(c: MysqlColumnRow): Pick<ColumnInfo, 'kind' | 'scale' | 'precision'> {
  const t = c.dataType.toLowerCase();
  if (t === 'decimal' || t === 'numeric') return { kind: 'decimal', scale: Number(c.numericScale ?? 0) };
  if (['int', 'integer', 'bigint', 'smallint', 'tinyint', 'mediumint', 'bit'].includes(t)) return { kind: 'int' };
  if (['float', 'double', 'real'].includes(t)) return { kind: 'num' };
  if (['datetime', 'timestamp', 'date'].includes(t)) return { kind: 'datetime', precision: Number(c.datetimePrecision ?? 0) };
  if (/blob|binary/.test(t)) return { kind: 'blob' };
  return { kind: 'text' };
}

/** mysql2 connection options from a `mysql://` or `mariadb://` URL, reading values exactly (dates as stored, big numbers as strings). */
export async function connectMysql(url: string): Promise<Connection> {
  return createConnection({
    uri: url.replace(/^mariadb:/, 'mysql:'),
    charset: 'utf8mb4_unicode_ci',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    timezone: 'Z',
  });
}

export class MysqlRawDb implements RawDb {
  readonly kind = 'mysql';
  constructor(private readonly c: Connection) {}

  static async open(url: string): Promise<MysqlRawDb> {
    const c = await connectMysql(url);
    // An id 0 is stored as 0, not replaced by the next counter value.
    await c.query("SET SESSION sql_mode = TRIM(BOTH ',' FROM CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO'))");
    return new MysqlRawDb(c);
  }

  async tables(): Promise<TableInfo[]> {
    const [tables] = await this.c.query(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const [columns] = await this.c.query(
      `SELECT table_name AS tableName, column_name AS name, data_type AS dataType, numeric_scale AS numericScale,
              datetime_precision AS datetimePrecision, column_key AS columnKey, extra
         FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position`,
    );
    const [keys] = await this.c.query(
      `SELECT table_name AS tableName, column_name AS name FROM information_schema.key_column_usage
        WHERE table_schema = DATABASE() AND constraint_name = 'PRIMARY' ORDER BY table_name, ordinal_position`,
    );
    return (tables as { name: string }[]).map(({ name }) => {
      const own = (columns as MysqlColumnRow[]).filter((c) => c.tableName === name);
      return {
        name,
        columns: own.map((c) => ({ name: c.name, ...mysqlKind(c) })),
        key: (keys as { tableName: string; name: string }[]).filter((k) => k.tableName === name).map((k) => k.name),
        autoIncrement: own.some((c) => /auto_increment/i.test(c.extra)),
      };
    });
  }

  async count(table: string): Promise<number> {
    return Number((await this.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${quoteName('mysql', table)}`))[0].n);
  }

  async nextId(table: TableInfo): Promise<number | null> {
    if (!table.autoIncrement || table.key.length !== 1) return null;
    // The counter is not transactional: it may run ahead of the snapshot, never behind it, and ahead is safe.
    const [status] = await this.c.query('SHOW TABLE STATUS WHERE Name = ?', [table.name]);
    const counter = Number((status as { Auto_increment: number | string | null }[])[0]?.Auto_increment ?? 1);
    const max = await this.query<{ m: number | string | null }>(
      `SELECT MAX(${quoteName('mysql', table.key[0])}) AS m FROM ${quoteName('mysql', table.name)}`,
    );
    return Math.max(counter, Number(max[0].m ?? 0) + 1);
  }

  async *rows(table: TableInfo): AsyncIterable<Row> {
    const cols = table.columns.map((c) => quoteName('mysql', c.name)).join(', ');
    const order = table.key.length ? ` ORDER BY ${table.key.map((k) => quoteName('mysql', k)).join(', ')}` : '';
    // Streamed, so a table of documents never sits in memory whole.
    const stream = (this.c as unknown as { connection: CallbackConnection }).connection
      .query({ sql: `SELECT ${cols} FROM ${quoteName('mysql', table.name)}${order}`, rowsAsArray: true })
      .stream();
    for await (const raw of stream as AsyncIterable<unknown[]>) {
      yield raw.map((v, i) => portable(table.columns[i], v, `${table.name}.${table.columns[i].name}`));
    }
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const [rows] = await this.c.query(sql, params);
    return (Array.isArray(rows) ? rows : []) as T[];
  }

  async beginSnapshot(): Promise<void> {
    await this.c.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await this.c.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
  }

  async beginWrite(): Promise<void> {
    await this.c.query('START TRANSACTION');
  }

  async commit(): Promise<void> {
    await this.c.query('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.c.query('ROLLBACK');
  }

  async insert(table: TableInfo, rows: Row[]): Promise<void> {
    const cols = table.columns.map((c) => quoteName('mysql', c.name)).join(', ');
    const values = (row: Row) =>
      row.map((v, i) => {
        const c = table.columns[i];
        return v !== null && c.kind === 'datetime' ? datetimeAtPrecision(v as string, c.precision ?? 0) : v;
      });
    const placeholders = `(${table.columns.map(() => '?').join(', ')})`;
    if (table.columns.some((c) => c.kind === 'blob')) {
      // Bytes go one row at a time through the binary protocol: no hex doubling, one document per packet.
      for (const row of rows)
        await this.c.execute(
          `INSERT INTO ${quoteName('mysql', table.name)} (${cols}) VALUES ${placeholders}`,
          values(row) as ExecuteValues,
        );
      return;
    }
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      await this.c.query(
        `INSERT INTO ${quoteName('mysql', table.name)} (${cols}) VALUES ${batch.map(() => placeholders).join(', ')}`,
        batch.flatMap(values),
      );
    }
  }

  async setNextId(table: TableInfo, next: number): Promise<void> {
    await this.c.query(`ALTER TABLE ${quoteName('mysql', table.name)} AUTO_INCREMENT = ${Number(next)}`);
  }

  async foreignKeyChecks(on: boolean): Promise<void> {
    await this.c.query(`SET SESSION foreign_key_checks = ${on ? 1 : 0}`);
  }

  async foreignKeyViolations(tables: TableInfo[]): Promise<string[]> {
    const known = new Set(tables.map((t) => t.name));
    const fks = await this.query<{ tableName: string; columnName: string; refTable: string; refColumn: string }>(
      `SELECT table_name AS tableName, column_name AS columnName, referenced_table_name AS refTable, referenced_column_name AS refColumn
         FROM information_schema.key_column_usage WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL`,
    );
    const out: string[] = [];
    for (const fk of fks.filter((f) => known.has(f.tableName))) {
      const [t, c, r, rc] = [fk.tableName, fk.columnName, fk.refTable, fk.refColumn].map((n) => quoteName('mysql', n));
      const missing = await this.query<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM ${t} x LEFT JOIN ${r} y ON x.${c} = y.${rc} WHERE x.${c} IS NOT NULL AND y.${rc} IS NULL`,
      );
      if (Number(missing[0].n)) out.push(`${fk.tableName}.${fk.columnName}: ${missing[0].n} rows name no ${fk.refTable} row`);
    }
    return out;
  }

  async dropAllTables(): Promise<void> {
    await this.foreignKeyChecks(false);
    for (const { name } of await this.tables()) await this.c.query(`DROP TABLE ${quoteName('mysql', name)}`);
    await this.foreignKeyChecks(true);
  }

  async close(): Promise<void> {
    await this.c.end();
  }
}
