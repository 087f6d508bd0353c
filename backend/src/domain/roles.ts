/**
 * The roles of DOMAIN.md §1, in one place (backend guard, seed, role matrix and the UI all read this).
 * Every role has a label (labels.ts) and a desk in the UI (frontend core/roles.ts); a role added here
 * fails the build until both exist.
 */
export const ROLES = ['admin', 'security-admin', 'audit-admin', 'procurement', 'expert', 'bureau', 'insurer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The three administrators (三权分立): users and organisations; roles, unlocks and policy; the logs.
 * A user holds one role, so no one holds two of them.
 */
export const ADMIN_ROLES = ['admin', 'security-admin', 'audit-admin'] as const satisfies readonly Role[];
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const isAdminRole = (role: Role): role is AdminRole => (ADMIN_ROLES as readonly Role[]).includes(role);

/**
 * Roles that reach only the routes naming them (and signing in): the security administrator grants
 * roles and unlocks accounts, the audit administrator reads, verifies and exports the logs, and
 * neither does anything else (DOMAIN.md §1), so the routes open to every signed-in user are closed to them.
 */
export const NAMED_ROUTES_ONLY: readonly Role[] = ['security-admin', 'audit-admin'];
