// Starts the built product on a free port with a fresh SQLite database and demo data, for browser tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const { startProduct, stopChild } = createRequire(import.meta.url)('../scripts/child-process.js');

export async function startServer(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-e2e-'));
  const { child, url } = await startProduct(`sqlite:${join(dir, 'e2e.sqlite')}`, { DEMO_MODE: 'true', ...env });
  return {
    url,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
