import { on, oneOf, text, z } from '../validation';
import { decimalText, FieldErrorSchema, reply } from './common';
import { MILESTONE_STATUSES } from '../lifecycles';

/**
 * Evaluation results (DOSSIER.md "Evaluation result"): `GET /api/tenders/:id/results`, the preview, the
 * confirmation and the cancellations all answer with them; the evaluation engine's output types are
 * these (domain/evaluation/types.ts).
 */

export const LOT_RESULT_STATUSES = ['awarded', 'failed', 'not-awarded'] as const;
export const CANCELLATION_KINDS = ['declined', 'disqualified'] as const;
export const AWARD_EVENTS = ['won', 'declined', 'disqualified', 'not-awarded'] as const;

// ---- requests

/** A confirmed winner declines (放弃中标) or is disqualified (取消中标资格); the next-ranked bid wins. */
export const CancellationSchema = z.strictObject(
  {
    bidder: text(64).meta({ description: 'the confirmed winner of the lot (bidder code)' }),
    kind: oneOf(CANCELLATION_KINDS),
    reason: text(500),
  },
  on('object'),
);
export type CancellationBody = z.input<typeof CancellationSchema>;

/** 重新评审: procurement reopens a lot of a confirmed award (an upheld challenge, an error of the panel), with the reason. */
export const ReevaluationSchema = z.strictObject({ reason: text(500) }, on('object'));
export type ReevaluationBody = z.input<typeof ReevaluationSchema>;

// ---- answers

const score = () => decimalText().nullable();

export const BidResultSchema = reply({
  bidder: z.string(),
  valid: z.boolean(),
  invalidReasons: z.array(z.string()),
  /** e.g. "abnormal-low", "related-party", "outlier:E2:13". */
  flags: z.array(z.string()),
  /** P to the 分; null when the bid does not compete in the lot. */
  evaluatedPrice: score(),
  priceScore: score(),
  nonPriceScore: score(),
  /** The price score plus the non-price mean, less the repeated-failure deduction when the panel applied it. */
  finalScore: score(),
  /** Format 2: the repeated-failure deduction (DOMAIN.md §7) taken from the final score; absent when none was applied. */
  repeatedFailureDeduction: decimalText().optional(),
  categoryScores: z.record(z.string(), decimalText()).nullable(),
  rank: z.number().int().nullable(),
});

/** A lot exclusion (DOMAIN.md §5). */
export const SetAsideSchema = reply({ bidder: z.string(), reason: z.string() });

/**
 * One resolved tie. `bidders` are the tied codes, sorted. For a draw, `seed` replays it and `order` is
 * the drawn order (best first).
 */
export const TieBreakSchema = reply({
  bidders: z.array(z.string()),
  decidedBy: z.string().meta({ description: '"price", a category, or "draw"' }),
  seed: z.union([z.string(), z.number()]).optional(),
  order: z.array(z.string()).optional(),
});

/** A confirmed winner that declines or is disqualified after the award. */
export const AwardCancellationSchema = reply({ lot: z.string(), bidder: z.string(), kind: z.enum(CANCELLATION_KINDS) });

/**
 * One step of a lot's award history. `at` is 0 for the evaluation itself and i for the i-th
 * cancellation; `cause` is the cancellation in another lot that caused this step, if any.
 */
export const AwardEventSchema = reply({
  at: z.number().int(),
  event: z.enum(AWARD_EVENTS),
  bidder: z.string().nullable(),
  cause: AwardCancellationSchema.optional(),
});

export const LotResultSchema = reply({
  no: z.string(),
  status: z.enum(LOT_RESULT_STATUSES),
  failReason: z.string().nullable(),
  /** B to the 分; null when no bid competes. */
  basePrice: decimalText().nullable(),
  setAside: z.array(SetAsideSchema),
  bids: z.array(BidResultSchema),
  tieBreaks: z.array(TieBreakSchema),
  winner: z.string().nullable(),
  awardChain: z.array(AwardEventSchema),
});

/** Something people must fix before results can be published; the results are computed regardless. */
export const EngineErrorSchema = reply({
  lot: z.string().optional(),
  bidder: z.string().optional(),
  expert: z.string().optional(),
  criterion: z.string().optional(),
  message: z.string(),
});

/** The result of a contract year's annual assessment (DOMAIN.md §7). */
export const AssessmentResultSchema = reply({
  lot: z.string(),
  year: z.number().int(),
  scheme: z.string(),
  kind: z.enum(['points', 'deduction']),
  /** Published to 2 decimals; pass and grade are judged on the exact score. */
  score: decimalText(),
  /** Deduction scheme: the band's grade; points scheme: 达标 / 不达标. */
  grade: z.string().nullable(),
  passed: z.boolean(),
  /** Deduction scheme only. */
  rewardRate: decimalText().nullable(),
  rewardAmount: decimalText(),
  deductionAmount: decimalText(),
  terminate: z.boolean(),
  /** Each scheme item, in the scheme's order: the points it earned, or its deduction capped at its max. */
  items: z.array(reply({ no: z.string(), score: decimalText() })),
  /** Data problems the bureau must fix (the result is computed regardless), each a code of the error catalogue at its field. */
  errors: z.array(FieldErrorSchema),
});

/** A contract's milestones and, for a premium fund that was settled, its settlement (DOMAIN.md §6). */
export const ContractResultSchema = reply({
  lot: z.string(),
  year: z.number().int(),
  amount: decimalText(),
  fund: decimalText().nullable(),
  milestones: z.array(
    reply({ name: z.string(), amount: decimalText().nullable(), status: z.enum(MILESTONE_STATUSES), due: z.string().nullable() }),
  ),
  settlement: reply({
    allowance: decimalText(),
    deduction: decimalText(),
    balance: decimalText(),
    insurerBears: decimalText(),
    fundBears: decimalText(),
    surplus: decimalText(),
    forfeitedDeposit: decimalText(),
    paidOrPayable: decimalText(),
    payment: decimalText(),
  }).optional(),
});

export const TenderResultsSchema = reply({
  tender: z.string(),
  /** 'awarded' when at least one lot is awarded. */
  status: z.enum(['awarded', 'failed']),
  /** In evaluation order. */
  lots: z.array(LotResultSchema),
  errors: z.array(EngineErrorSchema),
  assessments: z.array(AssessmentResultSchema),
  /** Format 2: each contract of the dossier as it stands on its asOf (DOSSIER.md "Evaluation result"). */
  contracts: z.array(ContractResultSchema).optional(),
});

/**
 * GET /api/tenders/:id/results/history: each confirmed award that a re-evaluation set aside, oldest
 * first, as it was confirmed (results and cancellations), with the lot reopened, why, by whom and when.
 */
export const AwardHistorySchema = reply({
  round: z.number().int(),
  confirmedAt: z.string(),
  confirmedBy: z.string(),
  results: TenderResultsSchema,
  cancellations: z.array(
    reply({ lot: z.string(), bidder: z.string(), kind: z.enum(CANCELLATION_KINDS), reason: z.string(), at: z.string(), by: z.string() }),
  ),
  lot: z.string(),
  reason: z.string(),
  reopenedAt: z.string(),
  reopenedBy: z.string(),
});
export type AwardHistoryView = z.output<typeof AwardHistorySchema>;

export type BidResult = z.output<typeof BidResultSchema>;
export type SetAside = z.output<typeof SetAsideSchema>;
export type TieBreak = z.output<typeof TieBreakSchema>;
export type AwardEvent = z.output<typeof AwardEventSchema>;
export type LotResult = z.output<typeof LotResultSchema>;
export type EngineError = z.output<typeof EngineErrorSchema>;
export type AssessmentResult = z.output<typeof AssessmentResultSchema>;
export type TenderResults = z.output<typeof TenderResultsSchema>;

/**
 * GET /api/tenders/:id/lots/:lot/score-distribution: per non-price criterion of the lot's scheme, each
 * scored bid's expert scores (记名打分, by the expert's panel code) and their spread — least, quartiles,
 * greatest (a box plot) and mean — as decimal strings rounded half-up to 2 decimals.
 */
export const ScoreSpreadSchema = reply({
  bidder: z.string(),
  scores: z.array(reply({ expert: z.string(), value: decimalText() })),
  min: decimalText(),
  q1: decimalText(),
  median: decimalText(),
  q3: decimalText(),
  max: decimalText(),
  mean: decimalText(),
});
export const CriterionDistributionSchema = reply({
  no: z.string(),
  category: z.string(),
  name: z.string(),
  kind: z.enum(['objective', 'subjective']),
  /** The criterion's maximum: the chart's scale. */
  max: decimalText(),
  /** The scored bids, by bidder code. */
  bids: z.array(ScoreSpreadSchema),
});
export const ScoreDistributionSchema = reply({
  lot: z.string(),
  /** The criteria in the scheme's order. */
  criteria: z.array(CriterionDistributionSchema),
});
export type ScoreSpread = z.output<typeof ScoreSpreadSchema>;
export type CriterionDistribution = z.output<typeof CriterionDistributionSchema>;
export type ScoreDistribution = z.output<typeof ScoreDistributionSchema>;
