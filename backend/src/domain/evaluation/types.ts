/**
 * Input and output of the evaluation engine (评标引擎): pure data, no framework.
 * Amounts and scores in the output are decimal strings; inside the engine everything is Decimal.
 */
import type { z } from 'zod';
import type { AwardCancellationSchema, AwardEvent, LotResult, TenderResults } from '../wire/evaluation';
import type { Dec } from '../decimal';
import type { DossierBidder, DossierLot, DossierTender, Draw, Facts, PanelMember, Scheme, Score } from '../dossier/dossier.types';

/**
 * The corrected figures of a bid after price correction (价格修正), as decimal strings in 元; a lump
 * sum has no unit price, a rate-priced bid only its rate (a fraction of the fund).
 */
export interface PricedAmounts {
  unitPrice: string | null;
  serviceTotal: string | null;
  total: string | null;
  rate?: string | null;
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
  /** The panel found the price unreasonably low, below cost (flagged or not): the bid is invalid. */
  abnormalLowRejected?: boolean;
  /** The repeated-failure deduction the panel applied (DOMAIN.md §7), in points; none when absent. */
  repeatedFailureDeduction?: Dec | null;
}

/** A confirmed winner that declines (放弃中标) or is disqualified after the award (取消中标资格). */
export type Cancellation = z.output<typeof AwardCancellationSchema>;
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

/**
 * The engine's output as the API gives it (DOSSIER.md "Evaluation result"): the types are those of the
 * answer's schema (domain/wire/evaluation.ts), so the engine, the API and the UI share one definition.
 */
export type { AwardEvent, BidResult, EngineError, LotResult, SetAside, TieBreak } from '../wire/evaluation';
export type LotStatus = LotResult['status'];

export type AwardEventKind = AwardEvent['event'];

/** The engine's result; the annual assessments are added by evaluateDossier. */
export type EngineResult = Omit<TenderResults, 'assessments'>;
