import { D, fen } from '../decimal';
import type { MilestoneStatus } from '../lifecycles';
import { checkReportRules } from './periodic-reports';
import type { DueRule, ScheduleTemplate } from '../wire/contracts';

/**
 * Payment schedules (付款方式, DOMAIN.md §6) are data: buyers differ (one payment after signing,
 * quarterly funding with reserves held back, semi-annual payments after a passed evaluation, …), so a
 * schedule template lists milestones, each with a share of its base or a fixed amount, a trigger, and
 * where the buyer fixes one, a due date. These functions turn a template into a contract's milestones.
 */

export const TRIGGERS = ['on-signing', 'on-date', 'quarterly-on-application', 'after-passed-assessment', 'after-acceptance'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Triggers that wait for a condition only someone else can establish (an assessment, an acceptance). */
export const GATED_TRIGGERS: ReadonlySet<Trigger> = new Set<Trigger>(['after-passed-assessment', 'after-acceptance']);
export type GatingCondition = 'after-passed-assessment' | 'after-acceptance';

/** What a share is a share of: the year's contract amount, or the lot's performance-reward budget. */
export const BASES = ['contract', 'reward'] as const;
export type Base = (typeof BASES)[number];

/** Templates, milestone specs and due rules have the shapes the API shows (domain/wire/contracts.ts). */
export type { DueRule, ScheduleTemplate } from '../wire/contracts';
export type MilestoneSpec = ScheduleTemplate['milestones'][number];

/** The part of a milestone that decides its amount. */
export interface MilestoneBasis {
  base: Base;
  share: string | null;
  fixedAmount: string | null;
}

export interface ScheduledMilestone extends MilestoneBasis {
  seq: number;
  name: string;
  trigger: Trigger;
  /** Kept with the milestone: a due date relative to the signing is only known once signed. */
  dueRule: DueRule | null;
  dueDate: string | null;
  status: MilestoneStatus;
  amount: string;
}

export type BaseAmounts = Record<Base, string | null>;

/** Everything wrong with a template, each naming the milestone; empty when it is usable. */
export function checkTemplate(t: ScheduleTemplate): string[] {
  const errors: string[] = [];
  if (!t.milestones?.length) errors.push(`${t.code}: no milestones / 没有付款节点`);
  (t.milestones ?? []).forEach((m, i) => {
    const at = `${t.code}.milestones[${i}]`;
    if (!TRIGGERS.includes(m.trigger)) errors.push(`${at}.trigger: one of ${TRIGGERS.join(', ')}`);
    if (m.base !== undefined && !BASES.includes(m.base)) errors.push(`${at}.base: contract or reward`);
    if ((m.share === undefined) === (m.amount === undefined)) errors.push(`${at}: exactly one of share and amount`);
    for (const [field, v] of [
      ['share', m.share],
      ['amount', m.amount],
    ] as const) {
      if (v !== undefined && !(/^\d+(\.\d+)?$/.test(v) && new D(v).gt(0))) errors.push(`${at}.${field}: a positive decimal string`);
    }
    if (m.due && !validDue(m.due)) errors.push(`${at}.due: { month 1-12, day 1-31 or "end", yearOffset } or { monthsAfterSigning, day }`);
  });
  errors.push(...checkReportRules(t.reports ?? []).map((e) => `${t.code}.${e}`));
  for (const base of BASES) {
    const shares = (t.milestones ?? []).filter((m) => (m.base ?? 'contract') === base && m.share !== undefined);
    const total = shares.reduce((s, m) => s.plus(/^\d+(\.\d+)?$/.test(m.share!) ? m.share! : 0), new D(0));
    if (shares.length > 0 && !total.eq(1)) errors.push(`${t.code}: shares of the ${base} base add up to ${total}, not 1 / 比例合计须为1`);
  }
  return errors;
}

const validDue = (due: DueRule): boolean => {
  const dayOk = due.day === 'end' || (Number.isInteger(due.day) && due.day >= 1 && due.day <= 31);
  if ('monthsAfterSigning' in due) return dayOk && Number.isInteger(due.monthsAfterSigning) && due.monthsAfterSigning >= 0;
  return dayOk && Number.isInteger(due.month) && due.month >= 1 && due.month <= 12 && Number.isInteger(due.yearOffset ?? 0);
};

/**
 * The amount of each milestone. Fixed amounts come off their base first; each share of the rest is
 * rounded half-up to the 分 and the last share milestone of a base takes what remains (尾差计入末期),
 * so the parts always add up to the whole exactly. A base without an amount (no reward budget) gives 0.
 */
export function milestoneAmounts(milestones: MilestoneBasis[], bases: BaseAmounts): string[] {
  const amounts: string[] = milestones.map((m) => (m.fixedAmount !== null ? fen(m.fixedAmount) : '0.00'));
  for (const base of BASES) {
    const whole = new D(bases[base] ?? 0);
    const indices = milestones.map((m, i) => (m.base === base ? i : -1)).filter((i) => i >= 0);
    const shared = indices.filter((i) => milestones[i].share !== null);
    const fixed = indices.filter((i) => milestones[i].fixedAmount !== null).reduce((s, i) => s.plus(amounts[i]), new D(0));
    const rest = whole.minus(fixed);
    let allocated = new D(0);
    shared.forEach((i, k) => {
      const amount = k === shared.length - 1 ? rest.minus(allocated) : new D(fen(rest.times(milestones[i].share!)));
      amounts[i] = fen(amount);
      allocated = allocated.plus(amount);
    });
  }
  return amounts;
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
 * A milestone's status from its trigger: a gated one stays blocked until its condition is met;
 * the others wait for the signature and are payable from then on (their due date says by when).
 */
export function statusFor(trigger: Trigger, signed: boolean): MilestoneStatus {
  if (GATED_TRIGGERS.has(trigger)) return 'blocked';
  return signed ? 'payable' : 'pending';
}

/**
 * A contract's milestones from the milestones of a template (or of last year's contract). Milestones
 * on the reward base are left out when the lot has no reward budget: a payment of nothing is not a
 * milestone.
 */
export function scheduleMilestones(
  specs: MilestoneSpec[],
  contract: { year: number; bases: BaseAmounts; signedOn: string | null },
): ScheduledMilestone[] {
  const kept = specs.filter((m) => contract.bases[m.base ?? 'contract'] !== null);
  const bases: MilestoneBasis[] = kept.map((m) => ({ base: m.base ?? 'contract', share: m.share ?? null, fixedAmount: m.amount ?? null }));
  const amounts = milestoneAmounts(bases, contract.bases);
  return kept.map((m, i) => ({
    seq: i + 1,
    name: m.name,
    ...bases[i],
    trigger: m.trigger,
    dueRule: m.due ?? null,
    dueDate: dueDate(m.due, contract.year, contract.signedOn),
    status: statusFor(m.trigger, contract.signedOn !== null),
    amount: amounts[i],
  }));
}
