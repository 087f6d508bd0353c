import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Sealed envelopes (电子投标的加密): a bid's content encrypted and authenticated under a 32-byte key,
 * bound to what it is (its context: tender, lot, bidder), so that an envelope cannot be moved to
 * another bidder or lot, changed, or read without the key. Pure functions over bytes.
 *
 * Two ciphers: AES-256-GCM, and the 国密 option SM4-CTR with HMAC-SM3 (encrypt-then-MAC; SM4 takes a
 * 16-byte key, so the encryption and MAC keys are derived from the 32-byte key with HMAC-SM3).
 *
 * Layout: "HCB1" | cipher (1 byte) | nonce (12 or 16 bytes) | ciphertext | tag (16 or 32 bytes). The
 * header and the context are authenticated with the ciphertext.
 */

export const SEAL_CIPHERS = ['aes-256-gcm', 'sm4'] as const;
export type SealCipher = (typeof SEAL_CIPHERS)[number];

const MAGIC = Buffer.from('HCB1', 'latin1');
const CIPHER_BYTE: Record<SealCipher, number> = { 'aes-256-gcm': 1, sm4: 2 };
const NONCE: Record<SealCipher, number> = { 'aes-256-gcm': 12, sm4: 16 };
const TAG: Record<SealCipher, number> = { 'aes-256-gcm': 16, sm4: 32 };
export const SEAL_KEY_BYTES = 32;

/** An envelope that does not open: altered, bound to another context, or sealed under another key. */
export class SealBroken extends Error {
  constructor() {
    super('the sealed envelope does not open with this key: altered, moved, or sealed under another key');
  }
}

const header = (cipher: SealCipher) => Buffer.concat([MAGIC, Buffer.from([CIPHER_BYTE[cipher]])]);

/** The associated data: the header and the context, the context's length first so that no two pairs read alike. */
function associated(cipher: SealCipher, context: string): Buffer {
  const ctx = Buffer.from(context, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(ctx.length);
  return Buffer.concat([header(cipher), length, ctx]);
}

/** SM4's encryption key and the MAC key, each its own function of the 32-byte key. */
function sm4Keys(key: Buffer): { enc: Buffer; mac: Buffer } {
  const derive = (label: string) => createHmac('sm3', key).update(label).digest();
  return { enc: derive('hcprocure bid seal sm4-ctr').subarray(0, 16), mac: derive('hcprocure bid seal hmac-sm3') };
}

function assertKey(key: Buffer): void {
  if (key.length !== SEAL_KEY_BYTES) throw new Error(`a seal key has ${SEAL_KEY_BYTES} bytes (got ${key.length})`);
}

/** Seal `content` under `key`, bound to `context`. */
export function seal(key: Buffer, content: Buffer, context: string, cipher: SealCipher): Buffer {
  assertKey(key);
  const nonce = randomBytes(NONCE[cipher]);
  const aad = associated(cipher, context);
  if (cipher === 'aes-256-gcm') {
    const c = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad);
    const body = Buffer.concat([c.update(content), c.final()]);
    return Buffer.concat([header(cipher), nonce, body, c.getAuthTag()]);
  }
  const { enc, mac } = sm4Keys(key);
  const c = createCipheriv('sm4-ctr', enc, nonce);
  const body = Buffer.concat([c.update(content), c.final()]);
  const tag = createHmac('sm3', mac).update(aad).update(nonce).update(body).digest();
  return Buffer.concat([header(cipher), nonce, body, tag]);
}

/** The cipher an envelope was sealed with, or null when it is no envelope. */
export function envelopeCipher(envelope: Buffer): SealCipher | null {
  if (envelope.length < MAGIC.length + 1 || !envelope.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  return SEAL_CIPHERS.find((c) => CIPHER_BYTE[c] === envelope[MAGIC.length]) ?? null;
}

/** The content of an envelope sealed under `key` for `context`; SealBroken otherwise. */
export function unseal(key: Buffer, envelope: Buffer, context: string): Buffer {
  assertKey(key);
  const cipher = envelopeCipher(envelope);
  if (!cipher || envelope.length < MAGIC.length + 1 + NONCE[cipher] + TAG[cipher]) throw new SealBroken();
  const start = MAGIC.length + 1;
  const nonce = envelope.subarray(start, start + NONCE[cipher]);
  const body = envelope.subarray(start + NONCE[cipher], envelope.length - TAG[cipher]);
  const tag = envelope.subarray(envelope.length - TAG[cipher]);
  const aad = associated(cipher, context);
  if (cipher === 'aes-256-gcm') {
    try {
      const d = createDecipheriv('aes-256-gcm', key, nonce).setAAD(aad).setAuthTag(tag);
      return Buffer.concat([d.update(body), d.final()]);
    } catch {
      throw new SealBroken();
    }
  }
  const { enc, mac } = sm4Keys(key);
  const expected = createHmac('sm3', mac).update(aad).update(nonce).update(body).digest();
  if (!timingSafeEqual(expected, tag)) throw new SealBroken();
  const d = createDecipheriv('sm4-ctr', enc, nonce);
  return Buffer.concat([d.update(body), d.final()]);
}

/** The receipt's hash of an envelope: SHA-256 of the sealed bytes, which says nothing of the content. */
export const envelopeHash = (envelope: Buffer): string => createHash('sha256').update(envelope).digest('hex');

/** A new per-tender data key. */
export const newDataKey = (): Buffer => randomBytes(SEAL_KEY_BYTES);

/** The 32 bytes of a key written as 64 hex digits or in base64; null when it is neither. */
export function parseSealKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length === SEAL_KEY_BYTES) return bytes;
  }
  return null;
}
