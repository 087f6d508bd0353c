// Starts the built product on a free port with a fresh SQLite database and demo data, for browser tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const { startProduct, stopChild } = createRequire(import.meta.url)('../scripts/child-process.js');

export async function startServer(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-e2e-'));
  const dbFile = join(dir, 'e2e.sqlite');
  const { child, url } = await startProduct(`sqlite:${dbFile}`, { DEMO_MODE: 'true', ...env });
  return {
    url,
    /** The product's SQLite file, for a test that must move a record back in time (a period that has run out). */
    dbFile,
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

/**
 * The product and a browser for a test file: started before its tests, stopped after them. Read
 * `product.server` and `product.browser` inside the tests.
 */
export function useProduct(env = {}) {
  const product = { server: null, browser: null };
  before(async () => {
    product.server = await startServer(env);
    product.browser = await launchBrowser();
  });
  after(async () => {
    await product.browser?.close();
    await product.server?.stop();
  });
  return product;
}
