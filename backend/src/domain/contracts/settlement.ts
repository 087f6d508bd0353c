import { D, type Dec, fen } from '../decimal';
import type { ScheduledMilestone } from './payment-schedule';
import { depositOutcome, type Retention, reserveUse } from './retentions';

/**
 * The annual settlement of a premium fund (年度清算, DOMAIN.md §6.2; DOSSIER.md "Format 2 precisions").
 * After the year's assessment is final: F the fund, C the claims paid, A = a × F the allowance for
 * operating cost and profit, d the §7 deduction, A' = A − d, and the balance B = F − C − A'.
 * - B ≥ 0: the surplus goes back to the fund (Shenyang, seed 000 §“动态调整机制”: 当年大病保险基金收支结余,
 *   由商业保险机构返还医保基金) or the treasury account (Henan, seed 003 art. 24: 结余部分转入省财政专户).
 * - B < 0 policy-caused, `shared` (Shenyang: 由医保基金和商业保险机构分摊, the share from the bid): s × D.
 * - B < 0 policy-caused, `within-allowance` (Henan art. 24: 乙方在盈利率范围内承担亏损，其余部分通过风险调节金…):
 *   min(D, A'), the rest from the risk reserve, then next year's funding.
 * - B < 0 not policy-caused (both seeds: 非政策性…由商业保险机构承担): the insurer bears D.
 * The insurer's due is C + A' − what it bears − the forfeited deposit; the payment is that due less what
 * the other fund and deposit milestones have paid or made payable (negative: the insurer refunds).
 */

export const DEFICIT_RULES = ['shared', 'within-allowance'] as const;
export type DeficitRule = (typeof DEFICIT_RULES)[number];

export interface SettlementInput {
  /** F: fundStandard × population, to the 分 (§6). */
  fund: string;
  /** C: the claims the insurer paid out of the fund in the year. */
  claims: string;
  /** Whether a deficit is policy-caused (政策性), as the bureau finds. */
  policyDeficit: boolean;
  /** a: the allowance (运营成本及盈利率) as a rate of F. */
  allowanceRate: string;
  /** The schedule's deficitRule; `shared` carries s, the insurer's share of a policy-caused deficit (from the bid). */
  deficitRule: { rule: 'shared'; share: string } | { rule: 'within-allowance' };
  retentions: readonly Retention[];
  /** The final assessment: passed, and the points scheme's failDeductionRate (null: no deduction scheme-wise). */
  assessment: { passed: boolean; failDeductionRate: string | null };
  /** The contract's fund and deposit milestones other than `after-settlement` that are paid or payable. */
  paidOrPayable: string;
}

export interface Settlement {
  fund: string;
  claims: string;
  /** A = a × F, to the 分. */
  allowance: string;
  /** d = failDeductionRate × A when the assessment failed, to the 分; else 0. */
  deduction: string;
  /** A' = A − d. */
  allowanceNet: string;
  /** B = F − C − A'. */
  balance: string;
  /** max(B, 0): returned to the fund or the treasury. */
  surplus: string;
  insurerBears: string;
  /** The part of a policy-caused deficit the insurer does not bear; 0 otherwise. */
  fundBears: string;
  /** What of fundBears the risk reserve covers. */
  fromReserve: string;
  /** The rest of fundBears, which the fund itself carries (Henan art. 24: by raising next year's funding, 提高下年度筹资水平). */
  beyondReserve: string;
  forfeitedDeposit: string;
  /** C + A' − insurerBears − forfeitedDeposit. */
  due: string;
  paidOrPayable: string;
  /** due − paidOrPayable; negative: the insurer refunds. */
  payment: string;
}

export function settle(input: SettlementInput): Settlement {
  const { fund, claims } = input;
  const allowance = fen(new D(fund).times(input.allowanceRate));
  // §7 points scheme: below the pass mark, that year's operating cost including profit is reduced (Shenyang 0.5%).
  const failRate = input.assessment.passed ? null : input.assessment.failDeductionRate;
  const deduction = fen(failRate === null ? 0 : new D(allowance).times(failRate));
  const allowanceNet = new D(allowance).minus(deduction);
  const balance = new D(fund).minus(claims).minus(allowanceNet);
  const deficit = D.max(balance.neg(), 0);
  const insurerBears = balance.gte(0) ? new D(0) : input.policyDeficit ? policyShare(input, deficit, allowanceNet) : deficit;
  const fundBears = input.policyDeficit ? deficit.minus(insurerBears) : new D(0);
  const forfeitedDeposit = depositOutcome(fund, input.retentions, input.assessment.passed).forfeited;
  const reserve = reserveUse(fund, input.retentions, fen(fundBears));
  const due = new D(claims).plus(allowanceNet).minus(insurerBears).minus(forfeitedDeposit);
  return {
    fund: fen(fund),
    claims: fen(claims),
    allowance,
    deduction,
    allowanceNet: fen(allowanceNet),
    balance: fen(balance),
    surplus: fen(D.max(balance, 0)),
    insurerBears: fen(insurerBears),
    fundBears: fen(fundBears),
    fromReserve: reserve.fromReserve,
    beyondReserve: reserve.beyondReserve,
    forfeitedDeposit,
    due: fen(due),
    paidOrPayable: fen(input.paidOrPayable),
    payment: fen(due.minus(input.paidOrPayable)),
  };
}

/** The insurer's part of a policy-caused deficit D under the schedule's rule. */
function policyShare(input: SettlementInput, deficit: Dec, allowanceNet: Dec): Dec {
  const rule = input.deficitRule;
  return rule.rule === 'within-allowance' ? D.min(deficit, allowanceNet) : new D(fen(deficit.times(rule.share)));
}

/** A milestone as the settlement counts it. */
export type CountedMilestone = Pick<ScheduledMilestone, 'base' | 'trigger' | 'status' | 'amount'>;

/**
 * What the contract's fund and deposit milestones other than `after-settlement` have paid or made payable
 * (DOSSIER.md "Format 2 precisions"), each at its own amount: the instalments the settlement's due is set
 * against. The reserve is never paid, so it never counts; a pending or withheld milestone has paid nothing.
 */
export function paidOrPayable(milestones: readonly CountedMilestone[]): string {
  const counted = milestones.filter(
    (m) =>
      (m.base === 'fund' || m.base === 'deposit') && m.trigger !== 'after-settlement' && (m.status === 'payable' || m.status === 'paid'),
  );
  return fen(counted.reduce((sum, m) => sum.plus(m.amount ?? 0), new D(0)));
}

/** A premium contract's settlement terms: F from the contract, a and s from the bid or contract, the rest from its schedule. */
export interface PremiumTerms {
  fund: string;
  allowanceRate: string;
  /** s: only under the `shared` rule. */
  policyDeficitShare: string | null;
  deficitRule: DeficitRule;
  retentions: readonly Retention[];
}

/** What the bureau finds for the year (DOSSIER.md CONTRACT.settlement): the claims paid and whether a deficit is policy-caused. */
export interface SettlementFinding {
  claims: string;
  policyDeficit: boolean;
}

/**
 * The settlement's inputs from a contract's terms, the bureau's finding, the final assessment and the
 * ledger — one assembly for the stored settlement and a dossier's, so both settle alike.
 */
export function settlementInput(
  terms: PremiumTerms,
  finding: SettlementFinding,
  assessment: SettlementInput['assessment'],
  paidOrPayable: string,
): SettlementInput {
  if (terms.deficitRule === 'shared' && terms.policyDeficitShare === null) {
    throw new Error('a shared deficit rule needs the insurer’s share (policyDeficitShare)');
  }
  return {
    fund: terms.fund,
    claims: finding.claims,
    policyDeficit: finding.policyDeficit,
    allowanceRate: terms.allowanceRate,
    deficitRule: terms.deficitRule === 'shared' ? { rule: 'shared', share: terms.policyDeficitShare! } : { rule: terms.deficitRule },
    retentions: terms.retentions,
    assessment,
    paidOrPayable,
  };
}

/** The settlement part of a contract in the evaluation results (DOSSIER.md "Evaluation result", premium only). */
export function settlementResult(s: Settlement) {
  const { allowance, deduction, balance, insurerBears, fundBears, surplus, forfeitedDeposit, paidOrPayable, payment } = s;
  return { allowance, deduction, balance, insurerBears, fundBears, surplus, forfeitedDeposit, paidOrPayable, payment };
}
