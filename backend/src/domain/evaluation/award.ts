/**
 * Award across lots (DOMAIN.md §3 failed lots, §4 evaluation, §5 lot exclusion and cancelled awards).
 *
 * How a tender is evaluated:
 * 1. Lots are taken in evaluation order (ties by lot no). A lot fails (废标) on the input alone: fewer than
 *    minQualifiedBidders bids at opening, or fewer valid bids after review — counted before any lot
 *    exclusion, abnormal-low rejection or later disqualification, none of which can fail a lot.
 * 2. The panel scores every valid bid of a lot that did not fail, once (set-asides do not change scores).
 * 3. Each lot is ranked with its exclusions applied first: under 'sequential-exclusive' the winners of
 *    the earlier lots are set aside; bidders that declined an award are set aside in the later lots;
 *    disqualified bidders' bids are invalid. Then abnormal-low, base price, scores and ranking follow.
 * 4. Cancellations are applied in the order given. The lot where a winner declines or is disqualified is
 *    NOT re-ranked: its ranking is the one the award was made on, so the next-ranked eligible bid wins
 *    and the cancelled bid keeps its scores and rank (a disqualified one is also marked invalid). Lots
 *    evaluated earlier are not re-ranked either (their awards stand), but a disqualified bidder's bids
 *    there are marked invalid and, if it won one (possible only under 'independent'), the next-ranked
 *    bid wins it. Every later lot is recomputed with the new exclusions — under both award rules,
 *    because a forfeited bid is "set aside", and set-aside bids never count in a lot.
 * 5. Each lot keeps its award chain: what happened at step 0 (the evaluation) and at each cancellation.
 */
import { D, Dec, fen, publish } from '../decimal';
import { lotPricing } from '../dossier/dossier.schema';
import type { DossierLot, Scheme, Score } from '../dossier/dossier.types';
import type { InvalidReasonCode, LotFailCode, SetAsideCode } from '../labels';
import { categoryScore, nonPriceScore, tallyPanel, type PanelTally } from './panel';
import { priceLot, ABNORMAL_LOW_FLAG, ABNORMAL_LOW_REJECTED, type PriceParams } from './price-score';
import { lotSeed, rankBids, type Contender } from './ranking';
import { deductedScore } from './repeated-failure';
import type { AwardEvent, BidResult, Cancellation, EngineError, EngineInput, EngineResult, LotResult, ReviewedBid } from './types';

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Lot numbers compare as numbers when both are numeric ("2" before "10"), else as codes. */
const byLotNo = (a: string, b: string): number => {
  const [x, y] = [Number(a), Number(b)];
  return a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && x !== y ? x - y : byCode(a, b);
};

/**
 * Why a lot has no winner, why a bid is set aside or invalid after the award: codes with their
 * parameters (`code:param`), rendered by the label table (domain/labels.ts).
 */
export const reasons = {
  notOpened: (min: number) => `${'not-opened' satisfies LotFailCode}:${min}`,
  tooFewValid: (min: number) => `${'too-few-valid' satisfies LotFailCode}:${min}`,
  nothingCompetes: 'nothing-competes' satisfies LotFailCode,
  nobodyLeft: 'nobody-left' satisfies LotFailCode,
  wonEarlierLot: (lot: string) => `${'won-earlier-lot' satisfies SetAsideCode}:${lot}`,
  declinedEarlierLot: (lot: string) => `${'declined-earlier-lot' satisfies SetAsideCode}:${lot}`,
  declinedThisLot: 'declined-this-lot' satisfies SetAsideCode,
  disqualified: (lot: string) => `${'disqualified' satisfies InvalidReasonCode}:${lot}`,
};

/** Everything about one lot that does not change while awards move. */
interface LotContext {
  lot: DossierLot;
  no: string;
  index: number;
  bids: ReviewedBid[];
  failReason: string | null;
  /** The panel's scores of the valid bids; none for a failed lot. */
  panel: PanelTally | null;
  seed: string | number;
  /** The category of the price criterion, whose category score is the price score. */
  priceCategory: string | null;
  /** Prices as published: amounts to the 分; a rate as it is (a fraction: 0.0275 is not 0.03). */
  showPrice: (price: Dec) => string;
}

interface Context {
  tenderCode: string;
  sequential: boolean;
  price: PriceParams;
  scoreDecimals: number;
  tieBreakers: NonNullable<EngineInput['tender']['tieBreakers']>;
  sme: Map<string, boolean>;
  lots: LotContext[];
  errors: EngineError[];
}

/** What keeps bids out of a lot's ranking: bidder → reason. */
interface Exclusions {
  setAside: Map<string, string>;
  disqualified: Map<string, string>;
}

/** A lot's result plus the ranking it was computed with (best first), which cancellations walk down. */
interface LotOutcome {
  result: LotResult;
  ranking: string[];
}

function prepare(input: EngineInput): Context {
  const t = input.tender;
  const errors: EngineError[] = [];
  const min = t.minQualifiedBidders ?? 3;
  const schemes = new Map(input.schemes.map((s) => [s.code, s]));
  const sme = new Map(input.bidders.map((b) => [b.code, b.sme === true]));
  const panel = input.panel.map((p) => p.code);
  const lots = [...input.lots].sort((a, b) => a.evaluationOrder - b.evaluationOrder || byLotNo(String(a.no), String(b.no)));
  const lotNos = new Set(lots.map((l) => String(l.no)));
  // Each lot's panel reads only its own sheets: the tender's scores gone through once, not once per lot,
  // and by index (a for-of allocates an iterator result per score).
  const scoresByLot = new Map<string, Score[]>();
  for (let i = 0; i < input.scores.length; i++) {
    const s = input.scores[i];
    const sheets = scoresByLot.get(s.lot);
    if (sheets) sheets.push(s);
    else scoresByLot.set(s.lot, [s]);
  }

  for (const b of input.reviewedBids) {
    if (!lotNos.has(String(b.lot))) errors.push({ lot: String(b.lot), bidder: b.bidder, message: 'bid on an unknown lot' });
    if (!sme.has(b.bidder)) errors.push({ lot: String(b.lot), bidder: b.bidder, message: 'unknown bidder (treated as not SME)' });
  }
  for (const no of lotNos) {
    if ((input.draws ?? []).filter((d) => String(d.lot) === no).length > 1)
      errors.push({ lot: no, message: 'more than one recorded draw seed' });
  }

  const contexts = lots.map((lot, index): LotContext => {
    const no = String(lot.no);
    let scheme: Scheme | undefined = schemes.get(lot.scheme);
    if (!scheme) {
      errors.push({ lot: no, message: `unknown scoring scheme ${lot.scheme}` });
      scheme = { code: lot.scheme, name: '', criteria: [] };
    }
    const priceCriterion = scheme.criteria.find((c) => c.kind === 'price');
    if (priceCriterion && !new D(priceCriterion.max).eq(t.priceWeight)) {
      // the tender's weight is applied; a scheme that says otherwise is a configuration error to fix
      errors.push({
        lot: no,
        criterion: String(priceCriterion.no),
        message: `price criterion max ${String(priceCriterion.max)} differs from the tender's price weight ${String(t.priceWeight)}`,
      });
    }
    const bids = uniqueBids(
      no,
      input.reviewedBids.filter((b) => String(b.lot) === no),
      errors,
    );
    const validBids = bids.filter((b) => b.valid);
    const failReason = bids.length < min ? reasons.notOpened(min) : validBids.length < min ? reasons.tooFewValid(min) : null;
    let scored: PanelTally | null = null;
    if (!failReason) {
      // a failed lot is never scored, so missing sheets there are no error
      scored = tallyPanel(
        no,
        scheme,
        validBids.map((b) => ({ bidder: b.bidder, facts: b.facts })),
        panel,
        scoresByLot.get(no) ?? [],
        {
          outlierRatio: t.outlierRatio ?? undefined,
          trimExtremes: t.trimExtremes ?? undefined,
        },
      );
      errors.push(...scored.errors);
    }
    return {
      lot,
      no,
      index,
      bids,
      failReason,
      panel: scored,
      seed: lotSeed(t.code, no, input.draws),
      priceCategory: priceCriterion?.category ?? null,
      showPrice: lotPricing(lot) === 'rate' ? (price: Dec) => price.toString() : fen,
    };
  });

  return {
    tenderCode: t.code,
    sequential: t.awardRule === 'sequential-exclusive',
    price: {
      priceWeight: t.priceWeight,
      priceBasis: t.priceBasis ?? undefined,
      smeDeduction: t.smeDeduction ?? undefined,
      abnormalLowRatio: t.abnormalLowRatio ?? undefined,
    },
    scoreDecimals: t.scoreDecimals ?? 2,
    tieBreakers: t.tieBreakers ?? ['price', 'draw'],
    sme,
    lots: contexts,
    errors,
  };
}

/** One bidder, one bid per lot: a second bid is an error; the kept one does not depend on input order. */
function uniqueBids(lot: string, bids: ReviewedBid[], errors: EngineError[]): ReviewedBid[] {
  const sorted = [...bids].sort((a, b) => byCode(a.bidder, b.bidder) || byCode(JSON.stringify(a), JSON.stringify(b)));
  return sorted.filter((b, i) => {
    const repeated = i > 0 && sorted[i - 1].bidder === b.bidder;
    if (repeated) errors.push({ lot, bidder: b.bidder, message: 'more than one bid by this bidder on the lot' });
    return !repeated;
  });
}

const unique = (xs: string[]): string[] => [...new Set(xs)];

function reviewedResult(b: ReviewedBid): BidResult {
  return {
    bidder: b.bidder,
    valid: b.valid,
    invalidReasons: [...b.invalidReasons],
    flags: unique(b.flags),
    evaluatedPrice: null,
    priceScore: null,
    nonPriceScore: null,
    finalScore: null,
    categoryScores: null,
    rank: null,
  };
}

const publishAll = (scores: Record<string, Dec>, places: number): Record<string, string> =>
  Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, publish(v, places)]));

/** Ranked bids first by rank, then the others by bidder code. */
const bidOrder = (a: BidResult, b: BidResult): number => (a.rank ?? Infinity) - (b.rank ?? Infinity) || byCode(a.bidder, b.bidder);

/** Evaluates one lot with its exclusions: set-asides, abnormal-low, base price, scores, ranking. */
function evaluateLot(ctx: Context, lc: LotContext, excl: Exclusions): LotOutcome {
  const results = new Map(lc.bids.map((b) => [b.bidder, reviewedResult(b)]));
  const result: LotResult = {
    no: lc.no,
    status: 'failed',
    failReason: lc.failReason,
    basePrice: null,
    setAside: [],
    bids: [],
    tieBreaks: [],
    winner: null,
    awardChain: [],
  };
  const finish = (ranking: string[]): LotOutcome => {
    result.bids = [...results.values()].sort(bidOrder);
    return { result, ranking };
  };
  if (lc.failReason || !lc.panel) return finish([]);
  const panel = lc.panel;

  const competing: ReviewedBid[] = [];
  for (const bid of lc.bids.filter((b) => b.valid)) {
    const r = results.get(bid.bidder)!;
    r.flags = unique([...r.flags, ...(panel.bids.get(bid.bidder)?.flags ?? [])]);
    const disqualified = excl.disqualified.get(bid.bidder);
    const setAside = excl.setAside.get(bid.bidder);
    if (disqualified) {
      r.valid = false;
      r.invalidReasons.push(disqualified);
    } else if (setAside) {
      result.setAside.push({ bidder: bid.bidder, reason: setAside });
    } else {
      competing.push(bid);
    }
  }

  const pricing = priceLot(
    competing.map((b) => ({
      bidder: b.bidder,
      amounts: b.pricedAmounts,
      sme: ctx.sme.get(b.bidder) ?? false,
      abnormalLowRejected: b.abnormalLowRejected,
    })),
    ctx.price,
  );
  const contenders: Contender[] = [];
  const bidOf = new Map(competing.map((b) => [b.bidder, b]));
  const exact = new Map<
    string,
    { evaluatedPrice: Dec; priceScore: Dec; nonPrice: Dec; categories: Record<string, Dec>; final: Dec; deduction: Dec | null }
  >();
  for (const p of pricing.bids) {
    const r = results.get(p.bidder)!;
    if (p.abnormalLow) r.flags = unique([...r.flags, ABNORMAL_LOW_FLAG]);
    if (p.rejected) {
      r.valid = false;
      r.invalidReasons.push(ABNORMAL_LOW_REJECTED);
      continue;
    }
    const tally = panel.bids.get(p.bidder)!;
    const priceScore = p.priceScore!;
    const categories: Record<string, Dec> = {};
    panel.categories.forEach((category, i) => (categories[category] = categoryScore(tally, panel, i)));
    // the price criterion's category carries the price score, so category scores add up to the final score
    if (lc.priceCategory !== null) categories[lc.priceCategory] = (categories[lc.priceCategory] ?? new D(0)).plus(priceScore);
    const deduction = bidOf.get(p.bidder)?.repeatedFailureDeduction ?? null;
    const nonPrice = nonPriceScore(tally, panel);
    const final = deductedScore(priceScore.plus(nonPrice), deduction);
    exact.set(p.bidder, { evaluatedPrice: p.evaluatedPrice, priceScore, nonPrice, categories, final, deduction });
    contenders.push({ bidder: p.bidder, finalScore: final, pricedPart: p.pricedPart, categoryScores: categories });
  }
  result.setAside.sort((a, b) => byCode(a.bidder, b.bidder));

  if (contenders.length === 0) {
    result.status = 'not-awarded';
    result.failReason = reasons.nothingCompetes;
    return finish([]);
  }
  result.basePrice = pricing.basePrice === null ? null : lc.showPrice(pricing.basePrice);
  const ranking = rankBids(contenders, { scoreDecimals: ctx.scoreDecimals, tieBreakers: ctx.tieBreakers, seed: lc.seed });
  ranking.order.forEach((bidder, i) => {
    const r = results.get(bidder)!;
    const e = exact.get(bidder)!;
    const places = ctx.scoreDecimals;
    Object.assign(r, {
      evaluatedPrice: lc.showPrice(e.evaluatedPrice),
      priceScore: publish(e.priceScore, places),
      nonPriceScore: publish(e.nonPrice, places),
      finalScore: publish(e.final, places),
      ...(e.deduction && { repeatedFailureDeduction: publish(e.deduction, places) }),
      categoryScores: publishAll(e.categories, places),
      rank: i + 1,
    });
  });
  result.tieBreaks = ranking.tieBreaks;
  result.status = 'awarded';
  result.failReason = null;
  result.winner = ranking.order[0];
  return finish(ranking.order);
}

/** The exclusions in force when lot k is (re)computed, from the current winners and the cancellations so far. */
function exclusionsFor(ctx: Context, k: number, outcomes: LotOutcome[], applied: Cancellation[]): Exclusions {
  const setAside = new Map<string, string>();
  const disqualified = new Map<string, string>();
  if (ctx.sequential) {
    for (let j = 0; j < k; j++) {
      const winner = outcomes[j].result.winner;
      if (winner && !setAside.has(winner)) setAside.set(winner, reasons.wonEarlierLot(ctx.lots[j].no));
    }
  }
  for (const c of applied) {
    const j = indexOfLot(ctx, c.lot)!;
    if (c.kind === 'disqualified' && !disqualified.has(c.bidder)) disqualified.set(c.bidder, reasons.disqualified(c.lot));
    if (c.kind === 'declined' && j <= k && !setAside.has(c.bidder)) {
      setAside.set(c.bidder, j < k ? reasons.declinedEarlierLot(c.lot) : reasons.declinedThisLot);
    }
  }
  return { setAside, disqualified };
}

const indexOfLot = (ctx: Context, lot: string): number | undefined => ctx.lots.find((l) => l.no === String(lot))?.index;

/** A bidder that may no longer win this lot: disqualified anywhere, or declined this very lot. */
const ineligible = (applied: Cancellation[], lotNo: string, bidder: string): boolean =>
  applied.some((c) => c.bidder === bidder && (c.kind === 'disqualified' || c.lot === lotNo));

/** Walks down the lot's ranking to the next eligible bid (the lot is not re-ranked). */
function moveWinner(o: LotOutcome, applied: Cancellation[], at: number, cause?: Cancellation): void {
  const next = o.ranking.find((b) => !ineligible(applied, o.result.no, b)) ?? null;
  o.result.winner = next;
  o.result.status = next ? 'awarded' : 'not-awarded';
  o.result.failReason = next ? null : reasons.nobodyLeft;
  o.result.awardChain.push({ at, event: next ? 'won' : 'not-awarded', bidder: next, ...(cause ? { cause } : {}) });
}

/** Marks a bid in a lot that is not re-ranked: it keeps its scores and rank, which the award was made on. */
function markCancelled(o: LotOutcome, c: Cancellation): void {
  const bid = o.result.bids.find((b) => b.bidder === c.bidder);
  if (!bid || (c.kind === 'disqualified' && !bid.valid)) return;
  bid.flags = unique([...bid.flags, c.kind]);
  if (c.kind === 'disqualified') {
    bid.valid = false;
    bid.invalidReasons.push(reasons.disqualified(c.lot));
  }
}

const initialEvent = (r: LotResult): AwardEvent[] =>
  r.status === 'failed' ? [] : [{ at: 0, event: r.winner ? 'won' : 'not-awarded', bidder: r.winner }];

/** Evaluates a whole tender: every lot, lot exclusion, then the cancellations in order. */
export function evaluateTender(input: EngineInput): EngineResult {
  const ctx = prepare(input);
  const outcomes: LotOutcome[] = [];
  const applied: Cancellation[] = [];

  // (Re)computes lots from `start` on; a changed winner is recorded in the lot's chain.
  const recomputeFrom = (start: number, at: number, cause?: Cancellation): void => {
    for (let k = start; k < ctx.lots.length; k++) {
      const previous = outcomes[k];
      const fresh = evaluateLot(ctx, ctx.lots[k], exclusionsFor(ctx, k, outcomes, applied));
      if (!previous) {
        fresh.result.awardChain = initialEvent(fresh.result);
      } else {
        fresh.result.awardChain = [...previous.result.awardChain];
        const before = previous.result.winner;
        if (before !== fresh.result.winner) {
          if (before && cause?.kind === 'disqualified' && cause.bidder === before) {
            fresh.result.awardChain.push({ at, event: 'disqualified', bidder: before, cause });
          }
          const next = fresh.result.winner;
          fresh.result.awardChain.push({ at, event: next ? 'won' : 'not-awarded', bidder: next, cause });
        }
      }
      outcomes[k] = fresh;
    }
  };
  recomputeFrom(0, 0);

  (input.cancellations ?? [])
    .map((c) => ({ ...c, lot: String(c.lot) }))
    .forEach((c, i) => {
      const at = i + 1;
      const k = indexOfLot(ctx, c.lot);
      if (k === undefined || outcomes[k].result.winner !== c.bidder) {
        ctx.errors.push({
          lot: String(c.lot),
          bidder: c.bidder,
          message: `cancellation ${at} ignored: ${c.bidder} is not the current winner of the lot`,
        });
        return;
      }
      applied.push(c);
      const o = outcomes[k];
      o.result.awardChain.push({ at, event: c.kind, bidder: c.bidder });
      markCancelled(o, c);
      moveWinner(o, applied, at);
      if (c.kind === 'disqualified') {
        // invalid in every lot: earlier lots are marked (not re-ranked); a lot it had won passes down its ranking
        for (let j = 0; j < k; j++) {
          const earlier = outcomes[j];
          markCancelled(earlier, c);
          if (earlier.result.winner === c.bidder) {
            earlier.result.awardChain.push({ at, event: 'disqualified', bidder: c.bidder, cause: c });
            moveWinner(earlier, applied, at, c);
          }
        }
      }
      recomputeFrom(k + 1, at, c);
    });

  const lots = outcomes.map((o) => o.result);
  return {
    tender: ctx.tenderCode,
    status: lots.some((l) => l.status === 'awarded') ? 'awarded' : 'failed',
    lots,
    errors: ctx.errors.sort(byError),
  };
}

const byError = (a: EngineError, b: EngineError): number =>
  byLotNo(a.lot ?? '', b.lot ?? '') ||
  byCode(a.bidder ?? '', b.bidder ?? '') ||
  byCode(a.expert ?? '', b.expert ?? '') ||
  byCode(a.criterion ?? '', b.criterion ?? '') ||
  byCode(a.message, b.message);
