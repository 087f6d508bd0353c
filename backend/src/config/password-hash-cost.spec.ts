import { loadConfig, PASSWORD_HASH_COST } from './config';

const BASE = { JWT_SECRET: 'a-jwt-secret-of-at-least-thirty-two-bytes', AUDIT_KEY: 'an-audit-key-of-at-least-32-characters!' };

describe('PASSWORD_HASH_COST', () => {
  it('is bcrypt’s cost 10 unless set, and may be raised', () => {
    expect(loadConfig(BASE).passwordHashCost).toBe(PASSWORD_HASH_COST);
    expect(PASSWORD_HASH_COST).toBe(10);
    expect(loadConfig({ ...BASE, PASSWORD_HASH_COST: '12' }).passwordHashCost).toBe(12);
  });

  it('goes below 10 only in the tests (NODE_ENV=test), and stays within bcrypt’s 4–31', () => {
    expect(() => loadConfig({ ...BASE, PASSWORD_HASH_COST: '4' })).toThrow(/tests only/);
    expect(() => loadConfig({ ...BASE, PASSWORD_HASH_COST: '4', NODE_ENV: 'production' })).toThrow(/tests only/);
    expect(loadConfig({ ...BASE, PASSWORD_HASH_COST: '4', NODE_ENV: 'test' }).passwordHashCost).toBe(4);
    expect(() => loadConfig({ ...BASE, PASSWORD_HASH_COST: '3', NODE_ENV: 'test' })).toThrow(/at least 4/);
    expect(() => loadConfig({ ...BASE, PASSWORD_HASH_COST: '32' })).toThrow(/at most 31/);
  });
});
