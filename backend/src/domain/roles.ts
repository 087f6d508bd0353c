/**
 * The roles of DOMAIN.md §1, in one place (backend guard, seed, role matrix and the UI all read this).
 * Every role has a label (labels.ts) and a desk in the UI (frontend core/roles.ts); a role added here
 * fails the build until both exist.
 */
export const ROLES = ['admin', 'procurement', 'expert', 'bureau', 'insurer'] as const;
export type Role = (typeof ROLES)[number];
