import { reasons } from '../evaluation/award';
import type { LotStatus } from '../lifecycles';

/**
 * At opening, a lot with fewer bids than the tender's minimum is not opened (DOMAIN.md §3): its bids
 * stay sealed and the lot fails, with the reason the evaluation results give for it.
 */
export function lotOpening(bidCount: number, minBidders: number): { status: LotStatus; statusReason: string | null } {
  return bidCount < minBidders
    ? { status: 'not-opened', statusReason: reasons.notOpened(minBidders) }
    : { status: 'opened', statusReason: null };
}
