import { cliEvaluate, fixturePath, readFixture } from '../../test/dossier-files';
import { canonical } from '../../test/example-dossier';
import { startApp, TestApp } from '../../test/harness';

/**
 * Dossier format 2 through the API and the CLI: three tenders in the style of seeds 000 (a rate-priced
 * lot, a consortium, the panel's collusion finding), 001 (a lump sum at price weight 30, one branch per
 * group, the panel's below-cost finding on a bid that was not flagged) and 004 (two lump-sum lots). The
 * expected figures are computed by hand from DOMAIN.md §3–§4 in the comments.
 */
const fixture = (name: string): any => readFixture(name);

type Row = [
  bidder: string,
  valid: boolean,
  reasons: string[],
  price: string | null,
  priceScore: string | null,
  nonPrice: string | null,
  final: string | null,
  rank: number | null,
];
interface Expected {
  basePrice: string;
  winner: string;
  bids: Row[];
}

const EXPECTED: Record<string, Expected[]> = {
  // Rate cap 0.045, weight 20. Valid and competing: P 0.035; QR (consortium of two SMEs: an SME) 0.038 × 0.8 = 0.0304;
  // Y 0.042. B = 0.0304. Price: P 0.0304/0.035 × 20 = 17.3714…; QR 20; Y 0.0304/0.042 × 20 = 14.4761…
  // Non-price = objective (solvency ≥200 → 10, ≥150 → 5, else 0) + mean of the experts' plan scores:
  // P 10 + 61 = 71; QR 5 + 59 = 64; Y 0 + 65 = 65. Final: P 88.37, QR 84.00, Y 79.48.
  // S 0.048 > 0.045; T bids alone and in the consortium TW: both invalid; V and X found colluding.
  'shenyang-rate-consortium': [
    {
      basePrice: '0.0304',
      winner: 'P',
      bids: [
        ['P', true, [], '0.035', '17.37', '71.00', '88.37', 1],
        ['QR', true, [], '0.0304', '20.00', '64.00', '84.00', 2],
        ['Y', true, [], '0.042', '14.48', '65.00', '79.48', 3],
        ['S', false, ['rate-over-cap:0.048:0.045'], null, null, null, null, null],
        ['T', false, ['consortium-member-conflict:T'], null, null, null, null, null],
        ['TW', false, ['consortium-member-conflict:T'], null, null, null, null, null],
        ['V', false, ['collusion'], null, null, null, null, null],
        ['X', false, ['collusion'], null, null, null, null, null],
      ],
    },
  ],
  // Lump sum, budget 1,200,000, weight 30. D and E are branches of one group: both invalid. G above the budget.
  // F (SME, 700,000 → P 560,000) is not flagged (0.5 × mean of the others 1,043,333.33 = 521,666.67) but the
  // panel found it below cost: invalid, out of the base price. B = 980,000 (B).
  // Price: A 980/1100 × 30 = 26.7272…; B 30; C 980/1050 × 30 = 28. Non-price = 2 per certificate (cap 10) + plan:
  // A 10 + 51 = 61; B 6 + 46 = 52; C 8 + 49 = 57. Final: A 87.73, C 85.00, B 82.00.
  'hospital-lump-sum': [
    {
      basePrice: '980000.00',
      winner: 'A',
      bids: [
        ['A', true, [], '1100000.00', '26.73', '61.00', '87.73', 1],
        ['C', true, [], '1050000.00', '28.00', '57.00', '85.00', 2],
        ['B', true, [], '980000.00', '30.00', '52.00', '82.00', 3],
        ['D', false, ['related-party:E:same-group'], null, null, null, null, null],
        ['E', false, ['related-party:D:same-group'], null, null, null, null, null],
        ['F', false, ['abnormal-low'], null, null, null, null, null],
        ['G', false, ['over-budget:1250000.00:1200000.00'], null, null, null, null, null],
      ],
    },
  ],
  // Two lump-sum lots, weight 20, each ranked on its own. C is an SME (× 0.8).
  // Lot 1 (budget 3,970,850; D's 4,000,000 is above it): A 3,800,000; B 3,650,000; C 3,900,000 → P 3,120,000 = B.
  //   A 3.12/3.8 × 20 = 16.4210… + 71 = 87.42; B 3.12/3.65 × 20 = 17.0958… + 66 = 83.10; C 20 + 75 = 95.00.
  // Lot 2: C stated a total of 121,000 for a service total of 120,000: the total is recomputed (confirmed);
  //   P: A 130,000; B 125,000; C 96,000 = B. A 96/130 × 20 = 14.7692… + 61 = 75.77; B 96/125 × 20 = 15.36 + 70 = 85.36;
  //   C 20 + 56 = 76.00.
  'foshan-two-lots': [
    {
      basePrice: '3120000.00',
      winner: 'C',
      bids: [
        ['C', true, [], '3120000.00', '20.00', '75.00', '95.00', 1],
        ['A', true, [], '3800000.00', '16.42', '71.00', '87.42', 2],
        ['B', true, [], '3650000.00', '17.10', '66.00', '83.10', 3],
        ['D', false, ['over-budget:4000000.00:3970850.00'], null, null, null, null, null],
      ],
    },
    {
      basePrice: '96000.00',
      winner: 'B',
      bids: [
        ['B', true, [], '125000.00', '15.36', '70.00', '85.36', 1],
        ['C', true, [], '96000.00', '20.00', '56.00', '76.00', 2],
        ['A', true, [], '130000.00', '14.77', '61.00', '75.77', 3],
      ],
    },
  ],
};

interface LotResult {
  no: string;
  basePrice: string;
  winner: string;
  bids: {
    bidder: string;
    valid: boolean;
    invalidReasons: string[];
    evaluatedPrice: string | null;
    priceScore: string | null;
    nonPriceScore: string | null;
    finalScore: string | null;
    rank: number | null;
  }[];
}

const summary = (lots: LotResult[]): Expected[] =>
  lots.map((l) => ({
    basePrice: l.basePrice,
    winner: l.winner,
    bids: l.bids.map((b): Row => [
      b.bidder,
      b.valid,
      b.invalidReasons,
      b.evaluatedPrice,
      b.priceScore,
      b.nonPriceScore,
      b.finalScore,
      b.rank,
    ]),
  }));

describe('dossier format 2: rate-priced and lump-sum lots, consortia, the panel’s findings', () => {
  let t: TestApp;
  let clerk: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startApp();
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  it.each(Object.keys(EXPECTED))('%s imports, evaluates as computed by hand, and exports back equal', async (name) => {
    const original = fixture(name);
    const imported = await t.http().post('/api/dossiers').set(as(clerk)).send(original).expect(201);
    const results = (await t.http().get(`/api/tenders/${imported.body.tenderId}/results`).set(as(clerk)).expect(200)).body;
    expect(results.errors).toEqual([]);
    expect(summary(results.lots)).toEqual(EXPECTED[name]);
    const exported = (await t.http().get(`/api/tenders/${imported.body.tenderId}/dossier`).set(as(clerk)).expect(200)).body;
    // the export spells out the defaults the fixture leaves out
    const defaults = { oneBranchPerGroup: false, consortiaAllowed: false, priceBasis: 'service' };
    expect(canonical(exported)).toEqual(canonical({ ...original, tender: { ...defaults, ...original.tender } }));
  });

  const malformed: [string, string, (d: any) => void, string[]][] = [
    ['a rate-priced bid with a unit price', 'shenyang-rate-consortium', (d) => (d.bids[0].unitPrice = '1.10'), ['bids[0].unitPrice']],
    [
      'a rate-priced bid without its deficit share',
      'shenyang-rate-consortium',
      (d) => delete d.bids[1].deficitShare,
      ['bids[1].deficitShare'],
    ],
    ['a rate-priced lot without its cap', 'shenyang-rate-consortium', (d) => delete d.lots[0].maxRate, ['lots[0].maxRate']],
    [
      'a consortium member that is not a bidder',
      'shenyang-rate-consortium',
      (d) => (d.bidders[3].members = ['Q', 'ZZ']),
      ['bidders[3].members[1]'],
    ],
    [
      'a consortium inside a consortium',
      'shenyang-rate-consortium',
      (d) => (d.bidders[3].members = ['Q', 'TW']),
      ['bidders[3].members[1]'],
    ],
    ['a lump-sum bid with a unit price', 'hospital-lump-sum', (d) => (d.bids[2].unitPrice = '1.00'), ['bids[2].unitPrice']],
    ['a lump-sum lot with a rate cap', 'foshan-two-lots', (d) => (d.lots[1].maxRate = '0.04'), ['lots[1].maxRate']],
  ];

  it.each(malformed)('refuses %s, naming the path', async (_, name, breakIt, paths) => {
    const d = fixture(name);
    breakIt(d);
    const res = await t.http().post('/api/dossiers').set(as(clerk)).send(d).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
  });
});

describe('CLI evaluate, format 2', () => {
  it.each(Object.keys(EXPECTED))(
    'evaluates %s as the API does',
    async (name) => {
      expect(summary((await cliEvaluate(fixturePath(name))).lots)).toEqual(EXPECTED[name]);
    },
    60_000,
  );
});
