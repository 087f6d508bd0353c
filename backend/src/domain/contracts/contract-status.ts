import { D, fen } from '../decimal';
import { failDeductionRate } from '../assessments/assessment';
import type { Component, ContractKind, Dossier, DossierContract, Num } from '../dossier/dossier.types';
import { normalised } from '../dossier/schedule.schema';
import type { MilestoneStatus } from '../lifecycles';
import { baseAmounts, contractFigures, contractKindOf } from './amounts';
import { assessedAmount, scheduleMilestones, type Schedule, type ScheduledMilestone } from './payment-schedule';
import { paidOrPayable, settle, settlementInput, settlementResult } from './settlement';

/**
 * A dossier's CONTRACT as it stands on its `asOf` day (DOSSIER.md "SCHEDULE and CONTRACT", "Format 2
 * precisions"): the contract's amount and fund, each milestone of its schedule with its amount, status
 * and due day, and for a premium fund with a settlement the settlement's figures. Built on the contract
 * domain (amounts, payment-schedule, settlement); what is new here is only reading the CONTRACT's events
 * as of a day.
 */

/** The year's final assessment, as a contract's milestones and settlement read it. */
export interface AssessedYear {
  passed: boolean;
  /** The grade's reward rate (deduction scheme); null for a points scheme. */
  rewardRate: string | null;
  /** The §7 deduction d (failDeductionRate × operating cost on a failed points assessment, else 0). */
  deduction: string;
  /** The points scheme's failDeductionRate (the settlement takes d from it); null for a deduction scheme. */
  failDeductionRate: string | null;
  /** The assessment's own maxReward, when it gives one (the `reward` base). */
  maxReward: string | null;
}

/** What a CONTRACT is drawn from besides itself. */
export interface ContractContext {
  kind: ContractKind;
  schedule: Schedule;
  /** The winning bid after price correction. */
  bid: { unitPrice: string | null; total: string | null; rate?: string | null; deficitShare?: string | null };
  lot: { fixedComponents: readonly Component[]; rewardBudget?: string | null };
  /** The lot and year's assessment in the dossier (final), if any. */
  assessment: AssessedYear | null;
}

export interface ContractMilestoneResult {
  name: string;
  amount: string | null;
  status: MilestoneStatus;
  due: string | null;
}

export interface ContractResult {
  lot: string;
  year: number;
  amount: string;
  fund: string | null;
  milestones: ContractMilestoneResult[];
  settlement?: ReturnType<typeof settlementResult>;
}

const text = (v: Num | null | undefined): string | null => (v == null ? null : new D(v).toString());

/** A premium contract's allowance rate a and deficit share s: as the contract states them, else the winning bid's. */
export const premiumRates = (c: Pick<DossierContract, 'allowanceRate' | 'policyDeficitShare'>, bid: ContractContext['bid']) => ({
  allowanceRate: text(c.allowanceRate) ?? bid.rate ?? null,
  policyDeficitShare: text(c.policyDeficitShare) ?? bid.deficitShare ?? null,
});

/** The contract's figures by kind and the amounts of its schedule's milestones (statuses as when drawn up). */
export function contractMilestones(c: DossierContract, ctx: ContractContext) {
  const retentions = ctx.schedule.retentions ?? [];
  const figures = contractFigures({
    kind: ctx.kind,
    unitPrice: ctx.bid.unitPrice,
    population: c.population ?? null,
    components: ctx.lot.fixedComponents,
    bidTotal: ctx.bid.total,
    fundStandard: c.fundStandard ?? null,
    allowanceRate: premiumRates(c, ctx.bid).allowanceRate,
    retentions,
    reward: null,
  });
  const reward = ctx.assessment?.maxReward ?? ctx.lot.rewardBudget ?? null;
  const bases = baseAmounts(figures, retentions, reward);
  const milestones = scheduleMilestones(ctx.schedule.milestones, { year: c.year, bases, signedOn: c.signedOn ?? null });
  return { figures, milestones };
}

/** The latest of `events` dated by `on` no later than `asOf` (the greatest `on`; a later entry breaks a tie). */
function latest<E extends { on: string }>(events: readonly E[], asOf: string): E | undefined {
  return events
    .filter((e) => e.on <= asOf)
    .reduce<E | undefined>((last, e) => (last === undefined || e.on >= last.on ? e : last), undefined);
}

/** A milestone's amount and status on `asOf` by its trigger, before any payment. */
function triggered(m: ScheduledMilestone, c: DossierContract, ctx: ContractContext): Pick<ContractMilestoneResult, 'amount' | 'status'> {
  const asOf = c.asOf;
  const pendingAt = (amount: string | null) => ({ amount, status: 'pending' as const });
  const signed = c.signedOn != null && c.signedOn <= asOf;
  switch (m.trigger) {
    case 'on-application': {
      const application = (c.applications ?? []).find((a) => a.milestone === m.name && (a.appliedOn == null || a.appliedOn <= asOf));
      const approved = application?.approved == null ? null : fen(application.approved);
      return approved !== null && signed ? { amount: approved, status: 'payable' } : pendingAt(approved);
    }
    // Its amount and release are the settlement's (contractStatus), which needs the other milestones first.
    case 'after-settlement':
      return pendingAt(null);
    default:
      break;
  }
  if (!signed) return pendingAt(m.amount);
  switch (m.trigger) {
    case 'on-signing':
      return { amount: m.amount, status: 'payable' };
    case 'on-date':
      return { amount: m.amount, status: m.dueDate !== null && m.dueDate <= asOf ? 'payable' : 'pending' };
    case 'after-service-evaluation': {
      const last = latest(
        (c.serviceEvaluations ?? []).filter((e) => e.period === m.period),
        asOf,
      );
      return { amount: m.amount, status: last === undefined ? 'pending' : last.passed ? 'payable' : 'withheld' };
    }
    case 'after-acceptance': {
      const acceptance = c.acceptance && c.acceptance.on <= asOf ? c.acceptance : undefined;
      return { amount: m.amount, status: acceptance === undefined ? 'pending' : acceptance.passed ? 'payable' : 'withheld' };
    }
    case 'after-assessment': {
      if (!ctx.assessment || m.amount === null) return pendingAt(m.amount);
      const assessed = assessedAmount(m.amountRule, m.amount, ctx.assessment);
      return { amount: assessed.amount, status: assessed.withheld ? 'withheld' : 'payable' };
    }
  }
}

/**
 * The CONTRACT as of its `asOf`: its figures, its schedule's milestones (as drawn up) beside their
 * amounts and statuses, and a premium fund's whole settlement once given.
 */
export function contractState(c: DossierContract, ctx: ContractContext) {
  const { figures, milestones } = contractMilestones(c, ctx);
  const paidOn = new Map((c.payments ?? []).filter((p) => p.paidOn <= c.asOf).map((p) => [p.milestone, p.paidOn]));
  const stand = (m: ScheduledMilestone, own: Pick<ContractMilestoneResult, 'amount' | 'status'>): ContractMilestoneResult => ({
    name: m.name,
    amount: own.amount,
    status: paidOn.has(m.name) ? 'paid' : own.status,
    due: m.dueDate,
  });
  const results = milestones.map((m) => stand(m, triggered(m, c, ctx)));
  const settlement = ctx.kind === 'premium' ? settlementOf(c, ctx, figures.fund, milestones, results) : undefined;
  if (settlement) {
    milestones.forEach((m, i) => {
      if (m.trigger === 'after-settlement' && c.signedOn != null && c.signedOn <= c.asOf)
        results[i] = stand(m, { amount: settlement.payment, status: 'payable' });
    });
  }
  return { figures, milestones, results, settlement };
}

/** The CONTRACT's part of the evaluation results as of its `asOf` (DOSSIER.md "Evaluation result"). */
export function contractStatus(c: DossierContract, ctx: ContractContext): ContractResult {
  const { figures, results, settlement } = contractState(c, ctx);
  return {
    lot: c.lot,
    year: c.year,
    amount: figures.contractAmount,
    fund: figures.fund,
    milestones: results,
    ...(settlement && { settlement: settlementResult(settlement) }),
  };
}

/** A premium fund's settlement, once the bureau gave its finding and the year's assessment is final. */
function settlementOf(
  c: DossierContract,
  ctx: ContractContext,
  fund: string | null,
  milestones: readonly ScheduledMilestone[],
  results: readonly ContractMilestoneResult[],
) {
  const rule = ctx.schedule.deficitRule;
  if (!c.settlement || !ctx.assessment || fund === null || !rule) return undefined;
  const { allowanceRate, policyDeficitShare } = premiumRates(c, ctx.bid);
  const counted = paidOrPayable(milestones.map((m, i) => ({ ...m, status: results[i].status, amount: results[i].amount })));
  return settle(
    settlementInput(
      { fund, allowanceRate: allowanceRate!, policyDeficitShare, deficitRule: rule, retentions: ctx.schedule.retentions ?? [] },
      { claims: fen(c.settlement.claims), policyDeficit: c.settlement.policyDeficit },
      { passed: ctx.assessment.passed, failDeductionRate: ctx.assessment.failDeductionRate },
      counted,
    ),
  );
}

/** What the evaluation of a dossier gives the contracts: each lot's winner, each winner's corrected bid, each year's assessment. */
export interface EvaluatedTender {
  winners: ReadonlyMap<string, string | null>;
  /** By `${bidder}|${lot}`. */
  bids: ReadonlyMap<string, ContractContext['bid']>;
  assessments: readonly {
    lot: string;
    year: number;
    passed: boolean;
    rewardRate: string | null;
    deductionAmount: string;
    scheme: string;
  }[];
}

/**
 * The context of a CONTRACT in its dossier; undefined when its lot has no winner, its schedule is unknown
 * or a figure its kind needs is missing (each a 400 at import).
 */
export function contractContext(d: Dossier, c: DossierContract, evaluated: EvaluatedTender): ContractContext | undefined {
  const lot = d.lots.find((l) => l.no === c.lot);
  const winner = evaluated.winners.get(c.lot);
  const bid = winner ? evaluated.bids.get(`${winner}|${c.lot}`) : undefined;
  const spec = (d.paymentSchedules ?? []).find((s) => s.code === c.schedule);
  if (!lot || !bid || !spec) return undefined;
  const kind = contractKindOf(d.tender.contractKind, lot);
  // A contract drawn up in the product may still wait for its population: it has no figures yet.
  const figuresKnown = {
    'per-capita': c.population != null && bid.unitPrice !== null,
    premium: c.population != null && c.fundStandard != null && premiumRates(c, bid).allowanceRate !== null,
    'fixed-price': bid.total !== null,
  }[kind];
  if (!figuresKnown) return undefined;
  const result = evaluated.assessments.find((a) => a.lot === c.lot && a.year === c.year);
  const given = (d.assessments ?? []).find((a) => a.lot === c.lot && a.year === c.year);
  const scheme = (d.assessmentSchemes ?? []).find((s) => s.code === result?.scheme);
  return {
    kind,
    schedule: normalised(spec),
    bid,
    lot: { fixedComponents: lot.fixedComponents, rewardBudget: lot.rewardBudget },
    assessment:
      result && scheme
        ? {
            passed: result.passed,
            rewardRate: result.rewardRate,
            deduction: result.deductionAmount,
            failDeductionRate: failDeductionRate(scheme),
            maxReward: given?.maxReward ?? null,
          }
        : null,
  };
}

/** The results' `contracts` part of a dossier (format 2), in the dossier's order. */
export function dossierContracts(d: Dossier, evaluated: EvaluatedTender): ContractResult[] {
  return (d.contracts ?? []).flatMap((c) => {
    const ctx = contractContext(d, c, evaluated);
    return ctx ? [contractStatus(c, ctx)] : [];
  });
}
