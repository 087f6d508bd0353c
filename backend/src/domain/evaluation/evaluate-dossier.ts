import { evaluateAssessment, type AssessmentResult } from '../assessments';
import { isSme, reviewDossier } from '../bids/validity';
import type { Dossier } from '../dossier/dossier.types';
import { evaluateTender } from './';
import { appliedDeduction } from './repeated-failure';
import type { Cancellation, EngineResult, ReviewedBid } from './types';

export type TenderResults = EngineResult & { assessments: AssessmentResult[] };

/**
 * The whole evaluation of a tender as one pure function of its dossier: bid review (price
 * correction, validity, related bidders), then scoring, ranking and award across lots, then the
 * annual assessments. The API, the CLI and the reports all call this.
 */
export function evaluateDossier(dossier: Dossier, cancellations: Cancellation[] = []): TenderResults {
  const bidOf = new Map(dossier.bids.map((b) => [`${b.bidder}|${b.lot}`, b]));
  const reviewedBids: ReviewedBid[] = reviewDossier(dossier).map((r) => {
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
  return { ...result, assessments };
}
