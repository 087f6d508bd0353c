import { D, fen } from '../decimal';
import type { ContractKind } from '../dossier/dossier.types';
import type { MilestoneStatus } from '../lifecycles';
import type { ReportRule } from './periodic-reports';
import type { Retention } from './retentions';
import type { DeficitRule } from './settlement';

/**
 * Payment schedules (付款方式, DOMAIN.md §6.1; DOSSIER.md SCHEDULE) are data, per buyer and per lot where
 * the lots differ: milestones, each with a base, a share of it, a fixed amount or the remainder, a
 * trigger that releases it, for an `after-assessment` milestone the rule by which the result sets its
 * amount, and where the buyer fixes one, a due rule. These functions turn a schedule into a contract's
 * milestones and their amounts; recording what releases them is the ledger's.
 */

export const TRIGGERS = [
  'on-signing',
  'on-date',
  'on-application',
  'after-service-evaluation',
  'after-acceptance',
  'after-assessment',
  'after-settlement',
] as const;
export type Trigger = (typeof TRIGGERS)[number];

/**
 * What a share is a share of: the contract amount of its kind, the premium fund F, the performance
 * reward (the assessment's maxReward, else the lot's reward budget), or the assessment deposit retained
 * out of the fund.
 */
export const BASES = ['contract', 'fund', 'reward', 'deposit'] as const;
export type Base = (typeof BASES)[number];

/** How the year's final assessment sets an `after-assessment` milestone's amount (§6.1). */
export const AMOUNT_RULES = ['if-passed', 'reward-rate', 'less-deduction', 'deposit'] as const;
export type AmountRule = (typeof AMOUNT_RULES)[number];

/**
 * Milestones whose amount is known only when their event comes: the approved amount of an application,
 * the settlement's payment. They take neither a share nor an amount nor the remainder.
 */
export const AMOUNT_LATER: ReadonlySet<Trigger> = new Set<Trigger>(['on-application', 'after-settlement']);

/** A day in the contract year (or a later one), or a day in a month after signing; `day: 'end'` is the month's last day. */
export type DueRule = { month: number; day: number | 'end'; yearOffset?: number } | { monthsAfterSigning: number; day: number | 'end' };

/** One milestone of a schedule, as the seed file and the dossier give it. */
export interface MilestoneSpec {
  name: string;
  /** Absent: the contract amount. */
  base?: Base;
  /** A fraction of the base ("0.30"). */
  share?: string;
  /** A fixed amount in 元. */
  amount?: string;
  /** Takes what the base's other milestones leave, so the parts add up. */
  remainder?: boolean;
  trigger: Trigger;
  amountRule?: AmountRule;
  /** Which period's service evaluation releases it ("H1"). */
  period?: string;
  due?: DueRule;
  /** The buyer's clause the milestone comes from. */
  source?: string;
}

/** A buyer's schedule (DOSSIER.md SCHEDULE). */
export interface Schedule {
  code: string;
  name: string;
  /** Absent: every lot. */
  lots?: string[];
  /** Premium funds: who bears a policy-caused deficit (§6.2). */
  deficitRule?: DeficitRule;
  retentions?: Retention[];
  milestones: MilestoneSpec[];
  /** Where the buyer's terms come from. */
  source?: string;
  /** Terms that go with the schedule but are not payments (an invoice deadline). */
  notes?: string[];
  /** The periodic reports the buyer asks for; absent: none. */
  reports?: ReportRule[];
}

/** The part of a milestone that decides its amount. */
export interface MilestoneBasis {
  base: Base;
  share: string | null;
  fixedAmount: string | null;
  remainder: boolean;
  trigger: Trigger;
}

export interface ScheduledMilestone extends MilestoneBasis {
  seq: number;
  name: string;
  amountRule: AmountRule | null;
  period: string | null;
  source: string | null;
  /** Kept with the milestone: a due date relative to the signing is only known once signed. */
  dueRule: DueRule | null;
  dueDate: string | null;
  status: MilestoneStatus;
  /** Null while unknown (an application not yet approved, no settlement yet). */
  amount: string | null;
}

/** Each base's amount for a contract; null where the contract has none (no fund on a per-capita contract). */
export type BaseAmounts = Record<Base, string | null>;

/** The basis of a spec: the contract amount when no base is named. */
export const basisOf = (m: MilestoneSpec): MilestoneBasis => ({
  base: m.base ?? 'contract',
  share: m.share ?? null,
  fixedAmount: m.amount ?? null,
  remainder: m.remainder === true,
  trigger: m.trigger,
});

/**
 * The amount of each milestone: a share is the base × share, half-up to the 分; a fixed amount is
 * itself; the remainder is its base less the rounded shares and amounts of that base's other milestones
 * (尾差计入末期), so the parts add up exactly. Null for a milestone whose amount comes later, or whose
 * base the contract lacks.
 */
export function milestoneAmounts(milestones: readonly MilestoneBasis[], bases: BaseAmounts): (string | null)[] {
  const own = milestones.map((m): string | null => {
    const whole = bases[m.base];
    if (whole === null || AMOUNT_LATER.has(m.trigger) || m.remainder) return null;
    return m.fixedAmount !== null ? fen(m.fixedAmount) : m.share !== null ? fen(new D(whole).times(m.share)) : null;
  });
  return milestones.map((m, i) => {
    const whole = bases[m.base];
    if (!m.remainder || whole === null) return own[i];
    const taken = own.reduce((sum, a, k) => (a !== null && milestones[k].base === m.base ? sum.plus(a) : sum), new D(0));
    return fen(new D(whole).minus(taken));
  });
}

/** What the year's final assessment says, for the amount of an `after-assessment` milestone. */
export interface AssessmentOutcome {
  passed: boolean;
  /** The grade's reward rate (a fraction); null when the scheme has none. */
  rewardRate: string | null;
  /** The §7 deduction d (failDeductionRate × operating cost when the points assessment failed, else 0). */
  deduction: string;
}

/**
 * An `after-assessment` milestone's amount once the assessment is final (§6.1, DOSSIER.md "Format 2
 * precisions"): `if-passed` and `deposit` keep their amount and are withheld on a failed assessment;
 * `reward-rate` is rate × its amount (rate × reward × share); `less-deduction` its amount less d. A rule
 * that gives nothing withholds the milestone; a withheld milestone keeps its computed amount.
 */
export function assessedAmount(rule: AmountRule | null, amount: string, outcome: AssessmentOutcome): { amount: string; withheld: boolean } {
  switch (rule ?? 'if-passed') {
    case 'reward-rate': {
      const earned = fen(new D(amount).times(outcome.rewardRate ?? (outcome.passed ? 1 : 0)));
      return { amount: earned, withheld: new D(earned).lte(0) };
    }
    case 'less-deduction': {
      const net = fen(D.max(new D(amount).minus(outcome.deduction), 0));
      return { amount: net, withheld: new D(net).lte(0) };
    }
    default:
      return { amount: fen(amount), withheld: !outcome.passed };
  }
}

/** A due date as YYYY-MM-DD; null when it depends on a signing that has not happened. */
export function dueDate(due: DueRule | null | undefined, year: number, signedOn: string | null): string | null {
  if (!due) return null;
  if ('monthsAfterSigning' in due) {
    if (!signedOn) return null;
    const [y, m] = signedOn.split('-').map(Number);
    return dayOf(y, m + due.monthsAfterSigning, due.day);
  }
  return dayOf(year + (due.yearOffset ?? 0), due.month, due.day);
}

/** Month may run past 12 (14 = February of the next year); a day past the month's end is its last day. */
function dayOf(year: number, month: number, day: number | 'end'): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = day === 'end' ? last : Math.min(day, last);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A milestone's status when the contract is drawn up or signed: only the signature itself releases a
 * payment here (`on-signing`); every other trigger is an event the ledger records later.
 */
export function statusFor(trigger: Trigger, signed: boolean): MilestoneStatus {
  return signed && trigger === 'on-signing' ? 'payable' : 'pending';
}

/** Whether a schedule applies to a lot: one naming no lots applies to every lot. */
export const scheduleCovers = (schedule: Pick<Schedule, 'lots'>, lotNo: string): boolean =>
  !schedule.lots?.length || schedule.lots.includes(lotNo);

/**
 * Whether a schedule fits a contract of this kind: fund or deposit milestones and a settlement belong to
 * a premium fund only; a premium fund needs a deficit rule and takes no deduction off a payment (that goes
 * through the settlement, DOSSIER.md "Format 2 precisions").
 */
export function scheduleFitsKind(schedule: Pick<Schedule, 'milestones' | 'deficitRule'>, kind: ContractKind): boolean {
  if (kind === 'premium') return !!schedule.deficitRule && !schedule.milestones.some((m) => m.amountRule === 'less-deduction');
  return !schedule.milestones.some((m) => m.base === 'fund' || m.base === 'deposit' || m.trigger === 'after-settlement');
}

/**
 * A contract's milestones from a schedule's milestones (or last year's contract's). Milestones on a base
 * the contract lacks (no reward budget, no deposit retention) are left out: a payment of nothing is not
 * a milestone.
 */
export function scheduleMilestones(
  specs: readonly MilestoneSpec[],
  contract: { year: number; bases: BaseAmounts; signedOn: string | null },
): ScheduledMilestone[] {
  const kept = specs.filter((m) => contract.bases[m.base ?? 'contract'] !== null);
  const bases = kept.map(basisOf);
  const amounts = milestoneAmounts(bases, contract.bases);
  return kept.map((m, i) => ({
    seq: i + 1,
    name: m.name,
    ...bases[i],
    amountRule: m.amountRule ?? null,
    period: m.period ?? null,
    source: m.source ?? null,
    dueRule: m.due ?? null,
    dueDate: dueDate(m.due, contract.year, contract.signedOn),
    status: statusFor(m.trigger, contract.signedOn !== null),
    amount: amounts[i],
  }));
}
