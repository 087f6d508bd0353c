/**
 * Who uses the product (DOMAIN.md §1): the roles a user account holds, and the kinds of organisation
 * an account may be bound to. Every role has a label and a desk in the UI; a role added here fails
 * the build until both exist.
 */
export const ROLES = ['admin', 'procurement', 'expert', 'bureau', 'insurer'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_KINDS = ['insurer', 'bureau', 'procurement'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
