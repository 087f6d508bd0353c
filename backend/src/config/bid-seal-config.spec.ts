import { bidSealKeyId, DEMO_BID_SEAL_KEY, loadConfig } from './config';

const BASE = { JWT_SECRET: 'a-jwt-secret-of-at-least-thirty-two-bytes', AUDIT_KEY: 'an-audit-key-of-at-least-32-characters!' };
const HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

describe('BID_SEAL_KEY and BID_SEAL_CIPHER', () => {
  it('read a 32-byte key in hex or base64 alike, with one id for both', () => {
    const hex = loadConfig({ ...BASE, BID_SEAL_KEY: HEX }).bidSealKey!;
    const base64 = loadConfig({ ...BASE, BID_SEAL_KEY: Buffer.from(HEX, 'hex').toString('base64') }).bidSealKey!;
    expect(hex.key).toEqual(Buffer.from(HEX, 'hex'));
    expect(base64).toEqual(hex);
    expect(hex.id).toBe(bidSealKeyId(HEX));
  });

  it('leave electronic bids without a key when unset outside demo mode, and use the published demo key in demo mode only', () => {
    expect(loadConfig(BASE).bidSealKey).toBeNull();
    expect(loadConfig({ DEMO_MODE: 'true' }).bidSealKey!.key).toEqual(Buffer.from(DEMO_BID_SEAL_KEY, 'hex'));
    expect(() => loadConfig({ ...BASE, BID_SEAL_KEY: DEMO_BID_SEAL_KEY })).toThrow(/published demo key/);
  });

  it('refuse to start with a key of another form or an unknown cipher', () => {
    expect(() => loadConfig({ ...BASE, BID_SEAL_KEY: 'short' })).toThrow(/32 bytes/);
    expect(() => loadConfig({ ...BASE, BID_SEAL_CIPHER: 'des' })).toThrow(/aes or sm4/);
    expect(loadConfig(BASE).bidSealCipher).toBe('aes-256-gcm');
    expect(loadConfig({ ...BASE, BID_SEAL_CIPHER: 'sm4' }).bidSealCipher).toBe('sm4');
  });
});
