import { createHash, Hash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, renameSync, rmSync, WriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { createGunzip, createGzip, Gzip } from 'node:zlib';
import type { ColumnInfo, Row, TableInfo } from './raw-db';

/**
 * The backup file: gzip-compressed lines of JSON (`zcat FILE | head -1` shows the manifest).
 *
 *   {"manifest": {...}}                                       what the backup holds (BackupManifest)
 *   {"table": "…", "columns": [...], "key": [...], "nextId": n}  then one JSON array per row
 *   {"end": "…", "rows": n, "sha256": "…"}                     the table's row count and the hash of its row lines
 *   …one section per table…
 *   {"trailer": {"lines": n, "sha256": "…"}}                  the hash of every line before it
 *
 * BLOB values are base64; every other value is in the portable form of raw-db.ts, so a backup of
 * SQLite restores into MariaDB/MySQL and back. The trailer makes a truncated or altered file fail
 * its check before anything is restored.
 */

export const BACKUP_FORMAT = 'hcprocure-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** Names the scheduled job gives its files; retention (BACKUP_KEEP) removes only files so named. */
export const BACKUP_FILE_PATTERN = /^hcprocure-backup-\d{8}T\d{6}Z\.ndjson\.gz$/;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  product: { name: string; version: string };
  createdAt: string;
  database: 'sqlite' | 'mysql';
  /** Names of the executed migrations, in the order they ran: the schema level of the data. */
  migrations: string[];
  /** Rows per table: every table of the database. */
  tables: Record<string, number>;
  /** Stored files (tables with a BLOB and its `sha256`): primary key → SHA-256, per table. */
  files: Record<string, Record<string, string>>;
  audit: { entries: number; lastId: number | null; lastHash: string | null; head: string | null };
  /** Ids of the keys the data needs (never the keys): AUDIT_KEY, BID_SEAL_KEY; null where none was set. */
  keys: Record<string, string | null>;
}

export interface TableHeader {
  table: string;
  columns: ColumnInfo[];
  key: string[];
  nextId: number | null;
}

export interface Trailer {
  lines: number;
  sha256: string;
  /** Stored files whose bytes did not match their recorded SHA-256 in the database when it was backed up. */
  fileMismatches: { table: string; key: string }[];
}

/** A backup file that cannot be restored as it is; its message says why in Chinese and English. */
export class BackupFileError extends Error {}

const corrupt = (why: string, 原因: string) => new BackupFileError(`备份文件已损坏：${原因} / the backup file is corrupt: ${why}`);

/** The columns of a stored-file table: its BLOB and the column holding the BLOB's SHA-256. */
export function fileColumns(t: Pick<TableInfo, 'columns' | 'key'>): { blob: number; sha256: number; key: number } | null {
  const blob = t.columns.findIndex((c) => c.kind === 'blob');
  const sha256 = t.columns.findIndex((c) => c.name === 'sha256');
  if (blob < 0 || sha256 < 0 || t.key.length !== 1) return null;
  return { blob, sha256, key: t.columns.findIndex((c) => c.name === t.key[0]) };
}

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

const encode = (columns: ColumnInfo[], row: Row) =>
  row.map((v, i) => (v !== null && columns[i].kind === 'blob' ? (v as Buffer).toString('base64') : v));
const decode = (columns: ColumnInfo[], row: Row) =>
  row.map((v, i) => (v !== null && columns[i].kind === 'blob' ? Buffer.from(v as string, 'base64') : v));

/** Writes a backup to `<file>.partial` and renames it to `file` only when complete. */
export class BackupWriter {
  private readonly partial: string;
  private readonly gzip: Gzip;
  private readonly out: WriteStream;
  private readonly all = createHash('sha256');
  private readonly compressed = createHash('sha256');
  private lines = 0;
  private bytes = 0;
  private section: { header: TableHeader; rows: number; hash: Hash; mismatches: string[] } | null = null;
  private readonly mismatches: Trailer['fileMismatches'] = [];

  /** Settles when the file is written and closed; rejects on a write error (disk full), which every later write then sees. */
  private readonly written: Promise<void>;

  constructor(private readonly file: string) {
    this.partial = `${file}.partial`;
    this.gzip = createGzip({ level: 6 });
    // Opened at once, so a folder that cannot take the file fails here rather than in a stream event.
    this.out = createWriteStream(this.partial, { fd: openSync(this.partial, 'wx') });
    this.gzip.on('data', (chunk: Buffer) => {
      this.compressed.update(chunk);
      this.bytes += chunk.length;
    });
    this.written = pipeline(this.gzip, this.out);
    this.written.catch(() => undefined);
  }

  private async line(value: unknown, sectionHash?: Hash) {
    const text = JSON.stringify(value) + '\n';
    // The trailer's own line is the one not in its hash.
    if (!(value as { trailer?: unknown }).trailer) this.all.update(text);
    sectionHash?.update(text);
    this.lines++;
    if (!this.gzip.write(text)) await Promise.race([once(this.gzip, 'drain'), this.written]);
  }

  manifest(m: BackupManifest) {
    return this.line({ manifest: m });
  }

  async table(header: TableHeader) {
    await this.line(header);
    this.section = { header, rows: 0, hash: createHash('sha256'), mismatches: [] };
  }

  async row(row: Row) {
    const s = this.section!;
    const files = fileColumns(s.header);
    if (files && row[files.blob] !== null && sha256(row[files.blob] as Buffer) !== row[files.sha256]) {
      this.mismatches.push({ table: s.header.table, key: String(row[files.key]) });
    }
    s.rows++;
    await this.line(encode(s.header.columns, row), s.hash);
  }

  async endTable() {
    const s = this.section!;
    this.section = null;
    await this.line({ end: s.header.table, rows: s.rows, sha256: s.hash.digest('hex') });
  }

  /** Completes the file: trailer, flush, fsync, rename. */
  async finish(): Promise<{ bytes: number; sha256: string; fileMismatches: Trailer['fileMismatches'] }> {
    const trailer: Trailer = { lines: this.lines, sha256: this.all.digest('hex'), fileMismatches: this.mismatches };
    await this.line({ trailer });
    this.gzip.end();
    await this.written;
    // On disk before it takes its final name: a crash leaves a .partial file or a whole backup, never half of one under the name.
    const fd = openSync(this.partial, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(this.partial, this.file);
    return { bytes: this.bytes, sha256: this.compressed.digest('hex'), fileMismatches: this.mismatches };
  }

  /** Removes the incomplete file after a failure. */
  abort() {
    this.gzip.destroy();
    this.out.destroy();
    rmSync(this.partial, { force: true });
  }
}

export interface BackupVisitor {
  manifest?(m: BackupManifest): Promise<void> | void;
  table?(h: TableHeader): Promise<void> | void;
  /** Rows of the current table in batches, BLOBs as bytes. */
  rows?(h: TableHeader, rows: Row[]): Promise<void> | void;
}

/** Lines of a gzip stream as exact bytes (a line's hash is of what was written), errors named for users. */
async function* lines(file: string): AsyncIterable<Buffer> {
  const gunzip = createReadStream(file).pipe(createGunzip());
  let rest: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10)) {
        yield data.subarray(0, nl + 1);
        data = data.subarray(nl + 1);
      }
      rest = Buffer.from(data);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new BackupFileError(`备份文件不存在 / no such backup file: ${file}`);
    if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message)) {
      throw new BackupFileError('备份文件不完整（被截断）/ the backup file is truncated');
    }
    throw corrupt(`it does not decompress (${err.message})`, `无法解压（${err.message}）`);
  }
  if (rest.length) throw new BackupFileError('备份文件不完整（被截断）/ the backup file is truncated');
}

/**
 * Reads a whole backup and checks it as it goes: the manifest first, every table section complete with
 * its row count and hash, every stored file's bytes against its SHA-256 and the manifest, every table
 * of the manifest present, and the trailer's hash of everything. Throws BackupFileError at the first
 * fault; the visitor sees rows only of sections that have been checked so far, so a restore runs it once
 * to check (no visitor) before writing anything.
 */
export async function readBackup(file: string, visitor: BackupVisitor = {}): Promise<{ manifest: BackupManifest; trailer: Trailer }> {
  const all = createHash('sha256');
  let count = 0;
  let manifest: BackupManifest | null = null;
  let trailer: Trailer | null = null;
  let section: { header: TableHeader; rows: number; hash: Hash; batch: Row[]; bytes: number } | null = null;
  const seen = new Set<string>();
  const mismatches: string[] = [];
  const flush = async () => {
    if (section?.batch.length) {
      await visitor.rows?.(section.header, section.batch);
      section.batch = [];
      section.bytes = 0;
    }
  };
  for await (const raw of lines(file)) {
    if (trailer) throw corrupt('data after its end', '结尾之后还有数据');
    let value: unknown;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch {
      throw corrupt(`line ${count + 1} is not JSON`, `第 ${count + 1} 行不是 JSON`);
    }
    const obj = value as Record<string, unknown>;
    if (count === 0) {
      manifest = obj?.manifest as BackupManifest;
      if (manifest?.format !== BACKUP_FORMAT) {
        throw new BackupFileError(`不是本系统的备份文件 / not a backup of this product (no ${BACKUP_FORMAT} manifest)`);
      }
      if (manifest.formatVersion > BACKUP_FORMAT_VERSION) {
        throw new BackupFileError(
          `备份文件格式较新（${manifest.formatVersion}），请先升级系统 / the backup was written in a newer format (${manifest.formatVersion}); upgrade the product first`,
        );
      }
      await visitor.manifest?.(manifest);
    } else if (Array.isArray(value)) {
      if (!section) throw corrupt(`line ${count + 1}: a row outside a table`, `第 ${count + 1} 行不属于任何表`);
      section.hash.update(raw);
      const row = decode(section.header.columns, value);
      if (row.length !== section.header.columns.length)
        throw corrupt(`${section.header.table}: a row of the wrong width`, `${section.header.table} 的行列数不符`);
      const files = fileColumns(section.header);
      if (files && row[files.blob] !== null) {
        const key = String(row[files.key]);
        const actual = sha256(row[files.blob] as Buffer);
        const recorded = manifest!.files[section.header.table]?.[key];
        if (recorded !== row[files.sha256])
          throw corrupt(`${section.header.table} ${key} is not in the manifest`, `清单中没有 ${section.header.table} ${key}`);
        // Bytes that differ from their hash are corruption of this file, unless the database already held them so (the trailer says).
        if (actual !== recorded) mismatches.push(`${section.header.table} ${key}`);
      }
      section.rows++;
      section.batch.push(row);
      section.bytes += raw.length;
      if (section.batch.length >= 500 || section.bytes > 8 << 20) await flush();
    } else if (typeof obj.table === 'string') {
      if (section) throw corrupt(`table ${section.header.table} is not closed`, `表 ${section.header.table} 不完整`);
      const header = obj as unknown as TableHeader;
      if (seen.has(header.table) || !(header.table in manifest!.tables))
        throw corrupt(`unexpected table ${header.table}`, `意外的表 ${header.table}`);
      seen.add(header.table);
      section = { header, rows: 0, hash: createHash('sha256'), batch: [], bytes: 0 };
      await visitor.table?.(header);
    } else if (typeof obj.end === 'string') {
      if (!section || section.header.table !== obj.end) throw corrupt(`an unexpected end of table ${obj.end}`, `表 ${obj.end} 的结尾不符`);
      if (obj.rows !== section.rows || obj.rows !== manifest!.tables[section.header.table] || obj.sha256 !== section.hash.digest('hex')) {
        throw corrupt(`table ${section.header.table} does not match its row count or hash`, `表 ${section.header.table} 的行数或哈希不符`);
      }
      await flush();
      section = null;
    } else if (obj.trailer) {
      trailer = obj.trailer as Trailer;
      if (section) throw corrupt(`table ${section.header.table} is not closed`, `表 ${section.header.table} 不完整`);
      if (trailer.lines !== count || trailer.sha256 !== all.digest('hex'))
        throw corrupt('its content does not match its checksum', '内容与校验和不符');
      const known = new Set(trailer.fileMismatches.map((f) => `${f.table} ${f.key}`));
      const found = mismatches.find((m) => !known.has(m));
      if (found || known.size !== mismatches.length) {
        throw corrupt(
          `${found ?? 'a stored file'}: its bytes do not match their SHA-256`,
          `${found ?? '存储文件'} 的内容与其 SHA-256 不符`,
        );
      }
      const missing = Object.keys(manifest!.tables).filter((t) => !seen.has(t));
      if (missing.length) throw corrupt(`tables missing: ${missing.join(', ')}`, `缺少表 ${missing.join('、')}`);
    } else {
      throw corrupt(`line ${count + 1} is not part of the format`, `第 ${count + 1} 行格式不符`);
    }
    if (!trailer) all.update(raw);
    count++;
  }
  if (!manifest) throw new BackupFileError('备份文件为空 / the backup file is empty');
  if (!trailer) throw new BackupFileError('备份文件不完整（被截断）/ the backup file is truncated');
  return { manifest, trailer };
}
