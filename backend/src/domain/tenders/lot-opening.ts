import { reasons } from '../evaluation/award';

/** A lot is opened with its tender unless it has too few bids; then its bids stay sealed (DOMAIN.md §3). */
export const LOT_STATUSES = ['pending', 'opened', 'not-opened'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];

/**
 * At opening, a lot with fewer bids than the tender's minimum is not opened (DOMAIN.md §3): its bids
 * stay sealed and the lot fails, with the reason the evaluation results give for it.
 */
export function lotOpening(bidCount: number, minBidders: number): { status: LotStatus; statusReason: string | null } {
  return bidCount < minBidders
    ? { status: 'not-opened', statusReason: reasons.notOpened(minBidders) }
    : { status: 'opened', statusReason: null };
}
