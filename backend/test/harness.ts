import { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { AppConfig, loadConfig } from '../src/config/config';
import { EvaluationController } from '../src/evaluation/evaluation.controller';
import { EvaluationService } from '../src/evaluation/evaluation.service';
import { ResponseContract } from './response-contract';

/**
 * Every backend test file gets its own fresh database: an in-memory SQLite one by default, or a new
 * MariaDB/MySQL database on the server named by TEST_MYSQL_URL (dropped again afterwards).
 */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL;
import { DEMO_PASSWORD } from '../src/domain/passwords';

export { DEMO_PASSWORD };

/** A JWT secret long enough for the outside-demo-mode rule (at least 32 bytes). */
export const TEST_JWT_SECRET = 'test-secret-of-at-least-thirty-two-bytes';
/** The audit key of the tests' applications (AUDIT_KEY is required outside demo mode). */
export const TEST_AUDIT_KEY = 'test-audit-key-0123456789abcdef0123456789';

/** The BID_SEAL_KEY of the tests' applications (32 bytes, hex). */
export const TEST_BID_SEAL_KEY = '5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed';

export interface TestDb {
  url: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDb> {
  if (!TEST_MYSQL_URL) return { url: 'sqlite::memory:', drop: async () => undefined };
  const name = `hcp_test_${randomBytes(6).toString('hex')}`;
  const server = TEST_MYSQL_URL.replace(/\/[^/]*$/, '/');
  const admin = await createConnection({ uri: server });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: `${server}${name}`,
    drop: async () => {
      const c = await createConnection({ uri: server });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/**
 * A database that outlives one app (a restart, a command line on the same data): a SQLite file in a
 * temporary folder, which `drop` removes, or a new MariaDB/MySQL database as `freshDatabase` makes.
 */
export async function persistentDatabase(): Promise<TestDb> {
  if (TEST_MYSQL_URL) return freshDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'hcp-test-'));
  return { url: `sqlite:${join(dir, 'test.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** Requests with `token` as the bearer: `t.as(token).post(path).send(body)`. */
  as(token: string): Record<Method, (path: string) => request.Test>;
  dataSource: DataSource;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await freshDatabase();
  const config = loadConfig({
    DATABASE_URL: db.url,
    JWT_SECRET: TEST_JWT_SECRET,
    AUDIT_KEY: TEST_AUDIT_KEY,
    BID_SEAL_KEY: TEST_BID_SEAL_KEY,
    // As behind the proxy: a test may say which address a request comes from (an electronic bid's, say).
    TRUST_PROXY: 'loopback',
    SEED_DEMO: 'true',
    STATIC_DIR: '/nonexistent',
    LOGIN_RATE_LIMIT: '10000',
    WRITE_RATE_LIMIT: '100000',
    // bcrypt's lowest cost: a login costs ~2 ms instead of ~150 ms of CPU (enumeration.e2e-spec keeps the full cost).
    PASSWORD_HASH_COST: '4',
    NODE_ENV: 'test',
    ...env,
  });
  return launch(config, db.drop);
}

/**
 * A second server on the first one's database, as when two instances share one MySQL (jobs that must
 * run once). MariaDB/MySQL only: an in-memory SQLite database belongs to the app that opened it.
 * Closing it leaves the database to the first app.
 */
export function startSecondApp(first: TestApp): Promise<TestApp> {
  return launch(first.config, async () => undefined);
}

async function launch(config: AppConfig, drop: () => Promise<void>): Promise<TestApp> {
  const app = await createApp(config, { logger: false });
  const contract = new ResponseContract(app.get(Reflector));
  app.useGlobalInterceptors(contract);
  // GET results is answered ahead of Nest (evaluation/lean-results.ts): its answers are held to the schema where they are made.
  const evaluation = app.get(EvaluationService);
  const resultsAnswer = evaluation.resultsAnswer.bind(evaluation);
  evaluation.resultsAnswer = async (...args) =>
    contract.held('GET /api/tenders/:id/results', EvaluationController.prototype.results, await resultsAnswer(...args));
  await app.init();
  const http = () => request(app.getHttpServer());
  return {
    app,
    config,
    http,
    dataSource: app.get(DataSource),
    as(token) {
      const to = (method: Method) => (path: string) =>
        http()
          [method](path)
          .set({ Authorization: `Bearer ${token}` });
      return { get: to('get'), post: to('post'), put: to('put'), patch: to('patch'), delete: to('delete') };
    },
    async login(username, password = DEMO_PASSWORD) {
      const res = await http().post('/api/auth/login').send({ username, password }).expect(200);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      await drop();
      if (contract.drift.length) throw new Error(`answers drift from their schemas:\n${[...new Set(contract.drift)].join('\n')}`);
    },
  };
}

/** supertest's parser for a file answer: the body as one Buffer (`.buffer(true).parse(binary)`). */
export const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
