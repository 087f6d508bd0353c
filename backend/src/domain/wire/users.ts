import { bool, failure, integer, on, oneOf, refined, string, text, z } from '../validation';
import { ORGANIZATION_KINDS } from '../organizations';
import { ROLES } from '../roles';
import { instant, reply } from './common';

/** Users and organisations (the administrator's), and the signed-in user (`/api/auth`). */

/** At least 8 characters (at most 128) from at least three of: lower case, upper case, digits, symbols. */
export const PasswordSchema = refined(string(), (password, report) => {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  const failed = [
    ...(password.length < 8 ? ['tooShort' as const] : []),
    ...(password.length > 128 ? ['tooLong' as const] : []),
    ...(classes < 3 ? ['classes' as const] : []),
  ];
  if (failed.length) report(failure('password', { failed }));
});

// ---- requests

export const LoginSchema = z.strictObject(
  { username: text(64).meta({ example: 'clerk' }), password: text(128).meta({ example: 'Demo#2026' }) },
  on('object'),
);

export const CreateUserSchema = z.strictObject(
  {
    username: z
      .string(on('pattern', { rule: '3-64 letters, digits or _.-' }))
      .regex(/^[a-zA-Z0-9_.-]{3,64}$/, on('pattern', { rule: '3-64 letters, digits or _.-' }))
      .meta({ example: 'clerk2' }),
    displayName: text(100).meta({ example: '王采购' }),
    password: PasswordSchema,
    role: oneOf(ROLES),
    organizationId: integer(1).nullish().meta({ description: 'required for insurer users' }),
  },
  on('object'),
);

export const UpdateUserSchema = z.strictObject({ disabled: bool().nullish(), displayName: text(100).nullish() }, on('object'));

export const ResetPasswordSchema = z.strictObject({ password: PasswordSchema }, on('object'));

export const CreateOrganizationSchema = z.strictObject(
  {
    code: z
      .string(on('pattern', { rule: '1-64 letters, digits, _ or -' }))
      .regex(/^[A-Za-z0-9_-]{1,64}$/, on('pattern', { rule: '1-64 letters, digits, _ or -' }))
      .meta({ example: 'F' }),
    name: text(200),
    kind: oneOf(ORGANIZATION_KINDS),
  },
  on('object'),
);

export type Login = z.input<typeof LoginSchema>;
export type NewUser = z.input<typeof CreateUserSchema>;
export type UserChanges = z.input<typeof UpdateUserSchema>;
export type NewOrganization = z.input<typeof CreateOrganizationSchema>;

// ---- answers

/** What the API shows of a user: never the password hash or the failure counter. */
export const UserSchema = reply({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organizationId: z.number().int().nullable(),
  organizationName: z.string().nullable(),
  disabled: z.boolean(),
  /** Set while the account is locked after repeated failed logins. */
  lockedUntil: instant().nullable(),
});

export const LoginResultSchema = reply({ accessToken: z.string(), expiresAt: instant(), user: UserSchema });

export const OrganizationSchema = reply({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  createdAt: instant(),
});

export type User = z.output<typeof UserSchema>;
export type LoginResult = z.output<typeof LoginResultSchema>;
export type Organization = z.output<typeof OrganizationSchema>;
