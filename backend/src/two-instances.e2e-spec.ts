import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { DEMO_PASSWORD, TEST_AUDIT_KEY } from '../test/harness';
import { loadExampleDossier } from '../test/example-dossier';
import { MIGRATIONS } from './database/data-source';

// Plain CommonJS shared with the benchmark: the build check and child processes.
/* eslint-disable @typescript-eslint/no-require-imports */
const { buildBackendIfStale } = require('../../scripts/build-if-stale');
const { startProduct, stopChild } = require('../../scripts/child-process');
const { startProxy } = require('../../scripts/nginx');

/**
 * The deployment a province runs: two instances of the built product on one MariaDB, behind a real
 * nginx configured by docker/nginx.conf (its upstreams and port pointed at this machine). Started
 * together, they migrate and seed once; any instance answers any request: what one writes the other
 * shows at once (results, a session ended), the clock's jobs run once, a document printed on one
 * downloads from the other, and the proxy's forwarded address and host reach the application. A
 * MariaDB test by nature: it uses TEST_MYSQL_URL, or the local server when the SQLite suite runs it
 * directly.
 */
const SERVER_URL = (process.env.TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/test').replace(/\/[^/]*$/, '/');

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('two instances behind nginx on one MariaDB', () => {
  const dbName = `hcp_test_${randomBytes(6).toString('hex')}`;
  const secret = randomBytes(32).toString('hex');
  let a: { child: ChildProcess; url: string };
  let b: { child: ChildProcess; url: string };
  let nginx: { url: string; stop(): Promise<void> } | undefined;
  let proxy = '';

  const call = async (base: string, method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token && { Authorization: `Bearer ${token}` }), ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      headers: res.headers,
      body: type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer()),
    };
  };
  const login = async (base: string, username: string) =>
    (await call(base, 'POST', '/api/auth/login', undefined, { username, password: DEMO_PASSWORD })).body.accessToken as string;
  const sql = async <T>(query: string, params: unknown[] = []): Promise<T> => {
    const c = await createConnection({ uri: `${SERVER_URL}${dbName}` });
    try {
      return (await c.query(query, params))[0] as T;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    buildBackendIfStale('main.js');
    const admin = await createConnection({ uri: SERVER_URL });
    await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const env = {
      JWT_SECRET: secret,
      AUDIT_KEY: TEST_AUDIT_KEY,
      DEMO_MODE: 'false',
      STATIC_DIR: '/nonexistent',
      LOGIN_RATE_LIMIT: '10000',
      TRUST_PROXY: 'loopback',
      TENDER_CLOCK_SECONDS: '1',
    };
    // Started together on an empty database: one migrates and seeds, the other waits on the locks.
    [a, b] = await Promise.all([startProduct(`${SERVER_URL}${dbName}`, env), startProduct(`${SERVER_URL}${dbName}`, env)]);
    nginx = await startProxy([a.url, b.url]);
    proxy = nginx!.url;
  }, 240_000);

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all([stopChild(a?.child), stopChild(b?.child)]);
    const admin = await createConnection({ uri: SERVER_URL });
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
  });

  it('migrated and seeded once while both started', async () => {
    expect(await sql<{ n: number }[]>('SELECT COUNT(*) AS n FROM migrations')).toEqual([{ n: MIGRATIONS.length }]);
    const users = await sql<{ username: string; n: number }[]>('SELECT username, COUNT(*) AS n FROM users GROUP BY username HAVING n > 1');
    expect(users).toEqual([]);
    expect(await sql<{ n: number }[]>("SELECT COUNT(*) AS n FROM tenders WHERE code = 'NBZFCG2022B031G'")).toEqual([{ n: 1 }]);
  });

  it('shows on one instance at once what was written through the other: results before and after the award', async () => {
    const clerkA = await login(a.url, 'clerk');
    const clerkB = await login(b.url, 'clerk');
    const d = loadExampleDossier();
    d.tender.code = 'TWO-INSTANCES-1';
    const { tenderId } = (await call(a.url, 'POST', '/api/dossiers', clerkA, d)).body;
    const onA = await call(a.url, 'GET', `/api/tenders/${tenderId}/results`, clerkA);
    const onB = await call(b.url, 'GET', `/api/tenders/${tenderId}/results`, clerkB);
    expect(onB.status).toBe(200);
    expect(onB.body).toEqual(onA.body);
    // A client holding A's answer asks B: the same revision, so the same ETag and a 304. (A browser
    // revalidates with max-age=0; fetch would otherwise add no-cache, which always gets the body.)
    const revalidate = (base: string, token: string) =>
      fetch(`${base}/api/tenders/${tenderId}/results`, {
        headers: { Authorization: `Bearer ${token}`, 'If-None-Match': onA.headers.get('etag')!, 'Cache-Control': 'max-age=0' },
      });
    const again = await revalidate(b.url, clerkB);
    expect(again.status).toBe(304);

    expect((await call(b.url, 'POST', `/api/tenders/${tenderId}/evaluation/confirm`, clerkB)).status).toBe(200);
    const afterOnA = await call(a.url, 'GET', `/api/tenders/${tenderId}`, clerkA);
    expect(afterOnA.body.status).toBe('awarded');
    // The award's results are the preview's: A's answer still stands. Then lot 1's winner declines on B.
    expect((await revalidate(a.url, clerkA)).status).toBe(304);
    const winner = onA.body.lots[0].winner;
    const declined = { bidder: winner, kind: 'declined', reason: '放弃中标' };
    expect((await call(b.url, 'POST', `/api/tenders/${tenderId}/lots/1/cancellations`, clerkB, declined)).status).toBe(200);
    const changed = await revalidate(a.url, clerkA);
    expect(changed.status).toBe(200); // A does not serve its cached answer after B's change
    const next = await changed.json();
    expect(next.lots[0].winner).not.toBe(winner);
    expect(next.lots[0].winner).toBe((await call(b.url, 'GET', `/api/tenders/${tenderId}/results`, clerkB)).body.lots[0].winner);
  });

  it('shows on one instance at once a change written through the other before the award: the winning bid disqualified', async () => {
    const clerkA = await login(a.url, 'clerk');
    const clerkB = await login(b.url, 'clerk');
    const d = loadExampleDossier();
    d.tender.code = 'TWO-INSTANCES-LIVE';
    const { tenderId } = (await call(a.url, 'POST', '/api/dossiers', clerkA, d)).body;
    const results = (base: string, token: string) => call(base, 'GET', `/api/tenders/${tenderId}/results`, token);
    // A has answered, and holds the answer and the tender's revision, before B writes.
    const before = await results(a.url, clerkA);
    expect((await results(a.url, clerkA)).body).toEqual(before.body);
    const winner = before.body.lots[0].winner;
    const bids: { id: number; bidder: string; lot: string; version: number; qualification: { pass: boolean; note: string }[] }[] = (
      await call(b.url, 'GET', `/api/tenders/${tenderId}/bids`, clerkB)
    ).body;
    const bid = bids.find((x) => x.bidder === winner && x.lot === before.body.lots[0].no)!;
    const qualification = bid.qualification.map((q, i) => (i === 0 ? { ...q, pass: false, note: '复核不合格' } : q));
    const patched = await call(b.url, 'PATCH', `/api/tenders/${tenderId}/bids/${bid.id}`, clerkB, { version: bid.version, qualification });
    expect(patched.status).toBe(200);
    const after = await results(a.url, clerkA);
    expect(after.status).toBe(200);
    expect(after.body.lots[0].winner).not.toBe(winner);
    expect(after.body).toEqual((await results(b.url, clerkB)).body);
  });

  it('refuses at once on one instance a session ended through the other', async () => {
    const token = await login(a.url, 'clerk');
    const results = (base: string) => call(base, 'GET', '/api/tenders/1/results', token);
    // Both have admitted the token (and hold the user's state) before the logout.
    expect((await results(a.url)).status).not.toBe(401);
    expect((await results(b.url)).status).not.toBe(401);
    expect((await call(b.url, 'GET', '/api/auth/me', token)).status).toBe(200);
    expect((await call(a.url, 'POST', '/api/auth/logout', token)).status).toBe(200);
    expect((await results(b.url)).status).toBe(401);
    expect((await call(b.url, 'GET', '/api/auth/me', token)).status).toBe(401);
  });

  it("runs the clock once: a tender reaching its opening time is opened, and its opening record's window ended, by one instance only", async () => {
    const clerk = await login(proxy, 'clerk');
    const d = loadExampleDossier();
    d.tender.code = 'TWO-INSTANCES-CLOCK';
    const opening = new Date(Date.now() + 3_000).toISOString();
    Object.assign(d.tender, { bidDeadline: opening, openingTime: opening });
    d.scores = [];
    d.panel = [];
    const { tenderId } = (await call(proxy, 'POST', '/api/dossiers', clerk, d)).body;
    await until('the opening', async () =>
      (await call(proxy, 'GET', `/api/tenders/${tenderId}`, clerk)).body.status === 'opened' ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 2_500)); // both clocks tick again: neither moves it twice
    const moves = await sql<{ action: string; n: number }[]>(
      "SELECT action, COUNT(*) AS n FROM audit_entries WHERE entityType = 'tender' AND entityId = ? AND action IN ('tender.close', 'tender.open') GROUP BY action ORDER BY action",
      [tenderId],
    );
    expect(moves).toEqual([
      { action: 'tender.close', n: 1 },
      { action: 'tender.open', n: 1 },
    ]);

    // The opening record's window brought to its end: both clocks see it over, one ends it and deems each line once.
    await sql('UPDATE tender_openings SET windowEndsAt = openedAt WHERE tenderId = ?', [tenderId]);
    const [openingRow] = await sql<{ id: number }[]>('SELECT id FROM tender_openings WHERE tenderId = ?', [tenderId]);
    await until('the end of the window', async () =>
      (await call(proxy, 'GET', `/api/tenders/${tenderId}/opening`, clerk)).body.window.status === 'ended' ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 2_500));
    const ends = await sql<{ n: number }[]>(
      "SELECT COUNT(*) AS n FROM audit_entries WHERE entityType = 'opening' AND entityId = ? AND action = 'opening.end'",
      [openingRow.id],
    );
    expect(ends.map((r) => Number(r.n))).toEqual([1]);
    const deemed = await sql<{ n: number }[]>(
      "SELECT COUNT(*) AS n FROM audit_entries e JOIN opening_lines l ON e.entityId = l.id WHERE e.entityType = 'opening-line' AND e.action = 'opening-line.deem' AND l.tenderId = ? GROUP BY e.entityId",
      [tenderId],
    );
    expect(deemed.length).toBe(d.bids.length);
    expect(deemed.every((r) => Number(r.n) === 1)).toBe(true);
  });

  it('prints a document on one instance and downloads it from the other; a background print polled on both runs once', async () => {
    const clerkA = await login(a.url, 'clerk');
    const clerkB = await login(b.url, 'clerk');
    const d = loadExampleDossier();
    d.tender.code = 'TWO-INSTANCES-PDF';
    const { tenderId } = (await call(a.url, 'POST', '/api/dossiers', clerkA, d)).body;
    const bureauA = await login(a.url, 'bureau');
    const contract = (
      await call(a.url, 'POST', `/api/tenders/${tenderId}/lots/1/contracts`, bureauA, { year: 2023, scheduleTemplate: 'ningbo' })
    ).body;
    expect((await call(a.url, 'POST', `/api/contracts/${contract.id}/pdf`, bureauA)).status).toBe(201);
    const printedOnA = await call(a.url, 'GET', `/api/contracts/${contract.id}/pdf`, bureauA);
    const fromB = await call(b.url, 'GET', `/api/contracts/${contract.id}/pdf`, await login(b.url, 'bureau'));
    expect(fromB.status).toBe(200);
    expect(Buffer.compare(fromB.body as Buffer, printedOnA.body as Buffer)).toBe(0);

    // The evaluation report prints in the background: A starts it, polls alternate between the instances.
    const report = (base: string, token: string) => call(base, 'GET', `/api/tenders/${tenderId}/evaluation-report.pdf`, token);
    expect((await report(a.url, clerkA)).status).toBe(202);
    let polls = 0;
    const pdf = await until('the report', async () => {
      const res = polls++ % 2 ? await report(a.url, clerkA) : await report(b.url, clerkB);
      return res.status === 200 ? res : undefined;
    });
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(polls).toBeGreaterThan(1);
    const versions = await sql<{ n: number }[]>(
      "SELECT COUNT(*) AS n FROM documents WHERE ownerType = 'tender' AND ownerId = ? AND kind = 'evaluation-report'",
      [tenderId],
    );
    expect(versions).toEqual([{ n: 1 }]);
  });

  it('answers fifty clients at once through the proxy, with the host the proxy forwards', async () => {
    const clerk = await login(proxy, 'clerk');
    const answers = await Promise.all(Array.from({ length: 50 }, () => call(proxy, 'GET', '/api/tenders', clerk)));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
    const ocds = await call(proxy, 'GET', '/api/tenders/1/ocds', clerk);
    expect(ocds.body.uri).toBe(`${proxy}/api/tenders/1/ocds`);
  });
});
