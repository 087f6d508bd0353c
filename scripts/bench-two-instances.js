// The load run across instances (issue: "two instances behind a proxy"): two built servers on one
// MariaDB behind nginx (docker/nginx.conf), 50 clients for BENCH_SECONDS (60) reading the results and
// the tender list through the proxy, while one client confirms an award and records cancellations
// through it. Prints requests, throughput, p95 and every failure (a non-2xx/304 answer, an error or a
// timeout); nothing may fail and the audit chain must verify at the end. `npm run build` first.
'use strict';

const { randomBytes } = require('node:crypto');
const { readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { startProduct, stopAll } = require('./child-process');
const { startProxy } = require('./nginx');

const SERVER = (process.env.TEST_MYSQL_URL || 'mariadb://root@127.0.0.1:3306/test').replace(/\/[^/]*$/, '/');
const SECONDS = Number(process.env.BENCH_SECONDS || 60);
const CONNECTIONS = 50;
const EXAMPLE = [
  join(__dirname, '..', '..', 'shared', 'examples', 'ningbo-ltc-2022.json'),
  join(__dirname, '..', 'seed', 'demo-tender.json'),
].find(existsSync);

async function json(url, method, path, token, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token && { Authorization: `Bearer ${token}` }), ...(body && { 'Content-Type': 'application/json' }) },
    body: body && JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function main() {
  const { createConnection } = require('mysql2/promise');
  const name = `hcp_bench2_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: SERVER });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  try {
    const env = {
      JWT_SECRET: randomBytes(32).toString('hex'),
      AUDIT_KEY: randomBytes(32).toString('hex'),
      DEMO_MODE: 'false',
      LOGIN_RATE_LIMIT: '100000',
      WRITE_RATE_LIMIT: '1000000',
      STATIC_DIR: '/nonexistent',
      TRUST_PROXY: 'loopback',
      NODE_ENV: 'production',
    };
    const servers = await Promise.all([startProduct(`${SERVER}${name}`, env), startProduct(`${SERVER}${name}`, env)]);
    const proxy = await startProxy(servers.map((s) => s.url));
    const login = (username) =>
      json(proxy.url, 'POST', '/api/auth/login', undefined, { username, password: 'Demo#2026' }).then((r) => r.accessToken);
    const clerk = await login('clerk');
    const dossier = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const tenders = [];
    for (const code of ['BENCH2-READ', 'BENCH2-WRITE']) {
      tenders.push((await json(proxy.url, 'POST', '/api/dossiers', clerk, { ...dossier, tender: { ...dossier.tender, code } })).tenderId);
    }
    await json(proxy.url, 'POST', `/api/tenders/${tenders[0]}/evaluation/confirm`, clerk);

    // Writes through the proxy while the readers run: the award of the second tender, then each lot's winner declines once.
    const writes = (async () => {
      await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 3));
      let results = await json(proxy.url, 'POST', `/api/tenders/${tenders[1]}/evaluation/confirm`, clerk);
      let n = 1;
      // A declined lot may move later lots' winners (sequential-exclusive): each lot's current winner declines.
      for (const no of results.lots.map((l) => l.no)) {
        const winner = results.lots.find((l) => l.no === no).winner;
        if (!winner) continue;
        const declined = { bidder: winner, kind: 'declined', reason: '放弃中标' };
        results = await json(proxy.url, 'POST', `/api/tenders/${tenders[1]}/lots/${no}/cancellations`, clerk, declined);
        n++;
      }
      return n;
    })();

    const autocannon = require('autocannon');
    const times = [];
    const failures = new Map();
    const unanswered = new Map();
    const result = await new Promise((resolve, reject) => {
      const run = autocannon(
        {
          url: proxy.url,
          connections: CONNECTIONS,
          duration: SECONDS,
          timeout: 30,
          headers: { Authorization: `Bearer ${clerk}` },
          requests: [
            { path: `/api/tenders/${tenders[0]}/results` },
            { path: `/api/tenders/${tenders[1]}/results` },
            { path: '/api/tenders' },
          ],
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      run.on('response', (_client, status, _bytes, ms) => {
        times.push(ms);
        if (status >= 300 && status !== 304) failures.set(status, (failures.get(status) ?? 0) + 1);
      });
      // A request that got no answer at all, by its error (a reset connection, a timeout): named in the line below.
      run.on('reqError', (err) => {
        const what = err.code || err.message;
        unanswered.set(what, (unanswered.get(what) ?? 0) + 1);
      });
    });
    const written = await writes;
    times.sort((x, y) => x - y);
    const verify = await json(proxy.url, 'GET', '/api/audit/verify', await login('auditor')); // the audit administrator's
    const failed = [...failures.values()].reduce((a, b) => a + b, 0) + result.errors + result.timeouts;
    console.log(
      `Two instances behind nginx on MariaDB, ${CONNECTIONS} clients, ${SECONDS} s: ${result.requests.total} requests, ` +
        `${(result.requests.total / SECONDS).toFixed(0)} req/s, p95 ${Math.round(times[Math.floor(times.length * 0.95)])} ms, ` +
        `${failed} failed${failures.size || unanswered.size ? ` (${[...failures, ...unanswered].map(([s, n]) => `${n}×${s}`).join(', ')})` : ''}; ` +
        `${written} writes through the proxy meanwhile; audit chain ${verify.breaks.length ? `BROKEN: ${JSON.stringify(verify.breaks)}` : 'intact'}`,
    );
    await proxy.stop();
    process.exitCode = failed || verify.breaks.length ? 1 : 0;
  } finally {
    await stopAll();
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  void stopAll().then(() => process.exit(1));
});
