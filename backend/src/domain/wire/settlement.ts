import { RETENTION_KINDS } from '../contracts/retentions';
import { DEFICIT_RULES } from '../contracts/settlement';
import { bool, on, yuan, z } from '../validation';
import { decimalText, instant, reply } from './common';
import { SettlementSchema } from './contracts';

/**
 * The stored annual settlement of a premium fund (`/api/contracts/:id/settlement`, DOMAIN.md §6.2): the
 * bureau enters the claims and its finding on a deficit; F, the terms and what was paid come from the
 * contract, its schedule and its ledger.
 */

// ---- requests

export const SettleSchema = z.strictObject(
  {
    claims: yuan().meta({ description: 'C: the claims the insurer paid out of the fund in the year' }),
    policyDeficit: bool().meta({ description: 'whether a deficit is policy-caused (政策性), as the bureau finds' }),
  },
  on('object'),
);

// ---- answers

/** What the year is settled from, before and after: the contract's terms, the assessment and the ledger. */
export const SettlementBasisSchema = reply({
  fund: decimalText(),
  allowanceRate: decimalText(),
  deficitRule: z.enum(DEFICIT_RULES),
  policyDeficitShare: decimalText().nullable(),
  retentions: z.array(reply({ kind: z.enum(RETENTION_KINDS), share: decimalText() })),
  /** Null until the year's assessment exists. */
  assessment: reply({ final: z.boolean(), passed: z.boolean(), failDeductionRate: decimalText().nullable() }).nullable(),
  /** What the fund and deposit milestones other than the settlement have paid or made payable now. */
  paidOrPayable: decimalText(),
});

/** A settlement as stored: the bureau's entry, the figures, the milestone that carries the payment, who and when. */
export const StoredSettlementSchema = reply({
  ...SettlementSchema.shape,
  id: z.number().int(),
  contractId: z.number().int(),
  year: z.number().int(),
  policyDeficit: z.boolean(),
  assessmentPassed: z.boolean(),
  /** A' = A − d. */
  allowanceNet: decimalText(),
  milestoneId: z.number().int().nullable(),
  settledBy: z.string().nullable(),
  settledAt: instant(),
});

/** GET /api/contracts/:id/settlement: the settlement once made (else null), and what it is (or was) made from. */
export const SettlementViewSchema = reply({
  settlement: StoredSettlementSchema.nullable(),
  basis: SettlementBasisSchema,
});

export type Settle = z.output<typeof SettleSchema>;
export type SettlementBasis = z.output<typeof SettlementBasisSchema>;
export type StoredSettlement = z.output<typeof StoredSettlementSchema>;
export type SettlementView = z.output<typeof SettlementViewSchema>;
