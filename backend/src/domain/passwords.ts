import { COMMON_PASSWORDS } from './common-passwords';
import type { PasswordRule } from './errors';

/**
 * The password policy (等保 身份鉴别): at least 12 characters (at most 128) from at least three of
 * lower case, upper case, digits and symbols; not the username (nor containing it); not a common
 * password (common-passwords.ts); outside demo mode not the published demo password; and, when a
 * user changes it, not the current one.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The demo users' password, published in the README: refused for any account outside demo mode. */
export const DEMO_PASSWORD = 'Demo#2026';

const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

export interface PasswordContext {
  /** The account's username: a password that contains it is refused. */
  username?: string;
  /** In demo mode the demo password stays usable. */
  demoMode?: boolean;
}

/** The rules a password breaks, in the order above (empty when acceptable). */
export function passwordProblems(password: string, context: PasswordContext = {}): PasswordRule[] {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  const lower = password.toLowerCase();
  const username = context.username?.toLowerCase();
  const broken: [PasswordRule, boolean][] = [
    ['tooShort', password.length < PASSWORD_MIN_LENGTH],
    ['tooLong', password.length > PASSWORD_MAX_LENGTH],
    ['classes', classes < 3],
    ['username', !!username && lower.includes(username)],
    ['common', COMMON.has(lower)],
    ['demo', context.demoMode === false && lower.includes(DEMO_PASSWORD.toLowerCase())],
  ];
  return broken.filter(([, fails]) => fails).map(([rule]) => rule);
}

/** Whether a password set at `changedAt` has run out under a limit of `maxAgeDays` (0: never). */
export function passwordExpired(changedAt: Date | null, maxAgeDays: number, now: Date): boolean {
  if (maxAgeDays <= 0) return false;
  return !changedAt || now.getTime() - changedAt.getTime() > maxAgeDays * 86_400_000;
}
