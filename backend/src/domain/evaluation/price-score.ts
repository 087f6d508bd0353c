/**
 * Price score (价格分, DOMAIN.md §4): evaluated price P after the SME deduction, abnormally low prices,
 * base price B = the lowest P of the bids still competing, and score = B / P × price weight.
 */
import { D, Dec } from '../decimal';
import type { Num, PriceBasis } from '../dossier/dossier.types';
import type { FlagCode, InvalidReasonCode } from '../labels';
import type { PricedAmounts } from './types';

export const ABNORMAL_LOW_FLAG = 'abnormal-low' satisfies FlagCode;
/** The panel's below-cost finding (invalid reason code, DOSSIER.md format 2). */
export const ABNORMAL_LOW_REJECTED = 'abnormal-low' satisfies InvalidReasonCode;

export interface PriceParams {
  priceWeight: Num;
  priceBasis?: PriceBasis;
  smeDeduction?: Num;
  abnormalLowRatio?: Num;
}

/** A valid bid still competing in the lot (set-aside bids never reach the price score). */
export interface PricingBid {
  bidder: string;
  amounts: PricedAmounts;
  sme: boolean;
  abnormalLowRejected?: boolean;
}

export interface PricedBid {
  bidder: string;
  /** The quoted priced part, before the SME deduction (also the 'price' tie-breaker). */
  pricedPart: Dec;
  evaluatedPrice: Dec;
  abnormalLow: boolean;
  /** The panel found the price below cost, flagged or not: the bid is invalid and leaves the base price. */
  rejected: boolean;
  /** null for a rejected bid. */
  priceScore: Dec | null;
}

export interface LotPricing {
  bids: PricedBid[];
  basePrice: Dec | null;
}

/**
 * Which part of the bid is priced: the rate r on a rate-priced lot; else the service total T (default)
 * or the total bid.
 */
export const pricedPart = (amounts: PricedAmounts, basis: PriceBasis = 'service'): Dec => {
  const priced = amounts.rate ?? (basis === 'total' ? amounts.total : amounts.serviceTotal);
  if (priced == null) throw new Error(`a bid without its priced part (${basis})`);
  return new D(priced);
};

/** P = priced part × (1 − deduction) for a small or micro enterprise (小微企业), else the priced part. */
export const evaluatedPrice = (priced: Dec, sme: boolean, smeDeduction: Num = '0.20'): Dec =>
  sme ? priced.times(new D(1).minus(smeDeduction)) : priced;

/**
 * 异常低价: the priced part is below ratio × the mean of the OTHER competing bids' priced parts.
 * A lone bid has no one to compare with, so it is never flagged.
 */
export function isAbnormallyLow(priced: Dec, othersPriced: Dec[], ratio: Num = '0.50'): boolean {
  return belowOthers(
    priced,
    othersPriced.reduce((s, p) => s.plus(p), new D(0)),
    othersPriced.length,
    ratio,
  );
}

/** isAbnormallyLow from the sum and count of the others' priced parts, so a lot's prices are added up once, not once per bid. */
function belowOthers(priced: Dec, othersSum: Dec, others: number, ratio: Num | Dec): boolean {
  if (others === 0) return false;
  return priced.lt(othersSum.div(others).times(ratio));
}

/** B: the lowest evaluated price, or null when nothing competes. */
export const basePrice = (prices: Dec[]): Dec | null => (prices.length ? D.min(...prices) : null);

/**
 * B / P × weight, exact to 40 digits. A zero P can only be the base price itself, so it gets the full weight.
 */
export function priceScore(base: Dec, evaluated: Dec, weight: Num | Dec): Dec {
  if (evaluated.isZero()) return new D(weight);
  return base.div(evaluated).times(weight);
}

/**
 * Prices one lot. The abnormal-low flags are judged once, among all competing bids, before any rejection
 * (a rejection does not re-flag the others). The flag only prompts the question: the panel's recorded
 * finding that a price is below cost (`abnormalLowRejected`) makes the bid invalid whether or not it
 * was flagged (DOMAIN.md §4, seed 001), and the bid leaves the base price.
 */
export function priceLot(bids: PricingBid[], params: PriceParams): LotPricing {
  // the tender's figures read into decimals once per lot, not once per bid
  const ratio = new D(params.abnormalLowRatio ?? '0.50');
  const weight = new D(params.priceWeight);
  const quoted = bids.map((b) => ({ bid: b, priced: pricedPart(b.amounts, params.priceBasis ?? 'service') }));
  // The others' sum is the lot's sum less the bidder's own parts (exact: amounts in fen are far inside 40 digits).
  const sum = quoted.reduce((s, q) => s.plus(q.priced), new D(0));
  const own = new Map<string, { sum: Dec; count: number }>();
  for (const q of quoted) {
    const mine = own.get(q.bid.bidder);
    own.set(q.bid.bidder, { sum: mine ? mine.sum.plus(q.priced) : q.priced, count: (mine?.count ?? 0) + 1 });
  }
  const judged = quoted.map(({ bid, priced }) => {
    const mine = own.get(bid.bidder)!;
    const abnormalLow = belowOthers(priced, sum.minus(mine.sum), quoted.length - mine.count, ratio);
    return {
      bidder: bid.bidder,
      pricedPart: priced,
      evaluatedPrice: evaluatedPrice(priced, bid.sme, params.smeDeduction ?? '0.20'),
      abnormalLow,
      rejected: bid.abnormalLowRejected === true,
    };
  });
  const base = basePrice(judged.filter((b) => !b.rejected).map((b) => b.evaluatedPrice));
  return {
    basePrice: base,
    bids: judged.map((b) => ({
      ...b,
      priceScore: b.rejected || base === null ? null : priceScore(base, b.evaluatedPrice, weight),
    })),
  };
}
