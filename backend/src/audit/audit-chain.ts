import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditHmac } from '../config/config';
import type { AuditProblem } from '../domain/security-events';
import type { AuditEntry } from './audit-entry.entity';

/**
 * The audit chain's rules, apart from the database.
 *
 * Each entry hashes its content together with the previous entry's hash. Entries written before the
 * chain was keyed (`alg` null) hash with plain SHA-256; since then every entry is an HMAC under
 * AUDIT_KEY (`alg`: sm3 or sha256), a key held outside the database, so that whoever can write the
 * database cannot rebuild the chain after changing it. The first keyed entry is an `audit.keyed`
 * entry naming the algorithm and the key's id; it links to the last unkeyed one, so the old entries
 * stay verifiable with the old rule. The stored head (`audit_head`) must be the newest entry's hash:
 * removing the newest entries is found by that, and by a signed checkpoint kept outside.
 */

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainBreak {
  /** The entry concerned (0: the chain as a whole). */
  id: number;
  problem: AuditProblem;
  detail: string;
}

/** A key's id: the first 16 hex digits of its SHA-256, enough to tell keys apart and nothing to recover one from. */
export const keyId = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** The id of the audit key in effect (recorded by the keyed chain's start, checkpoints, backups and archives). */
export const auditKeyId = (config: { auditKey: string }): string => keyId(config.auditKey);

/** The key and algorithm the chain is written and verified with. */
export interface ChainKey {
  key: string;
  alg: AuditHmac;
}

export const chainKeyOf = (config: { auditKey: string; auditHmac: AuditHmac }): ChainKey => ({
  key: config.auditKey,
  alg: config.auditHmac,
});

export type EntryContent = Pick<
  AuditEntry,
  'prevHash' | 'at' | 'actorId' | 'actorName' | 'action' | 'entityType' | 'entityId' | 'before' | 'after' | 'alg'
>;

/** An entry's hash: SHA-256 of its content for an unkeyed entry, the HMAC under `key` for a keyed one. */
export function entryHash(e: EntryContent, key?: string): string {
  const fields = [
    e.prevHash,
    e.at.toISOString(),
    e.actorId,
    e.actorName,
    e.action,
    e.entityType,
    e.entityId,
    e.before ?? null,
    e.after ?? null,
  ];
  if (!e.alg) return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
  if (!key) throw new Error('a keyed audit entry needs AUDIT_KEY');
  return createHmac(e.alg, key)
    .update(JSON.stringify([e.alg, ...fields]))
    .digest('hex');
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Walk the chain in id order: each entry must hash to its stored hash (else it was modified), name
 * the previous entry's hash (else one before it was removed or reordered); the keyed part must begin
 * with its `audit.keyed` entry, stay keyed and reach the end (else the chain was rebuilt without the
 * key); the newest entry must be the stored head (else the newest entries were removed).
 */
export function verifyChain(entries: AuditEntry[], key: ChainKey, headHash: string | null): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  const sorted = [...entries].sort((a, b) => a.id - b.id);
  let prev = GENESIS_HASH;
  let keyed = false;
  for (const e of sorted) {
    if (e.prevHash !== prev)
      breaks.push({
        id: e.id,
        problem: 'broken-link',
        detail: `expects previous hash ${e.prevHash.slice(0, 12)}…, found ${prev.slice(0, 12)}…`,
      });
    if (e.alg) {
      if (!keyed && e.action !== 'audit.keyed')
        breaks.push({
          id: e.id,
          problem: 'unkeyed',
          detail: 'the keyed chain does not begin with its audit.keyed entry: the entries before were rebuilt without the key',
        });
      const startKey = e.action === 'audit.keyed' ? (e.after as { keyId?: string } | null)?.keyId : undefined;
      if (startKey && startKey !== keyId(key.key))
        breaks.push({
          id: e.id,
          problem: 'other-key',
          detail: `keyed with the AUDIT_KEY of id ${startKey}; the key set here has id ${keyId(key.key)}`,
        });
      keyed = true;
    } else if (keyed) {
      breaks.push({ id: e.id, problem: 'unkeyed', detail: 'an unkeyed entry after the chain was keyed' });
    }
    if (!['sm3', 'sha256', null].includes(e.alg) || !sameHex(entryHash(e, key.key), e.hash))
      breaks.push({ id: e.id, problem: 'modified', detail: 'content does not match its hash' });
    prev = e.hash;
  }
  const last = sorted.at(-1);
  if (last && !keyed) breaks.push({ id: last.id, problem: 'unkeyed', detail: 'the chain does not end keyed: rebuilt without the key?' });
  if ((headHash ?? '') !== (last?.hash ?? GENESIS_HASH))
    breaks.push({
      id: last?.id ?? 0,
      problem: 'truncated',
      detail: last
        ? `the newest entry is not the chain's recorded head (${(headHash ?? 'none').slice(0, 12)}…): newer entries were removed`
        : 'no entries, but the chain has a recorded head: every entry was removed',
    });
  return breaks;
}

/** A signed checkpoint of the head, printed to be kept outside the database. */
export interface Checkpoint {
  id: number;
  hash: string;
  alg: AuditHmac;
  keyId: string;
  hmac: string;
}

function checkpointHmac(id: number, hash: string, key: ChainKey): string {
  return createHmac(key.alg, key.key).update(`hcprocure audit checkpoint v1\n${id}\n${hash}`).digest('hex');
}

export function makeCheckpoint(head: Pick<AuditEntry, 'id' | 'hash'>, key: ChainKey): Checkpoint {
  return { id: head.id, hash: head.hash, alg: key.alg, keyId: keyId(key.key), hmac: checkpointHmac(head.id, head.hash, key) };
}

/** The checkpoint must be signed with this key, and its entry still be in the chain with the same hash. */
export function checkCheckpoint(
  cp: Pick<Checkpoint, 'id' | 'hash' | 'hmac'> & { alg?: AuditHmac },
  entries: AuditEntry[],
  key: ChainKey,
): ChainBreak[] {
  if (!sameHex(checkpointHmac(cp.id, cp.hash, { ...key, alg: cp.alg ?? key.alg }), cp.hmac.toLowerCase()))
    return [{ id: cp.id, problem: 'checkpoint', detail: 'the checkpoint HMAC does not match: made with another AUDIT_KEY, or altered' }];
  const entry = entries.find((e) => e.id === cp.id);
  if (!entry) return [{ id: cp.id, problem: 'truncated', detail: `entry ${cp.id} of the checkpoint is missing: the chain was cut` }];
  if (entry.hash !== cp.hash) return [{ id: cp.id, problem: 'checkpoint', detail: `entry ${cp.id} no longer has the checkpoint's hash` }];
  return [];
}
