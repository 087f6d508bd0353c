/** A contract year's contract (DOMAIN.md §6): drawn up, signed, or ended early. */
export const CONTRACT_STATUSES = ['draft', 'signed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
