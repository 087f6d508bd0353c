import { AMOUNT_LATER, AMOUNT_RULES, BASES, type Schedule, TRIGGERS } from '../contracts/payment-schedule';
import { REPORT_KINDS } from '../contracts/periodic-reports';
import { RETENTION_KINDS } from '../contracts/retentions';
import { DEFICIT_RULES } from '../contracts/settlement';
import { D } from '../decimal';
import { amount, bool, decimal, failure, fraction, integer, list, on, oneOf, positive, refined, text, toTheFen, z } from '../validation';

/**
 * A payment schedule (DOSSIER.md SCHEDULE, DOMAIN.md §6.1) as a zod schema, with the rules that need
 * nothing but the schedule itself: each milestone takes exactly one of share, amount and remainder
 * (none when its amount comes later), an `on-date` one its due rule, an `after-service-evaluation` one
 * its period; a base's shares add up to at most the whole and it has at most one remainder; a deposit
 * milestone needs a deposit retention. The dossier's rules check its lots and its contract kind
 * (dossier.rules.ts). The shipped schedules (seed/payment-schedules.json) are read through it too.
 */

const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

const dayOfMonth = z.union([integer(1, 31), z.literal('end')], on('dueDay'));

export const DueRuleSchema = z.union(
  [
    z.strictObject({ month: integer(1, 12), day: dayOfMonth, yearOffset: optional(integer(0, 10)) }, on('object')),
    z.strictObject({ monthsAfterSigning: integer(0, 120), day: dayOfMonth }, on('object')),
  ],
  on('dueRule'),
);

export const MilestoneSpecSchema = refined(
  z.object(
    {
      name: text(100),
      base: optional(oneOf(BASES)),
      share: optional(decimal(positive, fraction)),
      amount: optional(amount(positive, toTheFen)),
      remainder: optional(bool()),
      trigger: oneOf(TRIGGERS),
      amountRule: optional(oneOf(AMOUNT_RULES)),
      period: optional(text(16)),
      due: optional(DueRuleSchema),
      source: optional(text(200)),
    },
    on('object'),
  ),
  (m, report) => {
    const parts = (['share', 'amount', 'remainder'] as const).filter((k) => (k === 'remainder' ? m.remainder === true : m[k] != null));
    if (AMOUNT_LATER.has(m.trigger)) parts.forEach((k) => report(failure('amountComesLater', { trigger: m.trigger }), [k]));
    else if (parts.length !== 1) report(failure('shareAmountOrRemainder'), parts.length ? [parts[1]] : ['share']);
    if (m.trigger === 'on-date' && m.due == null) report(failure('required'), ['due']);
    if (m.trigger === 'after-service-evaluation' && m.period == null) report(failure('required'), ['period']);
    if (m.amountRule != null && m.trigger !== 'after-assessment') report(failure('amountRuleAfterAssessment'), ['amountRule']);
  },
);

export const RetentionSchema = z.object({ kind: oneOf(RETENTION_KINDS), share: decimal(positive, fraction) }, on('object'));

/** A periodic report the buyer asks for (Henan, seed 003 art. 25–26): due on `day` of the month `monthsAfter` its period's last month. */
export const ReportRuleSchema = z.object(
  { kind: oneOf(REPORT_KINDS), monthsAfter: integer(0, 12), day: dayOfMonth, holidayPostpones: optional(bool()) },
  on('object'),
);

export const ScheduleSchema = refined(
  z.object(
    {
      code: text(32),
      name: text(200),
      source: optional(text(300)),
      lots: optional(list(text(16), { nonEmpty: true })),
      deficitRule: optional(oneOf(DEFICIT_RULES)),
      retentions: optional(list(RetentionSchema, { max: RETENTION_KINDS.length })),
      milestones: list(MilestoneSpecSchema, { nonEmpty: true }),
      /** Terms that go with the schedule but are not payments (an invoice deadline), in the product's wording. */
      notes: optional(list(text(500))),
      reports: optional(list(ReportRuleSchema, { max: REPORT_KINDS.length })),
    },
    on('object'),
  ),
  (s, report) => {
    const retentions = s.retentions ?? [];
    retentions.forEach((r, i) => {
      const first = retentions.findIndex((o) => o.kind === r.kind);
      if (first < i)
        report(failure('duplicate', { what: 'retention', key: r.kind, first: `retentions[${first}]` }), ['retentions', i, 'kind']);
    });
    if (retentions.reduce((sum, r) => sum.plus(r.share), new D(0)).gt(1)) report(failure('retentionsOverFund'), ['retentions']);
    const reports = s.reports ?? [];
    reports.forEach((r, i) => {
      const first = reports.findIndex((o) => o.kind === r.kind);
      if (first < i) report(failure('duplicate', { what: 'report', key: r.kind, first: `reports[${first}]` }), ['reports', i, 'kind']);
    });
    for (const base of BASES) {
      const on = s.milestones.map((m, i) => ({ m, i })).filter(({ m }) => (m.base ?? 'contract') === base);
      let sum = new D(0);
      for (const { m, i } of on) {
        if (m.share == null) continue;
        sum = sum.plus(m.share);
        if (sum.gt(1)) report(failure('sharesOverWhole', { base, sum: sum.toString() }), ['milestones', i, 'share']);
      }
      const remainders = on.filter(({ m }) => m.remainder === true);
      remainders.slice(1).forEach(({ i }) => report(failure('oneRemainder', { base }), ['milestones', i, 'remainder']));
    }
    s.milestones.forEach((m, i) => {
      if (m.base === 'deposit' && !retentions.some((r) => r.kind === 'deposit'))
        report(failure('depositWithoutRetention'), ['milestones', i, 'base']);
    });
    // A schedule paying out of a fund is a premium fund's, which is settled under a deficit rule (§6.2).
    if (s.deficitRule == null && s.milestones.some((m) => m.base === 'fund' || m.base === 'deposit'))
      report(failure('required'), ['deficitRule']);
  },
);

/** A checked schedule with its decimals as strings and nothing left null, as the domain reads it. */
export function normalised(s: z.output<typeof ScheduleSchema>): Schedule {
  const drop = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v != null)) as { [K in keyof T]: Exclude<T[K], null> };
  return {
    ...drop({ ...s, retentions: s.retentions?.map((r) => ({ kind: r.kind, share: String(r.share) })) }),
    milestones: s.milestones.map((m) => drop({ ...m, share: m.share == null ? null : String(m.share), due: m.due && drop(m.due) })),
  } as Schedule;
}
