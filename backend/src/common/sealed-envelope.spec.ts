import { randomBytes } from 'node:crypto';
import { envelopeCipher, envelopeHash, parseSealKey, seal, SEAL_CIPHERS, SealBroken, unseal } from './sealed-envelope';

const KEY = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
const CONTENT = Buffer.from(JSON.stringify({ unitPrice: '1.17', total: '5478109.05', totalCapitals: '伍佰肆拾柒万捌仟壹佰零玖元零伍分' }));
const CONTEXT = 'bid:7:12:3';

describe.each(SEAL_CIPHERS)('sealed envelopes (%s)', (cipher) => {
  const envelope = seal(KEY, CONTENT, CONTEXT, cipher);

  it('open with the key and the context they were sealed for, and show nothing of the content', () => {
    expect(envelopeCipher(envelope)).toBe(cipher);
    expect(unseal(KEY, envelope, CONTEXT)).toEqual(CONTENT);
    expect(envelope.includes(Buffer.from('1.17'))).toBe(false);
    expect(envelope.includes(Buffer.from('伍佰'))).toBe(false);
  });

  it('differ each time, so equal bids do not look equal', () => {
    const again = seal(KEY, CONTENT, CONTEXT, cipher);
    expect(again.equals(envelope)).toBe(false);
    expect(envelopeHash(again)).not.toBe(envelopeHash(envelope));
    expect(envelopeHash(envelope)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuse another key', () => {
    expect(() => unseal(randomBytes(32), envelope, CONTEXT)).toThrow(SealBroken);
  });

  it('refuse another context: an envelope moved to another bidder or lot', () => {
    expect(() => unseal(KEY, envelope, 'bid:7:12:4')).toThrow(SealBroken);
  });

  it('refuse any changed byte, a cut envelope, and a changed cipher byte', () => {
    for (const at of [0, 4, 5, 20, envelope.length - 1]) {
      const tampered = Buffer.from(envelope);
      tampered[at] ^= 0x01;
      expect(() => unseal(KEY, tampered, CONTEXT)).toThrow(SealBroken);
    }
    expect(() => unseal(KEY, envelope.subarray(0, envelope.length - 1), CONTEXT)).toThrow(SealBroken);
    expect(() => unseal(KEY, envelope.subarray(0, 10), CONTEXT)).toThrow(SealBroken);
    const other = Buffer.from(envelope);
    other[4] = cipher === 'sm4' ? 1 : 2;
    expect(() => unseal(KEY, other, CONTEXT)).toThrow(SealBroken);
  });

  it('seal an empty content too', () => {
    expect(unseal(KEY, seal(KEY, Buffer.alloc(0), CONTEXT, cipher), CONTEXT)).toEqual(Buffer.alloc(0));
  });
});

describe('seal keys', () => {
  it('are 32 bytes written in hex or base64', () => {
    expect(parseSealKey(KEY.toString('hex'))).toEqual(KEY);
    expect(parseSealKey(KEY.toString('base64'))).toEqual(KEY);
    expect(parseSealKey('00112233')).toBeNull();
    expect(parseSealKey(randomBytes(16).toString('base64'))).toBeNull();
    expect(parseSealKey('not a key at all, though long enough to be one')).toBeNull();
  });

  it('of another length are refused by seal and unseal', () => {
    expect(() => seal(randomBytes(16), CONTENT, CONTEXT, 'aes-256-gcm')).toThrow(/32 bytes/);
  });
});
