import Database from 'better-sqlite3';
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, Connection } from 'mysql2/promise';
import { DEMO_PASSWORD, freshDatabase, TEST_MYSQL_URL } from '../../test/harness';
import { formatCapitals } from '../domain/bids/capitals';

// Plain CommonJS shared with the benchmark: the build check, child processes, the large tender.
/* eslint-disable @typescript-eslint/no-require-imports */
const { buildBackendIfStale } = require('../../../scripts/build-if-stale');
const { startProduct, stopChild } = require('../../../scripts/child-process');
const { largeDossier } = require('../../../scripts/large-dossier');

/**
 * A server killed (SIGKILL) in the middle of a dossier import, and in the middle of confirming an
 * award, leaves the database as it was before: every table holds the same rows, the audit chain is
 * unbroken, and after a restart the same import and confirmation go through once.
 *
 * "In the middle" is made certain, not hoped for: the test watches the database from outside for the
 * server's open write transaction, freezes the server (SIGSTOP), checks that the transaction is still
 * open, and only then kills it. On MariaDB a dirty read shows the rows the open transaction has
 * written, so there the kill waits for them (the import's first thousand scores; the award row, before
 * the tender's new status and the audit entry); SQLite only shows that its write lock is held.
 */

/** The database from outside the server: its open write transaction, and the rows of every table. */
interface Observer {
  url: string;
  /**
   * Rows of `table` written by a transaction still open (MariaDB: a dirty read against a committed
   * one), or 1 while SQLite's write lock is held (SQLite shows nothing more); 0 when none is open.
   */
  uncommitted(table: string): Promise<number>;
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

async function sqliteObserver(): Promise<Observer> {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-crash-'));
  const file = join(dir, 'crash.sqlite');
  let db: Database.Database | undefined;
  // Opened once the server has made the file; a zero timeout so a held lock shows as SQLITE_BUSY at once.
  const open = () => (db ??= new Database(file, { timeout: 0 }));
  return {
    url: `sqlite:${file}`,
    async uncommitted() {
      try {
        open().exec('BEGIN IMMEDIATE');
        open().exec('ROLLBACK');
        return 0;
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_BUSY') return 1;
        throw e;
      }
    },
    async counts() {
      const tables = open().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
        name: string;
      }[];
      return Object.fromEntries(
        tables.map(({ name }) => [name, (open().prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]),
      );
    },
    async close() {
      db?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function mysqlObserver(): Promise<Observer> {
  const db = await freshDatabase();
  const committed: Connection = await createConnection({ uri: db.url });
  const dirty: Connection = await createConnection({ uri: db.url });
  await dirty.query('SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED');
  const count = async (c: Connection, table: string) =>
    Number(((await c.query(`SELECT COUNT(*) AS n FROM \`${table}\``)) as unknown as [{ n: number }[]])[0][0].n);
  return {
    url: db.url,
    async uncommitted(table) {
      return (await count(dirty, table)) - (await count(committed, table));
    },
    async counts() {
      const [tables] = await committed.query(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
      );
      const out: Record<string, number> = {};
      for (const { name } of tables as { name: string }[]) out[name] = await count(committed, name);
      return out;
    },
    async close() {
      await committed.end();
      await dirty.end();
      await db.drop();
    },
  };
}

/** Lets the event loop run (the request in flight, the observer's queries) between two looks. */
const nextTurn = () => new Promise((r) => setImmediate(r));

/**
 * Waits until the server's open transaction has written `minRows` rows of `table` (SQLite: holds the
 * write lock) and has done so for `openForMs`, freezes the server, makes sure the transaction is still
 * open, and kills it. Resolves with the uncommitted rows at the kill, or null when `request` settled
 * first (the transaction committed before it could be caught).
 */
async function killMidTransaction(
  server: ChildProcess,
  observer: Observer,
  request: Promise<unknown>,
  { table, minRows, openForMs }: { table: string; minRows: number; openForMs: number },
): Promise<number | null> {
  let settled = false;
  request.then(
    () => (settled = true),
    () => (settled = true),
  );
  const enough = (rows: number) => rows >= (TEST_MYSQL_URL ? minRows : 1);
  let since: number | undefined;
  while (!settled) {
    since = enough(await observer.uncommitted(table)) ? (since ?? Date.now()) : undefined;
    if (since !== undefined && Date.now() - since >= openForMs) {
      server.kill('SIGSTOP');
      const rows = await observer.uncommitted(table);
      if (enough(rows)) {
        server.kill('SIGKILL');
        await new Promise((r) => (server.exitCode !== null || server.signalCode !== null ? r(null) : server.once('exit', r)));
        return rows;
      }
      server.kill('SIGCONT');
      since = undefined;
    }
    await nextTurn();
  }
  return null;
}

describe(`a server killed mid-transaction (${TEST_MYSQL_URL ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  let observer: Observer;
  let server: ChildProcess | undefined;
  let base = '';
  const secret = randomBytes(32).toString('hex');

  const start = async () => {
    ({ child: server, url: base } = await startProduct(observer.url, {
      JWT_SECRET: secret,
      DEMO_MODE: 'false',
      STATIC_DIR: '/nonexistent',
      LOGIN_RATE_LIMIT: '10000',
    }));
  };
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token && { Authorization: `Bearer ${token}` }), ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  const login = async (username: string) =>
    (await call('POST', '/api/auth/login', undefined, { username, password: DEMO_PASSWORD })).body.accessToken as string;
  const tenderByCode = async (token: string, code: string) =>
    ((await call('GET', '/api/tenders', token)).body as { id: number; code: string; status: string }[]).find((t) => t.code === code);

  beforeAll(async () => {
    buildBackendIfStale('main.js');
    observer = TEST_MYSQL_URL ? await mysqlObserver() : await sqliteObserver();
    await start();
  }, 240_000);

  afterAll(async () => {
    if (server) await stopChild(server);
    await observer?.close();
  });

  it('an import killed halfway leaves every table as it was; after a restart the import goes through', async () => {
    const dossier = largeDossier('CRASH-IMPORT', formatCapitals);
    const clerk = await login('clerk');
    const before = await observer.counts();

    const importing = call('POST', '/api/dossiers', clerk, dossier);
    const written = await killMidTransaction(server!, observer, importing, { table: 'scores', minRows: 1000, openForMs: 100 });
    expect(written).not.toBeNull(); // the server died with the import's transaction open
    await importing.catch(() => undefined);

    expect(await observer.counts()).toEqual(before);

    await start();
    expect((await call('GET', '/api/audit/verify', await login('auditor'))).body.breaks).toEqual([]);
    const clerkAgain = await login('clerk');
    expect((await call('POST', '/api/dossiers', clerkAgain, dossier)).status).toBe(201);
    const tender = await tenderByCode(clerkAgain, 'CRASH-IMPORT');
    const exported = await call('GET', `/api/tenders/${tender!.id}/dossier`, clerkAgain);
    expect(exported.body.bids).toHaveLength(dossier.bids.length);
    expect(exported.body.scores).toHaveLength(dossier.scores.length);
  }, 240_000);

  it('confirming an award killed halfway leaves no award, the tender unchanged and no audit entry; a second confirmation succeeds', async () => {
    const clerk = await login('clerk');
    // Confirming writes little, so the transaction may commit before it is caught; another copy of the tender is then used.
    let caught: number | null = null;
    let code = '';
    for (let attempt = 1; attempt <= 3 && caught === null; attempt++) {
      code = `CRASH-AWARD-${attempt}`;
      expect((await call('POST', '/api/dossiers', clerk, largeDossier(code, formatCapitals, { bidders: 12, experts: 5 }))).status).toBe(
        201,
      );
      const tender = await tenderByCode(clerk, code);
      const before = await observer.counts();
      const confirming = call('POST', `/api/tenders/${tender!.id}/evaluation/confirm`, clerk);
      caught = await killMidTransaction(server!, observer, confirming, { table: 'awards', minRows: 1, openForMs: 0 });
      if (caught === null) {
        expect(await confirming).toMatchObject({ status: 200 });
        continue;
      }
      await confirming.catch(() => undefined);
      expect(await observer.counts()).toEqual(before);
    }
    expect(caught).not.toBeNull();

    await start();
    const clerkAgain = await login('clerk');
    const tender = await tenderByCode(clerkAgain, code);
    expect(tender!.status).not.toBe('awarded');
    expect((await call('POST', `/api/tenders/${tender!.id}/evaluation/confirm`, clerkAgain)).status).toBe(200);
    expect((await tenderByCode(clerkAgain, code))!.status).toBe('awarded');
    expect((await call('POST', `/api/tenders/${tender!.id}/evaluation/confirm`, clerkAgain)).status).toBe(409);
    expect((await call('GET', '/api/audit/verify', await login('auditor'))).body.breaks).toEqual([]);
  }, 240_000);
});
