/** Users for the unit tests, parsed by the answers' schemas (domain/wire/users). */
import { LoginResultSchema, UserSchema, type LoginResult, type User } from '@domain/wire/users';
import { answer } from './wire';

export const user = (overrides: Partial<User> = {}): User =>
  answer(UserSchema, {
    id: 1,
    username: 'u',
    displayName: '测试',
    role: 'bureau',
    organizationId: null,
    organizationName: null,
    email: null,
    disabled: false,
    lockedUntil: null,
    mustChangePassword: false,
    ...overrides,
  });

/** POST /api/auth/login's answer for the user. */
export const loginResult = (who: User, accessToken = 't'): LoginResult =>
  answer(LoginResultSchema, { accessToken, expiresAt: '2030-01-01T00:00:00Z', user: who });
