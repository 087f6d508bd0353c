import fc from 'fast-check';
import { D, Dec } from '../decimal';
import type { Criterion, Num, Scheme, Score } from '../dossier/dossier.types';
import { countedExperts, isOutlier, scorePanel, type BidPanelResult, type PanelBid, type PanelParams, type PanelResult } from './panel';
import { amount, criterionScore, withinCriterion } from './rule-engine';
import type { EngineError } from './types';

/**
 * scorePanel adds up scores as integers since the panel of 960 bidders per lot; before, every score went
 * through decimal.js. The former implementation is kept here, verbatim but for its names, as the oracle:
 * for any lot — scales, missing, duplicate, out-of-range and foreign scores, trimming, outlier ratios —
 * both give the same decimals (compared as text), the same flags and the same errors in the same order.
 */
const ZERO = new D(0);
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const mean = (values: Dec[]): Dec => (values.length === 0 ? ZERO : values.reduce((s, v) => s.plus(v), ZERO).div(values.length));

type FormerSheet = Map<string, Map<string, Dec>>; // expert → criterion no → value

/**
 * Reads the lot's score sheets for the scored bids, reporting anything the panel must fix:
 * unknown experts or criteria, scores for the computed price criterion, duplicates, values outside 0..max.
 */
function formerReadSheets(
  lot: string,
  criteria: Map<string, Criterion>,
  bidders: Set<string>,
  experts: Set<string>,
  scores: Score[],
  errors: EngineError[],
): Map<string, FormerSheet> {
  const sheets = new Map<string, FormerSheet>();
  const duplicates = new Set<string>();
  for (const s of scores) {
    if (s.lot !== lot || !bidders.has(s.bidder)) continue; // invalid bids' sheets play no part
    const where = { lot, bidder: s.bidder, expert: s.expert, criterion: String(s.criterion) };
    const criterion = criteria.get(String(s.criterion));
    if (!experts.has(s.expert)) {
      errors.push({ ...where, message: 'score by an expert who is not on the panel' });
      continue;
    }
    if (!criterion) {
      errors.push({ ...where, message: 'score for a criterion that is not in the scheme' });
      continue;
    }
    if (criterion.kind === 'price') {
      errors.push({ ...where, message: 'the price criterion is computed, not scored' });
      continue;
    }
    let value: Dec;
    try {
      value = new D(s.value);
      if (!value.isFinite()) throw new Error();
    } catch {
      errors.push({ ...where, message: `not a number: ${String(s.value)}` });
      continue;
    }
    if (value.lt(0) || value.gt(amount(criterion.max))) {
      errors.push({ ...where, message: `score ${value.toString()} outside 0..${amount(criterion.max).toString()}` });
      value = withinCriterion(value, criterion.max);
    }
    const sheet = sheets.get(s.bidder) ?? new Map<string, Map<string, Dec>>();
    sheets.set(s.bidder, sheet);
    const row = sheet.get(s.expert) ?? new Map<string, Dec>();
    sheet.set(s.expert, row);
    const previous = row.get(criterion.no);
    if (previous) {
      // never silently overwrite: report, and keep the higher value so the result is order-independent
      const key = `${s.bidder}|${s.expert}|${criterion.no}`;
      if (!duplicates.has(key)) errors.push({ ...where, message: 'more than one score for this criterion' });
      duplicates.add(key);
      row.set(criterion.no, D.max(previous, value));
    } else {
      row.set(criterion.no, value);
    }
  }
  return sheets;
}

/**
 * Scores one lot. The objective criteria come from the rule engine; an expert's differing value is an
 * error. A missing subjective score is an error and counts as 0 until fixed. Category scores use the
 * same experts as the non-price score (trimming is decided by total, per bid).
 */
function formerScorePanel(
  lot: string,
  scheme: Scheme,
  bids: PanelBid[],
  panel: string[],
  scores: Score[],
  params: PanelParams = {},
): PanelResult {
  const errors: EngineError[] = [];
  const experts = [...new Set(panel)].sort(byCode);
  const all = scheme.criteria.map((c) => ({ ...c, no: String(c.no) })); // a number-typed no still matches the sheets
  const nonPrice = all.filter((c) => c.kind !== 'price');
  const criteria = new Map(all.map((c) => [c.no, c]));
  const sheets = formerReadSheets(lot, criteria, new Set(bids.map((b) => b.bidder)), new Set(experts), scores, errors);
  if (experts.length === 0 && nonPrice.some((c) => c.kind === 'subjective')) {
    errors.push({ lot, message: 'no panel: subjective criteria cannot be scored' });
  }

  const result: Record<string, BidPanelResult> = {};
  for (const bid of [...bids].sort((a, b) => byCode(a.bidder, b.bidder))) {
    const sheet = sheets.get(bid.bidder) ?? new Map<string, Map<string, Dec>>();
    const valueOf = (expert: string, no: string): Dec | undefined => sheet.get(expert)?.get(no);
    const objectiveScores: Record<string, Dec> = {};
    for (const c of nonPrice.filter((c) => c.kind === 'objective')) objectiveScores[c.no] = criterionScore(c, bid.facts);

    // each expert's subtotals per category: objective points (prefilled) + that expert's subjective scores
    const subtotals: Record<string, Record<string, Dec>> = {};
    const flags: string[] = [];
    for (const expert of experts) {
      const mine: Record<string, Dec> = {};
      for (const c of nonPrice) {
        let points: Dec;
        if (c.kind === 'objective') {
          points = objectiveScores[c.no];
          const given = valueOf(expert, c.no);
          if (given && !given.eq(points)) {
            errors.push({
              lot,
              bidder: bid.bidder,
              expert,
              criterion: c.no,
              message: `objective score ${given.toString()} differs from the rule result ${points.toString()}`,
            });
          }
        } else {
          const given = valueOf(expert, c.no);
          if (!given) {
            errors.push({ lot, bidder: bid.bidder, expert, criterion: c.no, message: 'missing subjective score' });
          } else {
            const others = experts
              .filter((e) => e !== expert)
              .map((e) => valueOf(e, c.no))
              .filter((v): v is Dec => !!v);
            if (isOutlier(given, others, c.max, params.outlierRatio ?? '0.30')) flags.push(`outlier:${expert}:${c.no}`);
          }
          points = given ?? ZERO;
        }
        mine[c.category] = (mine[c.category] ?? ZERO).plus(points);
      }
      subtotals[expert] = mine;
    }

    const expertTotals: Record<string, Dec> = {};
    for (const expert of experts) expertTotals[expert] = Object.values(subtotals[expert]).reduce((s, v) => s.plus(v), ZERO);
    const counted = countedExperts(expertTotals, params.trimExtremes ?? false);
    const categoryScores: Record<string, Dec> = {};
    for (const category of new Set(nonPrice.map((c) => c.category))) {
      categoryScores[category] = counted.length
        ? mean(counted.map((e) => subtotals[e][category] ?? ZERO))
        : formerObjectiveCategoryTotal(nonPrice, objectiveScores, category);
    }
    result[bid.bidder] = {
      bidder: bid.bidder,
      objectiveScores,
      expertTotals,
      countedExperts: counted,
      // with no panel at all only the objective points can be known (reported above as an error)
      nonPriceScore: counted.length
        ? mean(counted.map((e) => expertTotals[e]))
        : Object.values(objectiveScores).reduce((s, v) => s.plus(v), ZERO),
      categoryScores,
      flags: flags.sort(byCode),
    };
  }
  return { bids: result, errors };
}

const formerObjectiveCategoryTotal = (criteria: Criterion[], objective: Record<string, Dec>, category: string): Dec =>
  criteria.filter((c) => c.category === category && c.kind === 'objective').reduce((s, c) => s.plus(objective[c.no]), ZERO);

const asText = (r: PanelResult) => JSON.parse(JSON.stringify(r)) as unknown; // Decimals as their exact text

describe('scorePanel against the former decimal.js implementation', () => {
  const value = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 400 }).map((t) => (t / 10).toFixed(1)) }, // tenths, as validated
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 4000 }).map((t) => t / 100) }, // hundredths, as numbers
    { weight: 1, arbitrary: fc.constantFrom<Num>('-1', '45', '1e1', 'abc', '0.05', '7.50', 12) }, // outside, odd or not numbers
  );
  const scheme: Scheme = {
    code: 'S',
    name: 'test',
    criteria: [
      { no: '1', category: '价格', name: '价格', max: '30', kind: 'price' },
      {
        no: '2',
        category: '经验',
        name: '项目经验',
        max: '10',
        kind: 'objective',
        rule: { type: 'perUnit', fact: 'projects', points: '2.5', cap: '10' },
      },
      { no: '3', category: '方案', name: '服务方案', max: '40', kind: 'subjective' },
      { no: '4', category: '方案', name: '培训方案', max: '12.5', kind: 'subjective' },
      { no: '5', category: '服务', name: '承诺', max: '8', kind: 'subjective' },
    ],
  };
  const bidders = ['A', 'B', 'C', 'D'];
  const experts = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'];

  it('gives the same results, flags and errors for any lot', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            expert: fc.constantFrom(...experts, 'X'),
            bidder: fc.constantFrom(...bidders),
            lot: fc.constantFrom('1', '1', '1', '2'),
            criterion: fc.constantFrom('1', '2', '3', '4', '5', '9'),
            value,
          }),
          { maxLength: 80 },
        ),
        fc.integer({ min: 0, max: 6 }),
        fc.record({ trimExtremes: fc.boolean(), outlierRatio: fc.constantFrom<Num>('0.30', '0.1', '0.25', 0.5) }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
        (scores: Score[], panelSize: number, params: PanelParams, projects: number[]) => {
          const panel = experts.slice(0, panelSize);
          const bids: PanelBid[] = bidders.map((bidder, i) => ({ bidder, facts: { projects: projects[i] } }));
          expect(asText(scorePanel('1', scheme, bids, panel, scores, params))).toEqual(
            asText(formerScorePanel('1', scheme, bids, panel, scores, params)),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives the same results for full sheets of tenths, as every validated tender has', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 3, maxLength: 3 }), { minLength: 24, maxLength: 24 }),
        fc.boolean(),
        (grid, trimExtremes) => {
          const scores: Score[] = grid.flatMap((row, i) =>
            ['3', '4', '5'].map((criterion, k) => ({
              expert: experts[i % 6],
              bidder: bidders[Math.floor(i / 6)],
              lot: '1',
              criterion,
              value: (Math.min(row[k], [400, 125, 80][k]) / 10).toFixed(1),
            })),
          );
          const bids: PanelBid[] = bidders.map((bidder) => ({ bidder, facts: { projects: 3 } }));
          expect(asText(scorePanel('1', scheme, bids, experts, scores, { trimExtremes }))).toEqual(
            asText(formerScorePanel('1', scheme, bids, experts, scores, { trimExtremes })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
