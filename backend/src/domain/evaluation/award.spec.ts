import fc from 'fast-check';
import type { DossierLot, DossierTender, Scheme, Score } from '../dossier/dossier.types';
import { evaluateTender, reasons } from './award';
import type { Cancellation, EngineInput, EngineResult, LotResult, ReviewedBid } from './types';

// ---- a small tender: price 30 + experience 10 (objective, 2 per project) + service plan 60 (subjective) ----

const scheme: Scheme = {
  code: 'S',
  name: '评分表',
  criteria: [
    { no: '1', category: '价格', name: '价格', max: '30', kind: 'price' },
    {
      no: '2',
      category: '经验',
      name: '项目经验',
      max: '10',
      kind: 'objective',
      rule: { type: 'perUnit', fact: 'projects', points: '2', cap: '10' },
    },
    { no: '3', category: '方案', name: '服务方案', max: '60', kind: 'subjective' },
  ],
};

const baseTender: DossierTender = {
  code: 'T-1',
  name: '测试项目',
  purchaser: '医保局',
  agency: '采购中心',
  bidDeadline: '2022-09-28T09:30:00+08:00',
  openingTime: '2022-09-28T09:30:00+08:00',
  bidValidityDays: 90,
  contractYears: 3,
  firstContractYear: 2023,
  minQualifiedBidders: 3,
  priceWeight: '30',
  awardRule: 'independent',
};

const lot = (no: string, evaluationOrder = Number(no)): DossierLot => ({
  no,
  name: `标包${no}`,
  regions: [],
  basePopulation: 1000000,
  maxUnitPrice: '2.00',
  maxBudget: '2000000.00',
  fixedComponents: [{ name: '绩效考核', amount: '50000.00' }],
  evaluationOrder,
  scheme: 'S',
});

interface BidSpec {
  bidder: string;
  lot: string;
  /** Service total in 元. */
  service: string;
  projects?: number;
  /** Each expert's score for criterion 3. */
  sheet?: (number | string)[];
  valid?: boolean;
  rejected?: boolean;
}

const EXPERTS = ['E1', 'E2', 'E3'];

const reviewed = (s: BidSpec): ReviewedBid => ({
  bidder: s.bidder,
  lot: s.lot,
  valid: s.valid ?? true,
  invalidReasons: s.valid === false ? ['投标函未盖章'] : [],
  flags: [],
  pricedAmounts: { unitPrice: '1.00', serviceTotal: s.service, total: (Number(s.service) + 50000).toFixed(2) },
  facts: { projects: s.projects ?? 0 },
  ...(s.rejected !== undefined ? { abnormalLowRejected: s.rejected } : {}),
});

const sheetsOf = (specs: BidSpec[], experts: string[]): Score[] =>
  specs.flatMap((s) =>
    (s.sheet ?? [])
      .slice(0, experts.length)
      .map((value, i) => ({ expert: experts[i], bidder: s.bidder, lot: s.lot, criterion: '3', value })),
  );

function input(specs: BidSpec[], over: Partial<DossierTender> = {}, extra: Partial<EngineInput> = {}): EngineInput {
  const lotNos = [...new Set(specs.map((s) => s.lot))].sort();
  return {
    tender: { ...baseTender, ...over },
    lots: lotNos.map((no) => lot(no)),
    schemes: [scheme],
    bidders: ['A', 'B', 'C', 'D', 'E', 'X'].map((code) => ({ code, name: `${code}公司`, sme: code === 'B' })),
    reviewedBids: specs.map(reviewed),
    panel: EXPERTS.map((code) => ({ code, name: code })),
    scores: sheetsOf(specs, EXPERTS),
    ...extra,
  };
}

const lotOf = (r: EngineResult, no: string): LotResult => r.lots.find((l) => l.no === no)!;
const bidOf = (l: LotResult, bidder: string) => l.bids.find((b) => b.bidder === bidder)!;

// Lot 1, by hand (weight 30):
//   A: T 1,000,000 → P 1,000,000; experience 3×2 = 6; plan (50+52+54)/3 = 52 → non-price 58
//   B: SME, T 900,000 → P 720,000 (base); experience 2; plan 41 → non-price 43
//   C: T 800,000 → P 800,000; experience 10; plan (45+45+45.3)/3 = 45.1 → non-price 55.1
//   price: A 720/1000×30 = 21.6 → 79.6; B 30 → 73; C 720/800×30 = 27 → 82.1  ⇒ C, A, B
const LOT1: BidSpec[] = [
  { bidder: 'A', lot: '1', service: '1000000.00', projects: 3, sheet: [50, 52, 54] },
  { bidder: 'B', lot: '1', service: '900000.00', projects: 1, sheet: [40, 41, 42] },
  { bidder: 'C', lot: '1', service: '800000.00', projects: 5, sheet: [45, 45, '45.3'] },
];
// Lot 2: A 500,000; B SME 600,000 → P 480,000; C 400,000; D 450,000 (experience 0, plan 50 → 50)
//   independent, base 400,000 (C): A 24 → 82; B 25 → 68; C 30 → 85.1; D 26.666… → 76.67  ⇒ C, A, D, B
//   sequential (C won lot 1 → set aside), base 450,000 (D): A 27 → 85; B 28.125 → 71.13; D 30 → 80  ⇒ A, D, B
const LOT2: BidSpec[] = [
  { bidder: 'A', lot: '2', service: '500000.00', projects: 3, sheet: [50, 52, 54] },
  { bidder: 'B', lot: '2', service: '600000.00', projects: 1, sheet: [40, 41, 42] },
  { bidder: 'C', lot: '2', service: '400000.00', projects: 5, sheet: [45, 45, '45.3'] },
  { bidder: 'D', lot: '2', service: '450000.00', projects: 0, sheet: [50, 50, 50] },
];

describe('evaluateTender — hand-computed examples', () => {
  it('scores and ranks a lot (independent)', () => {
    const r = evaluateTender(input([...LOT1, ...LOT2]));
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('awarded');
    const l1 = lotOf(r, '1');
    expect(l1).toMatchObject({ status: 'awarded', failReason: null, basePrice: '720000.00', setAside: [], tieBreaks: [], winner: 'C' });
    expect(l1.bids).toEqual([
      {
        bidder: 'C',
        valid: true,
        invalidReasons: [],
        flags: [],
        evaluatedPrice: '800000.00',
        priceScore: '27.00',
        nonPriceScore: '55.10',
        finalScore: '82.10',
        categoryScores: { 经验: '10.00', 方案: '45.10', 价格: '27.00' },
        rank: 1,
      },
      {
        bidder: 'A',
        valid: true,
        invalidReasons: [],
        flags: [],
        evaluatedPrice: '1000000.00',
        priceScore: '21.60',
        nonPriceScore: '58.00',
        finalScore: '79.60',
        categoryScores: { 经验: '6.00', 方案: '52.00', 价格: '21.60' },
        rank: 2,
      },
      {
        bidder: 'B',
        valid: true,
        invalidReasons: [],
        flags: [],
        evaluatedPrice: '720000.00',
        priceScore: '30.00',
        nonPriceScore: '43.00',
        finalScore: '73.00',
        categoryScores: { 经验: '2.00', 方案: '41.00', 价格: '30.00' },
        rank: 3,
      },
    ]);
    expect(l1.awardChain).toEqual([{ at: 0, event: 'won', bidder: 'C' }]);
    const l2 = lotOf(r, '2');
    expect(l2.bids.map((b) => [b.bidder, b.priceScore, b.finalScore, b.rank])).toEqual([
      ['C', '30.00', '85.10', 1],
      ['A', '24.00', '82.00', 2],
      ['D', '26.67', '76.67', 3],
      ['B', '25.00', '68.00', 4],
    ]);
  });

  it('prices the total bid when priceBasis is total', () => {
    const r = evaluateTender(input(LOT1, { priceBasis: 'total' }));
    // totals: A 1,050,000; B 950,000 × 0.8 = 760,000 (base); C 850,000
    expect(lotOf(r, '1').basePrice).toBe('760000.00');
    expect(bidOf(lotOf(r, '1'), 'C').priceScore).toBe('26.82'); // 760/850 × 30 = 26.8235…
  });

  it('sets an earlier winner aside before the base price and ranking (sequential-exclusive)', () => {
    const r = evaluateTender(input([...LOT1, ...LOT2], { awardRule: 'sequential-exclusive' }));
    const l2 = lotOf(r, '2');
    expect(l2.setAside).toEqual([{ bidder: 'C', reason: reasons.wonEarlierLot('1') }]);
    expect(l2.basePrice).toBe('450000.00');
    expect(l2.bids.map((b) => [b.bidder, b.priceScore, b.finalScore, b.rank])).toEqual([
      ['A', '27.00', '85.00', 1],
      ['D', '30.00', '80.00', 2],
      ['B', '28.13', '71.13', 3],
      ['C', null, null, null],
    ]);
    expect(bidOf(l2, 'C')).toMatchObject({ valid: true, evaluatedPrice: null, categoryScores: null });
    expect(l2.winner).toBe('A');
  });

  it('fails a lot with too few bids at opening, or too few valid bids after review; a failed lot is not scored', () => {
    const specs: BidSpec[] = [
      ...LOT1,
      { bidder: 'A', lot: '2', service: '500000.00' }, // no sheets: a failed lot needs none
      { bidder: 'B', lot: '2', service: '500000.00' },
      { bidder: 'A', lot: '3', service: '500000.00' },
      { bidder: 'B', lot: '3', service: '500000.00' },
      { bidder: 'C', lot: '3', service: '500000.00', valid: false },
    ];
    const r = evaluateTender(input(specs));
    expect(r.errors).toEqual([]);
    expect(lotOf(r, '2')).toMatchObject({
      status: 'failed',
      failReason: reasons.notOpened(3),
      basePrice: null,
      winner: null,
      awardChain: [],
    });
    expect(lotOf(r, '2').failReason).toBe('not-opened:3');
    expect(lotOf(r, '3')).toMatchObject({ status: 'failed', failReason: reasons.tooFewValid(3), winner: null });
    expect(bidOf(lotOf(r, '3'), 'C')).toMatchObject({ valid: false, invalidReasons: ['投标函未盖章'], rank: null, finalScore: null });
    expect(bidOf(lotOf(r, '3'), 'A')).toMatchObject({ valid: true, rank: null, finalScore: null });
  });

  it('counts valid bids before lot exclusion; a lot left with no competing bid is not awarded', () => {
    const specs: BidSpec[] = [
      { bidder: 'A', lot: '1', service: '500000.00', sheet: [50, 50, 50] },
      { bidder: 'A', lot: '2', service: '500000.00', sheet: [50, 50, 50] },
    ];
    const r = evaluateTender(input(specs, { awardRule: 'sequential-exclusive', minQualifiedBidders: 1 }));
    expect(lotOf(r, '1').winner).toBe('A');
    expect(lotOf(r, '2')).toMatchObject({
      status: 'not-awarded',
      failReason: reasons.nothingCompetes,
      basePrice: null,
      winner: null,
      setAside: [{ bidder: 'A', reason: reasons.wonEarlierLot('1') }],
      awardChain: [{ at: 0, event: 'not-awarded', bidder: null }],
    });
  });

  it('an abnormally low bid whose justification is rejected becomes invalid and leaves the base price', () => {
    // X: 300,000 < 0.5 × mean(1,000,000, 900,000, 800,000) = 450,000 → flagged; rejected by the panel
    const specs: BidSpec[] = [...LOT1, { bidder: 'X', lot: '1', service: '300000.00', sheet: [60, 60, 60], rejected: true }];
    const l1 = lotOf(evaluateTender(input(specs)), '1');
    expect(bidOf(l1, 'X')).toMatchObject({
      valid: false,
      invalidReasons: ['abnormal-low'],
      flags: ['abnormal-low'],
      rank: null,
    });
    expect(l1.basePrice).toBe('720000.00'); // as if X had not bid
    expect(l1.winner).toBe('C');
    // accepted justification: X competes and sets the base price
    const accepted = lotOf(evaluateTender(input(specs.map((s) => (s.bidder === 'X' ? { ...s, rejected: false } : s)))), '1');
    expect(bidOf(accepted, 'X')).toMatchObject({ valid: true, flags: ['abnormal-low'], priceScore: '30.00', rank: 1 });
    expect(accepted.basePrice).toBe('300000.00');
  });

  it('the panel may find a bid that was not flagged below cost: invalid, and out of the base price (seed 001, DOMAIN.md §4)', () => {
    // B (SME, P 720,000) is not flagged; found below cost, it leaves: base = C's 800,000.
    // A: 800/1000 × 30 = 24 → 24 + 58 = 82; C: 30 → 30 + 55.1 = 85.1  ⇒ C, A
    const specs = LOT1.map((s) => (s.bidder === 'B' ? { ...s, rejected: true } : s));
    const l1 = lotOf(evaluateTender(input(specs)), '1');
    expect(bidOf(l1, 'B')).toMatchObject({ valid: false, invalidReasons: ['abnormal-low'], flags: [], rank: null });
    expect(l1.basePrice).toBe('800000.00');
    expect(l1.bids.map((b) => [b.bidder, b.priceScore, b.finalScore, b.rank])).toEqual([
      ['C', '30.00', '85.10', 1],
      ['A', '24.00', '82.00', 2],
      ['B', null, null, null],
    ]);
  });

  it('records a draw with the derived seed, or with the lot’s recorded seed', () => {
    const twins: BidSpec[] = [
      { bidder: 'A', lot: '1', service: '500000.00', sheet: [50, 50, 50] },
      { bidder: 'C', lot: '1', service: '500000.00', sheet: [50, 50, 50] },
      { bidder: 'D', lot: '1', service: '900000.00', sheet: [10, 10, 10] },
    ];
    const derived = lotOf(evaluateTender(input(twins)), '1');
    expect(derived.tieBreaks).toEqual([{ bidders: ['A', 'C'], decidedBy: 'draw', seed: 'T-1/1', order: expect.any(Array) }]);
    expect(derived.winner).toBe(derived.tieBreaks[0].order![0]);
    const replayed = lotOf(evaluateTender(input(twins, {}, { draws: [{ lot: '1', seed: 'T-1/1' }] })), '1');
    expect(replayed).toEqual(derived);
    expect(lotOf(evaluateTender(input(twins, {}, { draws: [{ lot: '1', seed: 99 }] })), '1').tieBreaks[0].seed).toBe(99);
  });

  it('reports panel errors without throwing', () => {
    const specs = LOT1.map((s) => (s.bidder === 'B' ? { ...s, sheet: [40, 41] } : s));
    const extra = { expert: 'E1', bidder: 'A', lot: '1', criterion: '2', value: '5' };
    const base = input(specs);
    const r = evaluateTender({ ...base, scores: [...base.scores, extra] });
    expect(r.errors).toEqual([
      { lot: '1', bidder: 'A', expert: 'E1', criterion: '2', message: 'objective score 5 differs from the rule result 6' },
      { lot: '1', bidder: 'B', expert: 'E3', criterion: '3', message: 'missing subjective score' },
    ]);
  });

  it('reports a scheme whose price criterion disagrees with the tender’s price weight (the tender’s weight applies)', () => {
    const r = evaluateTender(input(LOT1, { priceWeight: '10' }));
    expect(r.errors).toEqual([{ lot: '1', criterion: '1', message: "price criterion max 30 differs from the tender's price weight 10" }]);
    expect(bidOf(lotOf(r, '1'), 'B').priceScore).toBe('10.00');
  });
});

describe('evaluateTender — cancelled awards', () => {
  const seq = (cancellations: Cancellation[]) =>
    evaluateTender(input([...LOT1, ...LOT2], { awardRule: 'sequential-exclusive' }, { cancellations }));

  it('a declining winner: the next-ranked bid wins; it forfeits later lots, which are recomputed', () => {
    const r = seq([{ lot: '1', bidder: 'C', kind: 'declined' }]);
    const l1 = lotOf(r, '1');
    expect(l1.winner).toBe('A');
    expect(l1.awardChain).toEqual([
      { at: 0, event: 'won', bidder: 'C' },
      { at: 1, event: 'declined', bidder: 'C' },
      { at: 1, event: 'won', bidder: 'A' },
    ]);
    expect(bidOf(l1, 'C')).toMatchObject({ valid: true, rank: 1, finalScore: '82.10', flags: ['declined'] }); // lot 1 is not re-ranked
    // lot 2 recomputed: A (now winner of lot 1) and C (declined) set aside → as in the sequential example, minus A
    const l2 = lotOf(r, '2');
    expect(l2.setAside).toEqual([
      { bidder: 'A', reason: reasons.wonEarlierLot('1') },
      { bidder: 'C', reason: reasons.declinedEarlierLot('1') },
    ]);
    expect(l2.basePrice).toBe('450000.00');
    expect(l2.bids.map((b) => [b.bidder, b.finalScore, b.rank])).toEqual([
      ['D', '80.00', 1],
      ['B', '71.13', 2],
      ['A', null, null],
      ['C', null, null],
    ]);
    expect(l2.awardChain).toEqual([
      { at: 0, event: 'won', bidder: 'A' },
      { at: 1, event: 'won', bidder: 'D', cause: { lot: '1', bidder: 'C', kind: 'declined' } },
    ]);
  });

  it('a disqualified winner: invalid in every lot, keeps its rank where the lot is not re-ranked', () => {
    const r = seq([{ lot: '1', bidder: 'C', kind: 'disqualified' }]);
    const l1 = lotOf(r, '1');
    expect(l1.winner).toBe('A');
    expect(bidOf(l1, 'C')).toMatchObject({ valid: false, invalidReasons: [reasons.disqualified('1')], flags: ['disqualified'], rank: 1 });
    const l2 = lotOf(r, '2');
    expect(bidOf(l2, 'C')).toMatchObject({ valid: false, invalidReasons: [reasons.disqualified('1')], rank: null });
    expect(l2.setAside).toEqual([{ bidder: 'A', reason: reasons.wonEarlierLot('1') }]);
    expect(l2.winner).toBe('D');
  });

  it('chains several cancellations and ends not-awarded when nobody is left', () => {
    const r = seq([
      { lot: '1', bidder: 'C', kind: 'declined' },
      { lot: '1', bidder: 'A', kind: 'declined' },
      { lot: '1', bidder: 'B', kind: 'declined' },
    ]);
    const l1 = lotOf(r, '1');
    expect(l1).toMatchObject({ status: 'not-awarded', winner: null, failReason: reasons.nobodyLeft });
    expect(l1.awardChain.map((e) => `${e.at}:${e.event}:${e.bidder}`)).toEqual([
      '0:won:C',
      '1:declined:C',
      '1:won:A',
      '2:declined:A',
      '2:won:B',
      '3:declined:B',
      '3:not-awarded:null',
    ]);
    // lot 2: C declined lot 1, A declined lot 1, B declined lot 1 → only D competes
    const l2 = lotOf(r, '2');
    expect(l2.winner).toBe('D');
    expect(l2.awardChain.map((e) => `${e.at}:${e.event}:${e.bidder}`)).toEqual(['0:won:A', '1:won:D']);
    expect(l2.setAside.map((s) => s.bidder)).toEqual(['A', 'B', 'C']);
  });

  it('independent: a disqualification reaches a lot the bidder won earlier', () => {
    const r = evaluateTender(input([...LOT1, ...LOT2], {}, { cancellations: [{ lot: '2', bidder: 'C', kind: 'disqualified' }] }));
    expect(lotOf(r, '2').winner).toBe('A');
    expect(lotOf(r, '1').winner).toBe('A');
    expect(lotOf(r, '1').awardChain).toEqual([
      { at: 0, event: 'won', bidder: 'C' },
      { at: 1, event: 'disqualified', bidder: 'C', cause: { lot: '2', bidder: 'C', kind: 'disqualified' } },
      { at: 1, event: 'won', bidder: 'A', cause: { lot: '2', bidder: 'C', kind: 'disqualified' } },
    ]);
  });

  it('ignores, and reports, a cancellation of a bidder that is not the current winner', () => {
    const r = seq([{ lot: '1', bidder: 'B', kind: 'declined' }]);
    expect(lotOf(r, '1').winner).toBe('C');
    expect(r.errors).toEqual([{ lot: '1', bidder: 'B', message: 'cancellation 1 ignored: B is not the current winner of the lot' }]);
  });
});

// ---- properties over random tenders ----

const BIDDERS = ['A', 'B', 'C', 'D', 'E'];
const PANEL = ['E1', 'E2', 'E3', 'E4', 'E5'];

const arbBid = (lotNo: string) =>
  fc.record({
    bidder: fc.constantFrom(...BIDDERS),
    lot: fc.constant(lotNo),
    service: fc.integer({ min: 1, max: 6 }).map((n) => `${n * 100000}.00`), // few values: ties happen
    projects: fc.integer({ min: 0, max: 5 }),
    sheet: fc.array(
      fc.integer({ min: 0, max: 6 }).map((n) => n * 10),
      { minLength: 5, maxLength: 5 },
    ),
    valid: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
    rejected: fc.boolean(),
  });

const arbTender = fc
  .record({
    awardRule: fc.constantFrom('independent', 'sequential-exclusive') as fc.Arbitrary<DossierTender['awardRule']>,
    minQualifiedBidders: fc.integer({ min: 1, max: 3 }),
    trimExtremes: fc.boolean(),
    priceBasis: fc.constantFrom('service', 'total') as fc.Arbitrary<'service' | 'total'>,
    tieBreakers: fc.constantFrom<DossierTender['tieBreakers']>(
      undefined,
      ['price', { category: '经验' }, 'draw'],
      [{ category: '方案' }],
      [],
    ),
    experts: fc.integer({ min: 1, max: 5 }),
    sme: fc.array(
      fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      { minLength: 5, maxLength: 5 },
    ),
    twins: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    evaluationOrder: fc.shuffledSubarray([1, 2, 3], { minLength: 3, maxLength: 3 }),
    lots: fc.tuple(...['1', '2', '3'].map((no) => fc.uniqueArray(arbBid(no), { selector: (b) => b.bidder, maxLength: 5 }))),
  })
  .map((t): EngineInput => {
    const experts = PANEL.slice(0, t.experts);
    // a "twin" copies another bid's figures so that published scores tie and the tie-breakers (and draws) run
    const specs = t.lots.flatMap((bids, i) =>
      t.twins[i] && bids.length > 1 ? [bids[0], { ...bids[0], bidder: bids[1].bidder }, ...bids.slice(2)] : bids,
    );
    return {
      tender: {
        ...baseTender,
        awardRule: t.awardRule,
        minQualifiedBidders: t.minQualifiedBidders,
        trimExtremes: t.trimExtremes,
        priceBasis: t.priceBasis,
        tieBreakers: t.tieBreakers,
      },
      lots: ['1', '2', '3'].map((no, i) => lot(no, t.evaluationOrder[i])),
      schemes: [scheme],
      bidders: BIDDERS.map((code, i) => ({ code, name: code, sme: t.sme[i] })),
      reviewedBids: specs.map(reviewed),
      panel: experts.map((code) => ({ code, name: code })),
      scores: sheetsOf(specs, experts),
    };
  });

/** Adds up to 3 cancellations, each naming the then-current winner of a lot, as the history would. */
const withCancellations = (base: fc.Arbitrary<EngineInput>) =>
  fc
    .tuple(
      base,
      fc.array(fc.record({ pick: fc.nat(), kind: fc.constantFrom('declined', 'disqualified') as fc.Arbitrary<Cancellation['kind']> }), {
        maxLength: 3,
      }),
    )
    .map(([inp, plan]) => {
      const cancellations: Cancellation[] = [];
      for (const step of plan) {
        const awarded = evaluateTender({ ...inp, cancellations }).lots.filter((l) => l.winner);
        if (!awarded.length) break;
        const l = awarded[step.pick % awarded.length];
        cancellations.push({ lot: l.no, bidder: l.winner!, kind: step.kind });
      }
      return { ...inp, cancellations };
    });

const permutation = <T>(xs: T[]) => fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length });

describe('evaluateTender — properties', () => {
  it('permuting bids, bidders, scores, experts or lots never changes the results', () => {
    fc.assert(
      fc.property(
        withCancellations(arbTender).chain((inp) =>
          fc.record({
            inp: fc.constant(inp),
            reviewedBids: permutation(inp.reviewedBids),
            bidders: permutation(inp.bidders),
            scores: permutation(inp.scores),
            panel: permutation(inp.panel),
            lots: permutation(inp.lots),
          }),
        ),
        ({ inp, ...shuffled }) => {
          expect(JSON.stringify(evaluateTender({ ...inp, ...shuffled }))).toBe(JSON.stringify(evaluateTender(inp)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ranks are 1..n, the base-price bid gets the full price weight, and no score exceeds its maximum', () => {
    fc.assert(
      fc.property(arbTender, (inp) => {
        for (const l of evaluateTender(inp).lots.filter((x) => x.status === 'awarded')) {
          const ranked = l.bids.filter((b) => b.rank !== null);
          expect(ranked.map((b) => b.rank)).toEqual(ranked.map((_, i) => i + 1));
          expect(ranked.filter((b) => b.evaluatedPrice === l.basePrice).every((b) => b.priceScore === '30.00')).toBe(true);
          for (const b of ranked) {
            expect(Number(b.priceScore)).toBeLessThanOrEqual(30);
            expect(Number(b.categoryScores!['经验'])).toBeLessThanOrEqual(10);
            expect(Number(b.categoryScores!['方案'])).toBeLessThanOrEqual(60);
            expect(Number(b.finalScore)).toBeLessThanOrEqual(100);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sequential-exclusive: no bidder wins two lots, also after cancellations', () => {
    fc.assert(
      fc.property(
        withCancellations(arbTender.map((i) => ({ ...i, tender: { ...i.tender, awardRule: 'sequential-exclusive' as const } }))),
        (inp) => {
          const winners = evaluateTender(inp)
            .lots.map((l) => l.winner)
            .filter((w) => w !== null);
          expect(new Set(winners).size).toBe(winners.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('sequential-exclusive: a set-aside bidder never affects a later lot (same as the lot evaluated without its bid)', () => {
    fc.assert(
      fc.property(
        arbTender.map((i) => ({ ...i, tender: { ...i.tender, awardRule: 'sequential-exclusive' as const } })),
        (inp) => {
          for (const l of evaluateTender(inp).lots.filter((x) => x.status !== 'failed' && x.setAside.length)) {
            const gone = new Set(l.setAside.map((s) => s.bidder));
            const alone = evaluateTender({
              ...inp,
              tender: { ...inp.tender, awardRule: 'independent', minQualifiedBidders: 0 },
              lots: inp.lots.filter((x) => x.no === l.no),
              reviewedBids: inp.reviewedBids.filter((b) => b.lot === l.no && !gone.has(b.bidder)),
            }).lots[0];
            expect({ ...l, setAside: [], awardChain: [], bids: l.bids.filter((b) => !gone.has(b.bidder)) }).toEqual({
              ...alone,
              awardChain: [],
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
