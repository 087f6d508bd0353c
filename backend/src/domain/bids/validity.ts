import { D } from '../decimal';
import { lotPricing } from '../dossier/dossier.schema';
import { Check, Component, Dossier, DossierBid, DossierBidder, DossierLot, DossierTender } from '../dossier/dossier.types';
import type { InvalidReasonCode } from '../labels';
import { CorrectedFigures, Correction, correctPrice } from './price-correction';

/**
 * Bid validity (无效标, DOMAIN.md §3–§4). Every reason is kept, not only the first, because the
 * evaluation report must state all of them and a bidder's objection may contest any one. Reasons are
 * codes with their parameters, `code:param:param` (DOSSIER.md format 2 `invalidReasons`), rendered
 * in Chinese by the label table (domain/labels.ts, kind `invalidReason`).
 *
 * Abnormally low prices are not judged here: whether a price is "far below the others" depends on
 * which bids are valid, so the evaluation applies `abnormalLowRejected` after this review.
 */

/** An invalid reason: its code and parameters, as the label table reads them. */
export const invalidReason = (code: InvalidReasonCode, ...params: (string | number)[]): string => [code, ...params].join(':');

type TenderRules = Pick<DossierTender, 'oneBranchPerGroup' | 'consortiaAllowed'>;

/** What the review of the other bids on the lot found against one bidder (see `relatedBidders`). */
export interface PartyFindings {
  invalidReasons: string[];
  flags: string[];
}

export interface BidContext {
  related?: PartyFindings;
}

export interface BidVerdict {
  valid: boolean;
  invalidReasons: string[];
  flags: string[];
  corrected: CorrectedFigures;
  corrections: Correction[];
}

export interface BidReview extends BidVerdict {
  bidder: string;
  lot: string;
}

/**
 * Review one bid; caps, budget and fixed components are judged on the corrected figures. A rate-priced
 * bid has nothing to correct: its rate is judged against the lot's cap as stated.
 */
export function reviewBid(bid: DossierBid, lot: DossierLot, context: BidContext = {}): BidVerdict {
  const pricing = lotPricing(lot);
  const { corrections, ...corrected } =
    pricing === 'rate'
      ? {
          unitPrice: null,
          serviceTotal: null,
          total: null,
          rate: bid.rate == null ? null : new D(bid.rate).toString(),
          deficitShare: bid.deficitShare == null ? null : new D(bid.deficitShare).toString(),
          fixedComponents: bid.fixedComponents,
          corrections: [] as Correction[],
        }
      : correctPrice(bid, pricing === 'unit-price' ? (lot.basePopulation ?? null) : null);
  const invalidReasons = [
    ...priceCapReasons(corrected, lot),
    ...fixedComponentReasons(corrected.fixedComponents, lot.fixedComponents),
    ...failedCheckReasons(bid),
    ...unconfirmedCorrectionReasons(corrections, bid),
    ...(context.related?.invalidReasons ?? []),
  ];
  return {
    valid: invalidReasons.length === 0,
    invalidReasons,
    flags: context.related?.flags ?? [],
    corrected,
    corrections,
  };
}

/** The companies behind a bidder: a consortium's members (DOMAIN.md §3), else the bidder itself. */
export function companiesOf(bidderByCode: Map<string, DossierBidder>, code: string): DossierBidder[] {
  const bidder = bidderOf(bidderByCode, code);
  return bidder.members?.length ? bidder.members.map((member) => bidderOf(bidderByCode, member)) : [bidder];
}

/** A consortium is a small or micro enterprise only if every member is one (DOMAIN.md §3). */
export function isSme(bidderByCode: Map<string, DossierBidder>, code: string): boolean {
  return companiesOf(bidderByCode, code).every((company) => company.sme);
}

/**
 * What makes a bidder's bids invalid in every lot: a consortium where the tender accepts none, and the
 * panel's collusion finding on the bidder or on any member of its consortium (seed 002 §16.6).
 */
export function partyReasons(bidderByCode: Map<string, DossierBidder>, code: string, tender: TenderRules): string[] {
  const bidder = bidderOf(bidderByCode, code);
  const consortium = (bidder.members?.length ?? 0) > 0;
  return [
    ...(consortium && tender.consortiaAllowed !== true ? [invalidReason('consortium-not-allowed')] : []),
    ...([bidder, ...(consortium ? companiesOf(bidderByCode, code) : [])].some((b) => b.collusionFound === true)
      ? [invalidReason('collusion')]
      : []),
  ];
}

/**
 * Related bidders on one lot (seed 002 §3.1.5, seed 001): bidders with the same responsible person,
 * a parent and its directly controlled subsidiary, and — when the tender allows one branch per
 * group — branches of one group may not bid on the same lot, so all their bids there are invalid.
 * A consortium is related through each of its members, and a company in two bids on the lot (alone
 * and in a consortium, or in two consortia) makes all those bids invalid (DOMAIN.md §3).
 * The same contact person or submitting IP address are signs of collusion (seed 002 §16.6) that only
 * the panel can weigh, so they are flagged, not judged.
 */
export function relatedBidders(bids: DossierBid[], bidders: DossierBidder[], tender: TenderRules): Record<string, PartyFindings> {
  const bidderByCode = new Map(bidders.map((bidder) => [bidder.code, bidder]));
  const lotBids = [...bids].sort(byBidder);
  const parties = lotBids.map((bid) => companiesOf(bidderByCode, bid.bidder));
  // Each bid is compared only with the bids that share one of its keys: a lot of n bids costs n, not n².
  const index = new Map<string, number[]>();
  const add = (key: string | undefined, i: number) => {
    if (!key) return;
    const list = index.get(key);
    if (!list) index.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  const group = (company: DossierBidder) => (tender.oneBranchPerGroup === true ? textKey('group', company.groupCode) : undefined);
  lotBids.forEach((bid, i) => {
    for (const company of parties[i]) {
      add(textKey('person', company.legalRepresentative), i);
      add(group(company), i);
      add(textKey('contact', company.contactPerson), i);
      add(`code ${company.code}`, i);
      if (company.parentCode) add(`child of ${company.parentCode}`, i);
    }
    add(textKey('ip', bid.submittedFromIp), i);
  });
  return Object.fromEntries(
    lotBids.map((bid, i) => {
      const mine = parties[i];
      const keys = [
        ...mine.flatMap((company) => [
          textKey('person', company.legalRepresentative),
          group(company),
          textKey('contact', company.contactPerson),
          `code ${company.code}`,
          company.parentCode ? `code ${company.parentCode}` : undefined,
          `child of ${company.code}`,
        ]),
        textKey('ip', bid.submittedFromIp),
      ];
      // The same bids, in the same order (by bidder code), as a comparison with every other bid would visit.
      const candidates = [...new Set(keys.flatMap((key) => (key ? (index.get(key) ?? []) : [])))].sort((a, b) => a - b);
      const others = candidates.filter((j) => lotBids[j].bidder !== bid.bidder);
      const shared = (j: number) => mine.filter((company) => parties[j].some((other) => other.code === company.code));
      const conflicts = others.flatMap((j) => shared(j).map((company) => invalidReason('consortium-member-conflict', company.code)));
      const relations = others.flatMap((j) =>
        mine.flatMap((company) =>
          parties[j]
            .filter((other) => other.code !== company.code)
            .flatMap((other) =>
              relationKinds(company, other, tender).map((kind) => invalidReason('related-party', lotBids[j].bidder, kind)),
            ),
        ),
      );
      const invalidReasons = unique([...conflicts, ...relations]);
      const flags = [
        ...(relations.length > 0 ? ['related-party'] : []),
        ...others.flatMap((j) => collusionFlags(bid, mine, lotBids[j], parties[j])),
      ];
      return [bid.bidder, { invalidReasons, flags: unique(flags) }];
    }),
  );
}

const unique = (xs: string[]): string[] => [...new Set(xs)];

/** The index key of a text that relates bidders when equal once trimmed (see sameText); none for a blank. */
function textKey(kind: string, text: string | null | undefined): string | undefined {
  const value = text?.trim();
  return value ? `${kind} ${value}` : undefined;
}

/** Review every bid on one lot; `bids` may hold the whole tender's bids. */
export function reviewLot(lot: DossierLot, bids: DossierBid[], bidders: DossierBidder[], tender: TenderRules): BidReview[] {
  const lotBids = bids.filter((bid) => bid.lot === lot.no).sort(byBidder);
  const related = relatedBidders(lotBids, bidders, tender);
  const bidderByCode = new Map(bidders.map((bidder) => [bidder.code, bidder]));
  return lotBids.map((bid) => {
    const found = related[bid.bidder];
    const invalidReasons = [...partyReasons(bidderByCode, bid.bidder, tender), ...found.invalidReasons];
    return { bidder: bid.bidder, lot: lot.no, ...reviewBid(bid, lot, { related: { invalidReasons, flags: found.flags } }) };
  });
}

/** Review every bid of a validated dossier, lot by lot in evaluation order, bidders by code. */
export function reviewDossier(dossier: Dossier): BidReview[] {
  return [...dossier.lots]
    .sort((a, b) => a.evaluationOrder - b.evaluationOrder || compareCodes(a.no, b.no))
    .flatMap((lot) => reviewLot(lot, dossier.bids, dossier.bidders, dossier.tender));
}

/** The lot's caps on the corrected figures: the unit cap and the budget, the budget alone for a lump sum, the rate cap. */
function priceCapReasons(corrected: CorrectedFigures, lot: DossierLot): string[] {
  const over = (value: string | null, cap: string | number | null | undefined) => value !== null && cap != null && new D(value).gt(cap);
  return [
    ...(over(corrected.unitPrice, lot.maxUnitPrice) ? [invalidReason('unit-price-over-cap', corrected.unitPrice!, lot.maxUnitPrice!)] : []),
    ...(over(corrected.serviceTotal, lot.maxBudget) ? [invalidReason('over-budget', corrected.serviceTotal!, lot.maxBudget!)] : []),
    ...(over(corrected.rate, lot.maxRate) ? [invalidReason('rate-over-cap', corrected.rate!, new D(lot.maxRate!).toString())] : []),
  ];
}

/** Fixed components (固定报价) are not competed on: each must be quoted at exactly its amount, and no other. */
function fixedComponentReasons(quoted: Component[], fixed: Component[]): string[] {
  const quotedByName = new Map(quoted.map((component) => [component.name, component.amount]));
  const fixedNames = new Set(fixed.map((component) => component.name));
  const missingOrDiffering = fixed.filter(({ name, amount }) => {
    const quotedAmount = quotedByName.get(name);
    return quotedAmount === undefined || !new D(quotedAmount).eq(amount);
  });
  const unknown = quoted.filter((component) => !fixedNames.has(component.name));
  return [...missingOrDiffering, ...unknown].map(({ name }) => invalidReason('fixed-component-mismatch', name));
}

function failedCheckReasons(bid: DossierBid): string[] {
  return [...failedChecks(bid.qualification, 'qualification'), ...failedChecks(bid.compliance, 'compliance')];
}

function failedChecks(checks: Check[] | null | undefined, code: 'qualification' | 'compliance'): string[] {
  return (checks ?? [])
    .filter((check) => !check.pass)
    .map(({ check, note }) => (note?.trim() ? invalidReason(code, check, note.trim()) : invalidReason(code, check)));
}

/** A corrected price binds only when the bidder confirms it; otherwise the bid is invalid. */
function unconfirmedCorrectionReasons(corrections: Correction[], bid: DossierBid): string[] {
  return corrections.length > 0 && bid.priceCorrectionAccepted !== true ? [invalidReason('price-correction-rejected')] : [];
}

/** How `company` is related to `other` (DOMAIN.md §3), from `company`'s side: the related-party reason's second parameter. */
export type RelationKind = 'same-person' | 'subsidiary' | 'parent' | 'same-group';

function relationKinds(company: DossierBidder, other: DossierBidder, tender: TenderRules): RelationKind[] {
  const relations: [boolean, RelationKind][] = [
    [sameText(company.legalRepresentative, other.legalRepresentative) !== undefined, 'same-person'],
    [company.parentCode === other.code, 'subsidiary'],
    [other.parentCode === company.code, 'parent'],
    [tender.oneBranchPerGroup === true && sameText(company.groupCode, other.groupCode) !== undefined, 'same-group'],
  ];
  return relations.filter(([holds]) => holds).map(([, kind]) => kind);
}

function collusionFlags(bid: DossierBid, mine: DossierBidder[], other: DossierBid, theirs: DossierBidder[]): string[] {
  const contact = mine.some((company) => theirs.some((o) => sameText(company.contactPerson, o.contactPerson) !== undefined));
  return [
    ...(contact ? [`same-contact:${other.bidder}`] : []),
    ...(sameText(bid.submittedFromIp, other.submittedFromIp) ? [`same-ip:${other.bidder}`] : []),
  ];
}

/** The shared value when both are given and equal once trimmed; blanks never make bidders related. */
function sameText(a: string | null | undefined, b: string | null | undefined): string | undefined {
  const value = a?.trim();
  return value && value === b?.trim() ? value : undefined;
}

function bidderOf(bidderByCode: Map<string, DossierBidder>, code: string): DossierBidder {
  const bidder = bidderByCode.get(code);
  if (!bidder) throw new Error(`unknown bidder / 未知投标人: ${code}`);
  return bidder;
}

/** Bids are handled by bidder code so that results never depend on the order of the input. */
function byBidder(a: DossierBid, b: DossierBid): number {
  return compareCodes(a.bidder, b.bidder);
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
