import { D, type Dec, publish } from '../decimal';
import type { Dossier } from '../dossier/dossier.types';
import type { CriterionDistribution, ScoreDistribution, ScoreSpread } from '../wire/evaluation';

/**
 * The value at quantile `p` of sorted values, interpolated linearly between the two nearest ranks
 * (position p × (n − 1), the usual definition of a box plot's quartiles). Exact decimals.
 */
export function quantile(sorted: readonly Dec[], p: number): Dec {
  const position = new D(sorted.length - 1).times(p);
  const below = position.floor().toNumber();
  const above = position.ceil().toNumber();
  return sorted[below].plus(sorted[above].minus(sorted[below]).times(position.minus(below)));
}

/** One bid's scores on one criterion and their spread. */
export function scoreSpread(bidder: string, scores: readonly { expert: string; value: Dec }[]): ScoreSpread {
  const sorted = scores.map((s) => s.value).sort((a, b) => a.comparedTo(b));
  const sum = sorted.reduce((s, v) => s.plus(v), new D(0));
  return {
    bidder,
    scores: [...scores].sort((a, b) => a.expert.localeCompare(b.expert)).map((s) => ({ expert: s.expert, value: publish(s.value) })),
    min: publish(sorted[0]),
    q1: publish(quantile(sorted, 0.25)),
    median: publish(quantile(sorted, 0.5)),
    q3: publish(quantile(sorted, 0.75)),
    max: publish(sorted[sorted.length - 1]),
    mean: publish(sum.div(sorted.length)),
  };
}

/**
 * The panel's scores of a lot (DOMAIN.md §4, 记名打分) as their distribution per criterion: for each
 * non-price criterion of the lot's scheme, every bid some expert scored on it, with each expert's score
 * and their spread. Only the scores the dossier holds count: those of the members still on the panel.
 * Undefined when the dossier has no such lot.
 */
export function scoreDistribution(dossier: Dossier, lotNo: string): ScoreDistribution | undefined {
  const lot = dossier.lots.find((l) => l.no === lotNo);
  if (!lot) return undefined;
  const scheme = dossier.schemes.find((s) => s.code === lot.scheme);
  const scores = (dossier.scores ?? []).filter((s) => s.lot === lotNo);
  const criteria: CriterionDistribution[] = (scheme?.criteria ?? [])
    .filter((c): c is typeof c & { kind: 'objective' | 'subjective' } => c.kind !== 'price')
    .map((c) => {
      const byBidder = new Map<string, { expert: string; value: Dec }[]>();
      for (const s of scores.filter((x) => x.criterion === c.no)) {
        byBidder.set(s.bidder, [...(byBidder.get(s.bidder) ?? []), { expert: s.expert, value: new D(s.value) }]);
      }
      return {
        no: c.no,
        category: c.category,
        name: c.name,
        kind: c.kind,
        max: new D(c.max).toString(),
        bids: [...byBidder.keys()].sort((a, b) => a.localeCompare(b)).map((bidder) => scoreSpread(bidder, byBidder.get(bidder)!)),
      };
    });
  return { lot: lotNo, criteria };
}
