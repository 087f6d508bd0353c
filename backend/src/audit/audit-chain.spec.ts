import { AuditEntry } from './audit-entry.entity';
import { ChainKey, checkCheckpoint, entryHash, GENESIS_HASH, keyId, makeCheckpoint, verifyChain } from './audit-chain';

const KEY: ChainKey = { key: 'the-audit-key-of-these-tests-0123456789', alg: 'sm3' };

/** `unkeyed` entries from before the chain was keyed, then the `audit.keyed` start and `keyed` entries under `key`. */
function chain(unkeyed: number, keyed: number, key = KEY): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  const add = (fields: Partial<AuditEntry>) => {
    const i = entries.length + 1;
    const e = Object.assign(new AuditEntry(), {
      id: i,
      at: new Date(Date.UTC(2026, 0, i)),
      actorId: 1,
      actorName: 'clerk',
      action: 'score.set',
      entityType: 'score',
      entityId: String(i),
      before: { value: '2.0' },
      after: { value: String(i) },
      prevHash: prev,
      alg: null,
      ...fields,
    });
    e.hash = entryHash(e, key.key);
    prev = e.hash;
    entries.push(e);
  };
  for (let i = 0; i < unkeyed; i++) add({});
  if (keyed) add({ action: 'audit.keyed', entityType: 'system', after: { alg: key.alg, keyId: keyId(key.key) }, alg: key.alg });
  for (let i = 1; i < keyed; i++) add({ alg: key.alg });
  return entries;
}
const head = (entries: AuditEntry[]) => entries.at(-1)?.hash ?? GENESIS_HASH;

describe('audit chain', () => {
  it('accepts an intact chain: unkeyed entries, then the keyed start and keyed entries', () => {
    const entries = chain(3, 4);
    expect(verifyChain(entries, KEY, head(entries))).toEqual([]);
    const sha = { ...KEY, alg: 'sha256' as const };
    expect(verifyChain(chain(0, 3, sha), sha, head(chain(0, 3, sha)))).toEqual([]);
  });

  it('keys with HMAC-SM3 or HMAC-SHA-256: the same entry hashes differently under each and under another key', () => {
    const [e] = chain(0, 1);
    const hashes = new Set([
      entryHash(e, KEY.key),
      entryHash({ ...e, alg: 'sha256' }, KEY.key),
      entryHash(e, 'another key'),
      entryHash({ ...e, alg: null }),
    ]);
    expect(hashes.size).toBe(4);
  });

  it('finds a modified entry, keyed or not', () => {
    const entries = chain(3, 3);
    entries[1].after = { value: '9.9' };
    entries[4].after = { value: '9.9' };
    expect(verifyChain(entries, KEY, head(entries))).toEqual([
      expect.objectContaining({ id: 2, problem: 'modified' }),
      expect.objectContaining({ id: 5, problem: 'modified' }),
    ]);
  });

  it('finds a removed entry', () => {
    const entries = chain(2, 3);
    entries.splice(1, 1);
    expect(verifyChain(entries, KEY, head(entries))).toEqual([expect.objectContaining({ id: 3, problem: 'broken-link' })]);
  });

  it('finds the newest entries removed, and all of them, by the head', () => {
    const entries = chain(2, 4);
    const recorded = head(entries);
    expect(verifyChain(entries.slice(0, 4), KEY, recorded)).toEqual([expect.objectContaining({ id: 4, problem: 'truncated' })]);
    expect(verifyChain([], KEY, recorded)).toEqual([expect.objectContaining({ id: 0, problem: 'truncated' })]);
    expect(verifyChain([], KEY, GENESIS_HASH)).toEqual([]);
  });

  it('finds a chain rebuilt without the key: rewritten unkeyed, or keyed with a guessed key', () => {
    const entries = chain(2, 3);
    const forged = chain(5, 0);
    expect(verifyChain(forged, KEY, head(forged))).toEqual([expect.objectContaining({ id: 5, problem: 'unkeyed' })]);
    // …and keyed entries appended to such a chain do not begin with the keyed chain's start.
    const appended = chain(0, 3).slice(1);
    appended[0].prevHash = head(forged);
    const continued = [...forged, ...appended.map((e, i) => Object.assign(e, { id: 6 + i }))];
    continued.forEach((e, i) => {
      if (i >= 5) {
        e.prevHash = continued[i - 1].hash;
        e.hash = entryHash(e, KEY.key);
      }
    });
    expect(verifyChain(continued, KEY, head(continued))).toEqual([expect.objectContaining({ id: 6, problem: 'unkeyed' })]);
    const guessed = chain(2, 3, { key: 'a guessed key', alg: 'sm3' });
    expect(verifyChain(guessed, KEY, head(guessed)).map((b) => b.problem)).toEqual(['other-key', 'modified', 'modified', 'modified']);
    // An unkeyed entry appended after the keyed ones: its hash is right, yet the chain went back to unkeyed.
    const downgraded = [...entries, Object.assign(new AuditEntry(), { ...entries[0], id: 6, prevHash: head(entries) })];
    downgraded[5].hash = entryHash(downgraded[5]);
    expect(verifyChain(downgraded, KEY, head(downgraded)).map((b) => `${b.id} ${b.problem}`)).toEqual(['6 unkeyed']);
  });

  it('checks a signed checkpoint: the chain cut before it, its entry changed, or the checkpoint forged', () => {
    const entries = chain(1, 5);
    const cp = makeCheckpoint(entries[4], KEY);
    expect(cp).toEqual({ id: 5, hash: entries[4].hash, alg: 'sm3', keyId: keyId(KEY.key), hmac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(checkCheckpoint(cp, entries, KEY)).toEqual([]);
    expect(checkCheckpoint(cp, entries.slice(0, 3), KEY)).toEqual([expect.objectContaining({ id: 5, problem: 'truncated' })]);
    const rewritten = entries.map((e) => Object.assign(new AuditEntry(), e));
    rewritten[4].hash = 'f'.repeat(64);
    expect(checkCheckpoint(cp, rewritten, KEY)).toEqual([expect.objectContaining({ id: 5, problem: 'checkpoint' })]);
    expect(checkCheckpoint({ ...cp, id: 3, hash: entries[2].hash }, entries, KEY)).toEqual([
      expect.objectContaining({ problem: 'checkpoint' }),
    ]);
    expect(checkCheckpoint(cp, entries, { ...KEY, key: 'another key' })).toEqual([expect.objectContaining({ problem: 'checkpoint' })]);
  });
});
