import type { DossierLot, DossierTender, Scheme } from '../domain/dossier/dossier.types';
import { decimalText, fraction, optional, trimZeros } from '../domain/dossier/dossier-values';
import type { Lot } from './lot.entity';
import type { ScoringScheme } from './scheme.entity';
import type { Tender } from './tender.entity';

/** Tender, lot and scoring-scheme rows ↔ their parts of the dossier (the archive composes the whole). */

/** The columns of a tender row from the dossier's `tender`, with the format's defaults. */
export function tenderColumns(t: DossierTender) {
  return {
    code: t.code,
    name: t.name,
    purchaser: t.purchaser,
    agency: t.agency,
    bidDeadline: t.bidDeadline,
    openingTime: t.openingTime,
    bidValidityDays: t.bidValidityDays,
    contractYears: t.contractYears,
    firstContractYear: t.firstContractYear,
    minQualifiedBidders: t.minQualifiedBidders,
    priceWeight: decimalText(t.priceWeight),
    priceBasis: t.priceBasis ?? 'service',
    smeDeduction: decimalText(t.smeDeduction ?? '0.20'),
    abnormalLowRatio: decimalText(t.abnormalLowRatio ?? '0.50'),
    outlierRatio: decimalText(t.outlierRatio ?? '0.30'),
    trimExtremes: t.trimExtremes ?? false,
    scoreDecimals: t.scoreDecimals ?? 2,
    awardRule: t.awardRule,
    tieBreakers: t.tieBreakers ?? ['price', 'draw'],
    oneBranchPerGroup: t.oneBranchPerGroup ?? false,
    publishScores: t.publishScores ?? false,
    bidSubmission: t.bidSubmission ?? 'electronic',
    // format 2
    consortiaAllowed: t.consortiaAllowed ?? false,
    contractKind: t.contractKind ?? null,
    challengeDays: t.challengeDays ?? 7,
    repeatedFailureDeduction: t.repeatedFailureDeduction == null ? null : decimalText(t.repeatedFailureDeduction),
    openingConfirmMinutes: t.openingConfirmMinutes ?? 30,
  } satisfies Partial<Tender>;
}

export function lotColumns(l: DossierLot) {
  return {
    no: l.no,
    name: l.name,
    regions: l.regions,
    basePopulation: l.basePopulation ?? null,
    maxUnitPrice: l.maxUnitPrice ?? null,
    maxBudget: l.maxBudget ?? null,
    fixedComponents: l.fixedComponents,
    evaluationOrder: l.evaluationOrder,
    schemeCode: l.scheme,
    rewardBudget: l.rewardBudget ?? null,
    minStaff: l.minStaff ?? null,
    // format 2
    pricing: l.pricing ?? null,
    maxRate: l.maxRate == null ? null : decimalText(l.maxRate),
  } satisfies Partial<Lot>;
}

/** A tender row as the dossier's `tender`. */
export function dossierTender(tender: Tender): DossierTender {
  return {
    code: tender.code,
    name: tender.name,
    purchaser: tender.purchaser,
    agency: tender.agency,
    bidDeadline: tender.bidDeadline,
    openingTime: tender.openingTime,
    bidValidityDays: tender.bidValidityDays,
    contractYears: tender.contractYears,
    firstContractYear: tender.firstContractYear,
    minQualifiedBidders: tender.minQualifiedBidders,
    priceWeight: trimZeros(tender.priceWeight),
    priceBasis: tender.priceBasis,
    smeDeduction: fraction(tender.smeDeduction),
    abnormalLowRatio: fraction(tender.abnormalLowRatio),
    outlierRatio: fraction(tender.outlierRatio),
    trimExtremes: tender.trimExtremes,
    scoreDecimals: tender.scoreDecimals,
    awardRule: tender.awardRule,
    tieBreakers: tender.tieBreakers,
    oneBranchPerGroup: tender.oneBranchPerGroup,
    // Written only when set: a dossier without it reads as not published, as format 1 has it.
    ...(tender.publishScores && { publishScores: true }),
    // Written only for paper: a dossier without it reads as electronic, the default.
    ...(tender.bidSubmission === 'paper' && { bidSubmission: 'paper' as const }),
    // format 2
    consortiaAllowed: tender.consortiaAllowed,
    contractKind: optional(tender.contractKind),
    challengeDays: tender.challengeDays,
    ...(tender.repeatedFailureDeduction != null && { repeatedFailureDeduction: trimZeros(tender.repeatedFailureDeduction) }),
    openingConfirmMinutes: tender.openingConfirmMinutes,
  };
}

export function dossierScheme(s: ScoringScheme): Scheme {
  return { code: s.code, name: s.name, criteria: s.criteria };
}

export function dossierLot(l: Lot): DossierLot {
  return {
    no: l.no,
    name: l.name,
    regions: l.regions,
    basePopulation: optional(l.basePopulation),
    maxUnitPrice: optional(l.maxUnitPrice),
    maxBudget: optional(l.maxBudget),
    fixedComponents: l.fixedComponents,
    evaluationOrder: l.evaluationOrder,
    scheme: l.schemeCode,
    rewardBudget: optional(l.rewardBudget),
    minStaff: optional(l.minStaff),
    // format 2
    pricing: optional(l.pricing),
    maxRate: l.maxRate == null ? undefined : trimZeros(l.maxRate),
  };
}
