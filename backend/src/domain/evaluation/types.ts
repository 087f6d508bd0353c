/**
 * Input and output of the evaluation engine (评标引擎): pure data, no framework.
 * Amounts and scores in the output are decimal strings; inside the engine everything is Decimal.
 */
import type { DossierBidder, DossierLot, DossierTender, Draw, Facts, PanelMember, Scheme, Score } from '../dossier/dossier.types';

/** The corrected figures of a bid after price correction (价格修正), as decimal strings in 元. */
export interface PricedAmounts {
  unitPrice: string;
  serviceTotal: string;
  total: string;
}

/**
 * One bid as it leaves bid review (资格/符合性审查, price correction, related bidders), done elsewhere,
 * plus what the evaluation needs from the dossier bid: the facts of the objective rules and the panel's
 * decision on an abnormally low price.
 */
export interface ReviewedBid {
  bidder: string;
  lot: string;
  valid: boolean;
  invalidReasons: string[];
  flags: string[];
  pricedAmounts: PricedAmounts;
  facts?: Facts;
  /** The panel rejected the bidder's justification of an abnormally low price. Counts only if the bid is flagged. */
  abnormalLowRejected?: boolean;
}

/** A confirmed winner that declines (放弃中标) or is disqualified after the award (取消中标资格). */
export interface Cancellation {
  lot: string;
  bidder: string;
  kind: 'declined' | 'disqualified';
}
export type CancellationKind = Cancellation['kind'];

export interface EngineInput {
  tender: DossierTender;
  lots: DossierLot[];
  schemes: Scheme[];
  bidders: DossierBidder[];
  reviewedBids: ReviewedBid[];
  panel: PanelMember[];
  scores: Score[];
  draws?: Draw[];
  /** Applied in the order given (it is a history, so order matters here and only here). */
  cancellations?: Cancellation[];
}

/** Something the people must fix before results can be published; the engine still returns results. */
export interface EngineError {
  lot?: string;
  bidder?: string;
  expert?: string;
  criterion?: string;
  message: string;
}

export interface SetAside {
  bidder: string;
  reason: string;
}

/**
 * One resolved tie. `bidders` are the tied codes, sorted. For a draw, `seed` replays it and `order` is
 * the drawn order (best first).
 */
export interface TieBreak {
  bidders: string[];
  decidedBy: string;
  seed?: string | number;
  order?: string[];
}

/**
 * One step of a lot's award history. `at` is 0 for the evaluation itself and i for the i-th entry of
 * `cancellations` (1-based). `cause` is set when the step was caused by a cancellation in another lot
 * (a downstream recomputation or a disqualification that reaches this lot).
 */
export interface AwardEvent {
  at: number;
  event: 'won' | 'declined' | 'disqualified' | 'not-awarded';
  bidder: string | null;
  cause?: Cancellation;
}
export type AwardEventKind = AwardEvent['event'];

export interface BidResult {
  bidder: string;
  valid: boolean;
  invalidReasons: string[];
  flags: string[];
  /** P to the 分; null when the bid does not compete in the lot. */
  evaluatedPrice: string | null;
  priceScore: string | null;
  nonPriceScore: string | null;
  finalScore: string | null;
  categoryScores: Record<string, string> | null;
  rank: number | null;
}

export type LotStatus = 'awarded' | 'failed' | 'not-awarded';

export interface LotResult {
  no: string;
  status: LotStatus;
  failReason: string | null;
  /** B to the 分; null when no bid competes. */
  basePrice: string | null;
  setAside: SetAside[];
  bids: BidResult[];
  tieBreaks: TieBreak[];
  winner: string | null;
  awardChain: AwardEvent[];
}

export interface EngineResult {
  tender: string;
  /** 'awarded' when at least one lot is awarded, else 'failed'. */
  status: 'awarded' | 'failed';
  /** In evaluation order. */
  lots: LotResult[];
  errors: EngineError[];
}
