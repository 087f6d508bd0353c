/**
 * The roles of DOMAIN.md §1, in one place (backend guard, seed, role matrix and the UI all read this).
 * Every role has a label (labels.ts) and a desk in the UI (frontend core/roles.ts); a role added here
 * fails the build until both exist.
 */
export const ROLES = ['admin', 'audit-admin', 'procurement', 'expert', 'bureau', 'insurer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that reach only the routes naming them (and signing in): the audit administrator reads,
 * verifies and exports the logs and nothing else (DOMAIN.md §1), so the routes open to every
 * signed-in user are closed to it.
 */
export const NAMED_ROUTES_ONLY: readonly Role[] = ['audit-admin'];
