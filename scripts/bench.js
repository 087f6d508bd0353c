#!/usr/bin/env node
// `npm run bench`: the product's throughput on this machine, as ONE table, on SQLite and on MariaDB/MySQL.
//
//   npm run build && npm run bench
//
// Builds nothing: it runs the built server (dist/backend/main.js) as a child process on a free port of
// 127.0.0.1, each database in turn (a throwaway SQLite file; a fresh MariaDB/MySQL database on
// BENCH_MYSQL_URL or TEST_MYSQL_URL, default mariadb://root@127.0.0.1:3306/, created and dropped here), and
// measures
//   - a large tender (3 lots × 60 bidders × 9 experts, every subjective criterion scored, the example's
//     schemes): POST /api/dossiers and POST /api/tenders/:id/evaluation, median of a few runs;
//   - GET /api/tenders/:id/results at 50 concurrent clients (autocannon): requests/s and p95 latency, after
//     the award (stored results) and before it (evaluated once per revision of the data, then reused), next to GET /api/health on
//     the same server and a bare NestJS endpoint (no database, no guard) in a process of its own;
//   - the evaluation-report workbook of the large tender (GET …/evaluation-report.xlsx);
// and, once (no database involved):
//   - an exceljs workbook of 50,000 score rows in the report's shape;
//   - contract PDFs per second, the shared browser against a bare Chromium per PDF (scripts/bench-pdf.js).
//
// Everything is bounded: fixed run counts, BENCH_SECONDS (default 10) per load test, timeouts on every
// step; the servers are stopped at the end, whatever happens. Traffic goes to 127.0.0.1 only.
//
// Environment: BENCH_DB=sqlite|mysql|both (default both; MySQL is skipped with a note when no server
// answers), BENCH_SECONDS, BENCH_CONNECTIONS (50), BENCH_RUNS (3 imports, 5 evaluations), BENCH_PDFS (6),
// BENCH_SKIP_PDF=1.
'use strict';

const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = (p) => join(root, 'dist', 'backend', p);

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const IMPORT_RUNS = Number(process.env.BENCH_RUNS || 3);
const EVALUATION_RUNS = Math.max(IMPORT_RUNS, 5);
const PDFS = Number(process.env.BENCH_PDFS || 6);
const EXCEL_ROWS = 50_000;
const LOTS_BIDDERS = 60;
const EXPERTS = 9;
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

/** A request to 127.0.0.1 with a time limit; the body parsed as JSON when it is JSON. */
async function call(base, method, path, { token, body, timeoutMs = 300_000, raw = false } = {}) {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token && { Authorization: `Bearer ${token}` }), ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const buffer = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - started;
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${buffer.toString('utf8').slice(0, 300)}`);
  return { status: res.status, ms, bytes: buffer.length, body: raw ? buffer : JSON.parse(buffer.toString('utf8') || 'null') };
}

const { adopt, freePort, startChild, startProduct, stopChild, stopAll } = require('./child-process');

/** The large tender (scripts/large-dossier.js) under the given code, capitals by the built product's rule. */
const largeDossier = (code) =>
  require('./large-dossier').largeDossier(code, require(dist('domain/bids/capitals')).formatCapitals, {
    bidders: LOTS_BIDDERS,
    experts: EXPERTS,
  });

// ---------------------------------------------------------------------------------------------------
// Load tests: autocannon, 50 connections for BENCH_SECONDS, p95 from every response time.

async function load(url, token) {
  const autocannon = require('autocannon');
  const times = [];
  let errors = 0;
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: CONNECTIONS, duration: SECONDS, timeout: 30, headers: token ? { Authorization: `Bearer ${token}` } : {} },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      if (status !== 200) errors++;
    });
  });
  return {
    rps: result.requests.total / (result.duration || SECONDS),
    p95: percentile(times, 95),
    p50: percentile(times, 50),
    requests: result.requests.total,
    failed: errors + result.errors + result.timeouts,
  };
}
const rate = (r) =>
  `${r.rps.toFixed(r.rps < 10 ? 1 : 0)} req/s, p95 ${r.p95 < 10 ? r.p95.toFixed(1) : Math.round(r.p95)} ms${r.failed ? ` (${r.failed} failed)` : ''}`;

// ---------------------------------------------------------------------------------------------------
// One database: start the built server on it, measure, stop it.

async function benchDatabase(kind) {
  let url;
  let cleanup;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(os.tmpdir(), 'hcp-bench-'));
    url = `sqlite:${join(dir, 'bench.sqlite')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const { createConnection } = require('mysql2/promise');
    const name = `hcp_bench_${randomBytes(5).toString('hex')}`;
    const admin = await createConnection({ uri: MYSQL_SERVER, connectTimeout: 5_000 });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const version = (await admin.query('SELECT VERSION() AS v'))[0][0].v;
    await admin.end();
    url = `${MYSQL_SERVER}${name}`;
    cleanup = async () => {
      const c = await createConnection({ uri: MYSQL_SERVER });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    };
    log(`MariaDB/MySQL ${version}: database ${name}`);
  }
  const out = { kind };
  let server;
  try {
    const started = await startProduct(url, {
      JWT_SECRET: randomBytes(32).toString('hex'),
      DEMO_MODE: 'false',
      LOGIN_RATE_LIMIT: '100000',
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
      const text = JSON.stringify({ ...first, tender: { ...first.tender, code: `BENCH-${i}` } });
      out.dossierBytes = text.length;
      const r = await call(base, 'POST', '/api/dossiers', { token, body: text });
      tenders.push(r.body.tenderId);
      importMs.push(r.ms);
      log(`${kind}: import ${i + 1}/${IMPORT_RUNS} ${seconds(r.ms)}`);
    }
    out.importMs = median(importMs);

    // Evaluation preview, repeated on the first tender.
    const evaluationMs = [];
    let results;
    for (let i = 0; i < EVALUATION_RUNS; i++) {
      const r = await call(base, 'POST', `/api/tenders/${tenders[0]}/evaluation`, { token });
      evaluationMs.push(r.ms);
      results = r.body;
      log(`${kind}: evaluation ${i + 1}/${EVALUATION_RUNS} ${seconds(r.ms)}`);
    }
    out.evaluationMs = median(evaluationMs);
    out.validBids = results.lots.map((l) => l.bids.filter((b) => b.valid).length).join('/');
    out.winners = results.lots.map((l) => l.winner ?? '—').join('/');

    // Results before the award (live: evaluated once, reused while nothing changes) on the second tender, then after it on the first.
    out.resultsLive = await load(`${base}/api/tenders/${tenders[1] ?? tenders[0]}/results`, token);
    log(`${kind}: GET results before the award: ${rate(out.resultsLive)}`);
    await call(base, 'POST', `/api/tenders/${tenders[0]}/evaluation/confirm`, { token });
    out.resultsStored = await load(`${base}/api/tenders/${tenders[0]}/results`, token);
    log(`${kind}: GET results after the award: ${rate(out.resultsStored)}`);
    out.health = await load(`${base}/api/health`);
    log(`${kind}: GET /api/health: ${rate(out.health)}`);

    // The evaluation report workbook of the large tender, through the API.
    try {
      const r = await call(base, 'GET', `/api/tenders/${tenders[0]}/evaluation-report.xlsx`, { token, raw: true, timeoutMs: 180_000 });
      out.workbook = { ms: r.ms, bytes: r.bytes };
      log(`${kind}: evaluation-report.xlsx ${seconds(r.ms)}, ${(r.bytes / 1024).toFixed(0)} KB`);
    } catch (e) {
      out.workbook = { error: e.name === 'TimeoutError' ? '> 180 s' : String(e.message).slice(0, 80) };
      log(`${kind}: evaluation-report.xlsx: ${out.workbook.error}`);
    }
  } finally {
    await stopChild(server);
    await cleanup().catch((e) => log(`cleanup: ${e.message}`));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Once: a bare NestJS endpoint, 50,000 score rows with exceljs, contract PDFs.

/** `node scripts/bench.js --bare-server PORT`: one controller, no database, no guard, no middleware. */
async function bareServer(port) {
  require('reflect-metadata');
  const { Controller, Get, Module } = require('@nestjs/common');
  const { NestFactory } = require('@nestjs/core');
  class BareController {
    ping() {
      return { status: 'ok' };
    }
  }
  Get()(BareController.prototype, 'ping', Object.getOwnPropertyDescriptor(BareController.prototype, 'ping'));
  Controller('bare')(BareController);
  class BareModule {}
  Module({ controllers: [BareController] })(BareModule);
  const app = await NestFactory.create(BareModule, { logger: false });
  app.setGlobalPrefix('api');
  await app.listen(port, '127.0.0.1');
  console.log(`bare listening on ${port}`);
}

async function benchBare() {
  const port = await freePort();
  const child = await startChild([__filename, '--bare-server', String(port)], {}, /bare listening/);
  try {
    return await load(`http://127.0.0.1:${port}/api/bare`);
  } finally {
    await stopChild(child);
  }
}

/** 50,000 score rows as the evaluation report lists them (expert, lot, bidder, criterion, max, score), written to xlsx. */
async function benchExcel() {
  const ExcelJS = require('exceljs');
  const dossier = largeDossier('BENCH-XLSX');
  const criteria = new Map(dossier.schemes.flatMap((s) => s.criteria.map((c) => [`${s.code}|${c.no}`, c])));
  const scheme = new Map(dossier.lots.map((l) => [l.no, l.scheme]));
  const names = new Map(dossier.bidders.map((b) => [b.code, b.name]));
  const started = performance.now();
  const wb = new ExcelJS.Workbook();
  wb.creator = '医保经办服务采购与履约考核系统';
  const ws = wb.addWorksheet('评分明细');
  ws.addRow(['评审专家', '标包', '投标人', '名称', '评分项', '满分', '分值']).font = { bold: true };
  for (let i = 0; i < EXCEL_ROWS; i++) {
    const s = dossier.scores[i % dossier.scores.length];
    const c = criteria.get(`${scheme.get(s.lot)}|${s.criterion}`);
    ws.addRow([
      `${s.expert}${i >= dossier.scores.length ? `-${Math.floor(i / dossier.scores.length)}` : ''}`,
      s.lot,
      s.bidder,
      names.get(s.bidder),
      `${c.no} ${c.name}`,
      c.max,
      s.value,
    ]);
  }
  ws.columns.forEach((col, i) => (col.width = [10, 6, 8, 36, 24, 6, 6][i]));
  const buffer = await wb.xlsx.writeBuffer();
  return { ms: performance.now() - started, bytes: buffer.byteLength, rows: EXCEL_ROWS };
}

/** scripts/bench-pdf.js as it is, its table read back. */
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
      const row = (label) => {
        const line = out.split('\n').find((l) => l.startsWith(label));
        if (!line) return null;
        const [, pdfs, secs, perSecond, msEach] = line.split('│').map((x) => x.trim());
        return { pdfs: Number(pdfs), seconds: Number(secs), perSecond: Number(perSecond), msEach: Number(msEach) };
      };
      resolve({
        first: row('shared: first PDF'),
        sequential: row('shared browser, one at a time'),
        pooled: row('shared browser, '),
        bare: row('bare Chromium'),
        header: out.split('\n')[0],
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

function table(m, dbs, once, loadBefore) {
  const cols = dbs.map((d) => (d.kind === 'sqlite' ? 'SQLite' : 'MariaDB'));
  const cell = (d, f) => {
    try {
      return f(d);
    } catch {
      return '—';
    }
  };
  const sample = dbs[0];
  const rows = [
    [
      `import dossier (${sample?.bids ?? 180} bids, ${sample?.scores?.toLocaleString('en') ?? '?'} scores; median of ${IMPORT_RUNS})`,
      ...dbs.map((d) => cell(d, () => seconds(d.importMs))),
    ],
    [
      `evaluation preview, 3 lots × 60 bids × 9 experts (median of ${EVALUATION_RUNS})`,
      ...dbs.map((d) => cell(d, () => seconds(d.evaluationMs))),
    ],
    [`GET results after the award, ${CONNECTIONS} clients`, ...dbs.map((d) => cell(d, () => rate(d.resultsStored)))],
    [
      `GET results before the award (live, reused while unchanged), ${CONNECTIONS} clients`,
      ...dbs.map((d) => cell(d, () => rate(d.resultsLive))),
    ],
    [`GET /api/health (same server: guard + SELECT 1), ${CONNECTIONS} clients`, ...dbs.map((d) => cell(d, () => rate(d.health)))],
    [`bare NestJS endpoint (no DB, no guard), ${CONNECTIONS} clients`, ...dbs.map(() => cell(once, () => rate(once.bare)))],
    [
      'evaluation-report.xlsx of the large tender (API)',
      ...dbs.map((d) =>
        cell(d, () => (d.workbook.error ? d.workbook.error : `${seconds(d.workbook.ms)}, ${(d.workbook.bytes / 1024).toFixed(0)} KB`)),
      ),
    ],
    [
      `exceljs: ${EXCEL_ROWS.toLocaleString('en')} score rows written to xlsx`,
      ...dbs.map(() => cell(once, () => `${seconds(once.excel.ms)}, ${(once.excel.bytes / 2 ** 20).toFixed(1)} MB`)),
    ],
  ];
  if (once.pdf && !once.pdf.error) {
    const p = once.pdf;
    rows.push([
      `contract PDF, shared browser, 4-page pool (${p.pooled.pdfs} at once)`,
      ...dbs.map(() => `${p.pooled.perSecond.toFixed(2)} PDF/s, ${p.pooled.msEach} ms each`),
    ]);
    rows.push([
      `contract PDF, bare Chromium launched per PDF (${p.bare.pdfs})`,
      ...dbs.map(() => `${p.bare.perSecond.toFixed(2)} PDF/s, ${p.bare.msEach} ms each`),
    ]);
  } else if (once.pdf) rows.push(['contract PDFs (scripts/bench-pdf.js)', ...dbs.map(() => `not run: ${once.pdf.error}`)]);
  const widths = [
    Math.max(...rows.map((r) => r[0].length), 7),
    ...cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i + 1].length))),
  ];
  const line = (r) => `| ${r.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  const out = [];
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} RAM, Node ${m.node}, ${m.os}; load average ${loadBefore} before, ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} after`,
  );
  out.push('');
  out.push(line(['measure', ...cols]));
  out.push(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) out.push(line(r));
  out.push('');
  const d = dbs[0];
  if (d)
    out.push(
      `Large tender: valid bids per lot ${d.validBids}, winners ${d.winners}; dossier ${(d.dossierBytes / 2 ** 20).toFixed(1)} MB. The bare NestJS, exceljs and PDF rows need no database: they ran once and are shown in each column.`,
    );
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
  const once = {};
  once.bare = await benchBare();
  log(`bare NestJS: ${rate(once.bare)}`);
  once.excel = await benchExcel();
  log(`exceljs ${EXCEL_ROWS} rows: ${seconds(once.excel.ms)}`);
  if (process.env.BENCH_SKIP_PDF !== '1') {
    log(`contract PDFs: scripts/bench-pdf.js ${PDFS} (a minute or two)`);
    once.pdf = await benchPdf();
  }
  console.log(table(m, dbs, once, loadBefore));
}

if (process.argv[2] === '--bare-server') {
  bareServer(Number(process.argv[3])).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  const stop = async (code) => {
    await stopAll();
    process.exit(code);
  };
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));
  // The whole run is bounded even if a step hangs.
  setTimeout(() => {
    console.error('bench: stopped after 30 minutes');
    void stop(1);
  }, 30 * 60_000).unref();
  main().then(
    () => stop(0),
    (e) => {
      console.error(e);
      void stop(1);
    },
  );
}
