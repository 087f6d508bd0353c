// Starts the built product on a free port with a fresh database and demo data, for browser tests:
// SQLite in a temporary folder, or, when E2E_DATABASE_URL names a MariaDB/MySQL server
// (mariadb://root@127.0.0.1:3306/test), a database of its own on that server, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after } from 'node:test';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { chromium } from 'playwright-core';

const { startProduct, stopChild } = createRequire(import.meta.url)('../scripts/child-process.js');

/** A fresh database on the server of `serverUrl`: its URL for the product, a statement runner, its drop. */
async function mysqlDatabase(serverUrl) {
  const url = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  const name = `hcp_e2e_${randomBytes(4).toString('hex')}`;
  url.pathname = '';
  const admin = await mysql.createConnection(url.toString());
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  url.pathname = `/${name}`;
  const productUrl = `${serverUrl.startsWith('mariadb:') ? 'mariadb' : 'mysql'}:${url.toString().slice('mysql:'.length)}`;
  return {
    url: productUrl,
    async run(statement, params) {
      const c = await mysql.createConnection(url.toString());
      try {
        await c.execute(statement, params);
      } finally {
        await c.end();
      }
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

export async function startServer(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-e2e-'));
  const dbFile = join(dir, 'e2e.sqlite');
  const mariadb = process.env.E2E_DATABASE_URL ? await mysqlDatabase(process.env.E2E_DATABASE_URL) : null;
  const { child, url } = await startProduct(mariadb?.url ?? `sqlite:${dbFile}`, { DEMO_MODE: 'true', ...env });
  return {
    url,
    /** The product's SQLite file, for a test that must move a record back in time (a period that has run out). */
    dbFile,
    /**
     * Runs one statement on the product's database, SQLite or MariaDB: a test moves a record back in
     * time with it (a period that has run out). Dates as 'YYYY-MM-DD HH:MM:SS' suit both.
     */
    async sql(statement, params = []) {
      if (mariadb) return mariadb.run(statement, params);
      const db = new Database(dbFile);
      try {
        db.prepare(statement).run(...params);
      } finally {
        db.close();
      }
    },
    async stop() {
      await stopChild(child);
      await mariadb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A UTC time `days` ago as both databases take it in a DATETIME column. */
export const daysAgo = (days) => new Date(Date.now() - days * 86_400_000).toISOString().replace('T', ' ').slice(0, 19);

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
