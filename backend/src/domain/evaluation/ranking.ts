/**
 * Final score and ranking (DOMAIN.md §4): rank by the PUBLISHED final score, then break ties by the
 * tender's tie-breakers in order; a random draw is seeded and recorded so it can be replayed.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { D, Dec } from '../decimal';
import type { Draw, TieBreaker } from '../dossier/dossier.types';
import type { TieBreak } from './types';

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const DEFAULT_TIE_BREAKERS: TieBreaker[] = ['price', 'draw'];

/** A bid still competing in the lot, with exact (unpublished) values. */
export interface Contender {
  bidder: string;
  finalScore: Dec;
  /** Quoted priced part before the SME deduction. */
  pricedPart: Dec;
  categoryScores: Record<string, Dec>;
}

export interface RankParams {
  scoreDecimals?: number;
  tieBreakers?: TieBreaker[];
  seed: string | number;
}

export interface Ranking {
  /** Bidder codes, best first; rank = index + 1. */
  order: string[];
  tieBreaks: TieBreak[];
}

/**
 * The seed of a lot's draws: the recorded one from `draws` when given (replay), else derived from the
 * tender code and the lot no as `"<tender code>/<lot no>"`, so evaluating the same dossier twice draws the
 * same way and the recorded seed can be fed back through `draws`.
 */
export function lotSeed(tenderCode: string, lotNo: string, draws: Draw[] = []): string | number {
  const recorded = draws.find((d) => String(d.lot) === lotNo);
  return recorded ? recorded.seed : `${tenderCode}/${lotNo}`;
}

/** A 32-bit generator seed from any text (first 4 bytes of its SHA-256). */
export const seedNumber = (text: string): number => {
  const hash = sha256(new TextEncoder().encode(text));
  return new DataView(hash.buffer, hash.byteOffset, hash.byteLength).getInt32(0);
};

/**
 * The drawn order of a tied group, best first. The codes are sorted before shuffling and mixed into the
 * generator's seed together with the lot seed, so the draw depends only on (seed, who is tied): it does
 * not depend on input order, and two different ties in one lot do not share one outcome pattern.
 * Fisher–Yates with pure-rand's unbiased uniformInt.
 */
export function drawOrder(bidders: string[], seed: string | number): string[] {
  const order = [...bidders].sort(byCode);
  const rng = xoroshiro128plus(seedNumber(`${String(seed)}|${order.join(',')}`));
  for (let i = order.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Splits a tied group by a key, best key first; codes inside a part stay sorted. */
function splitBy(group: Contender[], key: (c: Contender) => Dec, better: 'lower' | 'higher'): Contender[][] {
  const keys = new Map(group.map((c) => [c, key(c)])); // each key once, not once per comparison
  const sorted = [...group].sort((a, b) => {
    const cmp = keys.get(a)!.comparedTo(keys.get(b)!);
    return (better === 'lower' ? cmp : -cmp) || byCode(a.bidder, b.bidder);
  });
  const parts: Contender[][] = [];
  for (const c of sorted) {
    const last = parts[parts.length - 1];
    if (last && keys.get(last[0])!.eq(keys.get(c)!)) last.push(c);
    else parts.push([c]);
  }
  return parts;
}

/**
 * Orders a tied group by the tie-breakers from `index` on. A breaker that separates nobody is not
 * recorded; one that separates some records the whole group, and the parts still tied go on to the next
 * breaker. When the list runs out with a tie left, a draw decides, so ranks are never shared.
 */
function breakTie(group: Contender[], breakers: TieBreaker[], index: number, seed: string | number, log: TieBreak[]): string[] {
  if (group.length === 1) return [group[0].bidder];
  const bidders = group.map((c) => c.bidder).sort(byCode);
  const breaker: TieBreaker = index < breakers.length ? breakers[index] : 'draw';
  if (breaker === 'draw') {
    const order = drawOrder(bidders, seed);
    log.push({ bidders, decidedBy: 'draw', seed, order });
    return order;
  }
  const parts =
    breaker === 'price'
      ? splitBy(group, (c) => c.pricedPart, 'lower') // lower quoted price first
      : splitBy(group, (c) => c.categoryScores[breaker.category] ?? new D(0), 'higher');
  if (parts.length > 1) log.push({ bidders, decidedBy: breaker === 'price' ? 'price' : breaker.category });
  return parts.flatMap((part) => breakTie(part, breakers, index + 1, seed, log));
}

/** Ranks the competing bids: published final score descending, ties broken in order; ranks are 1..n. */
export function rankBids(contenders: Contender[], params: RankParams): Ranking {
  const places = params.scoreDecimals ?? 2;
  const published = (c: Contender): Dec => c.finalScore.toDecimalPlaces(places, D.ROUND_HALF_UP); // publish's value, as a decimal
  const groups = splitBy(contenders, published, 'higher');
  const tieBreaks: TieBreak[] = [];
  const order = groups.flatMap((g) => breakTie(g, params.tieBreakers ?? DEFAULT_TIE_BREAKERS, 0, params.seed, tieBreaks));
  return { order, tieBreaks };
}
