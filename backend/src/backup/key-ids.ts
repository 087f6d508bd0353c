import { keyId } from '../audit/audit-chain';
import { bidSealKeyId } from '../config/config';

/** The keys whose ids a backup or archive records: data made under one key needs that key again. */
export const KEY_NAMES = ['AUDIT_KEY', 'BID_SEAL_KEY'] as const;
export type KeyName = (typeof KEY_NAMES)[number];

export { keyId };

/**
 * The ids of the keys in effect (the audit chain's key as configured — AUDIT_KEY, or the demo key in
 * demo mode — and the others from the environment), null for a key not set.
 */
export function configuredKeyIds(auditKey: string | null, env: NodeJS.ProcessEnv = process.env): Record<KeyName, string | null> {
  return { AUDIT_KEY: auditKey ? keyId(auditKey) : null, BID_SEAL_KEY: env.BID_SEAL_KEY ? bidSealKeyId(env.BID_SEAL_KEY) : null };
}
