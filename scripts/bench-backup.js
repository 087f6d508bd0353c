#!/usr/bin/env node
// Backup and restore of the large tender, timed, on SQLite and on MariaDB/MySQL:
//
//   npm run build:backend && node scripts/bench-backup.js
//
// For each database: the built server (dist/backend/main.js) on a throwaway database, the large tender
// imported (3 lots × 60 bidders × 9 experts), its award confirmed, each lot's 2024 contract signed and
// printed and its award notice printed (6 PDFs); then, with the server still running, `cli backup`, and
// `cli restore` of that file into a new database of the same kind. Prints one table. Traffic goes to
// 127.0.0.1 only; everything started here is stopped and dropped at the end. BENCH_DB=sqlite|mysql|both.
'use strict';

const { execFile } = require('node:child_process');
const { mkdtempSync, rmSync, statSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { promisify } = require('node:util');
const { startProduct, stopAll } = require('./child-process');
const { largeDossier } = require('./large-dossier');

const root = join(__dirname, '..');
/** The audit key of the benchmark's server and of its command-line runs (the chain needs the same key). */
const BENCH_AUDIT_KEY = process.env.AUDIT_KEY || 'bench-backup-audit-key-0123456789abcdef';
const WHICH = (process.env.BENCH_DB || 'both').toLowerCase();
const MYSQL_SERVER = (process.env.BENCH_MYSQL_URL || process.env.TEST_MYSQL_URL || 'mariadb://root@127.0.0.1:3306/').replace(
  /\/[^/]*$/,
  '/',
);
const run = promisify(execFile);

async function call(base, method, path, token, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token && { Authorization: `Bearer ${token}` }), ...(body && { 'Content-Type': 'application/json' }) },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

const cli = (url, ...args) =>
  run(process.execPath, [join(root, 'scripts', 'cli.js'), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, AUDIT_KEY: BENCH_AUDIT_KEY, SEED_DEMO: 'false', BACKUP_DIR: '' },
    maxBuffer: 1 << 24,
    timeout: 600_000,
  });

async function timed(work) {
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** The large tender with its award, contracts and PDFs, through the API as users make it. */
async function fill(base) {
  const login = async (username) => (await call(base, 'POST', '/api/auth/login', null, { username, password: 'Demo#2026' })).accessToken;
  const clerk = await login('clerk');
  const bureau = await login('bureau');
  const formatCapitals = require(join(root, 'dist', 'backend', 'domain', 'bids', 'capitals')).formatCapitals;
  const { tenderId } = await call(base, 'POST', '/api/dossiers', clerk, largeDossier('BENCH-BACKUP', formatCapitals));
  await call(base, 'POST', `/api/tenders/${tenderId}/evaluation/confirm`, clerk);
  for (const lot of ['1', '2', '3']) {
    const draft = await call(base, 'POST', `/api/tenders/${tenderId}/lots/${lot}/contracts`, bureau, {
      year: 2024,
      scheduleTemplate: 'ningbo',
    });
    await call(base, 'PATCH', `/api/contracts/${draft.id}`, bureau, { version: 1, population: 2_000_000 });
    await call(base, 'PATCH', `/api/contracts/${draft.id}`, bureau, { version: 2, status: 'signed' });
    await call(base, 'POST', `/api/contracts/${draft.id}/pdf`, bureau);
    await call(base, 'POST', `/api/tenders/${tenderId}/lots/${lot}/award-notice/pdf`, bureau);
  }
}

async function measure(kind, dir) {
  let source;
  let target;
  const drops = [];
  if (kind === 'sqlite') {
    source = `sqlite:${join(dir, 'source.sqlite')}`;
    target = `sqlite:${join(dir, 'target.sqlite')}`;
  } else {
    const { createConnection } = require('mysql2/promise');
    const admin = await createConnection({ uri: MYSQL_SERVER.replace(/^mariadb:/, 'mysql:') });
    for (const name of ['hcp_bench_backup_source', 'hcp_bench_backup_target']) {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      drops.push(name);
    }
    await admin.end();
    [source, target] = drops.map((name) => `${MYSQL_SERVER}${name}`);
  }
  try {
    const { url } = await startProduct(source, {
      JWT_SECRET: 'bench-backup',
      AUDIT_KEY: BENCH_AUDIT_KEY,
      DEMO_MODE: 'false',
      STATIC_DIR: '/nonexistent',
    });
    await fill(url);
    const file = join(dir, `${kind}.ndjson.gz`);
    const backup = await timed(async () => JSON.parse((await cli(source, 'backup', '--out', file)).stdout));
    const restore = await timed(async () => JSON.parse((await cli(target, 'restore', file)).stdout));
    await stopAll();
    return {
      kind,
      rows: backup.result.rows,
      files: backup.result.files,
      dbBytes: kind === 'sqlite' ? statSync(join(dir, 'source.sqlite')).size : null,
      bytes: statSync(file).size,
      backupSeconds: backup.seconds,
      backupInner: backup.result.seconds,
      restoreSeconds: restore.seconds,
      restoreInner: restore.result.seconds,
    };
  } finally {
    await stopAll();
    if (drops.length) {
      const { createConnection } = require('mysql2/promise');
      const admin = await createConnection({ uri: MYSQL_SERVER.replace(/^mariadb:/, 'mysql:') });
      for (const name of drops) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    }
  }
}

async function main() {
  require('./build-if-stale').buildBackendIfStale('main.js');
  const dir = mkdtempSync(join(os.tmpdir(), 'hcp-bench-backup-'));
  const rows = [];
  try {
    for (const kind of ['sqlite', 'mysql']) if (WHICH === 'both' || WHICH === kind) rows.push(await measure(kind, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const mb = (b) => (b / 1024 / 1024).toFixed(1);
  console.log(`Node ${process.version}, ${os.cpus()[0].model} × ${os.cpus().length}, load average ${os.loadavg()[0].toFixed(1)}`);
  console.log(
    '| database | rows | stored files | database size | backup file | `cli backup` (of which writing) | `cli restore` (of which restoring) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.kind === 'sqlite' ? 'SQLite' : 'MariaDB'} | ${r.rows.toLocaleString('en')} | ${r.files} | ${r.dbBytes === null ? '—' : `${mb(r.dbBytes)} MB`} | ${mb(r.bytes)} MB | ` +
        `${r.backupSeconds.toFixed(1)} s (${r.backupInner.toFixed(1)} s) | ${r.restoreSeconds.toFixed(1)} s (${r.restoreInner.toFixed(1)} s) |`,
    );
  }
}

main().catch(async (e) => {
  console.error(e);
  await stopAll();
  process.exit(1);
});
