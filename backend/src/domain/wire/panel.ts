import { bool, integer, list, on, string, text, z } from '../validation';
import { decimalText, instant, reply } from './common';
import { SHEET_STATUSES, TENDER_STATUSES } from '../lifecycles';
import { DECLARATIONS, SHEET_PROGRESS } from '../panel/panel-codes';

/**
 * The evaluation panel (`/api/tenders/:id/panel`, the experts' sheets): members, declarations, score
 * sheets. No answer of these carries another expert's scores.
 */

// ---- requests

export const AddMemberSchema = z.strictObject(
  { userId: integer(1).meta({ description: 'an expert user' }), isLeader: bool().nullish() },
  on('object'),
);

/** 回避声明: true means a conflict of interest with a listed bidder, and the member leaves the panel. */
export const DeclarationSchema = z.strictObject({ conflict: bool(), note: string(500).nullish() }, on('object'));

/** One subjective score; its range and 0.1 grid are checked against the criterion with the other entries. */
export const ScoreEntrySchema = z.strictObject(
  { bidId: integer(1), criterionNo: text(16), value: string(32).meta({ description: '0..criterion max in steps of 0.1, e.g. "3.5"' }) },
  on('object'),
);
export const SaveScoresSchema = z.strictObject({ scores: list(ScoreEntrySchema, { max: 5000 }) }, on('object'));

export const ReturnSheetSchema = z.strictObject(
  { reason: text(500).meta({ description: 'why the sheet goes back for re-review' }) },
  on('object'),
);

/** The panel's majority decision on a score flagged 畸高畸低, recorded by the leader. */
export const OutlierDecisionSchema = z.strictObject(
  { panelMemberId: integer(1), bidId: integer(1), criterionNo: text(16), decision: text(500) },
  on('object'),
);

export type AddMember = z.input<typeof AddMemberSchema>;
export type DeclarationBody = z.input<typeof DeclarationSchema>;
export type ScoreEntry = z.input<typeof ScoreEntrySchema>;
export type OutlierDecision = z.input<typeof OutlierDecisionSchema>;

// ---- answers

const MEMBER = {
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  userId: z.number().int().nullable(),
  isLeader: z.boolean(),
  /** Null until the expert declares; `conflict` means the member has left the panel. */
  declaration: z.enum(DECLARATIONS).nullable(),
  declaredAt: instant().nullable(),
};

export const PanelMemberViewSchema = reply(MEMBER);

/** A member with the state of each lot's sheet (never scores). */
export const PanelProgressSchema = reply({ ...MEMBER, sheets: z.array(reply({ lot: z.string(), status: z.enum(SHEET_PROGRESS) })) });

/** An expert user not yet on the panel. */
export const PanelCandidateSchema = reply({ id: z.number().int(), username: z.string(), displayName: z.string() });

export const LeaderSchema = reply({ leader: z.string() });

/** The expert's own seat: the bidders to declare against, the lots and their sheets. */
export const PanelMeSchema = reply({
  tender: reply({ id: z.number().int(), code: z.string(), name: z.string(), status: z.enum(TENDER_STATUSES) }),
  member: PanelMemberViewSchema,
  bidders: z.array(reply({ code: z.string(), name: z.string() })),
  lots: z.array(reply({ no: z.string(), name: z.string(), sheet: z.enum(SHEET_PROGRESS) })),
});

/** An expert's score sheet for one lot: criteria × valid bids, objective points prefilled, own scores only. */
export const ScoreSheetSchema = reply({
  tender: reply({ id: z.number().int(), code: z.string(), name: z.string() }),
  lot: reply({ no: z.string(), name: z.string() }),
  status: z.enum(SHEET_STATUSES),
  version: z.number().int(),
  isLeader: z.boolean(),
  criteria: z.array(
    reply({ no: z.string(), category: z.string(), name: z.string(), max: decimalText(), kind: z.enum(['objective', 'subjective']) }),
  ),
  bids: z.array(
    reply({
      bidId: z.number().int(),
      bidder: z.string(),
      bidderName: z.string(),
      /** Objective points by criterion number. */
      objective: z.record(z.string(), decimalText()),
      /** The expert's own subjective scores by criterion number. */
      scores: z.record(z.string(), decimalText()),
      /**
       * Criterion numbers whose own score is far from the other experts' mean (畸高畸低): empty until
       * every sheet of the lot is submitted, so that no flag tells of the others' unsubmitted scores.
       */
      outliers: z.array(z.string()),
    }),
  ),
});

export const SheetSubmittedSchema = reply({ status: z.literal('submitted'), submittedAt: instant() });
export const SheetReturnedSchema = reply({ status: z.literal('draft') });
export const RecordedSchema = reply({ recorded: z.literal(true) });

/**
 * GET /api/tenders/:id/lots/:lotNo/outliers: the lot's 畸高畸低 scores once every sheet is in, each with
 * the panel's decision if one resolves it; before that only the members whose sheets are missing.
 */
export const LotOutliersSchema = reply({
  lot: z.string(),
  /** Every sheet of the members still on the panel is submitted. */
  complete: z.boolean(),
  /** Codes of the members whose sheet is not submitted. */
  missing: z.array(z.string()),
  outliers: z.array(
    reply({
      panelMemberId: z.number().int(),
      member: z.string(),
      memberName: z.string(),
      bidId: z.number().int(),
      bidder: z.string(),
      bidderName: z.string(),
      criterionNo: z.string(),
      criterionName: z.string(),
      max: decimalText(),
      value: decimalText(),
      othersMean: decimalText(),
      decision: reply({ decision: z.string(), decidedBy: z.string(), decidedAt: instant() }).nullable(),
    }),
  ),
});
export type LotOutliers = z.output<typeof LotOutliersSchema>;
/** One 畸高畸低 score of a lot, with the panel's decision if any. */
export type FlaggedScore = LotOutliers['outliers'][number];

export type PanelMemberView = z.output<typeof PanelMemberViewSchema>;
export type PanelProgress = z.output<typeof PanelProgressSchema>;
export type PanelCandidate = z.output<typeof PanelCandidateSchema>;
export type PanelMe = z.output<typeof PanelMeSchema>;
export type ScoreSheet = z.output<typeof ScoreSheetSchema>;
export type SheetCriterion = ScoreSheet['criteria'][number];
export type SheetBid = ScoreSheet['bids'][number];
export type Leader = z.output<typeof LeaderSchema>;
export type SheetSubmitted = z.output<typeof SheetSubmittedSchema>;
export type SheetReturned = z.output<typeof SheetReturnedSchema>;
export type Recorded = z.output<typeof RecordedSchema>;
