/** The kinds of organisation a user account may be bound to: an insurer (bidder), the bureau, the procurement centre. */
export const ORGANIZATION_KINDS = ['insurer', 'bureau', 'procurement'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
