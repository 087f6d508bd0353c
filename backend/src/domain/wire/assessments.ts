import { AssessmentBandSchema } from '../dossier/dossier.schema';
import { bool, day, id, integer, integerText, list, on, oneOf, string, text, yuan, z } from '../validation';
import { DEADLINE_KINDS, FILE_KINDS, SCHEME_KINDS } from '../assessments/assessment-codes';
import { ASSESSMENT_STATUSES } from '../lifecycles';
import { calendarDay, decimalText, instant, jsonField, type ListQuery, pageQuery, reply } from './common';
import { AssessmentResultSchema } from './evaluation';

/**
 * Annual assessments (`/api/assessments`, `/api/assessment-schemes`, an organisation's history): the
 * bureau scores, the insurer reports, objects and reads its own.
 */

/** More items than any scheme has is a mistake, not a bigger assessment. */
const MAX_ITEMS = 200;

// ---- requests

/** A score as entered: a number or a decimal string; its range and precision are checked against the scheme. */
const scoreValue = () => z.union([z.number(on('number')), z.string(on('number')).regex(/\S/, on('number'))], on('number')).nullish();

/** An item score as a person enters it: points or a deduction, or the input of the item's rule. */
export const ItemInputSchema = z.strictObject(
  {
    no: text(16).meta({ description: 'the scheme item number' }),
    points: scoreValue().meta({ description: 'points scheme: points 0..max (or the rule input below)' }),
    deduction: scoreValue().meta({ description: 'deduction scheme: points deducted, ≥ 0 (counted at most up to the item weight)' }),
    met: bool().nullish().meta({ description: 'binary item: whether the condition is met (full points or none)' }),
    achieved: integer(0).nullish().meta({ description: 'k-of-n item: sub-items achieved' }),
    cases: integer(0).nullish().meta({ description: 'per-case item: cases found' }),
    note: string(1000).nullish().meta({ description: 'the assessor’s note (说明)' }),
  },
  on('object'),
);
const items = () => list(ItemInputSchema, { max: MAX_ITEMS });

export const SchemeQuerySchema = z.strictObject({
  tenderId: id().optional().meta({ description: 'also the schemes of this tender (imported with its dossier)' }),
});

export const CreateAssessmentSchema = z.strictObject(
  { schemeCode: text(64).meta({ description: 'a scheme code (GET /api/assessment-schemes?tenderId=)' }) },
  on('object'),
);

/** GET /api/assessments: optionally a page of them, sorted, filtered by year, status, contract and a part of the tender code or insurer. */
export const AssessmentListQuerySchema = z.strictObject({
  ...pageQuery(['id', 'tenderCode', 'lotNo', 'year', 'insurer', 'status', 'publishedAt'] as const),
  q: text(100).optional().meta({ description: 'a part of the tender code or of the insurer’s name' }),
  year: integerText(1900, 9999).optional(),
  status: oneOf(ASSESSMENT_STATUSES).optional(),
  contractId: id().optional(),
});

export const OverdueQuerySchema = z.strictObject({
  on: day().optional().meta({ description: 'the day to judge on (default: today, China time)' }),
});

export const YearQuerySchema = z.strictObject({ year: integerText(2000, 2100) });

export const RewardSplitSchema = z.strictObject(
  {
    tenderId: integer(1),
    year: integer(2000, 2100),
    budget: yuan().meta({ description: 'the yearly reward budget, above 0 and at most 1,000,000', example: '1000000.00' }),
  },
  on('object'),
);

/** PUT /api/assessments/:id/items: the items to set (others keep their score), and the operating cost. */
export const ScoreItemsSchema = z.strictObject(
  {
    items: items(),
    operatingCost: yuan()
      .nullish()
      .meta({ description: 'operating cost incl. profit (points schemes: the base of the deduction on a fail)' }),
  },
  on('object'),
);

/** Multipart beside the report `file`: the items as a JSON text field, and a summary of the year. */
export const SelfAssessmentSchema = z.strictObject(
  {
    items: jsonField(items()).meta({ description: 'JSON array of items [{no, points|deduction, note}]' }),
    summary: string(5000).nullish().meta({ description: 'a summary of the year (年度运行情况概述)' }),
  },
  on('object'),
);

/** Multipart beside the evidence `file`. */
export const EvidenceSchema = z.strictObject(
  { description: string(500).nullish().meta({ description: 'what the file shows' }) },
  on('object'),
);

export const ObjectionSchema = z.strictObject(
  {
    text: text(2000).meta({ description: 'the objection (异议) and its grounds' }),
    itemNo: text(16)
      .nullish()
      .meta({ description: 'the scheme item objected to; none for the result as a whole (one open objection each, 20 in all)' }),
  },
  on('object'),
);

export const AnswerSchema = z.strictObject(
  {
    text: text(2000).meta({ description: 'the bureau’s answer (复核意见)' }),
    revisedItems: items().nullish().meta({ description: 'item scores the answer revises' }),
  },
  on('object'),
);

export type ItemInput = z.output<typeof ItemInputSchema>;
export type RewardSplitBody = z.output<typeof RewardSplitSchema>;
export type AnswerBody = z.output<typeof AnswerSchema>;
/** As the query string carries it (`?year=2024`), and as read. */
export type AssessmentListQuery = ListQuery<typeof AssessmentListQuerySchema>;
export type AssessmentFilter = z.output<typeof AssessmentListQuerySchema>;
/** As read: the items parsed from their JSON text field. */
export type SelfAssessmentFields = z.output<typeof SelfAssessmentSchema>;
/** What a client sends: an item score as entered, and the bodies that carry them. */
export type ItemEntry = z.input<typeof ItemInputSchema>;
export type ScoreItemsRequest = z.input<typeof ScoreItemsSchema>;
export type AnswerRequest = z.input<typeof AnswerSchema>;
export type RewardSplitRequest = z.input<typeof RewardSplitSchema>;
/** As the query string carries them. */
export type SchemeQuery = z.input<typeof SchemeQuerySchema>;
export type YearQuery = z.input<typeof YearQuerySchema>;

// ---- answers

export const ItemRuleSchema = z.discriminatedUnion('kind', [
  reply({ kind: z.literal('binary') }),
  reply({ kind: z.literal('k-of-n'), n: z.number().int(), pointsEach: decimalText() }),
  reply({ kind: z.literal('per-case-deduction'), perCase: decimalText() }),
  reply({ kind: z.literal('judgement') }),
]);

export const SchemeItemSchema = reply({
  no: z.string(),
  name: z.string(),
  /** Points scheme: the item's maximum; deduction scheme: its weight, the cap on its deductions. */
  max: decimalText(),
  rule: ItemRuleSchema.optional(),
  /** 考核指标: what is checked, as the scheme words it. */
  indicator: z.string().optional(),
  /** 考核方式及依据: the evidence the assessor looks at. */
  basis: z.string().optional(),
});

export const AssessmentSchemeViewSchema = reply({
  id: z.number().int(),
  /** Null for a global scheme. */
  tenderId: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(SCHEME_KINDS),
  passMark: decimalText().nullable(),
  failDeductionRate: decimalText().nullable(),
  bands: z.array(AssessmentBandSchema).nullable(),
  items: z.array(SchemeItemSchema),
  /** When the assessment is due: by the end of `month`, `yearOffset` years after the contract year; null: 3 months after it. */
  due: reply({ month: z.number().int(), yearOffset: z.number().int() }).nullable(),
});

/** An item score as recorded: points or a deduction, with the rule's input when the points came from it. */
export const ItemScoreSchema = reply({
  no: z.string(),
  points: decimalText().optional(),
  deduction: decimalText().optional(),
  met: z.boolean().optional(),
  achieved: z.number().int().optional(),
  cases: z.number().int().optional(),
  note: z.string().optional(),
});

/** The result as it stands, and whether it can be published. */
export const AssessmentOutcomeSchema = reply({
  ...AssessmentResultSchema.omit({ lot: true, year: true, scheme: true, kind: true }).shape,
  complete: z.boolean(),
  unscored: z.array(z.string()),
});

export const AssessmentSummarySchema = reply({
  id: z.number().int(),
  status: z.enum(ASSESSMENT_STATUSES),
  contractId: z.number().int(),
  tenderId: z.number().int(),
  tenderCode: z.string(),
  tenderName: z.string(),
  lotNo: z.string(),
  lotName: z.string(),
  year: z.number().int(),
  insurer: z.string(),
  organizationId: z.number().int().nullable(),
  schemeCode: z.string(),
  schemeName: z.string(),
  kind: z.enum(SCHEME_KINDS),
  deadlines: reply({
    reportDue: calendarDay(),
    assessmentDue: calendarDay(),
    objectionDeadline: calendarDay().nullable(),
    rewardDue: calendarDay().nullable(),
  }),
  submittedAt: instant().nullable(),
  publishedAt: instant().nullable(),
  finalisedAt: instant().nullable(),
  /** Null for the insurer until the result is published. */
  result: AssessmentOutcomeSchema.nullable(),
});

export const AssessmentFileSchema = reply({
  id: z.number().int(),
  assessmentId: z.number().int(),
  kind: z.enum(FILE_KINDS),
  itemNo: z.string().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  description: z.string().nullable(),
  uploadedBy: z.string(),
  uploadedAt: instant(),
});

export const ObjectionViewSchema = reply({
  id: z.number().int(),
  assessmentId: z.number().int(),
  itemNo: z.string().nullable(),
  text: z.string(),
  raisedBy: z.string(),
  raisedAt: instant(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: instant().nullable(),
  revisedItems: z.array(ItemScoreSchema).nullable(),
});

export const AssessmentDetailSchema = reply({
  ...AssessmentSummarySchema.shape,
  contract: reply({ id: z.number().int(), status: z.string(), contractAmount: decimalText(), rewardBudget: decimalText().nullable() }),
  scheme: AssessmentSchemeViewSchema,
  /** Null for the insurer until the result is published (also the two amounts). */
  items: z.array(ItemScoreSchema).nullable(),
  operatingCost: decimalText().nullable(),
  maxReward: decimalText().nullable(),
  selfAssessment: reply({
    items: z.array(ItemScoreSchema),
    summary: z.string().nullable(),
    submittedAt: instant().nullable(),
    score: decimalText(),
    grade: z.string().nullable(),
  }).nullable(),
  files: z.array(AssessmentFileSchema),
  objections: z.array(ObjectionViewSchema),
  rewardMilestone: reply({
    id: z.number().int(),
    seq: z.number().int(),
    name: z.string(),
    amount: decimalText(),
    status: z.string(),
    dueDate: calendarDay().nullable(),
  }).nullable(),
});

/** A missed deadline (GET /api/assessments/overdue). */
export const OverdueItemSchema = reply({
  kind: z.enum(DEADLINE_KINDS),
  contractId: z.number().int(),
  assessmentId: z.number().int().nullable(),
  /** The period of a periodic report (2026-03, 2026-H1, 2026); empty for the deadlines of the contract year. */
  period: z.string(),
  dueDate: calendarDay(),
  daysOverdue: z.number().int(),
  tenderId: z.number().int(),
  tenderCode: z.string(),
  lotNo: z.string(),
  year: z.number().int(),
  insurer: z.string(),
  organizationId: z.number().int().nullable(),
  /** When the daily job first recorded it. */
  noticedAt: instant().nullable(),
});

/** A contract to end early and its lot to re-tender (a 不合格 final result). */
export const TerminationSchema = reply({
  assessmentId: z.number().int(),
  contractId: z.number().int(),
  contractStatus: z.string(),
  tenderId: z.number().int(),
  tenderCode: z.string(),
  lotNo: z.string(),
  lotName: z.string(),
  year: z.number().int(),
  insurer: z.string(),
  organizationId: z.number().int().nullable(),
  score: decimalText(),
  grade: z.string().nullable(),
  finalisedAt: instant().nullable(),
  retender: z.literal(true),
});

export const RewardSplitResultSchema = reply({
  tenderId: z.number().int(),
  year: z.number().int(),
  budget: decimalText(),
  shares: z.array(reply({ lotNo: z.string(), contractId: z.number().int(), contractAmount: decimalText(), share: decimalText() })),
});

export const HistoryEntrySchema = reply({
  assessmentId: z.number().int(),
  contractId: z.number().int(),
  tenderId: z.number().int(),
  tenderCode: z.string(),
  tenderName: z.string(),
  lotNo: z.string(),
  year: z.number().int(),
  schemeCode: z.string(),
  schemeName: z.string(),
  kind: z.enum(SCHEME_KINDS),
  /** The scheme's thresholds the score is read against: a points scheme's pass mark, a deduction scheme's grade bands. */
  passMark: decimalText().nullable(),
  bands: z.array(reply({ min: decimalText(), grade: z.string() })).nullable(),
  score: decimalText(),
  grade: z.string().nullable(),
  passed: z.boolean(),
  rewardRate: decimalText().nullable(),
  rewardAmount: decimalText(),
  deductionAmount: decimalText(),
  terminate: z.boolean(),
  finalisedAt: instant().nullable(),
});

/** An organisation's final results across tenders and years, and the repeated-failure flag (DOMAIN.md §7). */
export const AssessmentHistorySchema = reply({
  organization: reply({ id: z.number().int(), code: z.string(), name: z.string() }),
  entries: z.array(HistoryEntrySchema),
  repeatedFailures: reply({ failedYears: z.array(z.number().int()) }).nullable(),
});

export type ItemRule = z.output<typeof ItemRuleSchema>;
export type SchemeItem = z.output<typeof SchemeItemSchema>;
export type AssessmentSchemeView = z.output<typeof AssessmentSchemeViewSchema>;
export type ItemScore = z.output<typeof ItemScoreSchema>;
export type AssessmentOutcome = z.output<typeof AssessmentOutcomeSchema>;
export type AssessmentSummary = z.output<typeof AssessmentSummarySchema>;
export type AssessmentFile = z.output<typeof AssessmentFileSchema>;
export type ObjectionView = z.output<typeof ObjectionViewSchema>;
export type AssessmentDetail = z.output<typeof AssessmentDetailSchema>;
export type OverdueItem = z.output<typeof OverdueItemSchema>;
export type Termination = z.output<typeof TerminationSchema>;
export type RewardSplit = z.output<typeof RewardSplitResultSchema>;
export type HistoryEntry = z.output<typeof HistoryEntrySchema>;
export type AssessmentHistory = z.output<typeof AssessmentHistorySchema>;
