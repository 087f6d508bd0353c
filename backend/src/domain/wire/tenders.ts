import {
  AWARD_RULES,
  ComponentSchema,
  CONTRACT_KINDS,
  CriterionSchema,
  LOT_FIELDS,
  LOT_PRICINGS,
  LotSchema,
  PRICE_BASES,
  SchemeSchema,
  TENDER_FIELDS,
  TenderSchema,
  TieBreakerSchema,
} from '../dossier/dossier.schema';
import { LOT_STATUSES, TENDER_STATUSES } from '../lifecycles';
import { BID_SUBMISSIONS } from '../bids/intake';
import { on, oneOf, shallow, text, z } from '../validation';
import { calendarDay, decimalText, pageQuery, reply, type Sent, version } from './common';
import { VALIDITY_WARNINGS } from '../calendar/deadlines';

/**
 * Tenders, their lots and scoring schemes (`/api/tenders`). The bodies that set a tender up are parts
 * of a dossier and take the dossier's own schemas (domain/dossier), so the API and an import accept
 * exactly the same data; only here a field the part does not have is refused (a misspelt field would
 * otherwise be dropped without a word). The answers show the same fields, with ids and state.
 */

/** Every field optional, for a change: the version says what the change is based on. */
export const changes = <S extends z.ZodRawShape>(shape: S) =>
  shallow(z.strictObject(shape, on('object')).partial().extend({ version: version() }));

// ---- requests

/** GET /api/tenders: optionally a page of it, sorted, filtered by status and by a part of the code or name. */
export const TenderListQuerySchema = z.strictObject({
  ...pageQuery(['id', 'code', 'name', 'status', 'bidDeadline', 'openingTime'] as const),
  status: oneOf(TENDER_STATUSES).optional(),
  q: text(100).optional().meta({ description: 'a part of the tender code or name' }),
});
/** As a client builds it: numbers where the query string will carry digits. */
export type TenderListQuery = Omit<z.input<typeof TenderListQuerySchema>, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

/** POST /api/tenders: the dossier's `tender` fields; the tender starts as a draft. */
export const CreateTenderSchema = shallow(TenderSchema.strict());
/** PATCH /api/tenders/:id: any of them, and the version last read. */
export const UpdateTenderSchema = changes(TENDER_FIELDS);
/** POST /api/tenders/:id/lots: a dossier lot. */
export const CreateLotSchema = shallow(LotSchema.strict());
export const UpdateLotSchema = changes(LOT_FIELDS);
/** POST /api/tenders/:id/schemes: a dossier scoring scheme. */
export const CreateSchemeSchema = shallow(SchemeSchema.strict());

export type TenderFields = Sent<typeof CreateTenderSchema>;
export type TenderChanges = Sent<typeof UpdateTenderSchema>;
export type LotFields = Sent<typeof CreateLotSchema>;
export type LotChanges = Sent<typeof UpdateLotSchema>;
export type SchemeFields = Sent<typeof CreateSchemeSchema>;

// ---- answers

/** A tender's fields as stored: the dossier's, with the format's defaults filled in. */
const STORED_TENDER = {
  code: z.string(),
  name: z.string(),
  purchaser: z.string(),
  /** The bureau organisation the purchaser's name matches (its officials reach the tender's contracts); null: none. */
  buyerOrganizationId: z.number().int().nullable(),
  agency: z.string(),
  bidDeadline: z.string(),
  openingTime: z.string(),
  bidValidityDays: z.number().int(),
  contractYears: z.number().int(),
  firstContractYear: z.number().int(),
  minQualifiedBidders: z.number().int(),
  priceWeight: decimalText(),
  priceBasis: z.enum(PRICE_BASES),
  smeDeduction: decimalText(),
  abnormalLowRatio: decimalText(),
  outlierRatio: decimalText(),
  trimExtremes: z.boolean(),
  scoreDecimals: z.number().int(),
  awardRule: z.enum(AWARD_RULES),
  tieBreakers: z.array(TieBreakerSchema),
  oneBranchPerGroup: z.boolean(),
  publishScores: z.boolean(),
  bidSubmission: z.enum(BID_SUBMISSIONS),
  consortiaAllowed: z.boolean(),
  contractKind: z.enum(CONTRACT_KINDS).optional(),
  challengeDays: z.number().int(),
  repeatedFailureDeduction: decimalText().optional(),
  openingConfirmMinutes: z.number().int(),
};

export const LotViewSchema = reply({
  id: z.number().int(),
  no: z.string(),
  name: z.string(),
  regions: z.array(z.string()),
  /** Format 2: a lump-sum lot has no base population or unit cap, a rate-priced lot a rate cap and no budget. */
  pricing: z.enum(LOT_PRICINGS).optional(),
  basePopulation: z.number().int().optional(),
  maxUnitPrice: decimalText().optional(),
  maxBudget: decimalText().optional(),
  maxRate: decimalText().optional(),
  fixedComponents: z.array(ComponentSchema),
  evaluationOrder: z.number().int(),
  scheme: z.string(),
  rewardBudget: decimalText().optional(),
  minStaff: z.number().int().optional(),
  status: z.enum(LOT_STATUSES),
  /** Why the lot was not opened. */
  statusReason: z.string().nullable(),
  version: z.number().int(),
  bidCount: z.number().int(),
});

export const SchemeViewSchema = reply({ id: z.number().int(), code: z.string(), name: z.string(), criteria: z.array(CriterionSchema) });

export const BidderViewSchema = reply({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  sme: z.boolean(),
  legalRepresentative: z.string().nullable(),
  parentCode: z.string().nullable(),
  groupCode: z.string().nullable(),
  contactPerson: z.string().nullable(),
  /** Format 2: a consortium's members (the lead first), and the panel's collusion finding. */
  members: z.array(z.string()).optional(),
  collusionFound: z.boolean().optional(),
  collusionNote: z.string().optional(),
  /** The insurer organisation whose users see the bidder's bids. */
  organizationId: z.number().int().nullable(),
});

/** GET /api/tenders/:id: the tender with its lots, schemes and the bidders the user may see. */
export const TenderDetailSchema = reply({
  id: z.number().int(),
  ...STORED_TENDER,
  status: z.enum(TENDER_STATUSES),
  version: z.number().int(),
  lots: z.array(LotViewSchema),
  schemes: z.array(SchemeViewSchema),
  bidders: z.array(BidderViewSchema),
  /** The bids' validity (投标有效期): its last day, and a warning while the award is getting late. */
  validity: reply({
    endsOn: calendarDay(),
    warning: z.enum(VALIDITY_WARNINGS).nullable().meta({ description: 'a tenderDeadline code' }),
  }),
});

/** GET /api/tenders: one line per tender, with the counts the user may see. */
export const TenderSummarySchema = reply({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  purchaser: z.string(),
  agency: z.string(),
  status: z.enum(TENDER_STATUSES),
  bidDeadline: z.string(),
  openingTime: z.string(),
  awardRule: z.enum(AWARD_RULES),
  lotCount: z.number().int(),
  bidCount: z.number().int(),
});

/** One field of a published tender as a clarification notice changed it. */
export const ClarifiedChangeSchema = z.object({
  field: z.string(),
  before: z.union([z.string(), z.number(), z.null()]),
  after: z.union([z.string(), z.number(), z.null()]),
});
export type ClarifiedChange = z.output<typeof ClarifiedChangeSchema>;

/** GET /api/tenders/:id/clarifications: the tender's 澄清/更正公告, oldest first, for everyone who sees the tender. */
export const ClarificationViewSchema = reply({
  id: z.number().int(),
  no: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  changes: z.array(ClarifiedChangeSchema),
});
export type ClarificationView = z.output<typeof ClarificationViewSchema>;

export type TenderDetail = z.output<typeof TenderDetailSchema>;
export type TenderSummary = z.output<typeof TenderSummarySchema>;
export type LotView = z.output<typeof LotViewSchema>;
export type SchemeView = z.output<typeof SchemeViewSchema>;
export type BidderView = z.output<typeof BidderViewSchema>;
