#!/usr/bin/env node
// `npm run bench`: the product's speed on this machine, every figure next to its ceiling measured in the
// same run, as ONE table, on SQLite and on MariaDB/MySQL.
//
//   npm run build && npm run bench
//
// Builds nothing: it runs the built server (dist/backend/main.js) as a child process on a free port of
// 127.0.0.1, each database in turn (a throwaway SQLite file; a fresh MariaDB/MySQL database on
// BENCH_MYSQL_URL or TEST_MYSQL_URL, default mariadb://root@127.0.0.1:3306/, created and dropped here), and
// measures, each figure with its ceiling:
//   - GET /api/tenders/:id/results of the large tender (3 lots × 60 bidders × 9 experts) at 50 concurrent
//     clients (autocannon), before the award (live) and after it (stored), with and without If-None-Match,
//     against a bare Node http server (a process of its own) sending the same bytes with the same headers,
//     the two taking turns (two rounds of BENCH_SECONDS / 2 each);
//     GET /api/auth/me (the auth guard and a user read) next to GET /api/health (no guard): what the guard costs;
//   - the evaluation-report workbook of a tender with 50,000 scores (GET …/evaluation-report.xlsx) against
//     bare exceljs WorkbookWriter writing the same rows (read back from the product's file), taking turns;
//   - the 16× tender (960 bidders per lot, 155,520 scores) imported through POST /api/dossiers (ceiling: 5 s);
//   - the growth curve (scripts/bench-growth.js, in a process of its own on the same database): 60, 240 and
//     960 bidders per lot, time and peak memory per step, each step's cost per score against the 60-bidder
//     step's (linear = 1.0×);
//   - and, once (no database): contract, evaluation-report and assessment-report PDFs against bare
//     page.pdf() on the same HTML (scripts/bench-pdf.js).
//
// Everything is bounded: fixed run counts, BENCH_SECONDS (default 10) per load test, timeouts on every
// step; the servers are stopped at the end, whatever happens. Traffic goes to 127.0.0.1 only.
//
// Environment: BENCH_DB=sqlite|mysql|both (default both; MySQL is skipped with a note when no server
// answers), BENCH_SECONDS, BENCH_CONNECTIONS (50), BENCH_RUNS (3 imports, 5 evaluations), BENCH_PDFS (8),
// BENCH_SKIP_PDF=1, BENCH_SKIP_GROWTH=1, BENCH_RESULTS_ONLY=1 (per database only the imports, the evaluation preview,
// GET results live and stored, auth/me and health; no workbook, 16× import, growth curve or PDFs:
// `BENCH_DB=mysql BENCH_RUNS=1 BENCH_RESULTS_ONLY=1 npm run bench` measures GET results on MariaDB in two minutes).
'use strict';

const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = (p) => join(root, 'dist', 'backend', p);

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const IMPORT_RUNS = Number(process.env.BENCH_RUNS || 3);
const EVALUATION_RUNS = Math.max(IMPORT_RUNS, 5);
const PDFS = Number(process.env.BENCH_PDFS || 8);
const EXCEL_SCORES = 50_000;
const GROWTH = [60, 240, 960];
const LOTS_BIDDERS = 60;
const EXPERTS = 9;
const RESULTS_ONLY = process.env.BENCH_RESULTS_ONLY === '1';
const WHICH = (process.env.BENCH_DB || 'both').toLowerCase();
const MYSQL_SERVER = (process.env.BENCH_MYSQL_URL || process.env.TEST_MYSQL_URL || 'mariadb://root@127.0.0.1:3306/').replace(
  /\/[^/]*$/,
  '/',
);

// ---------------------------------------------------------------------------------------------------
// Small helpers

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => {
  if (!xs.length) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const seconds = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const log = (...args) => console.error('·', ...args);
/** The 1-minute load average, recorded with each figure: the machine is shared. */
const loadNow = () => os.loadavg()[0].toFixed(1);

/** Clock ticks per second of /proc's CPU times. */
const TICKS = (() => {
  try {
    return Number(require('node:child_process').execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
  } catch {
    return 100;
  }
})();
/**
 * The CPU time (user + system, µs) process `pid` has used so far (Linux /proc; NaN elsewhere). Per
 * request it is what a route costs whatever else the machine runs, which throughput is not.
 */
function cpuMicros(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS;
  } catch {
    return NaN;
  }
}

/** A request to 127.0.0.1 with a time limit; the body parsed as JSON when it is JSON. */
async function call(base, method, path, { token, body, timeoutMs = 300_000, raw = false, headers = {} } = {}) {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...headers,
      ...(token && { Authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const buffer = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - started;
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${buffer.toString('utf8').slice(0, 300)}`);
  return {
    status: res.status,
    ms,
    bytes: buffer.length,
    headers: Object.fromEntries(res.headers),
    buffer,
    body: raw ? buffer : JSON.parse(buffer.toString('utf8') || 'null'),
  };
}

const { adopt, freePort, startChild, startProduct, stopChild, stopAll } = require('./child-process');

/** The large tender (scripts/large-dossier.js) under the given code, capitals by the built product's rule. */
/** The large tender (scripts/large-dossier.js) under the given code and size, capitals by the built product's rule. */
const largeDossier = (code, bidders = LOTS_BIDDERS) =>
  require('./large-dossier').largeDossier(code, require(dist('domain/bids/capitals')).formatCapitals, { bidders, experts: EXPERTS });

/** Bidders per lot for at least EXCEL_SCORES scores: 3 lots × 9 experts × 6 subjective criteria per bid. */
const EXCEL_BIDDERS = Math.ceil(EXCEL_SCORES / (3 * EXPERTS * 6));

// ---------------------------------------------------------------------------------------------------
// Load tests: autocannon, 50 connections for BENCH_SECONDS, p95 from every response time.

/** `pid`: the server's process, whose CPU time per request is measured. */
async function load(url, pid, headers = {}, expected = 200, duration = SECONDS) {
  const autocannon = require('autocannon');
  const cpuBefore = cpuMicros(pid);
  const times = [];
  let errors = 0;
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration, timeout: 30, headers }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      if (status !== expected) errors++;
    });
  });
  return {
    rps: result.requests.total / (result.duration || duration),
    p95: percentile(times, 95),
    cpuUs: cpuMicros(pid) - cpuBefore,
    cpuPerRequest: (cpuMicros(pid) - cpuBefore) / result.requests.total,
    requests: result.requests.total,
    failed: errors + result.errors + result.timeouts,
    seconds: result.duration || duration,
    times,
  };
}

/** Rounds of each URL's load test (SECONDS in all per URL), taking turns, so that the machine's other work weighs on both alike. */
const LOAD_ROUNDS = 2;
async function alternately([a, aPid], [b, bPid], headers, expected) {
  const runs = [[], []];
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    runs[0].push(await load(a, aPid, headers, expected, SECONDS / LOAD_ROUNDS));
    runs[1].push(await load(b, bPid, headers, expected, SECONDS / LOAD_ROUNDS));
  }
  return runs.map((rs) => {
    const requests = rs.reduce((n, r) => n + r.requests, 0);
    return {
      rps: requests / rs.reduce((n, r) => n + r.seconds, 0),
      p95: percentile(
        rs.flatMap((r) => r.times),
        95,
      ),
      requests,
      cpuPerRequest: rs.reduce((n, r) => n + r.cpuUs, 0) / requests,
      failed: rs.reduce((n, r) => n + r.failed, 0),
    };
  });
}
const rate = (r) =>
  `${r.rps.toFixed(r.rps < 10 ? 1 : 0)} req/s, p95 ${r.p95 < 10 ? r.p95.toFixed(1) : Math.round(r.p95)} ms${r.failed ? ` (${r.failed} failed)` : ''}`;
const ratio = (figure, ceiling) => `${((100 * figure) / ceiling).toFixed(0)}%`;
const micros = (r) => (Number.isFinite(r.cpuPerRequest) ? `${Math.round(r.cpuPerRequest)} µs CPU/request` : 'CPU not measured');

/** Headers a server sets per connection or per response, not part of "the same headers". */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * `node scripts/bench.js --bare-replay PORT FILE`: a bare Node http server answering every request with
 * the product's recorded response (its status, headers and bytes), and 304 with the same headers and no
 * body to an If-None-Match naming its ETag, as the product does. The ceiling of GET results.
 */
function bareReplay(port, file) {
  const http = require('node:http');
  const recorded = JSON.parse(readFileSync(file, 'utf8'));
  const body = Buffer.from(recorded.body, 'base64');
  const headers = Object.entries(recorded.headers).filter(([k]) => !PER_RESPONSE.has(k));
  const notModified = headers.filter(([k]) => k !== 'content-length');
  http
    .createServer((req, res) => {
      if (req.headers['if-none-match'] === recorded.headers.etag) {
        res.writeHead(304, notModified.flat());
        res.end();
      } else {
        res.writeHead(200, headers.flat());
        res.end(body);
      }
    })
    .listen(port, '127.0.0.1', () => console.log(`bare listening on ${port}`));
}

/** GET `path` on the product (process `pid`) and on a bare server replaying its answer, at 50 clients each, with and without If-None-Match. */
async function againstBare(base, pid, path, token) {
  const first = await call(base, 'GET', path, { token, raw: true });
  const dir = mkdtempSync(join(os.tmpdir(), 'hcp-bare-'));
  const file = join(dir, 'response.json');
  writeFileSync(file, JSON.stringify({ headers: first.headers, body: first.buffer.toString('base64') }));
  const port = await freePort();
  const bare = await startChild([__filename, '--bare-replay', String(port), file], {}, /bare listening/);
  try {
    const auth = { Authorization: `Bearer ${token}` };
    const revalidate = { ...auth, 'If-None-Match': first.headers.etag };
    const out = { bytes: first.bytes, load: loadNow() };
    const urls = [
      [`${base}${path}`, pid],
      [`http://127.0.0.1:${port}${path}`, bare.pid],
    ];
    [out.product, out.bare] = await alternately(...urls, auth, 200);
    [out.product304, out.bare304] = await alternately(...urls, revalidate, 304);
    out.load += `–${loadNow()}`;
    return out;
  } finally {
    await stopChild(bare);
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// The evaluation-report workbook against bare exceljs streaming the same rows.

/** Every sheet's rows as plain values, read back from the product's workbook. */
async function workbookRows(buffer) {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer);
  return wb.worksheets.map((ws) => {
    const rows = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push(row.values.slice(1)));
    return { name: ws.name, rows };
  });
}

/** The ceiling: bare WorkbookWriter (same options as the product) writing those rows to memory. */
async function bareWorkbook(sheets) {
  const ExcelJS = require('exceljs');
  const { PassThrough } = require('node:stream');
  const started = performance.now();
  const stream = new PassThrough();
  let bytes = 0;
  stream.on('data', (chunk) => (bytes += chunk.length));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const values of sheet.rows) ws.addRow(values).commit();
    ws.commit();
  }
  await wb.commit();
  return { ms: performance.now() - started, bytes };
}

// ---------------------------------------------------------------------------------------------------
// One database: start the built server on it, measure, stop it.

async function database(kind) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(os.tmpdir(), 'hcp-bench-'));
    return { url: (name) => `sqlite:${join(dir, `${name}.sqlite`)}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const { createConnection } = require('mysql2/promise');
  const prefix = `hcp_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: MYSQL_SERVER, connectTimeout: 5_000 });
  log(`MariaDB/MySQL ${(await admin.query('SELECT VERSION() AS v'))[0][0].v}: databases ${prefix}_*`);
  const created = [];
  return {
    url: async (name) => {
      await admin.query(`CREATE DATABASE \`${prefix}_${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      created.push(`${prefix}_${name}`);
      return `${MYSQL_SERVER}${prefix}_${name}`;
    },
    cleanup: async () => {
      for (const name of created) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

async function benchDatabase(kind) {
  const db = await database(kind);
  const out = { kind };
  let server;
  try {
    const started = await startProduct(await db.url('server'), {
      JWT_SECRET: randomBytes(32).toString('hex'),
      AUDIT_KEY: randomBytes(32).toString('hex'),
      DEMO_MODE: 'false',
      LOGIN_RATE_LIMIT: '100000',
      WRITE_RATE_LIMIT: '1000000',
      STATIC_DIR: '/nonexistent',
      NODE_ENV: 'production',
    });
    server = started.child;
    const base = started.url;
    log(`${kind}: server on ${base}`);
    const token = (await call(base, 'POST', '/api/auth/login', { body: { username: 'clerk', password: 'Demo#2026' } })).body.accessToken;

    // Import: the same large dossier under a new code each run.
    const first = largeDossier('BENCH-0');
    out.scores = first.scores.length;
    out.bids = first.bids.length;
    const tenders = [];
    const importMs = [];
    for (let i = 0; i < IMPORT_RUNS; i++) {
      const r = await call(base, 'POST', '/api/dossiers', {
        token,
        body: JSON.stringify({ ...first, tender: { ...first.tender, code: `BENCH-${i}` } }),
      });
      tenders.push(r.body.tenderId);
      importMs.push(r.ms);
      log(`${kind}: import ${i + 1}/${IMPORT_RUNS} ${seconds(r.ms)}`);
    }
    out.importMs = median(importMs);
    out.importLoad = loadNow();

    // Evaluation preview, repeated on the first tender.
    const evaluationMs = [];
    let results;
    for (let i = 0; i < EVALUATION_RUNS; i++) {
      const r = await call(base, 'POST', `/api/tenders/${tenders[0]}/evaluation`, { token });
      evaluationMs.push(r.ms);
      results = r.body;
    }
    out.evaluationMs = median(evaluationMs);
    out.evaluationLoad = loadNow();
    out.winners = results.lots.map((l) => l.winner ?? '—').join('/');
    log(`${kind}: evaluation preview ${seconds(out.evaluationMs)}`);

    // Results before the award (live) on the second tender, after it (stored) on the first; each against its bare replay.
    out.live = await againstBare(base, server.pid, `/api/tenders/${tenders[1] ?? tenders[0]}/results`, token);
    log(
      `${kind}: GET results live: ${rate(out.live.product)}, ${micros(out.live.product)} vs bare ${rate(out.live.bare)}, ${micros(out.live.bare)}`,
    );
    await call(base, 'POST', `/api/tenders/${tenders[0]}/evaluation/confirm`, { token });
    out.stored = await againstBare(base, server.pid, `/api/tenders/${tenders[0]}/results`, token);
    log(
      `${kind}: GET results stored: ${rate(out.stored.product)}, ${micros(out.stored.product)} vs bare ${rate(out.stored.bare)}, ${micros(out.stored.bare)}`,
    );
    out.me = await load(`${base}/api/auth/me`, server.pid, { Authorization: `Bearer ${token}` });
    out.health = await load(`${base}/api/health`, server.pid);
    out.me.load = loadNow();
    log(`${kind}: GET /api/auth/me ${rate(out.me)}, ${micros(out.me)}; GET /api/health ${rate(out.health)}, ${micros(out.health)}`);
    if (RESULTS_ONLY) return out;

    // The workbook of a tender with 50,000 scores, through the API, against bare exceljs on the same rows.
    const excel = largeDossier('BENCH-XLSX', EXCEL_BIDDERS);
    const excelTender = (await call(base, 'POST', '/api/dossiers', { token, body: excel })).body.tenderId;
    await call(base, 'POST', `/api/tenders/${excelTender}/evaluation/confirm`, { token });
    const workbook = () =>
      call(base, 'GET', `/api/tenders/${excelTender}/evaluation-report.xlsx`, { token, raw: true, timeoutMs: 180_000 });
    const xlsx = await workbook(); // read back for the ceiling's rows; then the two take turns
    const sheets = await workbookRows(xlsx.body);
    const productXlsx = [];
    const bareXlsx = [];
    for (let i = 0; i < 3; i++) {
      productXlsx.push((await workbook()).ms);
      bareXlsx.push((await bareWorkbook(sheets)).ms);
    }
    out.excel = {
      scores: excel.scores.length,
      rows: sheets.reduce((n, s) => n + s.rows.length, 0),
      bytes: xlsx.bytes,
      ms: median(productXlsx),
      bareMs: median(bareXlsx),
      load: loadNow(),
    };
    log(`${kind}: evaluation-report.xlsx (${out.excel.rows} rows) ${seconds(out.excel.ms)} vs bare ${seconds(out.excel.bareMs)}`);

    // The 16× tender through the API.
    const huge = JSON.stringify(largeDossier('BENCH-16X', GROWTH.at(-1)));
    const cpuBefore = cpuMicros(server.pid);
    const imported = await call(base, 'POST', '/api/dossiers', { token, body: huge, timeoutMs: 600_000 });
    const cpuMs = (cpuMicros(server.pid) - cpuBefore) / 1000;
    out.huge = { ms: imported.ms, cpuMs, bytes: huge.length, scores: 3 * EXPERTS * 6 * GROWTH.at(-1), load: loadNow() };
    log(`${kind}: import of the 16× tender (${(huge.length / 2 ** 20).toFixed(1)} MB) ${seconds(imported.ms)}`);
    await stopChild(server);
    server = undefined;

    // The growth curve, in a process of its own on a database of its own.
    if (process.env.BENCH_SKIP_GROWTH !== '1') out.growth = await growth(await db.url('growth'));
  } finally {
    await stopChild(server);
    await db.cleanup().catch((e) => log(`cleanup: ${e.message}`));
  }
  return out;
}

/** scripts/bench-growth.js on this database, its GROWTH lines read back. */
function growth(url) {
  return new Promise((resolve) => {
    const child = adopt(
      spawn(process.execPath, ['--expose-gc', join(__dirname, 'bench-growth.js'), url, ...GROWTH.map(String)], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const rows = output
        .split('\n')
        .filter((l) => l.startsWith('GROWTH '))
        .map((l) => JSON.parse(l.slice(7)));
      if (code !== 0) log(`growth curve: exit ${code}: ${output.trim().split('\n').pop()}`);
      resolve(rows);
    });
  });
}

/** scripts/bench-pdf.js, its PDF lines read back. */
function benchPdf() {
  return new Promise((resolve) => {
    const child = adopt(
      spawn(process.execPath, [join(__dirname, 'bench-pdf.js'), String(PDFS)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return resolve({ error: out.trim().split('\n').pop()?.slice(0, 100) || `exit ${code}` });
      resolve({
        docs: out
          .split('\n')
          .filter((l) => l.startsWith('PDF '))
          .map((l) => JSON.parse(l.slice(4))),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------

async function mysqlReachable() {
  try {
    const { createConnection } = require('mysql2/promise');
    const c = await createConnection({ uri: MYSQL_SERVER, connectTimeout: 3_000 });
    await c.end();
    return true;
  } catch (e) {
    log(`no MariaDB/MySQL at ${MYSQL_SERVER} (${e.code || e.message}): skipped`);
    return false;
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

const markdown = (header, rows) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((x, i) => String(x).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
};

function report(m, dbs, pdf, loadBefore) {
  const out = [];
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} RAM, Node ${m.node}, ${m.os}; load average ${loadBefore} before, ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} after`,
    '',
  );
  const rows = [];
  for (const d of dbs) {
    const db = d.kind === 'sqlite' ? 'SQLite' : 'MariaDB';
    const cell = (f) => {
      try {
        return f();
      } catch {
        return ['—', '—', '—', '—', '—'];
      }
    };
    // Each load row, then the CPU its server spent per request (the ratio: the bare server's over the product's).
    const results = (label, r) => [
      [
        `${label}, ${CONNECTIONS} clients (${(r.bytes / 1024).toFixed(0)} KB)`,
        rate(r.product),
        `bare Node: ${rate(r.bare)}`,
        ratio(r.product.rps, r.bare.rps),
        r.load,
      ],
      [
        `${label}, CPU per request`,
        micros(r.product),
        `bare Node: ${micros(r.bare)}`,
        ratio(r.bare.cpuPerRequest, r.product.cpuPerRequest),
        r.load,
      ],
      [
        `${label}, If-None-Match → 304`,
        rate(r.product304),
        `bare Node: ${rate(r.bare304)}`,
        ratio(r.product304.rps, r.bare304.rps),
        r.load,
      ],
      [
        `${label}, 304, CPU per request`,
        micros(r.product304),
        `bare Node: ${micros(r.bare304)}`,
        ratio(r.bare304.cpuPerRequest, r.product304.cpuPerRequest),
        r.load,
      ],
    ];
    rows.push(
      ...cell(() => results(`${db}: GET results after the award (stored)`, d.stored)),
      ...cell(() => results(`${db}: GET results before the award (live)`, d.live)),
      cell(() => [
        `${db}: GET /api/auth/me (auth guard + user read)`,
        rate(d.me),
        `GET /api/health, no guard: ${rate(d.health)}`,
        ratio(d.me.rps, d.health.rps),
        d.me.load,
      ]),
      cell(() => [
        `${db}: GET /api/auth/me, CPU per request`,
        micros(d.me),
        `GET /api/health: ${micros(d.health)}`,
        ratio(d.health.cpuPerRequest, d.me.cpuPerRequest),
        d.me.load,
      ]),
      cell(() => [
        `${db}: evaluation-report.xlsx, ${d.excel.scores.toLocaleString('en')} scores (${d.excel.rows.toLocaleString('en')} rows, ${(d.excel.bytes / 2 ** 20).toFixed(1)} MB)`,
        seconds(d.excel.ms),
        `bare WorkbookWriter, same rows: ${seconds(d.excel.bareMs)}`,
        ratio(d.excel.bareMs, d.excel.ms),
        d.excel.load,
      ]),
      cell(() => [
        `${db}: import the 16× tender (${d.huge.scores.toLocaleString('en')} scores, ${(d.huge.bytes / 2 ** 20).toFixed(1)} MB)`,
        `${seconds(d.huge.ms)} (server CPU ${seconds(d.huge.cpuMs)})`,
        'goal: 5 s',
        ratio(5000, d.huge.ms),
        d.huge.load,
      ]),
      // Only when the growth curve ran (BENCH_SKIP_GROWTH leaves it out).
      ...(d.growth?.length
        ? [
            cell(() => {
              const step = d.growth.at(-1).steps.evaluate;
              return [
                `${db}: evaluate the 16× tender (evaluateDossier, growth curve's last step)`,
                `${seconds(step.ms)} (CPU ${seconds(step.cpuMs)})`,
                'goal: 1 s',
                ratio(1000, step.ms),
                d.growth.at(-1).loadAverage,
              ];
            }),
          ]
        : []),
      cell(() => [
        `${db}: import the large tender (${d.scores.toLocaleString('en')} scores), median of ${IMPORT_RUNS}`,
        seconds(d.importMs),
        '',
        '',
        d.importLoad,
      ]),
      cell(() => [
        `${db}: evaluation preview of the large tender, median of ${EVALUATION_RUNS}`,
        seconds(d.evaluationMs),
        '',
        '',
        d.evaluationLoad,
      ]),
    );
  }
  for (const doc of pdf?.docs ?? []) {
    rows.push([
      `${doc.name} PDF (${doc.pages} pages, ${(doc.bytes / 1024).toFixed(0)} KB), ${PDFS} at once`,
      `${doc.productPerSecond.toFixed(2)} PDF/s`,
      `bare page.pdf(), warm browser: ${doc.barePerSecond.toFixed(2)} PDF/s`,
      ratio(doc.productPerSecond, doc.barePerSecond),
      doc.load,
    ]);
  }
  if (pdf?.error) rows.push(['PDFs (scripts/bench-pdf.js)', `not run: ${pdf.error}`, '', '', '']);
  out.push(markdown(['figure', 'measured', 'ceiling', 'ratio', 'load'], rows), '');

  for (const d of dbs.filter((x) => x.growth?.length)) {
    const base = d.growth[0];
    const perScore = (row, step) => row.steps[step].ms / row.scores;
    const growthRows = d.growth.map((row) => [
      `${row.bidders} (${row.scores.toLocaleString('en')} scores)`,
      ...['import', 'load', 'evaluate', 'store'].map(
        (step) =>
          `${seconds(row.steps[step].ms)}, +${row.steps[step].peakMiB} MiB, ${(perScore(row, step) / perScore(base, step)).toFixed(2)}×`,
      ),
      row.loadAverage,
    ]);
    out.push(
      `Growth curve on ${d.kind === 'sqlite' ? 'SQLite' : 'MariaDB'} (per step: time, peak memory above the step's start, time per score against the ${base.bidders}-bidder step's):`,
      '',
      markdown(['bidders per lot', 'import', 'load', 'evaluate', 'store (confirm)', 'load average'], growthRows),
      '',
    );
  }
  const d = dbs[0];
  if (d) out.push(`Large tender: ${d.bids} bids, winners ${d.winners}. The PDF rows need no database and ran once.`);
  return out.join('\n');
}

async function main() {
  if (!existsSync(dist('main.js'))) {
    console.error('dist/backend is missing: run `npm run build` first');
    process.exit(1);
  }
  const m = machine();
  const loadBefore = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  log(`${m.cpu}, ${m.cores} cores, ${m.memory}, Node ${m.node}; load average ${loadBefore}`);
  const kinds = [];
  if (WHICH === 'both' || WHICH === 'sqlite') kinds.push('sqlite');
  if ((WHICH === 'both' || WHICH === 'mysql' || WHICH === 'mariadb') && (await mysqlReachable())) kinds.push('mysql');
  const dbs = [];
  for (const kind of kinds) dbs.push(await benchDatabase(kind));
  let pdf;
  if (process.env.BENCH_SKIP_PDF !== '1' && !RESULTS_ONLY) {
    log(`PDFs: scripts/bench-pdf.js ${PDFS} (a few minutes)`);
    pdf = await benchPdf();
  }
  console.log(report(m, dbs, pdf, loadBefore));
}

if (process.argv[2] === '--bare-replay') {
  bareReplay(Number(process.argv[3]), process.argv[4]);
} else {
  const stop = async (code) => {
    await stopAll();
    process.exit(code);
  };
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));
  // The whole run is bounded even if a step hangs.
  setTimeout(() => {
    console.error('bench: stopped after 45 minutes');
    void stop(1);
  }, 45 * 60_000).unref();
  main().then(
    () => stop(0),
    (e) => {
      console.error(e);
      void stop(1);
    },
  );
}
