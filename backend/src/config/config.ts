import { getCiphers, getHashes, randomBytes } from 'node:crypto';
import { keyId } from '../audit/audit-chain';
import { parseSealKey, type SealCipher } from '../common/sealed-envelope';
import { OCID_PREFIX } from '../domain/wire/ocds';
import { resolve } from 'node:path';

/**
 * Every setting the product reads, in one place (the README's configuration table lists the same).
 * Read once at start-up; tests build their own with `loadConfig({...})`.
 */
export interface AppConfig {
  port: number;
  databaseUrl: string;
  dbKind: 'sqlite' | 'mysql';
  jwtSecret: string;
  /** A session's whole life from login (JWT_EXPIRES_IN), in seconds: no token outlives it. */
  sessionLifeSeconds: number;
  /** Idle minutes after which a session ends: each token lives this long and is renewed while in use. */
  sessionIdleMinutes: number;
  /** Days a password stays valid before its owner must change it; 0: no expiry. */
  passwordMaxAgeDays: number;
  /** bcrypt's cost (log2 of its rounds) for new password hashes: 10, lower only under NODE_ENV=test. */
  passwordHashCost: number;
  /** Whether /api/docs and /api/docs-json are served (demo mode, or API_DOCS=true). */
  apiDocs: boolean;
  demoMode: boolean;
  seedDemo: boolean;
  staticDir: string;
  chromiumPath: string;
  corsOrigins: string[];
  loginRateLimit: number;
  /** Writes (POST, PUT, PATCH, DELETE) one user may make per minute, counted across servers. */
  writeRateLimit: number;
  /** Working days (the holiday table counted) an insurer has to object to a published annual assessment. */
  objectionDays: number;
  /** Largest evidence or report file an assessment accepts, in bytes. */
  evidenceMaxBytes: number;
  /** Scheduled backups: the folder they go to (none scheduled when unset), when (cron, China time), how many are kept. */
  backupDir: string | null;
  backupCron: string;
  backupKeep: number;
  /** The key of the audit chain's HMAC, held outside the database (AUDIT_KEY; a fixed key in demo mode only). */
  auditKey: string;
  /** The audit chain's HMAC: HMAC-SM3 (国密, the default) or HMAC-SHA-256. */
  auditHmac: AuditHmac;
  /**
   * The key that wraps each tender's bid data key (BID_SEAL_KEY, 32 bytes; the published demo key in demo
   * mode), with its id; null when unset: electronic bids are then refused, and envelopes wait for it.
   */
  bidSealKey: { key: Buffer; id: string } | null;
  /** The cipher of new tenders' envelopes (BID_SEAL_CIPHER): AES-256-GCM, or SM4-CTR + HMAC-SM3 (国密). */
  bidSealCipher: SealCipher;
  /** The open-data (OCDS) publisher's registered prefix of its ocids, `ocds-` and six characters. */
  ocdsPrefix: string;
  /** The open-data publisher's name; the tender's agency when unset. */
  ocdsPublisher: string | null;
  /**
   * Which proxies' X-Forwarded-* headers to believe (Express's `trust proxy`): false when the product is
   * reached directly; `loopback`, addresses/subnets, or a hop count behind nginx. Client addresses (login
   * throttling, the logs) and the scheme of links come from it.
   */
  trustProxy: boolean | number | string;
  /**
   * Notifications by e-mail (SMTP_URL, e.g. smtp://mail.example:25 or smtps://user:pass@host:465, and
   * SMTP_FROM): null when unset, and notifications stay in the app.
   */
  smtp: { url: string; from: string } | null;
  /** How often the tender clock closes and opens tenders whose deadline or opening time has passed. */
  tenderClockMs: number;
}

export const AUDIT_HMACS = ['sm3', 'sha256'] as const;
export type AuditHmac = (typeof AUDIT_HMACS)[number];

/** The demo's audit key: fixed, so that a demo database verifies after a restart; never accepted outside demo mode. */
export const DEMO_AUDIT_KEY = 'hcprocure-demo-audit-key-not-for-production';

/** The audit key in effect: AUDIT_KEY (at least 32 characters), or the demo key in demo mode; otherwise start-up fails. */
export function auditKeyOf(env: NodeJS.ProcessEnv, demoMode: boolean): string {
  const key = env.AUDIT_KEY;
  if (!key) {
    if (demoMode) return DEMO_AUDIT_KEY;
    throw new Error('AUDIT_KEY is required: the audit chain is keyed with it (set DEMO_MODE=true to run the demo with a fixed key)');
  }
  if (key.length < 32) throw new Error('AUDIT_KEY must be at least 32 characters long');
  if (key === DEMO_AUDIT_KEY && !demoMode) throw new Error('AUDIT_KEY must not be the published demo key outside demo mode');
  return key;
}

/** The demo's bid seal key: published, so never accepted outside demo mode. */
export const DEMO_BID_SEAL_KEY = '686370726f637572652d64656d6f2d6269642d7365616c2d6b65792d2d2d2d21';

/** BID_SEAL_KEY as 32 bytes, the demo key in demo mode, or none; a key of another form fails start-up. */
export function bidSealKeyOf(env: NodeJS.ProcessEnv, demoMode: boolean): AppConfig['bidSealKey'] {
  const text = env.BID_SEAL_KEY || (demoMode ? DEMO_BID_SEAL_KEY : '');
  if (!text) return null;
  const key = parseSealKey(text);
  if (!key) throw new Error('BID_SEAL_KEY must be 32 bytes written as 64 hex digits or in base64 (e.g. openssl rand -hex 32)');
  if (key.equals(Buffer.from(DEMO_BID_SEAL_KEY, 'hex')) && !demoMode) {
    throw new Error('BID_SEAL_KEY must not be the published demo key outside demo mode');
  }
  return { key, id: bidSealKeyId(text) };
}

/** BID_SEAL_KEY's id (recorded by sealed tenders and backups): of its bytes, however they are written. */
export const bidSealKeyId = (text: string): string => keyId(parseSealKey(text)?.toString('hex') ?? text);

function bidSealCipherOf(env: NodeJS.ProcessEnv): SealCipher {
  const name = env.BID_SEAL_CIPHER || 'aes';
  const cipher = ({ aes: 'aes-256-gcm', 'aes-256-gcm': 'aes-256-gcm', sm4: 'sm4' } as Record<string, SealCipher>)[name];
  if (!cipher) throw new Error(`BID_SEAL_CIPHER must be aes or sm4 (got ${name})`);
  if (cipher === 'sm4' && !(getCiphers().includes('sm4-ctr') && getHashes().includes('sm3'))) {
    throw new Error("BID_SEAL_CIPHER=sm4 needs SM4-CTR and SM3, which this Node.js build's OpenSSL does not offer; use aes");
  }
  return cipher;
}

function auditHmacOf(env: NodeJS.ProcessEnv): AuditHmac {
  const alg = (env.AUDIT_HMAC || 'sm3') as AuditHmac;
  if (!AUDIT_HMACS.includes(alg)) throw new Error(`AUDIT_HMAC must be one of ${AUDIT_HMACS.join(', ')} (got ${alg})`);
  if (!getHashes().includes(alg)) throw new Error(`AUDIT_HMAC=${alg} is not offered by this Node.js build's OpenSSL; use sha256`);
  return alg;
}

export const ROOT_DIR = resolve(__dirname, '..', '..', '..');
/** The seed data: demo users and tender, assessment schemes, payment-schedule templates. */
export const SEED_DIR = resolve(ROOT_DIR, 'seed');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL || `sqlite:${resolve(ROOT_DIR, 'data', 'hcprocure.sqlite')}`;
  const dbKind = /^(mysql|mariadb):\/\//.test(databaseUrl) ? 'mysql' : 'sqlite';
  if (dbKind === 'sqlite' && !databaseUrl.startsWith('sqlite:')) {
    throw new Error(`DATABASE_URL must start with sqlite:, mysql:// or mariadb:// (got ${databaseUrl})`);
  }
  const demoMode = env.DEMO_MODE === 'true' || env.DEMO_MODE === '1';
  const jwtSecret = env.JWT_SECRET || (demoMode ? randomBytes(32).toString('hex') : '');
  if (!jwtSecret) {
    throw new Error('JWT_SECRET is required (set DEMO_MODE=true to run the demo with a random secret)');
  }
  if (!demoMode && Buffer.byteLength(jwtSecret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    throw new Error(`JWT_SECRET must be at least ${MIN_JWT_SECRET_BYTES} bytes outside demo mode (e.g. openssl rand -hex 32)`);
  }
  return {
    port: Number(env.PORT || 3000),
    databaseUrl,
    dbKind,
    jwtSecret,
    sessionLifeSeconds: durationSeconds('JWT_EXPIRES_IN', env.JWT_EXPIRES_IN || '8h'),
    sessionIdleMinutes: positiveNumberSetting(env, 'SESSION_IDLE_MINUTES', 30),
    passwordMaxAgeDays: wholeNumberSetting(env, 'PASSWORD_MAX_AGE_DAYS', 0, 0),
    passwordHashCost: passwordHashCostOf(env),
    apiDocs: demoMode || env.API_DOCS === 'true' || env.API_DOCS === '1',
    demoMode,
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' || env.SEED_DEMO === '1' : demoMode,
    staticDir: env.STATIC_DIR || resolve(ROOT_DIR, 'dist', 'frontend', 'browser'),
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT || 20),
    writeRateLimit: wholeNumberSetting(env, 'WRITE_RATE_LIMIT', 120, 1),
    corsOrigins: (env.CORS_ORIGINS || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    objectionDays: Number(env.ASSESSMENT_OBJECTION_DAYS || 10),
    evidenceMaxBytes: Math.round(Number(env.EVIDENCE_MAX_MB || 10) * 1024 * 1024),
    backupDir: env.BACKUP_DIR ? resolve(env.BACKUP_DIR) : null,
    backupCron: env.BACKUP_CRON || '0 30 2 * * *',
    backupKeep: wholeNumberSetting(env, 'BACKUP_KEEP', 14, 1),
    auditKey: auditKeyOf(env, demoMode),
    auditHmac: auditHmacOf(env),
    bidSealKey: bidSealKeyOf(env, demoMode),
    bidSealCipher: bidSealCipherOf(env),
    ocdsPrefix: ocdsPrefix(env.OCDS_PREFIX || 'ocds-hcproc'),
    ocdsPublisher: env.OCDS_PUBLISHER || null,
    trustProxy: trustProxy(env.TRUST_PROXY),
    tenderClockMs: wholeNumberSetting(env, 'TENDER_CLOCK_SECONDS', 30, 1) * 1000,
    smtp: smtpOf(env),
  };
}

/** The shortest JWT_SECRET accepted outside demo mode: 256 bits, as HS256 needs. */
export const MIN_JWT_SECRET_BYTES = 32;

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** A duration written `90`, `90s`, `30m`, `8h` or `1d`, in seconds. */
function durationSeconds(name: string, raw: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(raw.trim());
  if (!m || Number(m[1]) === 0) throw new Error(`${name} must be a duration such as 30m, 8h or 1d (got ${raw})`);
  return Number(m[1]) * UNIT_SECONDS[(m[2] || 's') as keyof typeof UNIT_SECONDS];
}

/** A number above 0 (decimals allowed); a start with anything else fails naming the variable. */
function positiveNumberSetting(env: NodeJS.ProcessEnv, name: string, dflt: number): number {
  const raw = env[name];
  if (!raw) return dflt;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new Error(`${name} must be a number above 0 (got ${raw})`);
  return Number(raw);
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function smtpOf(env: NodeJS.ProcessEnv): AppConfig['smtp'] {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  if (!/^smtps?:\/\/[^/]+/.test(url)) throw new Error(`SMTP_URL must be smtp://host:port or smtps://host:port (got ${url})`);
  const from = env.SMTP_FROM?.trim();
  if (!from) throw new Error('SMTP_FROM is required with SMTP_URL (the sender address, e.g. noreply@ybj.example.cn)');
  return { url, from };
}

function ocdsPrefix(prefix: string): string {
  if (!OCID_PREFIX.test(prefix)) throw new Error(`OCDS_PREFIX must be "ocds-" and six lower-case letters or digits (got ${prefix})`);
  return prefix;
}

/** A whole-number setting of at least `min`; a start with anything else fails naming the variable. */
export const PASSWORD_HASH_COST = 10;

/**
 * PASSWORD_HASH_COST: the tests' many logins run at bcrypt's lowest cost (4); anywhere else a password
 * hash keeps the full cost, so a lower value is refused unless NODE_ENV is test.
 */
function passwordHashCostOf(env: NodeJS.ProcessEnv): number {
  const cost = wholeNumberSetting(env, 'PASSWORD_HASH_COST', PASSWORD_HASH_COST, 4);
  if (cost > 31) throw new Error(`PASSWORD_HASH_COST must be at most 31 (got ${cost})`);
  if (cost < PASSWORD_HASH_COST && env.NODE_ENV !== 'test') {
    throw new Error(`PASSWORD_HASH_COST below ${PASSWORD_HASH_COST} is for the tests only (NODE_ENV=test)`);
  }
  return cost;
}

function wholeNumberSetting(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number): number {
  const raw = env[name];
  if (!raw) return dflt;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be a whole number of at least ${min} (got ${raw})`);
  return Number(raw);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
