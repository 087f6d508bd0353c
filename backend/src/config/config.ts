import { getHashes, randomBytes } from 'node:crypto';
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
  jwtExpiresIn: string;
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
  return {
    port: Number(env.PORT || 3000),
    databaseUrl,
    dbKind,
    jwtSecret,
    jwtExpiresIn: env.JWT_EXPIRES_IN || '8h',
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
    ocdsPrefix: ocdsPrefix(env.OCDS_PREFIX || 'ocds-hcproc'),
    ocdsPublisher: env.OCDS_PUBLISHER || null,
    trustProxy: trustProxy(env.TRUST_PROXY),
    tenderClockMs: wholeNumberSetting(env, 'TENDER_CLOCK_SECONDS', 30, 1) * 1000,
  };
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function ocdsPrefix(prefix: string): string {
  if (!OCID_PREFIX.test(prefix)) throw new Error(`OCDS_PREFIX must be "ocds-" and six lower-case letters or digits (got ${prefix})`);
  return prefix;
}

/** A whole-number setting of at least `min`; a start with anything else fails naming the variable. */
function wholeNumberSetting(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number): number {
  const raw = env[name];
  if (!raw) return dflt;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be a whole number of at least ${min} (got ${raw})`);
  return Number(raw);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
