import { D } from '../decimal';
import { Check, Component, Dossier, DossierBid, DossierBidder, DossierLot, DossierTender } from '../dossier/dossier.types';
import { CorrectedFigures, Correction, correctPrice } from './price-correction';

/**
 * Bid validity (无效标, DOMAIN.md §3–§4). Every reason is kept, not only the first, because the
 * evaluation report must state all of them and a bidder's objection may contest any one. Reasons are
 * short, Chinese first (what the panel signs) then English.
 *
 * Abnormally low prices are not judged here: whether a price is "far below the others" depends on
 * which bids are valid, so the evaluation applies `abnormalLowRejected` after this review.
 */

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

/** Review one bid; caps, budget and fixed components are judged on the corrected figures. */
export function reviewBid(bid: DossierBid, lot: DossierLot, context: BidContext = {}): BidVerdict {
  const { corrections, ...corrected } = correctPrice(bid, lot.basePopulation);
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

/**
 * Related bidders on one lot (seed 002 §3.1.5, seed 001): bidders with the same responsible person,
 * a parent and its directly controlled subsidiary, and — when the tender allows one branch per
 * group — branches of one group may not bid on the same lot, so all their bids there are invalid.
 * The same contact person or submitting IP address are signs of collusion (seed 002 §16.6) that only
 * the panel can weigh, so they are flagged, not judged.
 */
export function relatedBidders(
  bids: DossierBid[],
  bidders: DossierBidder[],
  tender: Pick<DossierTender, 'oneBranchPerGroup'>,
): Record<string, PartyFindings> {
  const bidderByCode = new Map(bidders.map((bidder) => [bidder.code, bidder]));
  const lotBids = [...bids].sort(byBidder);
  const parties = lotBids.map((bid) => bidderOf(bidderByCode, bid.bidder));
  // Each bid is compared only with the bids that share one of its keys: a lot of n bids costs n, not n².
  const index = new Map<string, number[]>();
  const add = (key: string | undefined, i: number) => {
    if (!key) return;
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  };
  lotBids.forEach((bid, i) => {
    const party = parties[i];
    add(textKey('person', party.legalRepresentative), i);
    if (tender.oneBranchPerGroup === true) add(textKey('group', party.groupCode), i);
    add(textKey('contact', party.contactPerson), i);
    add(textKey('ip', bid.submittedFromIp), i);
    add(`code ${party.code}`, i);
    if (party.parentCode) add(`child of ${party.parentCode}`, i);
  });
  return Object.fromEntries(
    lotBids.map((bid, i) => {
      const party = parties[i];
      const keys = [
        textKey('person', party.legalRepresentative),
        tender.oneBranchPerGroup === true ? textKey('group', party.groupCode) : undefined,
        textKey('contact', party.contactPerson),
        textKey('ip', bid.submittedFromIp),
        party.parentCode ? `code ${party.parentCode}` : undefined,
        `child of ${party.code}`,
      ];
      // The same bids, in the same order (by bidder code), as a comparison with every other bid would visit.
      const candidates = [...new Set(keys.flatMap((key) => (key ? (index.get(key) ?? []) : [])))].sort((a, b) => a - b);
      const others = candidates.map((j) => lotBids[j]).filter((other) => other.bidder !== bid.bidder);
      const invalidReasons = others.flatMap((other) => relationReasons(party, bidderOf(bidderByCode, other.bidder), tender));
      const flags = [
        ...(invalidReasons.length > 0 ? ['related-party'] : []),
        ...others.flatMap((other) => collusionFlags(bid, other, bidderByCode)),
      ];
      return [bid.bidder, { invalidReasons, flags }];
    }),
  );
}

/** The index key of a text that relates bidders when equal once trimmed (see sameText); none for a blank. */
function textKey(kind: string, text: string | null | undefined): string | undefined {
  const value = text?.trim();
  return value ? `${kind} ${value}` : undefined;
}

/** Review every bid on one lot; `bids` may hold the whole tender's bids. */
export function reviewLot(
  lot: DossierLot,
  bids: DossierBid[],
  bidders: DossierBidder[],
  tender: Pick<DossierTender, 'oneBranchPerGroup'>,
): BidReview[] {
  const lotBids = bids.filter((bid) => bid.lot === lot.no).sort(byBidder);
  const related = relatedBidders(lotBids, bidders, tender);
  return lotBids.map((bid) => ({
    bidder: bid.bidder,
    lot: lot.no,
    ...reviewBid(bid, lot, { related: related[bid.bidder] }),
  }));
}

/** Review every bid of a validated dossier, lot by lot in evaluation order, bidders by code. */
export function reviewDossier(dossier: Dossier): BidReview[] {
  return [...dossier.lots]
    .sort((a, b) => a.evaluationOrder - b.evaluationOrder || compareCodes(a.no, b.no))
    .flatMap((lot) => reviewLot(lot, dossier.bids, dossier.bidders, dossier.tender));
}

function priceCapReasons(corrected: CorrectedFigures, lot: DossierLot): string[] {
  const reasons: [boolean, string, string][] = [
    [
      new D(corrected.unitPrice).gt(lot.maxUnitPrice),
      '单价超过最高限价',
      `unit price above cap (${corrected.unitPrice} > ${lot.maxUnitPrice})`,
    ],
    [
      new D(corrected.serviceTotal).gt(lot.maxBudget),
      '服务费总价超过最高预算金额',
      `service total above budget (${corrected.serviceTotal} > ${lot.maxBudget})`,
    ],
  ];
  return reasons.filter(([applies]) => applies).map(([, chinese, english]) => reason(chinese, english));
}

/** Fixed components (固定报价) are not competed on: each must be quoted at exactly its amount. */
function fixedComponentReasons(quoted: Component[], fixed: Component[]): string[] {
  const quotedByName = new Map(quoted.map((component) => [component.name, component.amount]));
  const fixedNames = new Set(fixed.map((component) => component.name));
  const missingOrDiffering = fixed.flatMap(({ name, amount }) => {
    const quotedAmount = quotedByName.get(name);
    if (quotedAmount === undefined) {
      return [reason(`缺少固定报价项“${name}”`, `fixed component missing: ${name} (${amount})`)];
    }
    return new D(quotedAmount).eq(amount)
      ? []
      : [
          reason(
            `固定报价项“${name}”与固定金额不符`,
            `fixed component differs from its fixed amount: ${name} (${quotedAmount} ≠ ${amount})`,
          ),
        ];
  });
  const unknown = quoted
    .filter((component) => !fixedNames.has(component.name))
    .map(({ name }) => reason(`本标包无固定报价项“${name}”`, `unknown fixed component: ${name}`));
  return [...missingOrDiffering, ...unknown];
}

function failedCheckReasons(bid: DossierBid): string[] {
  return [
    ...failedChecks(bid.qualification, '资格审查未通过', 'failed qualification check'),
    ...failedChecks(bid.compliance, '符合性审查未通过', 'failed compliance check'),
  ];
}

function failedChecks(checks: Check[] | null | undefined, chinese: string, english: string): string[] {
  return (checks ?? [])
    .filter((check) => !check.pass)
    .map(({ check, note }) => {
      const detail = note?.trim();
      return detail
        ? reason(`${chinese}：${check}（${detail}）`, `${english}: ${check} (${detail})`)
        : reason(`${chinese}：${check}`, `${english}: ${check}`);
    });
}

/** A corrected price binds only when the bidder confirms it; otherwise the bid is invalid. */
function unconfirmedCorrectionReasons(corrections: Correction[], bid: DossierBid): string[] {
  return corrections.length > 0 && bid.priceCorrectionAccepted !== true
    ? [reason('未确认价格修正', 'price correction not confirmed by the bidder')]
    : [];
}

/** Why `bidder` may not bid on a lot alongside `other`, from `bidder`'s side. */
function relationReasons(bidder: DossierBidder, other: DossierBidder, tender: Pick<DossierTender, 'oneBranchPerGroup'>): string[] {
  const person = sameText(bidder.legalRepresentative, other.legalRepresentative);
  const group = tender.oneBranchPerGroup === true ? sameText(bidder.groupCode, other.groupCode) : undefined;
  const relations: [unknown, string, string][] = [
    [person, `与投标人${other.code}的单位负责人为同一人（${person}）`, `same responsible person as bidder ${other.code} (${person})`],
    [bidder.parentCode === other.code, `为投标人${other.code}直接控股的子公司`, `directly controlled subsidiary of bidder ${other.code}`],
    [other.parentCode === bidder.code, `为投标人${other.code}的母公司`, `parent company of bidder ${other.code}`],
    [
      group,
      `与投标人${other.code}同属集团${group}，本项目同一集团只允许一家分支机构投标`,
      `same group (${group}) as bidder ${other.code}; one branch per group`,
    ],
  ];
  return relations.filter(([holds]) => holds).map(([, chinese, english]) => reason(`关联投标人：${chinese}`, `related party: ${english}`));
}

function collusionFlags(bid: DossierBid, other: DossierBid, bidderByCode: Map<string, DossierBidder>): string[] {
  const contact = sameText(bidderOf(bidderByCode, bid.bidder).contactPerson, bidderOf(bidderByCode, other.bidder).contactPerson);
  return [
    ...(contact ? [`same-contact:${other.bidder}`] : []),
    ...(sameText(bid.submittedFromIp, other.submittedFromIp) ? [`same-ip:${other.bidder}`] : []),
  ];
}

/** Reasons are read by the panel in Chinese and by everyone else in English: both, Chinese first. */
function reason(chinese: string, english: string): string {
  return `${chinese} / ${english}`;
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
