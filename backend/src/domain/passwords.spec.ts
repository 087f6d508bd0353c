import { COMMON_PASSWORDS } from './common-passwords';
import { DEMO_PASSWORD, passwordExpired, passwordProblems } from './passwords';

describe('the password policy', () => {
  it('accepts 12 characters from three classes', () => {
    expect(passwordProblems('Harbour-lamp7')).toEqual([]);
    expect(passwordProblems('harbour-lamp7x')).toEqual([]);
  });

  it('wants at least 12 characters and at most 128', () => {
    expect(passwordProblems('Harb-lamp7x')).toEqual(['tooShort']);
    expect(passwordProblems(`Aa1-${'x'.repeat(125)}`)).toEqual(['tooLong']);
  });

  it('wants three of the four classes', () => {
    expect(passwordProblems('harbourlampxyz')).toEqual(['classes']);
    expect(passwordProblems('harbourlamp77')).toEqual(['classes']);
    expect(passwordProblems('Harbourlamp77')).toEqual([]);
  });

  it('refuses the username, in any case, alone or inside', () => {
    expect(passwordProblems('Clerk2-Harbour9', { username: 'clerk2' })).toEqual(['username']);
    expect(passwordProblems('CLERK2-harbour9', { username: 'Clerk2' })).toEqual(['username']);
    expect(passwordProblems('Harbour-lamp7x', { username: 'clerk2' })).toEqual([]);
  });

  it('refuses every password of the shipped common list, whatever its case', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(150);
    expect(passwordProblems('P@ssw0rd1234')).toContain('common');
    expect(passwordProblems('Qwerty123456!')).toContain('common');
    expect(passwordProblems('1qaz@WSX#edc')).toContain('common');
    for (const p of COMMON_PASSWORDS) expect(passwordProblems(p)).toContain('common');
  });

  it('refuses the published demo password outside demo mode only', () => {
    const withDemo = `${DEMO_PASSWORD}-harbour`;
    expect(passwordProblems(withDemo, { demoMode: false })).toEqual(['demo']);
    expect(passwordProblems(withDemo, { demoMode: true })).toEqual([]);
    expect(passwordProblems(DEMO_PASSWORD, { demoMode: false })).toEqual(['tooShort', 'demo']);
  });

  it('lists every rule broken at once', () => {
    expect(passwordProblems('admin', { username: 'admin', demoMode: false })).toEqual(['tooShort', 'classes', 'username']);
  });
});

describe('password expiry', () => {
  const now = new Date('2026-11-30T00:00:00Z');
  it('never expires without a limit', () => {
    expect(passwordExpired(new Date('2000-01-01T00:00:00Z'), 0, now)).toBe(false);
  });
  it('expires after the limit in days; an unknown age counts as expired', () => {
    expect(passwordExpired(new Date('2026-09-01T00:00:00Z'), 90, now)).toBe(false);
    expect(passwordExpired(new Date('2026-08-31T23:00:00Z'), 90, now)).toBe(true);
    expect(passwordExpired(null, 90, now)).toBe(true);
  });
});
