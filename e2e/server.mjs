// Starts the built product on a free port with a fresh SQLite database and demo data, for browser tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { freePort, startChild, stopChild } = createRequire(import.meta.url)('../scripts/child-process.js');

export async function startServer(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-e2e-'));
  const port = await freePort();
  const child = await startChild([join(root, 'dist', 'backend', 'main.js')], {
    PORT: String(port),
    DATABASE_URL: `sqlite:${join(dir, 'e2e.sqlite')}`,
    DEMO_MODE: 'true',
    ...env,
  }, /listening on/);
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
