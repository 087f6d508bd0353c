import type { EnvelopeReceipt, PaperReceiptView } from '../domain/wire/bids';
import type { Lot } from '../tenders/lot.entity';
import type { BidEnvelope } from './bid-envelope.entity';
import type { Bidder } from './bidder.entity';
import type { PaperBidReceipt } from './paper-receipt.entity';

/** What the API and the audit record show of received envelopes: receipts, never a figure. */

/** What an envelope is sealed for: its tender, lot and bidder (an envelope moved to another does not open). */
export const envelopeContext = (e: Pick<BidEnvelope, 'tenderId' | 'lotId' | 'bidderId'>) =>
  `bid-envelope:${e.tenderId}:${e.lotId}:${e.bidderId}`;

export const envelopeReceipt = (
  e: Pick<BidEnvelope, 'id' | 'status' | 'sha256' | 'submittedAt' | 'closedAt'>,
  lot: Lot,
  bidder: Bidder,
): EnvelopeReceipt => ({
  id: e.id,
  lot: lot.no,
  bidder: bidder.code,
  bidderName: bidder.name,
  status: e.status,
  hash: e.sha256,
  submittedAt: e.submittedAt.toISOString(),
  closedAt: e.closedAt ? e.closedAt.toISOString() : null,
});

export const paperReceiptView = (r: PaperBidReceipt, lot: Lot, bidder: Bidder, amountsEntered: boolean): PaperReceiptView => ({
  id: r.id,
  lot: lot.no,
  bidder: bidder.code,
  bidderName: bidder.name,
  receivedAt: r.receivedAt,
  receivedBy: r.receivedBy,
  sealedIntact: r.sealedIntact,
  note: r.note,
  recordedAt: r.recordedAt.toISOString(),
  amountsEntered,
});
