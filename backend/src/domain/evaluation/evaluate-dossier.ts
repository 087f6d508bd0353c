import { evaluateAssessment, type AssessmentResult } from '../assessments';
import { isSme, reviewDossier } from '../bids/validity';
import { type ContractResult, dossierContracts, type EvaluatedTender } from '../contracts/contract-status';
import type { Dossier } from '../dossier/dossier.types';
import { evaluateTender } from './';
import { appliedDeduction } from './repeated-failure';
import type { Cancellation, EngineResult, ReviewedBid } from './types';

export type TenderResults = EngineResult & { assessments: AssessmentResult[]; contracts?: ContractResult[] };

/**
 * The whole evaluation of a tender as one pure function of its dossier: bid review (price
 * correction, validity, related bidders), then scoring, ranking and award across lots, then the
 * annual assessments. The API, the CLI and the reports all call this.
 */
export function evaluateDossier(dossier: Dossier, cancellations: Cancellation[] = []): TenderResults {
  const { results, evaluated } = evaluateAward(dossier, cancellations);
  if (!dossier.contracts?.length) return results;
  // Format 2: the contracts as they stand on their asOf, drawn from the winners' corrected bids.
  return { ...results, contracts: dossierContracts(dossier, evaluated) };
}

/** The evaluation up to the award and the assessments, with what the contracts are drawn from. */
export function evaluateAward(
  dossier: Dossier,
  cancellations: Cancellation[] = [],
): { results: TenderResults; evaluated: EvaluatedTender } {
  const bidOf = new Map(dossier.bids.map((b) => [`${b.bidder}|${b.lot}`, b]));
  const reviews = reviewDossier(dossier);
  const reviewedBids: ReviewedBid[] = reviews.map((r) => {
    const bid = bidOf.get(`${r.bidder}|${r.lot}`)!;
    return {
      bidder: r.bidder,
      lot: r.lot,
      valid: r.valid,
      invalidReasons: r.invalidReasons,
      flags: r.flags,
      pricedAmounts: {
        unitPrice: r.corrected.unitPrice,
        serviceTotal: r.corrected.serviceTotal,
        total: r.corrected.total,
        rate: r.corrected.rate,
      },
      facts: bid.facts ?? undefined,
      abnormalLowRejected: bid.abnormalLowRejected ?? undefined,
      repeatedFailureDeduction: appliedDeduction(bid.repeatedFailureDecision, dossier.tender.repeatedFailureDeduction),
    };
  });
  const bidderByCode = new Map(dossier.bidders.map((b) => [b.code, b]));
  const result = evaluateTender({
    tender: dossier.tender,
    lots: dossier.lots,
    schemes: dossier.schemes,
    // a consortium is a small enterprise only if every member is one (DOMAIN.md §3)
    bidders: dossier.bidders.map((b) => ({ ...b, sme: isSme(bidderByCode, b.code) })),
    reviewedBids,
    panel: dossier.panel ?? [],
    scores: dossier.scores ?? [],
    draws: dossier.draws ?? undefined,
    cancellations,
  });
  const schemes = new Map((dossier.assessmentSchemes ?? []).map((s) => [s.code, s]));
  const lots = new Map(dossier.lots.map((l) => [l.no, l]));
  const assessments = (dossier.assessments ?? []).map((a) => evaluateAssessment(schemes.get(a.scheme)!, a, lots.get(a.lot)));
  const evaluated: EvaluatedTender = {
    winners: new Map(result.lots.map((l) => [l.no, l.winner])),
    bids: new Map(reviews.map((r) => [`${r.bidder}|${r.lot}`, r.corrected])),
    assessments,
  };
  return { results: { ...result, assessments }, evaluated };
}
