/** Evaluation results for the unit tests, parsed by the answer's schema (DOSSIER.md "Evaluation result", domain/wire/evaluation). */
import {
  BidResultSchema,
  LotResultSchema,
  TenderResultsSchema,
  type BidResult,
  type LotResult,
  type TenderResults,
} from '@domain/wire/evaluation';
import { answer } from './wire';

/** A bid that took no part in the ranking unless the overrides say otherwise. */
export const bidResult = (bidder: string, overrides: Partial<BidResult> = {}): BidResult =>
  answer(BidResultSchema, {
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

export const lotResult = (no: string, overrides: Partial<LotResult> = {}): LotResult =>
  answer(LotResultSchema, {
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

export const tenderResults = (tender: string, lots: LotResult[], overrides: Partial<TenderResults> = {}): TenderResults =>
  answer(TenderResultsSchema, {
    tender,
    status: 'awarded',
    lots,
    errors: [],
    assessments: [],
    ...overrides,
  });
