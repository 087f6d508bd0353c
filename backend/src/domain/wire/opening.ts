import { BID_FIELDS, ComponentSchema } from '../dossier/dossier.schema';
import { OPENING_LINE_STATUSES, OPENING_STATUSES } from '../lifecycles';
import { on, shallow, text, z } from '../validation';
import { decimalText, instant, reply, type Sent } from './common';

/**
 * The opening record (`/api/tenders/:id/opening`): the opening sheet of every opened lot, one line per
 * bid, each confirmed or disputed by its bidder's insurer within the window after the opening, disputes
 * answered by procurement (财政部87号令 art. 41).
 */

/** The figures of a line a correction may change: a bid's figures as read out at the opening. */
const LINE_FIGURES = {
  unitPrice: BID_FIELDS.unitPrice,
  serviceTotal: BID_FIELDS.serviceTotal,
  fixedComponents: BID_FIELDS.fixedComponents.optional(),
  total: BID_FIELDS.total,
  totalCapitals: BID_FIELDS.totalCapitals,
  rate: BID_FIELDS.rate,
  deficitShare: BID_FIELDS.deficitShare,
};

// ---- requests

export const DisputeLineSchema = z.strictObject(
  { reason: text(2000).meta({ description: 'what in the line is wrong, and what the bid said' }) },
  on('object'),
);

export const AnswerLineSchema = shallow(
  z.strictObject(
    {
      answer: text(2000),
      correction: z
        .strictObject(LINE_FIGURES, on('object'))
        .nullish()
        .meta({ description: 'the figures corrected, when the dispute is upheld; none: the line stands' }),
    },
    on('object'),
  ),
);

export type LineDispute = Sent<typeof DisputeLineSchema>;
export type LineAnswer = Sent<typeof AnswerLineSchema>;

// ---- answers

const lineFigures = {
  unitPrice: decimalText().nullable(),
  serviceTotal: decimalText().nullable(),
  fixedComponents: z.array(ComponentSchema),
  total: decimalText().nullable(),
  totalCapitals: z.string().nullable(),
  rate: decimalText().nullable(),
  deficitShare: decimalText().nullable(),
};

export const LineFiguresSchema = reply(lineFigures);
export type LineFigures = z.output<typeof LineFiguresSchema>;

/** A correction of a line, kept with what it replaced. */
export const LineCorrectionSchema = reply({ before: LineFiguresSchema, after: LineFiguresSchema });
export type LineCorrection = z.output<typeof LineCorrectionSchema>;

export const OpeningLineSchema = reply({
  id: z.number().int(),
  bidId: z.number().int(),
  lot: z.string(),
  bidder: z.string().meta({ description: 'the bidder code' }),
  bidderName: z.string(),
  ...lineFigures,
  /** pending turns deemed-confirmed when the window is over, whether or not the clock has recorded it yet. */
  status: z.enum(OPENING_LINE_STATUSES),
  respondedAt: instant().nullable(),
  respondedBy: z.string().nullable(),
  disputeReason: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: instant().nullable(),
  answeredBy: z.string().nullable(),
  correction: LineCorrectionSchema.nullable(),
});

export const OpeningRecordSchema = reply({
  /** The opening and its window; null before the opening, or for a tender opened elsewhere (imported). */
  window: reply({
    openedAt: instant(),
    confirmMinutes: z.number().int(),
    endsAt: instant(),
    status: z.enum(OPENING_STATUSES),
    /** Over by the time, whether or not the clock has recorded the end yet. */
    over: z.boolean(),
    /** Paper envelopes received whose amounts are not entered yet: the window ends only after the last entry. */
    awaitingAmounts: z.number().int(),
  }).nullable(),
  /** The opened lots with the lines the user may see: all for procurement, the bureau, the admin; an insurer its own. */
  lots: z.array(
    reply({
      no: z.string(),
      name: z.string(),
      lines: z.array(OpeningLineSchema),
    }),
  ),
  /** Disputes that wait for an answer (the review waits for them). */
  unanswered: z.number().int(),
});

export type OpeningLineView = z.output<typeof OpeningLineSchema>;
export type OpeningRecord = z.output<typeof OpeningRecordSchema>;
