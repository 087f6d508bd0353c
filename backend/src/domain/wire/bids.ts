import {
  BID_FIELDS,
  BID_REVIEW_FIELDS,
  BIDDER_FIELDS,
  capitals,
  CheckSchema,
  ComponentSchema,
  FactsSchema,
  notOwnParent,
  REPEATED_FAILURE_DECISIONS,
} from '../dossier/dossier.schema';
import { BID_SUBMISSIONS, ENVELOPE_STATUSES } from '../bids/intake';
import { bool, dateTime, integer, on, refined, shallow, string, text, z } from '../validation';
import { decimalText, instant, jsonField, reply, type Sent } from './common';
import { changes } from './tenders';

/**
 * Bidders and sealed bids (`/api/tenders/:id/bidders`, `/api/tenders/:id/bids`). Before opening a bid
 * answers only as a receipt; after opening with its figures and its review.
 */

// ---- requests

/** A dossier bidder, optionally with the insurer organisation whose users see its bids. */
export const CreateBidderSchema = shallow(
  refined(
    z.strictObject(
      {
        ...BIDDER_FIELDS,
        organizationId: integer(1)
          .nullish()
          .meta({ description: 'an insurer organisation; without it, the one of the same name or a new one' }),
      },
      on('object'),
    ),
    notOwnParent,
    ['code', 'parentCode'],
  ),
);

/** A bid as submitted: a dossier bid's figures; the total in capitals is required (the opening sheet reads it). */
export const CreateBidSchema = shallow(z.strictObject({ ...BID_FIELDS, totalCapitals: capitals() }, on('object')));

/** The review of an opened bid: any of the review fields (null clears one), and the version last read. */
export const ReviewBidSchema = changes(BID_REVIEW_FIELDS);

/**
 * An electronic bid (电子投标) as the bidder's staff submit it, sealed on arrival: the figures its lot's
 * pricing needs with the total in capitals. The lot is the route's, the bidder the user's organisation's
 * and the submitting address the server's. Sent as the multipart field `bid` (JSON) beside the
 * `documents` files.
 */
const { bidder: _bidder, lot: _lot, submittedFromIp: _ip, ...ELECTRONIC_BID_FIELDS } = BID_FIELDS;
export const ElectronicBidSchema = shallow(z.strictObject({ ...ELECTRONIC_BID_FIELDS, totalCapitals: capitals() }, on('object')));

/** The multipart fields beside the `documents`: the bid as JSON, checked against its lot by the service. */
export const ElectronicBidFormSchema = z.strictObject(
  { bid: jsonField(z.unknown()).meta({ description: 'JSON: the figures (ElectronicBidSchema)' }) },
  on('object'),
);

/** A paper envelope received before the deadline (纸质投标签收): no amount. */
export const PaperReceiptSchema = shallow(
  z.strictObject(
    {
      bidder: text(),
      lot: text(),
      receivedAt: dateTime(),
      receivedBy: text(100),
      sealedIntact: bool(),
      note: string(500).nullish(),
    },
    on('object'),
  ),
);

export type BidderFields = Sent<typeof CreateBidderSchema>;
export type ElectronicBid = Sent<typeof ElectronicBidSchema>;
export type PaperReceiptFields = Sent<typeof PaperReceiptSchema>;
export type NewBid = Sent<typeof CreateBidSchema>;
export type BidReviewChanges = Sent<typeof ReviewBidSchema>;

// ---- answers

/**
 * An electronic envelope's receipt (回执): the hash of the sealed envelope and the server's time, which
 * tell nothing of the bid; the status shows a replaced or withdrawn envelope as such.
 */
export const EnvelopeReceiptSchema = reply({
  id: z.number().int(),
  lot: z.string(),
  bidder: z.string(),
  bidderName: z.string(),
  status: z.enum(ENVELOPE_STATUSES),
  /** SHA-256 of the sealed envelope, hex. */
  hash: z.string(),
  submittedAt: instant(),
  /** When it was replaced or withdrawn. */
  closedAt: instant().nullable(),
});

/** A paper envelope's receipt as recorded, and whether its amounts were entered at the opening. */
export const PaperReceiptViewSchema = reply({
  id: z.number().int(),
  lot: z.string(),
  bidder: z.string(),
  bidderName: z.string(),
  receivedAt: z.string(),
  receivedBy: z.string(),
  sealedIntact: z.boolean(),
  note: z.string().nullable(),
  recordedAt: instant(),
  amountsEntered: z.boolean(),
});

/** GET /api/tenders/:id/envelopes: what the procurement centre received, without any amount. */
export const ReceivedBidsSchema = reply({
  bidSubmission: z.enum(BID_SUBMISSIONS),
  electronic: z.array(EnvelopeReceiptSchema),
  paper: z.array(PaperReceiptViewSchema),
});

const SEALED = {
  id: z.number().int(),
  lot: z.string(),
  bidder: z.string(),
  bidderName: z.string(),
  submittedAt: instant(),
};

export const SealedBidSchema = reply({ ...SEALED, sealed: z.literal(true) });

/** A lump sum has no unit price; a rate-priced bid has a rate and a deficit share instead of amounts (DOSSIER.md format 2). */
const figures = { unitPrice: decimalText().nullable(), serviceTotal: decimalText().nullable(), total: decimalText().nullable() };
const rates = { rate: decimalText().nullable(), deficitShare: decimalText().nullable() };

/** A price correction (价格修正, DOMAIN.md §3): which figure binds, and why. */
export const CorrectionSchema = reply({
  step: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  field: z.enum(['unitPrice', 'serviceTotal', 'total']),
  from: decimalText(),
  to: decimalText(),
  reason: z.string(),
});

/** The review of an opened bid: validity with every reason, flags, the corrected figures and the corrections. */
export const BidReviewSchema = reply({
  valid: z.boolean(),
  invalidReasons: z.array(z.string()),
  flags: z.array(z.string()),
  corrected: reply({ ...figures, ...rates, fixedComponents: z.array(ComponentSchema) }),
  corrections: z.array(CorrectionSchema),
});

/** A document of an opened electronic bid, as its bidder sent it (GET …/bids/:bidId/documents/:documentId). */
export const BidDocumentInfoSchema = reply({
  id: z.number().int(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});

export const OpenedBidSchema = reply({
  ...SEALED,
  sealed: z.literal(false),
  /** An insurer that failed its points assessment in two or more years (DOMAIN.md §7). */
  repeatedFailures: reply({ failedYears: z.array(z.number().int()) }).nullable(),
  /** The points the tender proposes to deduct for that flag; null when the bidder is not flagged or the tender sets none. */
  proposedDeduction: decimalText().nullable(),
  sme: z.boolean(),
  ...figures,
  ...rates,
  fixedComponents: z.array(ComponentSchema),
  totalCapitals: z.string().nullable(),
  itemised: reply({
    unitPrice: decimalText().optional(),
    serviceTotal: decimalText().optional(),
    total: decimalText().optional(),
  }).nullable(),
  submittedFromIp: z.string().nullable(),
  qualification: z.array(CheckSchema),
  compliance: z.array(CheckSchema),
  priceCorrectionAccepted: z.boolean().nullable(),
  abnormalLowRejected: z.boolean().nullable(),
  abnormalLowNote: z.string().nullable(),
  facts: FactsSchema,
  /** The panel's decision on the proposed deduction, with its reason; null while undecided. */
  repeatedFailureDecision: z.enum(REPEATED_FAILURE_DECISIONS).nullable(),
  repeatedFailureNote: z.string().nullable(),
  version: z.number().int(),
  review: BidReviewSchema,
  /** The documents the electronic envelope held (none for a paper bid). */
  documents: z.array(BidDocumentInfoSchema),
});

/** GET /api/tenders/:id/bids: sealed entries before opening (and on a lot not opened), the figures after. */
export const BidRowSchema = z.discriminatedUnion('sealed', [SealedBidSchema, OpenedBidSchema]);

export type SealedBid = z.output<typeof SealedBidSchema>;
export type OpenedBid = z.output<typeof OpenedBidSchema>;

/** A paper bid's amounts removed before its bidder answered the line (to be entered again). */
export const RemovedBidSchema = reply({ id: z.number().int(), bidder: z.string(), lot: z.string() });
export type RemovedBid = z.output<typeof RemovedBidSchema>;
export type BidRow = z.output<typeof BidRowSchema>;
export type BidReview = z.output<typeof BidReviewSchema>;
export type Correction = z.output<typeof CorrectionSchema>;
export type EnvelopeReceipt = z.output<typeof EnvelopeReceiptSchema>;
export type PaperReceiptView = z.output<typeof PaperReceiptViewSchema>;
export type ReceivedBids = z.output<typeof ReceivedBidsSchema>;
