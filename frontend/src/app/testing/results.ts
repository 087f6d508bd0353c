/** Evaluation results for the unit tests, typed by the domain's result types (DOSSIER.md "Evaluation result"). */
import type { BidResult, LotResult, TenderResults as Results } from '@domain/wire/evaluation';

/** A bid that took no part in the ranking unless the overrides say otherwise. */
export const bidResult = (bidder: string, overrides: Partial<BidResult> = {}): BidResult => ({
  bidder,
  valid: true,
  invalidReasons: [],
  flags: [],
  evaluatedPrice: null,
  priceScore: null,
  nonPriceScore: null,
  finalScore: null,
  categoryScores: null,
  rank: null,
  ...overrides,
});

export const lotResult = (no: string, overrides: Partial<LotResult> = {}): LotResult => ({
  no,
  status: 'awarded',
  failReason: null,
  basePrice: null,
  setAside: [],
  bids: [],
  tieBreaks: [],
  winner: null,
  awardChain: [],
  ...overrides,
});

export const tenderResults = (tender: string, lots: LotResult[], overrides: Partial<Results> = {}): Results => ({
  tender,
  status: 'awarded',
  lots,
  errors: [],
  assessments: [],
  ...overrides,
});
