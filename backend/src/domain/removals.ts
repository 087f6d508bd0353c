import { can, OPENING_LINE, TENDER, type OpeningLineStatus, type TenderStatus } from './lifecycles';
import type { BidSubmission } from './bids/intake';

/**
 * What the procurement centre may take back, and until when (issue 15). A panel member, a bidder or a
 * paper bid's amounts entered by mistake are removed only before the procedure has used them; after
 * that step a refusal names why (an error code of domain/errors.ts, answered as a 409). The removal is
 * audited with the removed record as its "before".
 */
export type RemovalRefusal =
  'scoringStarted' | 'bidderRegistrationClosed' | 'bidderHasBids' | 'electronicBidWithdrawn' | 'paperLineAnswered' | 'amountsAtOpening';

/** A panel member leaves the panel until the first score of the tender is saved (and never after the award). */
export function panelMemberRemoval(tender: { status: TenderStatus }, scoresSaved: boolean): RemovalRefusal | null {
  if (scoresSaved || tender.status === 'awarded' || tender.status === 'failed') return 'scoringStarted';
  return null;
}

/** A bidder is struck off while bidders still register (before the deadline) and nothing was bid or received from it. */
export function bidderRemoval(tender: { status: TenderStatus }, hasBids: boolean): RemovalRefusal | null {
  if (!can(TENDER, tender.status, 'register-bidder')) return 'bidderRegistrationClosed';
  if (hasBids) return 'bidderHasBids';
  return null;
}

/**
 * A paper bid's amounts, entered from its opening sheet, are removed (to be entered again) until its
 * bidder confirms or disputes the line; an electronic bid belongs to its bidder, who withdraws it.
 */
export function paperBidRemoval(
  tender: { status: TenderStatus; bidSubmission: BidSubmission },
  line: { status: OpeningLineStatus } | null,
  scored: boolean,
): RemovalRefusal | null {
  if (tender.bidSubmission !== 'paper') return 'electronicBidWithdrawn';
  if (!can(TENDER, tender.status, 'enter-paper-bids')) return 'amountsAtOpening';
  if (scored) return 'scoringStarted';
  if (line && !can(OPENING_LINE, line.status, 'confirm')) return 'paperLineAnswered';
  return null;
}
