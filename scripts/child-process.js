// Child Node processes for the benchmark and the tests that run the built product as a real server
// (crash recovery, browser tests): a free port, a start that waits for a line of output, the product
// itself on a free port, a stop that escalates to SIGKILL, and a stop of everything still running.
'use strict';

const { spawn } = require('node:child_process');
const net = require('node:net');
const { join } = require('node:path');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Children that stopAll() stops, whatever happens; each leaves the set when it exits. */
const children = new Set();
function adopt(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs `node args…` and resolves with the child once its output matches `readyWhen`. */
function startChild(args, env, readyWhen) {
  return new Promise((resolve, reject) => {
    const child = adopt(
      spawn(process.execPath, args, { cwd: join(__dirname, '..'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start within 90 s:\n${output.slice(-2000)}`)), 90_000);
    const onData = (d) => {
      output += d;
      if (readyWhen.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}
/**
 * The built product (dist/backend/main.js) on a free port of 127.0.0.1 and the given database, with
 * the demo accounts; `env` adds to or overrides that. Resolves once it listens.
 */
async function startProduct(databaseUrl, env = {}) {
  const port = await freePort();
  const main = join(__dirname, '..', 'dist', 'backend', 'main.js');
  const child = await startChild([main], { PORT: String(port), DATABASE_URL: databaseUrl, SEED_DEMO: 'true', ...env }, /listening on/);
  return { child, url: `http://127.0.0.1:${port}` };
}

function stopChild(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
const stopAll = () => Promise.all([...children].map(stopChild));

module.exports = { adopt, freePort, startChild, startProduct, stopChild, stopAll };
