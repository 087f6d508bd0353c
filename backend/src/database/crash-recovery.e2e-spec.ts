import Database from 'better-sqlite3';
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, Connection } from 'mysql2/promise';
import { DEMO_PASSWORD, freshDatabase, TEST_AUDIT_KEY, TEST_MYSQL_URL } from '../../test/harness';
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
 * "In the middle" is made certain, not hoped for. On MariaDB the test holds the audit chain's head row
 * from outside: every write ends with an audit entry, so the server's transaction, its rows written
 * (seen by a dirty read), waits on that lock until it is frozen (SIGSTOP) and killed. SQLite has one
 * write lock and nothing finer to hold, so there the test watches for the server's write lock, freezes
 * the server, checks the lock is still held, and kills it; a write that commits first is tried again.
 */

/** Counted before the request's own transaction, by design (a refused write still counts): not the request's data. */
const COUNTERS = new Set(['write_rates']);

/** The database from outside the server: its open write transaction, and the rows of every table. */
interface Observer {
  url: string;
  /**
   * Rows of `table` written by a transaction still open (MariaDB: a dirty read against a committed
   * one), or 1 while SQLite's write lock is held (SQLite shows nothing more); 0 when none is open.
   */
  uncommitted(table: string): Promise<number>;
  /**
   * MariaDB: locks the audit head until the returned release is called, so that every write stops
   * before its audit entry. SQLite: null (its only lock is the whole database's).
   */
  holdAuditHead(): Promise<(() => Promise<void>) | null>;
  /**
   * Whether the server's transaction is under way (MariaDB: it has changed rows, by InnoDB's count, or
   * waits on a lock — the audit head's, held by the observer); false on SQLite.
   */
  writing(): Promise<boolean>;
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
    async holdAuditHead() {
      return null;
    },
    async writing() {
      return false;
    },
    async counts() {
      const tables = open().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
        name: string;
      }[];
      return Object.fromEntries(
        tables
          .filter(({ name }) => !COUNTERS.has(name))
          .map(({ name }) => [name, (open().prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]),
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
  const holder: Connection = await createConnection({ uri: db.url });
  await dirty.query('SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED');
  const count = async (c: Connection, table: string) =>
    Number(((await c.query(`SELECT COUNT(*) AS n FROM \`${table}\``)) as unknown as [{ n: number }[]])[0][0].n);
  return {
    url: db.url,
    async uncommitted(table) {
      return (await count(dirty, table)) - (await count(committed, table));
    },
    async holdAuditHead() {
      await holder.query('START TRANSACTION');
      await holder.query('SELECT id FROM `audit_head` WHERE id = 1 FOR UPDATE');
      return async () => void (await holder.query('ROLLBACK'));
    },
    async writing() {
      // Only this test's database (other test files run beside it on the same server), and not this very
      // query, whose own text matches the pattern it looks for.
      const [changed] = await committed.query(
        'SELECT COUNT(*) AS n FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id ' +
          "WHERE p.db = DATABASE() AND (t.trx_rows_modified > 0 OR t.trx_state = 'LOCK WAIT')",
      );
      // A locking read of the head waiting in the optimiser's const-table step is not yet listed in innodb_trx.
      const [atHead] = await committed.query(
        "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID() AND info LIKE '%`AuditHead`.`hash`%FOR UPDATE%'",
      );
      return Number((changed as { n: number | string }[])[0].n) + Number((atHead as { n: number | string }[])[0].n) > 0;
    },
    async counts() {
      const [tables] = await committed.query(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
      );
      const out: Record<string, number> = {};
      for (const { name } of tables as { name: string }[]) if (!COUNTERS.has(name)) out[name] = await count(committed, name);
      return out;
    },
    async close() {
      await committed.end();
      await dirty.end();
      await holder.end();
      await db.drop();
    },
  };
}

/** Lets the event loop run (the request in flight, the observer's queries) between two looks. */
const nextTurn = () => new Promise((r) => setImmediate(r));

/**
 * Starts `send` and kills the server while its transaction is open with at least `minRows` rows of
 * `table` written (SQLite: while it holds the write lock). On MariaDB the audit head is held meanwhile,
 * so the transaction waits, rows written, until it is killed. Resolves with the uncommitted rows at the
 * kill, or null when the request settled first (SQLite: the transaction committed before it was caught).
 */
async function killMidTransaction(
  server: ChildProcess,
  observer: Observer,
  send: () => Promise<unknown>,
  { table, minRows }: { table: string; minRows: number },
): Promise<number | null> {
  const release = await observer.holdAuditHead();
  let settled = false;
  const request = send();
  request.then(
    () => (settled = true),
    () => (settled = true),
  );
  try {
    const caught = async () => {
      const rows = await observer.uncommitted(table);
      const enough = release ? rows >= minRows && (await observer.writing()) : rows > 0;
      return enough ? rows : null;
    };
    while (!settled) {
      if ((await caught()) !== null) {
        server.kill('SIGSTOP');
        const rows = await caught();
        if (rows !== null) {
          server.kill('SIGKILL');
          await new Promise((r) => (server.exitCode !== null || server.signalCode !== null ? r(null) : server.once('exit', r)));
          await request.catch(() => undefined);
          return rows;
        }
        server.kill('SIGCONT');
      }
      await nextTurn();
    }
    return null;
  } finally {
    await release?.();
  }
}

describe(`a server killed mid-transaction (${TEST_MYSQL_URL ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  let observer: Observer;
  let server: ChildProcess | undefined;
  let base = '';
  const secret = randomBytes(32).toString('hex');

  const start = async () => {
    ({ child: server, url: base } = await startProduct(observer.url, {
      JWT_SECRET: secret,
      AUDIT_KEY: TEST_AUDIT_KEY,
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
    const clerk = await login('clerk');
    // SQLite: an import that commits before it is caught is left in place and another copy is tried.
    let caught: number | null = null;
    let dossier = largeDossier('CRASH-IMPORT-1', formatCapitals);
    for (let attempt = 1; attempt <= 3 && caught === null; attempt++) {
      dossier = largeDossier(`CRASH-IMPORT-${attempt}`, formatCapitals);
      const before = await observer.counts();
      caught = await killMidTransaction(server!, observer, () => call('POST', '/api/dossiers', clerk, dossier), {
        table: 'scores',
        minRows: 1000,
      });
      if (caught !== null) expect(await observer.counts()).toEqual(before);
    }
    expect(caught).not.toBeNull(); // the server died with the import's transaction open

    await start();
    expect((await call('GET', '/api/audit/verify', await login('auditor'))).body.breaks).toEqual([]);
    const clerkAgain = await login('clerk');
    expect((await call('POST', '/api/dossiers', clerkAgain, dossier)).status).toBe(201);
    const tender = await tenderByCode(clerkAgain, dossier.tender.code);
    const exported = await call('GET', `/api/tenders/${tender!.id}/dossier`, clerkAgain);
    expect(exported.body.bids).toHaveLength(dossier.bids.length);
    expect(exported.body.scores).toHaveLength(dossier.scores.length);
  }, 240_000);

  it('confirming an award killed halfway leaves no award, the tender unchanged and no audit entry; a second confirmation succeeds', async () => {
    const clerk = await login('clerk');
    // SQLite: a confirmation that commits before it is caught is left in place and another copy of the tender is used.
    let caught: number | null = null;
    let code = '';
    for (let attempt = 1; attempt <= 3 && caught === null; attempt++) {
      code = `CRASH-AWARD-${attempt}`;
      expect((await call('POST', '/api/dossiers', clerk, largeDossier(code, formatCapitals, { bidders: 12, experts: 5 }))).status).toBe(
        201,
      );
      const tender = await tenderByCode(clerk, code);
      const before = await observer.counts();
      const confirming = () => call('POST', `/api/tenders/${tender!.id}/evaluation/confirm`, clerk);
      // MariaDB: the confirmation has moved the tender (an update, no new row) and waits to write its audit entry.
      caught = await killMidTransaction(server!, observer, confirming, { table: 'awards', minRows: 0 });
      if (caught !== null) expect(await observer.counts()).toEqual(before);
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
