import { z } from '../validation';

/**
 * An Open Contracting Data Standard 1.1 release package (GET /api/tenders/:id/ocds, `cli ocds CODE`):
 * the fields this product publishes, each with the standard's required fields and closed codelists as
 * the OCDS 1.1 reference documents them (release package, release, organization reference, tender,
 * award, contract, value), plus the lots and bids extensions and our scores extension
 * (docs/ocds-scores-extension.md). Answers are held to this schema, so an export that breaks the
 * standard's rules fails the tests.
 */

/** OCDS codelists (closed ones only; the standard's spellings). */
export const OCDS_RELEASE_TAGS = [
  'planning',
  'planningUpdate',
  'tender',
  'tenderAmendment',
  'tenderUpdate',
  'tenderCancellation',
  'award',
  'awardUpdate',
  'awardCancellation',
  'contract',
  'contractUpdate',
  'contractAmendment',
  'implementation',
  'implementationUpdate',
  'contractTermination',
  'compiled',
] as const;
export const OCDS_INITIATION_TYPES = ['tender'] as const;
export const OCDS_TENDER_STATUSES = ['planned', 'active', 'cancelled', 'unsuccessful', 'complete', 'withdrawn'] as const;
export const OCDS_AWARD_STATUSES = ['pending', 'active', 'cancelled', 'unsuccessful'] as const;
export const OCDS_CONTRACT_STATUSES = ['pending', 'active', 'cancelled', 'terminated'] as const;
export const OCDS_METHODS = ['open', 'selective', 'limited', 'direct'] as const;
export const OCDS_CATEGORIES = ['goods', 'works', 'services'] as const;
export const OCDS_PARTY_ROLES = [
  'buyer',
  'procuringEntity',
  'supplier',
  'tenderer',
  'funder',
  'enquirer',
  'payer',
  'payee',
  'reviewBody',
  'interestedParty',
] as const;
/** The bids extension's bidStatus codelist. */
export const OCDS_BID_STATUSES = ['invited', 'pending', 'valid', 'disqualified', 'withdrawn'] as const;

/** Versions of the standard's extensions this export uses. */
export const OCDS_EXTENSIONS = {
  lots: 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
  bids: 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json',
} as const;

/** A prefix registered with the Open Contracting Partnership: `ocds-` and six characters. */
export const OCID_PREFIX = /^ocds-[a-z0-9]{6}$/;

const dateTime = () => z.iso.datetime({ offset: true });
const ValueSchema = z.strictObject({ amount: z.number().nonnegative(), currency: z.literal('CNY') });
const PeriodSchema = z.strictObject({ startDate: dateTime().optional(), endDate: dateTime().optional() });
const OrganizationReferenceSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1) });

const PartySchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  roles: z.array(z.enum(OCDS_PARTY_ROLES)).min(1),
});

const LotSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string(),
  status: z.enum(OCDS_TENDER_STATUSES),
  /** None for a rate-priced lot (DOSSIER.md format 2): it has a rate cap, no budget. */
  value: ValueSchema.optional(),
});

const TenderSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string(),
  status: z.enum(OCDS_TENDER_STATUSES),
  procuringEntity: OrganizationReferenceSchema,
  value: ValueSchema.optional(),
  procurementMethod: z.enum(OCDS_METHODS),
  procurementMethodDetails: z.string(),
  mainProcurementCategory: z.enum(OCDS_CATEGORIES),
  tenderPeriod: PeriodSchema,
  awardPeriod: PeriodSchema,
  numberOfTenderers: z.number().int().nonnegative().optional(),
  tenderers: z.array(OrganizationReferenceSchema).optional(),
  lots: z.array(LotSchema).min(1),
});

/** Our scores extension: a criterion's score for one bid (docs/ocds-scores-extension.md). */
const CriterionScoreSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  kind: z.enum(['price', 'objective', 'subjective']),
  maximum: z.number(),
  /** Objective: the rule's points; subjective: the mean of the panel's marks; price: the price score. */
  score: z.number().nullable(),
  /** Subjective criteria: each expert's mark, experts named by their seat on the panel (E1, E2, …). */
  panelScores: z.array(z.strictObject({ expert: z.string(), score: z.number() })).optional(),
});

export const OcdsBidEvaluationSchema = z.strictObject({
  priceScore: z.number().nullable(),
  nonPriceScore: z.number().nullable(),
  finalScore: z.number().nullable(),
  rank: z.number().int().nullable(),
  criteria: z.array(CriterionScoreSchema),
});

const BidDetailSchema = z.strictObject({
  id: z.string().min(1),
  status: z.enum(OCDS_BID_STATUSES),
  tenderers: z.array(OrganizationReferenceSchema).min(1),
  /** None for a rate-priced bid: it states a rate, not an amount. */
  value: ValueSchema.optional(),
  relatedLots: z.array(z.string()).min(1),
  evaluation: OcdsBidEvaluationSchema.optional(),
});

const AwardSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string(),
  status: z.enum(OCDS_AWARD_STATUSES),
  date: dateTime(),
  value: ValueSchema.optional(),
  suppliers: z.array(OrganizationReferenceSchema),
  relatedLots: z.array(z.string()).min(1),
});

/** A payment made under the contract (OCDS 1.1 Transaction): a refund runs from the supplier to the buyer. */
const TransactionSchema = z.strictObject({
  id: z.string().min(1),
  date: dateTime(),
  value: ValueSchema,
  payer: OrganizationReferenceSchema,
  payee: OrganizationReferenceSchema,
});

const ContractSchema = z.strictObject({
  id: z.string().min(1),
  awardID: z.string().min(1),
  title: z.string(),
  status: z.enum(OCDS_CONTRACT_STATUSES),
  period: PeriodSchema,
  value: ValueSchema,
  dateSigned: dateTime().optional(),
  /** Only once something is paid: OCDS leaves out what is empty. */
  implementation: z.strictObject({ transactions: z.array(TransactionSchema).min(1) }).optional(),
});

export const OcdsReleaseSchema = z.strictObject({
  ocid: z.string().min(1),
  id: z.string().min(1),
  date: dateTime(),
  tag: z.array(z.enum(OCDS_RELEASE_TAGS)).min(1),
  initiationType: z.enum(OCDS_INITIATION_TYPES),
  language: z.literal('zh'),
  parties: z.array(PartySchema),
  buyer: OrganizationReferenceSchema,
  tender: TenderSchema,
  bids: z.strictObject({ details: z.array(BidDetailSchema) }).optional(),
  awards: z.array(AwardSchema).optional(),
  contracts: z.array(ContractSchema).optional(),
});

export const OcdsReleasePackageSchema = z.strictObject({
  uri: z.url(),
  version: z.literal('1.1'),
  publishedDate: dateTime(),
  publisher: z.strictObject({ name: z.string().min(1) }),
  extensions: z.array(z.url()),
  releases: z.array(OcdsReleaseSchema).min(1),
});

export type OcdsReleasePackage = z.output<typeof OcdsReleasePackageSchema>;
export type OcdsRelease = z.output<typeof OcdsReleaseSchema>;
export type OcdsBidDetail = z.output<typeof BidDetailSchema>;
export type OcdsCriterionScore = z.output<typeof CriterionScoreSchema>;
export type OcdsTransaction = z.output<typeof TransactionSchema>;
export type OrganizationReference = z.output<typeof OrganizationReferenceSchema>;
