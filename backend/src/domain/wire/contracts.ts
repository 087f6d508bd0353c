import { AMOUNT_RULES, BASES, TRIGGERS } from '../contracts/payment-schedule';
import { REPORT_KINDS } from '../contracts/periodic-reports';
import { RETENTION_KINDS } from '../contracts/retentions';
import { DEFICIT_RULES } from '../contracts/settlement';
import { D } from '../decimal';
import { CONTRACT_STATUSES, MILESTONE_STATUSES } from '../lifecycles';
import { ComponentSchema, CONTRACT_KINDS } from '../dossier/dossier.schema';
import {
  bool,
  day,
  decimal,
  failure,
  fraction,
  id,
  integer,
  integerText,
  list,
  on,
  oneOf,
  positive,
  refined,
  text,
  yuan,
  z,
} from '../validation';
import { calendarDay, decimalText, instant, type ListQuery, pageQuery, reply, version } from './common';
import { DocumentInfoSchema } from './documents';

/**
 * Annual contracts per awarded lot (`/api/contracts`, `/api/tenders/:id/lots/:lotNo/contracts`) and
 * their payment milestones.
 */

// ---- requests

export const CreateContractSchema = z.strictObject(
  {
    year: integer(2000, 2100).meta({ description: 'contract year, within the tender’s contract term' }),
    scheduleTemplate: text(32).meta({
      description: 'payment-schedule code (GET /api/contracts/schedule-templates; the tender’s own first)',
    }),
    effectiveDate: day().nullish().meta({ description: 'the day the term starts; default 1 January of the year' }),
    fundStandard: yuan().nullish().meta({ description: 'premium: the per-capita funding standard (元/人/年)' }),
    allowanceRate: decimal(positive, fraction)
      .nullish()
      .meta({ description: 'premium: the allowance as a rate of the fund; default the winning bid’s rate' }),
    policyDeficitShare: decimal(fraction)
      .nullish()
      .meta({ description: 'premium, shared deficit rule: the insurer’s share; default the winning bid’s' }),
  },
  on('object'),
);

/** GET /api/contracts: optionally a page of them, sorted, filtered by tender, status, year and a part of the tender code or insurer. */
export const ContractListQuerySchema = z.strictObject({
  ...pageQuery(['id', 'tenderCode', 'lotNo', 'year', 'insurer', 'status', 'termStart'] as const),
  tenderId: id().optional(),
  status: oneOf(CONTRACT_STATUSES).optional(),
  year: integerText(1900, 9999).optional(),
  q: text(100).optional().meta({ description: 'a part of the tender code or of the insurer’s name' }),
});
export type ContractListQuery = ListQuery<typeof ContractListQuerySchema>;
export type ContractFilter = z.output<typeof ContractListQuerySchema>;

/** The schedules a contract may be drawn up with: with a tender, its own (from its dossier) first. */
export const ScheduleTemplatesQuerySchema = z.strictObject({
  tenderId: id().optional().meta({ description: 'a tender whose own payment schedules come first' }),
});

/** Population on 1 January (a draft's amounts follow) and status; `version` guards against lost updates. */
export const UpdateContractSchema = z.strictObject(
  {
    version: version(),
    population: integer(1, 999_999_999).nullish().meta({ description: 'insured population on 1 January of the contract year' }),
    status: oneOf(CONTRACT_STATUSES).nullish(),
  },
  on('object'),
);

/**
 * The year's figures of a premium fund for a settlement preview (DOMAIN.md §6.2): nothing is stored.
 * `policyDeficitShare` goes with the `shared` rule only; at most one retention of each kind, together
 * at most the whole fund.
 */
export const SettlementPreviewSchema = refined(
  z.strictObject(
    {
      fund: yuan().meta({ description: 'F: per-capita funding standard × insured population on the reference date' }),
      claims: yuan().meta({ description: 'C: claims paid out of the fund in the year' }),
      policyDeficit: bool().meta({ description: 'whether a deficit is policy-caused (政策性)' }),
      allowanceRate: decimal(fraction).meta({ description: 'a: the allowance for operating cost and profit as a rate of F' }),
      deficitRule: oneOf(DEFICIT_RULES),
      policyDeficitShare: decimal(fraction).nullish().meta({ description: 's: the insurer’s share of a policy-caused deficit (shared)' }),
      retentions: list(z.strictObject({ kind: oneOf(RETENTION_KINDS), share: decimal(fraction) }, on('object')), {
        max: RETENTION_KINDS.length,
      }),
      assessmentPassed: bool().meta({ description: 'the final assessment of the year passed' }),
      failDeductionRate: decimal(fraction)
        .nullish()
        .meta({ description: 'the points scheme’s deduction from the allowance on a failed assessment (Shenyang 0.005)' }),
      paidOrPayable: yuan().meta({
        description: 'what the fund and deposit milestones other than the settlement have paid or made payable',
      }),
    },
    on('object'),
  ),
  (v, report) => {
    if (v.deficitRule === 'shared' && v.policyDeficitShare == null) report(failure('required'), ['policyDeficitShare']);
    if (v.deficitRule !== 'shared' && v.policyDeficitShare != null) report(failure('shareOnlyShared'), ['policyDeficitShare']);
    v.retentions.forEach((r, i) => {
      const first = v.retentions.findIndex((o) => o.kind === r.kind);
      if (first < i)
        report(failure('duplicate', { what: 'retention', key: r.kind, first: `retentions[${first}]` }), ['retentions', i, 'kind']);
    });
    if (v.retentions.reduce((sum, r) => sum.plus(r.share), new D(0)).gt(1)) report(failure('retentionsOverFund'), ['retentions']);
  },
);

export type CreateContract = z.input<typeof CreateContractSchema>;
export type ContractChanges = z.input<typeof UpdateContractSchema>;

// ---- answers

const dayOfMonth = z.union([z.number().int(), z.literal('end')]);

/** A day in the contract year (or a later one), or a day in a month after signing; `day: 'end'` is the month's last day. */
export const DueRuleSchema = z.union([
  reply({ month: z.number().int(), day: dayOfMonth, yearOffset: z.number().int().optional() }),
  reply({ monthsAfterSigning: z.number().int(), day: dayOfMonth }),
]);

/** A periodic report a contract asks for (domain/contracts/periodic-reports.ts): due on `day` of the month `monthsAfter` its period's last month. */
export const ReportRuleSchema = reply({
  kind: z.enum(REPORT_KINDS),
  monthsAfter: z.number().int(),
  day: dayOfMonth,
  /** 遇法定节假日顺延. */
  holidayPostpones: z.boolean().optional(),
});
const RetentionReply = reply({ kind: z.enum(RETENTION_KINDS), share: decimalText() });

/** A contract as lists show it: its own fields with the names of its tender, lot and insurer. */
export const ContractSummarySchema = reply({
  id: z.number().int(),
  tenderId: z.number().int(),
  lotNo: z.string(),
  year: z.number().int(),
  bidderId: z.number().int(),
  kind: z.enum(CONTRACT_KINDS),
  /** The term: from the effective date to its last day. */
  termStart: calendarDay(),
  termEnd: calendarDay(),
  /** Per-capita: the winning bid's unit price after price correction (元/人/年). */
  unitPrice: decimalText().nullable(),
  /** Insured population on the reference date; null until the bureau enters it (the amounts are then provisional). */
  population: z.number().int().nullable(),
  serviceAmount: decimalText().nullable(),
  /** Premium: standard, fund F, allowance rate a and A = a × F, the insurer's share of a policy-caused deficit. */
  fundStandard: decimalText().nullable(),
  fund: decimalText().nullable(),
  allowanceRate: decimalText().nullable(),
  allowance: decimalText().nullable(),
  policyDeficitShare: decimalText().nullable(),
  deficitRule: z.enum(DEFICIT_RULES).nullable(),
  retentions: z.array(RetentionReply),
  fixedFees: z.array(ComponentSchema),
  /** The `contract` base: per-capita service + fees; premium the fund; fixed-price the bid less rewards. */
  contractAmount: decimalText(),
  rewardBudget: decimalText().nullable(),
  scheduleTemplate: z.string(),
  /** The periodic reports it asks of the insurer; null: none. */
  reportRules: z.array(ReportRuleSchema).nullable(),
  status: z.enum(CONTRACT_STATUSES),
  signedAt: instant().nullable(),
  /** A contract imported from a dossier: the day its milestones' statuses stand on (DOSSIER.md CONTRACT.asOf). */
  asOf: z.string().nullable(),
  version: z.number().int(),
  createdAt: instant(),
  updatedAt: instant(),
  tenderCode: z.string(),
  tenderName: z.string(),
  purchaser: z.string(),
  lotName: z.string(),
  regions: z.array(z.string()),
  basePopulation: z.number().int().nullable(),
  insurer: z.string(),
});

export const PaymentMilestoneSchema = reply({
  id: z.number().int(),
  contractId: z.number().int(),
  seq: z.number().int(),
  name: z.string(),
  base: z.enum(BASES),
  share: decimalText().nullable(),
  fixedAmount: decimalText().nullable(),
  remainder: z.boolean(),
  trigger: z.enum(TRIGGERS),
  amountRule: z.enum(AMOUNT_RULES).nullable(),
  period: z.string().nullable(),
  source: z.string().nullable(),
  dueRule: DueRuleSchema.nullable(),
  /** Null when there is none or it depends on a signing still to come. */
  dueDate: calendarDay().nullable(),
  status: z.enum(MILESTONE_STATUSES),
  /** Null while unknown (an application not yet approved, no settlement yet). */
  amount: decimalText().nullable(),
  /** `on-application`: what the insurer applied for, and when. */
  requested: decimalText().nullable(),
  appliedOn: calendarDay().nullable(),
  paidOn: calendarDay().nullable(),
  voucher: z.string().nullable(),
  withheldReason: z.string().nullable(),
});

/** A contract with its milestones (as changed by POST and PATCH). */
export const ContractSchema = reply({ ...ContractSummarySchema.shape, milestones: z.array(PaymentMilestoneSchema) });

/** GET /api/contracts/:id: also its stored PDF versions, newest first. */
export const ContractDetailSchema = reply({ ...ContractSchema.shape, documents: z.array(DocumentInfoSchema) });

/** A payment schedule (seed/payment-schedules.json, or a tender's from its dossier; DOSSIER.md SCHEDULE). */
export const ScheduleTemplateSchema = reply({
  code: z.string(),
  name: z.string(),
  /** Where the buyer's terms come from. */
  source: z.string().optional(),
  lots: z.array(z.string()).optional(),
  deficitRule: z.enum(DEFICIT_RULES).optional(),
  retentions: z.array(RetentionReply).optional(),
  milestones: z.array(
    reply({
      name: z.string(),
      base: z.enum(BASES).optional(),
      /** A fraction of the base ("0.30"). */
      share: decimalText().optional(),
      /** A fixed amount in 元. */
      amount: decimalText().optional(),
      remainder: z.boolean().optional(),
      trigger: z.enum(TRIGGERS),
      amountRule: z.enum(AMOUNT_RULES).optional(),
      period: z.string().optional(),
      due: DueRuleSchema.optional(),
      source: z.string().optional(),
    }),
  ),
  /** Terms that go with the schedule but are not payments (an invoice deadline). */
  notes: z.array(z.string()).optional(),
  /** The periodic reports the buyer asks for (Henan, seed 003 art. 25–26); absent: none. */
  reports: z.array(ReportRuleSchema).optional(),
});

/** The computed settlement (DOMAIN.md §6.2), amounts to the 分; a negative payment is the insurer's refund. */
export const SettlementSchema = reply({
  fund: decimalText(),
  claims: decimalText(),
  allowance: decimalText(),
  deduction: decimalText(),
  allowanceNet: decimalText(),
  balance: decimalText(),
  surplus: decimalText(),
  insurerBears: decimalText(),
  fundBears: decimalText(),
  fromReserve: decimalText(),
  beyondReserve: decimalText(),
  forfeitedDeposit: decimalText(),
  due: decimalText(),
  paidOrPayable: decimalText(),
  payment: decimalText(),
});

export type ContractSummary = z.output<typeof ContractSummarySchema>;
export type PaymentMilestone = z.output<typeof PaymentMilestoneSchema>;
export type Contract = z.output<typeof ContractSchema>;
export type ContractDetail = z.output<typeof ContractDetailSchema>;
export type ScheduleTemplate = z.output<typeof ScheduleTemplateSchema>;
export type DueRule = z.output<typeof DueRuleSchema>;
export type SettlementPreview = z.output<typeof SettlementPreviewSchema>;
