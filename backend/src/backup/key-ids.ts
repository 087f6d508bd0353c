import { createHash } from 'node:crypto';

/** The keys whose ids a backup or archive records: data made under one key needs that key again. */
export const KEY_NAMES = ['AUDIT_KEY', 'BID_SEAL_KEY'] as const;
export type KeyName = (typeof KEY_NAMES)[number];

/** A key's id: the first 16 hex digits of its SHA-256, enough to tell keys apart and nothing to recover one from. */
export const keyId = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** The ids of the keys set in the environment, null for a key not set. */
export function configuredKeyIds(env: NodeJS.ProcessEnv = process.env): Record<KeyName, string | null> {
  return Object.fromEntries(KEY_NAMES.map((name) => [name, env[name] ? keyId(env[name]!) : null])) as Record<KeyName, string | null>;
}
