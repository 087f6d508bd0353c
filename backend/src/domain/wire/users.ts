import { bool, booleanText, failure, integer, on, oneOf, refined, string, text, z } from '../validation';
import { ORGANIZATION_KINDS } from '../organizations';
import { passwordProblems } from '../passwords';
import { ROLES } from '../roles';
import { instant, type ListQuery, pageQuery, reply } from './common';

/** Users and organisations (the administrator's), and the signed-in user (`/api/auth`). */

/**
 * The rules of the password policy that need no context (domain/passwords.ts): length, classes, not a
 * common password. The server adds the username, the demo password and the current password.
 */
export const PasswordSchema = refined(string(), (password, report) => {
  const failed = passwordProblems(password);
  if (failed.length) report(failure('password', { failed }));
}).meta({ description: 'at least 12 characters (at most 128) from three of: lower, upper, digit, symbol; not a common password' });

// ---- requests

export const LoginSchema = z.strictObject(
  { username: text(64).meta({ example: 'clerk' }), password: text(128).meta({ example: 'Demo#2026' }) },
  on('object'),
);

/** GET /api/users: optionally a page of them, sorted, filtered by role, state and a part of the user or display name. */
export const UserListQuerySchema = z.strictObject({
  ...pageQuery(['id', 'username', 'displayName', 'role', 'organizationName'] as const),
  role: oneOf(ROLES).optional(),
  disabled: booleanText().optional(),
  q: text(64).optional().meta({ description: 'a part of the user name or of the display name' }),
});
export type UserListQuery = ListQuery<typeof UserListQuerySchema>;
export type UserFilter = z.output<typeof UserListQuerySchema>;

export const CreateUserSchema = z.strictObject(
  {
    username: z
      .string(on('pattern', { rule: 'username' }))
      .regex(/^[a-zA-Z0-9_.-]{3,64}$/, on('pattern', { rule: 'username' }))
      .meta({ example: 'clerk2' }),
    displayName: text(100).meta({ example: '王采购' }),
    password: PasswordSchema,
    role: oneOf(ROLES),
    organizationId: integer(1).nullish().meta({ description: 'required for insurer users' }),
  },
  on('object'),
);

/** An e-mail address for notifications; null or empty clears it. */
export const EmailSchema = z
  .union(
    [
      z.literal(''),
      z
        .string(on('pattern', { rule: 'email' }))
        .max(254, on('pattern', { rule: 'email' }))
        .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, on('pattern', { rule: 'email' })),
    ],
    on('pattern', { rule: 'email' }),
  )
  .nullable()
  .meta({ example: 'wang@ybj.example.cn', description: 'where notifications are also mailed when SMTP is set; null or "" clears it' });

export const UpdateUserSchema = z.strictObject(
  { disabled: bool().nullish(), displayName: text(100).nullish(), email: EmailSchema.optional() },
  on('object'),
);

/** What a user changes of its own account (besides its password): its e-mail address. */
export const UpdateOwnSchema = z.strictObject({ email: EmailSchema }, on('object'));

/** An administrator's reset: the user must change the password at the next login. */
export const ResetPasswordSchema = z.strictObject({ password: PasswordSchema }, on('object'));

/** A user changes its own password, proving the current one. */
export const ChangePasswordSchema = z.strictObject({ currentPassword: text(128), newPassword: PasswordSchema }, on('object'));

/** The security administrator gives a user another role. */
export const RoleChangeSchema = z.strictObject({ role: oneOf(ROLES) }, on('object'));

export const CreateOrganizationSchema = z.strictObject(
  {
    code: z
      .string(on('pattern', { rule: 'organizationCode' }))
      .regex(/^[A-Za-z0-9_-]{1,64}$/, on('pattern', { rule: 'organizationCode' }))
      .meta({ example: 'F' }),
    name: text(200),
    kind: oneOf(ORGANIZATION_KINDS),
  },
  on('object'),
);

/** The administrator's edit of an organisation: its name and kind (the kind only while nothing is bound to it). */
export const UpdateOrganizationSchema = z.strictObject(
  { name: text(200).nullish(), kind: oneOf(ORGANIZATION_KINDS).nullish() },
  on('object'),
);

export type Login = z.input<typeof LoginSchema>;
export type NewUser = z.input<typeof CreateUserSchema>;
export type UserChanges = z.input<typeof UpdateUserSchema>;
export type OwnChanges = z.input<typeof UpdateOwnSchema>;
export type PasswordChange = z.input<typeof ChangePasswordSchema>;
export type NewOrganization = z.input<typeof CreateOrganizationSchema>;
export type OrganizationChanges = z.input<typeof UpdateOrganizationSchema>;

// ---- answers

/** What the API shows of a user: never the password hash or the failure counter. */
export const UserSchema = reply({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organizationId: z.number().int().nullable(),
  organizationName: z.string().nullable(),
  email: z.string().nullable(),
  disabled: z.boolean(),
  /** Set while the account is locked after repeated failed logins. */
  lockedUntil: instant().nullable(),
  /** After an administrator's reset or when the password has expired: nothing else works until it is changed. */
  mustChangePassword: z.boolean(),
});

/** `expiresAt`: when the token lapses unless the session is used (SESSION_IDLE_MINUTES); renewed tokens come in `X-Access-Token`. */
export const LoginResultSchema = reply({ accessToken: z.string(), expiresAt: instant(), user: UserSchema });

/** Every session of the user ended at this moment. */
export const LogoutResultSchema = reply({ sessionsEndedAt: instant() });

export const OrganizationSchema = reply({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  createdAt: instant(),
  /** The user accounts bound to the organisation. */
  usersCount: z.number().int(),
});

export type User = z.output<typeof UserSchema>;
export type LoginResult = z.output<typeof LoginResultSchema>;
export type Organization = z.output<typeof OrganizationSchema>;
