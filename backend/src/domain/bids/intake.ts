/**
 * How bids arrive (DOMAIN.md §1, §3), for tenders set up in the system: electronic envelopes that the
 * bidder's own staff submit sealed, or paper envelopes that the procurement centre receives (their
 * amounts are entered from the opening sheet read aloud, once the tender is opened). A dossier import
 * of a procurement already run brings its bids' amounts as they were recorded.
 */
export const BID_SUBMISSIONS = ['electronic', 'paper'] as const;
export type BidSubmission = (typeof BID_SUBMISSIONS)[number];

/**
 * An electronic envelope: the bidder's current one is `sealed` until the opening opens it (`opened`);
 * one replaced by a newer envelope is `superseded`, one taken back `withdrawn`. Superseded and withdrawn
 * envelopes are kept, sealed, as the record of what was received.
 */
export const ENVELOPE_STATUSES = ['sealed', 'superseded', 'withdrawn', 'opened'] as const;
export type EnvelopeStatus = (typeof ENVELOPE_STATUSES)[number];
