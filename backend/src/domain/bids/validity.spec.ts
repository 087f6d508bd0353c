import * as fc from 'fast-check';
import { D, fen } from '../decimal';
import { Dossier, DossierBid, DossierBidder } from '../dossier/dossier.types';
import { formatCapitals } from './capitals';
import { loadExampleDossier } from '../../../test/example-dossier';
import { isSme, relatedBidders, reviewBid, reviewDossier, reviewLot } from './validity';
import type { DossierLot } from '../dossier/dossier.types';

const example = loadExampleDossier();
const [lot1, lot2] = example.lots;
const bidOf = (dossier: Dossier, bidder: string, lot: string): DossierBid =>
  dossier.bids.find((bid) => bid.bidder === bidder && bid.lot === lot)!;

/** A's lot-1 bid re-priced consistently at `unitPrice` (figures and capitals agree). */
const lot1BidAt = (unitPrice: string, overrides: Partial<DossierBid> = {}): DossierBid => {
  const serviceTotal = fen(new D(unitPrice).times(lot1.basePopulation!));
  const total = fen(new D(serviceTotal).plus('800000'));
  return { ...bidOf(example, 'A', '1'), unitPrice, serviceTotal, total, totalCapitals: formatCapitals(total), ...overrides };
};

describe('reviewBid', () => {
  it('finds every bid of the example dossier valid, with nothing to correct', () => {
    for (const lot of example.lots) {
      for (const bid of example.bids.filter((b) => b.lot === lot.no)) {
        expect(reviewBid(bid, lot)).toMatchObject({ valid: true, invalidReasons: [], corrections: [], flags: [] });
      }
    }
  });

  it('rejects a unit price above the cap', () => {
    const stated = { unitPrice: '1.24', serviceTotal: '2783414.36', total: '3073414.36', totalCapitals: undefined };
    const verdict = reviewBid({ ...bidOf(example, 'A', '2'), ...stated }, lot2);
    expect(verdict.valid).toBe(false);
    expect(verdict.invalidReasons).toEqual(['unit-price-over-cap:1.24:1.23', 'over-budget:2783414.36:2750000.00']);
  });

  it('accepts a unit price at the cap and a service total at the budget', () => {
    const atBudget = { ...lot1, maxUnitPrice: '1.16', maxBudget: '4634159.40' };
    expect(reviewBid(bidOf(example, 'A', '1'), atBudget).valid).toBe(true);
  });

  it('rejects 1.22 on lot 1: under the unit cap but the service total exceeds the budget (DOMAIN.md §2)', () => {
    const verdict = reviewBid(lot1BidAt('1.22'), lot1);
    expect(verdict.corrected.serviceTotal).toBe('4873857.30');
    expect(verdict.invalidReasons).toEqual(['over-budget:4873857.30:4870000.00']);
  });

  it('judges the caps on the corrected figures', () => {
    // 12.2 is a misplaced decimal point: the service total prevails and U becomes 1.22.
    const confirmed = reviewBid(lot1BidAt('1.22', { unitPrice: '12.2', priceCorrectionAccepted: true }), lot1);
    expect(confirmed.corrected.unitPrice).toBe('1.22');
    expect(confirmed.corrections).toHaveLength(1);
    expect(confirmed.invalidReasons).toEqual(['over-budget:4873857.30:4870000.00']);
  });

  it('makes a corrected bid invalid unless the bidder confirms the correction', () => {
    const stated = { ...bidOf(example, 'A', '1'), serviceTotal: '4634159.00' };
    expect(reviewBid(stated, lot1).invalidReasons).toEqual(['price-correction-rejected']);
    expect(reviewBid({ ...stated, priceCorrectionAccepted: false }, lot1).valid).toBe(false);
    const confirmed = reviewBid({ ...stated, priceCorrectionAccepted: true }, lot1);
    expect(confirmed).toMatchObject({ valid: true, corrected: { serviceTotal: '4634159.40' } });
  });

  it('requires every fixed component at exactly its amount and no others', () => {
    const bid = {
      ...bidOf(example, 'A', '1'),
      fixedComponents: [
        { name: '绩效考核', amount: '490000.00' },
        { name: '培训费', amount: '10000.00' },
      ],
      priceCorrectionAccepted: true,
    };
    expect(reviewBid(bid, lot1).invalidReasons).toEqual([
      'fixed-component-mismatch:信息系统',
      'fixed-component-mismatch:绩效考核',
      'fixed-component-mismatch:培训费',
    ]);
  });

  it('compares fixed amounts by value', () => {
    const bid = { ...bidOf(example, 'A', '2'), fixedComponents: [{ name: '绩效考核', amount: '290000' }] };
    expect(reviewBid(bid, lot2).valid).toBe(true);
  });

  it('names each failed qualification or compliance check and its note', () => {
    const bid = {
      ...bidOf(example, 'A', '1'),
      qualification: [
        { check: '信用记录', pass: false, note: '列入失信被执行人名单' },
        { check: '保险许可证', pass: true },
      ],
      compliance: [{ check: '签章', pass: false, note: ' ' }],
    };
    expect(reviewBid(bid, lot1).invalidReasons).toEqual(['qualification:信用记录:列入失信被执行人名单', 'compliance:签章']);
  });

  it('adds what the review of the other bidders found', () => {
    const related = { invalidReasons: ['related-party:B:same-person'], flags: ['related-party', 'same-ip:B'] };
    expect(reviewBid(bidOf(example, 'A', '1'), lot1, { related })).toMatchObject({
      valid: false,
      invalidReasons: related.invalidReasons,
      flags: related.flags,
    });
  });
});

describe('relatedBidders', () => {
  const bidder = (code: string, extra: Partial<DossierBidder> = {}): DossierBidder => ({
    code,
    name: `投标人${code}`,
    sme: false,
    ...extra,
  });
  const bidsBy = (...codes: string[]): DossierBid[] =>
    codes.map((code) => ({ ...bidOf(example, 'A', '1'), bidder: code, submittedFromIp: `10.0.0.${code.charCodeAt(0)}` }));

  it('finds nothing among unrelated bidders', () => {
    const found = relatedBidders(bidsBy('A', 'B'), [bidder('A'), bidder('B')], {});
    expect(found).toEqual({ A: { invalidReasons: [], flags: [] }, B: { invalidReasons: [], flags: [] } });
  });

  it('makes bidders with the same responsible person invalid, both of them', () => {
    const found = relatedBidders(
      bidsBy('A', 'B', 'C'),
      [
        bidder('A', { legalRepresentative: '张明' }),
        bidder('B', { legalRepresentative: ' 张明 ' }),
        bidder('C', { legalRepresentative: '李华' }),
      ],
      {},
    );
    expect(found.A).toEqual({
      invalidReasons: ['related-party:B:same-person'],
      flags: ['related-party'],
    });
    expect(found.B.invalidReasons).toEqual(['related-party:A:same-person']);
    expect(found.C).toEqual({ invalidReasons: [], flags: [] });
  });

  it('never relates bidders through blank names', () => {
    const found = relatedBidders(
      bidsBy('A', 'B'),
      [bidder('A', { legalRepresentative: ' ', contactPerson: '' }), bidder('B', { legalRepresentative: ' ', contactPerson: '' })],
      { oneBranchPerGroup: true },
    );
    expect(found.A).toEqual({ invalidReasons: [], flags: [] });
  });

  it('makes a parent and its directly controlled subsidiary invalid', () => {
    const found = relatedBidders(bidsBy('P', 'S'), [bidder('P'), bidder('S', { parentCode: 'P' })], {});
    expect(found.P.invalidReasons).toEqual(['related-party:S:parent']);
    expect(found.S.invalidReasons).toEqual(['related-party:P:subsidiary']);
  });

  it('does not relate a grandparent (control is direct only) or a parent that did not bid on the lot', () => {
    const bidders = [bidder('G'), bidder('P', { parentCode: 'G' }), bidder('S', { parentCode: 'P' })];
    const found = relatedBidders(bidsBy('G', 'S'), bidders, {});
    expect(found.G.invalidReasons).toEqual([]);
    expect(found.S.invalidReasons).toEqual([]);
  });

  it('makes branches of one group invalid only when the tender allows one branch per group', () => {
    const bidders = [bidder('A', { groupCode: 'G-1' }), bidder('B', { groupCode: 'G-1' })];
    expect(relatedBidders(bidsBy('A', 'B'), bidders, { oneBranchPerGroup: false }).A.invalidReasons).toEqual([]);
    expect(relatedBidders(bidsBy('A', 'B'), bidders, { oneBranchPerGroup: true }).A).toEqual({
      invalidReasons: ['related-party:B:same-group'],
      flags: ['related-party'],
    });
  });

  it('only flags the same contact person or submitting IP for the panel', () => {
    const bids = bidsBy('A', 'B', 'C').map((bid) => (bid.bidder === 'C' ? bid : { ...bid, submittedFromIp: '10.1.1.1' }));
    const bidders = [bidder('A', { contactPerson: '王五' }), bidder('B'), bidder('C', { contactPerson: '王五' })];
    const found = relatedBidders(bids, bidders, {});
    expect(found).toEqual({
      A: { invalidReasons: [], flags: ['same-ip:B', 'same-contact:C'] },
      B: { invalidReasons: [], flags: ['same-ip:A'] },
      C: { invalidReasons: [], flags: ['same-contact:A'] },
    });
  });
});

describe('reviewLot and reviewDossier', () => {
  it('reviews the example dossier: 15 valid bids, lot by lot in evaluation order', () => {
    const reviews = reviewDossier(example);
    expect(reviews.map((r) => `${r.lot}${r.bidder}`)).toEqual(
      ['1', '2', '3'].flatMap((lot) => ['A', 'B', 'C', 'D', 'E'].map((bidder) => `${lot}${bidder}`)),
    );
    expect(reviews.every((r) => r.valid)).toBe(true);
    expect(Object.keys(reviews[0])).toEqual(['bidder', 'lot', 'valid', 'invalidReasons', 'flags', 'corrected', 'corrections']);
  });

  it('combines price, check and related-party findings per bid of a lot', () => {
    const dossier = loadExampleDossier();
    dossier.bidders.find((b) => b.code === 'D')!.legalRepresentative = '张明';
    bidOf(dossier, 'C', '1').unitPrice = '1.24';
    bidOf(dossier, 'E', '1').submittedFromIp = bidOf(dossier, 'B', '1').submittedFromIp;
    const reviews = reviewLot(dossier.lots[0], dossier.bids, dossier.bidders, dossier.tender);
    const byBidder = Object.fromEntries(reviews.map((r) => [r.bidder, r]));
    expect(byBidder.A).toMatchObject({ valid: false, flags: ['related-party'] });
    expect(byBidder.D.invalidReasons).toEqual(['related-party:A:same-person']);
    expect(byBidder.C.invalidReasons).toEqual([
      'unit-price-over-cap:1.24:1.23',
      'over-budget:4953756.60:4870000.00',
      'price-correction-rejected',
    ]);
    expect(byBidder.B).toMatchObject({ valid: true, flags: ['same-ip:E'] });
    expect(byBidder.E).toMatchObject({ valid: true, flags: ['same-ip:B'] });
  });

  it('does not depend on the order of lots, bids or bidders', () => {
    const dossier = loadExampleDossier();
    dossier.bidders[0].legalRepresentative = dossier.bidders[3].legalRepresentative;
    dossier.bidders[1].parentCode = dossier.bidders[2].code;
    dossier.bids[4].submittedFromIp = dossier.bids[7].submittedFromIp;
    const expected = reviewDossier(dossier);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(dossier.lots, { minLength: dossier.lots.length }),
        fc.shuffledSubarray(dossier.bids, { minLength: dossier.bids.length }),
        fc.shuffledSubarray(dossier.bidders, { minLength: dossier.bidders.length }),
        (lots, bids, bidders) => {
          expect(reviewDossier({ ...dossier, lots, bids, bidders })).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('relatedBidders against the pairwise comparison it replaced', () => {
  // The former implementation (every bid compared with every other bid of the lot), kept here as the oracle.
  const sameText = (a: string | null | undefined, b: string | null | undefined) => {
    const value = a?.trim();
    return value && value === b?.trim() ? value : undefined;
  };
  const pairwise = (bids: DossierBid[], bidders: DossierBidder[], tender: { oneBranchPerGroup?: boolean }) => {
    const byCode = new Map(bidders.map((b) => [b.code, b]));
    const of = (code: string) => byCode.get(code)!;
    const relationReasons = (bidder: DossierBidder, other: DossierBidder) => {
      const relations: [unknown, string][] = [
        [sameText(bidder.legalRepresentative, other.legalRepresentative), 'same-person'],
        [bidder.parentCode === other.code, 'subsidiary'],
        [other.parentCode === bidder.code, 'parent'],
        [tender.oneBranchPerGroup === true && sameText(bidder.groupCode, other.groupCode), 'same-group'],
      ];
      return relations.filter(([holds]) => holds).map(([, kind]) => `related-party:${other.code}:${kind}`);
    };
    const collusionFlags = (bid: DossierBid, other: DossierBid) => [
      ...(sameText(of(bid.bidder).contactPerson, of(other.bidder).contactPerson) ? [`same-contact:${other.bidder}`] : []),
      ...(sameText(bid.submittedFromIp, other.submittedFromIp) ? [`same-ip:${other.bidder}`] : []),
    ];
    const lotBids = [...bids].sort((a, b) => (a.bidder < b.bidder ? -1 : a.bidder > b.bidder ? 1 : 0));
    return Object.fromEntries(
      lotBids.map((bid) => {
        const others = lotBids.filter((other) => other.bidder !== bid.bidder);
        const invalidReasons = [...new Set(others.flatMap((other) => relationReasons(of(bid.bidder), of(other.bidder))))];
        const flags = [...(invalidReasons.length > 0 ? ['related-party'] : []), ...others.flatMap((other) => collusionFlags(bid, other))];
        return [bid.bidder, { invalidReasons, flags: [...new Set(flags)] }];
      }),
    );
  };

  it('finds the same reasons and flags, in the same order, for any lot', () => {
    const codes = ['A', 'B', 'C', 'D', 'E', 'F'];
    const text = (...values: string[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
    const party = (code: string) =>
      fc.record({
        code: fc.constant(code),
        name: fc.constant(`投标人${code}`),
        sme: fc.boolean(),
        legalRepresentative: text('张三', ' 张三', '李四', ''),
        parentCode: text(...codes, 'X'),
        groupCode: text('G1', 'G1 ', 'G2', ''),
        contactPerson: text('王五', '赵六 ', '赵六', ''),
      });
    fc.assert(
      fc.property(
        fc.tuple(...codes.map(party)),
        fc.array(fc.record({ bidder: fc.constantFrom(...codes), ip: text('10.0.0.1', '10.0.0.1 ', '10.0.0.2', '') }), {
          maxLength: 9,
        }),
        fc.option(fc.boolean(), { nil: undefined }),
        (bidders, bidRows, oneBranchPerGroup) => {
          const bids = bidRows.map(({ bidder, ip }) => ({ ...bidOf(example, 'A', '1'), bidder, submittedFromIp: ip }));
          expect(relatedBidders(bids, bidders, { oneBranchPerGroup })).toEqual(pairwise(bids, bidders, { oneBranchPerGroup }));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('lump-sum and rate-priced lots (DOSSIER.md format 2)', () => {
  const lumpSum: DossierLot = { ...lot1, basePopulation: undefined, maxUnitPrice: undefined, maxBudget: '1000000.00', fixedComponents: [] };
  const lumpBid = (serviceTotal: string, overrides: Partial<DossierBid> = {}): DossierBid => ({
    ...bidOf(example, 'A', '1'),
    unitPrice: undefined,
    serviceTotal,
    total: serviceTotal,
    totalCapitals: undefined,
    fixedComponents: [],
    ...overrides,
  });

  it('judges a lump sum on its total, never on a unit price', () => {
    expect(reviewBid(lumpBid('1000000.00'), lumpSum)).toMatchObject({ valid: true, corrections: [], corrected: { unitPrice: null } });
    expect(reviewBid(lumpBid('1000000.01'), lumpSum).invalidReasons).toEqual(['over-budget:1000000.01:1000000.00']);
  });

  it('corrects a lump sum by steps 1, 2 and the total from its parts only', () => {
    const stated = lumpBid('900000.00', { total: '901000.00', totalCapitals: '玖拾万零壹仟元整' });
    const verdict = reviewBid({ ...stated, priceCorrectionAccepted: true }, lumpSum);
    expect(verdict.corrections.map((c) => [c.step, c.field, c.from, c.to])).toEqual([[4, 'total', '901000.00', '900000.00']]);
    expect(verdict).toMatchObject({ valid: true, corrected: { unitPrice: null, serviceTotal: '900000.00', total: '900000.00' } });
    expect(reviewBid(stated, lumpSum).invalidReasons).toEqual(['price-correction-rejected']);
  });

  it('judges a rate against the lot’s rate cap as stated', () => {
    const rateLot: DossierLot = { ...lumpSum, pricing: 'rate', maxRate: '0.045', maxBudget: undefined };
    const rateBid = (rate: string) => lumpBid('0', { serviceTotal: undefined, total: undefined, rate, deficitShare: '0.5' });
    expect(reviewBid(rateBid('0.045'), rateLot)).toMatchObject({
      valid: true,
      corrected: { rate: '0.045', deficitShare: '0.5', serviceTotal: null },
    });
    expect(reviewBid(rateBid('0.0451'), rateLot).invalidReasons).toEqual(['rate-over-cap:0.0451:0.045']);
  });
});

describe('consortia and the panel’s collusion finding (DOMAIN.md §3)', () => {
  const bidder = (code: string, extra: Partial<DossierBidder> = {}): DossierBidder => ({
    code,
    name: `投标人${code}`,
    sme: false,
    ...extra,
  });
  const dossierWith = (bidders: DossierBidder[], bidding: string[], consortiaAllowed = true): Dossier => ({
    ...example,
    tender: { ...example.tender, consortiaAllowed },
    bidders,
    bids: bidding.map((code, i) => ({ ...bidOf(example, 'A', '1'), bidder: code, submittedFromIp: `10.0.0.${i}` })),
  });
  const reasonsOf = (d: Dossier) =>
    Object.fromEntries(reviewLot(d.lots[0], d.bids, d.bidders, d.tender).map((r) => [r.bidder, r.invalidReasons]));
  const members = [bidder('M1', { sme: true }), bidder('M2', { sme: true }), bidder('K', { members: ['M1', 'M2'] })];

  it('accepts a consortium where the tender does, refuses it where it does not', () => {
    const bidders = [...members, bidder('A'), bidder('B')];
    expect(reasonsOf(dossierWith(bidders, ['K', 'A', 'B']))).toEqual({ K: [], A: [], B: [] });
    expect(reasonsOf(dossierWith(bidders, ['K', 'A', 'B'], false))).toEqual({ K: ['consortium-not-allowed'], A: [], B: [] });
  });

  it('makes every bid invalid where a member also bids alone or in another consortium', () => {
    const bidders = [...members, bidder('L', { members: ['M2', 'A'] }), bidder('A'), bidder('B')];
    expect(reasonsOf(dossierWith(bidders, ['K', 'M1', 'B']))).toEqual({
      K: ['consortium-member-conflict:M1'],
      M1: ['consortium-member-conflict:M1'],
      B: [],
    });
    expect(reasonsOf(dossierWith(bidders, ['K', 'L', 'B']))).toEqual({
      K: ['consortium-member-conflict:M2'],
      L: ['consortium-member-conflict:M2'],
      B: [],
    });
  });

  it('relates a consortium through its members; its own entry’s relations are ignored', () => {
    const bidders = [
      bidder('M1', { legalRepresentative: '张明' }),
      bidder('M2'),
      bidder('K', { members: ['M1', 'M2'], legalRepresentative: '李华' }),
      bidder('A', { legalRepresentative: '张明' }),
      bidder('B', { legalRepresentative: '李华' }),
    ];
    expect(reasonsOf(dossierWith(bidders, ['K', 'A', 'B']))).toEqual({
      K: ['related-party:A:same-person'],
      A: ['related-party:K:same-person'],
      B: [],
    });
  });

  it('makes every bid of a bidder found colluding invalid, and a consortium with a colluding member', () => {
    const bidders = [
      ...members.map((b) => (b.code === 'M2' ? { ...b, collusionFound: true } : b)),
      bidder('A', { collusionFound: true }),
      bidder('B'),
    ];
    expect(reasonsOf(dossierWith(bidders, ['K', 'A', 'B']))).toEqual({ K: ['collusion'], A: ['collusion'], B: [] });
  });

  it('counts a consortium as an SME only if every member is one', () => {
    const byCode = (bidders: DossierBidder[]) => new Map(bidders.map((b) => [b.code, b]));
    expect(isSme(byCode(members), 'K')).toBe(true);
    expect(isSme(byCode([members[0], { ...members[1], sme: false }, { ...members[2], sme: true }]), 'K')).toBe(false);
  });
});
