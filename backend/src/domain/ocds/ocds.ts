import { D } from '../decimal';
import type { Criterion, Dossier, DossierBidder, Score } from '../dossier/dossier.types';
import { criterionScore } from '../evaluation/rule-engine';
import type { TenderResults } from '../evaluation/evaluate-dossier';
import type { BidResult } from '../evaluation/types';
import type { ContractStatus, TenderStatus } from '../lifecycles';
import {
  OCDS_EXTENSIONS,
  type OcdsBidDetail,
  type OcdsCriterionScore,
  type OcdsRelease,
  type OcdsReleasePackage,
  type OcdsTransaction,
  type OrganizationReference,
} from '../wire/ocds';

/**
 * A procurement as an OCDS 1.1 release package: one compiled view of the tender as it stands. What
 * leaves depends on how far the procedure has come: before the award only the tender and its lots (no
 * bidder, no amount: sealed amounts never leave); after the award the bids, awards and contracts; the
 * per-criterion scores only where the tender publishes them (`publishScores`).
 */

export interface OcdsContract {
  id: number;
  lotNo: string;
  year: number;
  bidderCode: string;
  amount: string;
  status: ContractStatus;
  signedAt: string | null;
  /** Its paid milestones (DOMAIN.md §6.1): day paid (YYYY-MM-DD) and amount (negative: the insurer's refund). */
  payments: { milestoneId: number; paidOn: string; amount: string }[];
}

export interface OcdsInput {
  /** The publisher's registered prefix, `ocds-` and six characters. */
  prefix: string;
  publisher: string;
  /** Where this package is published (its own address). */
  uri: string;
  /** Our scores extension's address (docs/ocds-scores-extension.md, served by the product). */
  scoresExtension: string;
  publishedDate: string;
  status: TenderStatus;
  publishScores: boolean;
  /** The tender as a dossier; its bids and scores are read only once the award is confirmed. */
  dossier: Dossier;
  /** The confirmed award, if any. */
  award: { confirmedAt: string; results: TenderResults } | null;
  contracts: OcdsContract[];
}

const cny = (amount: string | number) => ({ amount: Number(amount), currency: 'CNY' as const });
const number = (v: string | null) => (v === null ? null : Number(v));
/** OCDS dates carry their offset; the tender's are stored as instants. */
const instant = (v: string) => new Date(v).toISOString();

const BUYER = 'buyer';
const AGENCY = 'procuring-entity';

const TENDER_STATUS: Record<TenderStatus, OcdsRelease['tender']['status']> = {
  draft: 'planned',
  published: 'active',
  closed: 'active',
  opened: 'active',
  qualification: 'active',
  evaluation: 'active',
  awarded: 'complete',
  failed: 'unsuccessful',
};

const CONTRACT_STATUS: Record<ContractStatus, NonNullable<OcdsRelease['contracts']>[number]['status']> = {
  draft: 'pending',
  signed: 'active',
  terminated: 'terminated',
};

export const awardId = (lotNo: string, bidder: string | null) => `${lotNo}-${bidder ?? 'none'}`;

export function ocdsReleasePackage(input: OcdsInput): OcdsReleasePackage {
  const { dossier, award } = input;
  const t = dossier.tender;
  const ocid = `${input.prefix}-${t.code}`;
  const awarded = award !== null;
  const bidders = new Map(dossier.bidders.map((b) => [b.code, b]));
  const ref = (b: DossierBidder) => ({ id: b.code, name: b.name });
  const lotResults = new Map((award?.results.lots ?? []).map((l) => [l.no, l]));

  const tag: OcdsRelease['tag'] =
    input.status === 'draft'
      ? ['planning']
      : input.status === 'failed'
        ? ['tenderUpdate']
        : !awarded
          ? ['tender']
          : input.contracts.some((c) => c.payments.length)
            ? ['award', 'contract', 'implementation']
            : input.contracts.length
              ? ['award', 'contract']
              : ['award'];

  const release: OcdsRelease = {
    ocid,
    id: `${t.code}-${tag.join('-')}-${input.publishedDate.replace(/\D/g, '').slice(0, 14)}`,
    date: input.publishedDate,
    tag,
    initiationType: 'tender',
    language: 'zh',
    parties: [
      { id: BUYER, name: t.purchaser, roles: ['buyer'] },
      { id: AGENCY, name: t.agency, roles: ['procuringEntity'] },
    ],
    buyer: { id: BUYER, name: t.purchaser },
    tender: {
      id: t.code,
      title: t.name,
      status: TENDER_STATUS[input.status],
      procuringEntity: { id: AGENCY, name: t.agency },
      // budgets of the lots that have one (a rate-priced lot has a rate cap instead)
      ...(dossier.lots.some((l) => l.maxBudget != null) && {
        value: cny(dossier.lots.reduce((sum, l) => (l.maxBudget == null ? sum : sum.plus(l.maxBudget)), new D(0)).toFixed(2)),
      }),
      procurementMethod: 'open',
      procurementMethodDetails: '公开招标',
      mainProcurementCategory: 'services',
      tenderPeriod: { endDate: instant(t.bidDeadline) },
      awardPeriod: { startDate: instant(t.openingTime), ...(award && { endDate: instant(award.confirmedAt) }) },
      lots: dossier.lots.map((l) => ({
        id: l.no,
        title: l.name,
        status: lotStatus(input.status, lotResults.get(l.no)?.status),
        ...(l.maxBudget != null && { value: cny(l.maxBudget) }),
      })),
    },
  };
  if (!award) return pack(input, release);

  const tenderers = dossier.bidders.filter((b) => dossier.bids.some((bid) => bid.bidder === b.code));
  release.tender.numberOfTenderers = tenderers.length;
  release.tender.tenderers = tenderers.map(ref);
  const winners = new Set(award.results.lots.flatMap((l) => (l.winner ? [l.winner] : [])));
  for (const b of tenderers) {
    release.parties.push({ id: b.code, name: b.name, roles: winners.has(b.code) ? ['tenderer', 'supplier'] : ['tenderer'] });
  }

  release.bids = {
    details: dossier.bids.map((bid) => {
      const result = lotResults.get(bid.lot)?.bids.find((r) => r.bidder === bid.bidder);
      const detail: OcdsBidDetail = {
        id: `${bid.lot}-${bid.bidder}`,
        status: result?.valid === false ? 'disqualified' : 'valid',
        tenderers: [ref(bidders.get(bid.bidder)!)],
        ...(bid.total != null && { value: cny(bid.total) }),
        relatedLots: [bid.lot],
      };
      if (input.publishScores && result) detail.evaluation = evaluation(dossier, bid.lot, bid.bidder, result);
      return detail;
    }),
  };

  const bidTotal = (lot: string, bidder: string) => dossier.bids.find((b) => b.lot === lot && b.bidder === bidder)?.total;
  release.awards = award.results.lots.flatMap((l): NonNullable<OcdsRelease['awards']> => {
    const lot = dossier.lots.find((x) => x.no === l.no);
    const title = `${lot?.name ?? l.no} 中标结果`;
    const date = instant(award.confirmedAt);
    if (!l.winner && !l.awardChain.some((e) => e.bidder)) {
      return [{ id: awardId(l.no, null), title, status: 'unsuccessful', date, suppliers: [], relatedLots: [l.no] }];
    }
    // Each bidder that won the lot at some step: the current winner's award is active, the others' cancelled.
    const won = [...new Set(l.awardChain.filter((e) => e.event === 'won' && e.bidder).map((e) => e.bidder!))];
    return won.map((bidder) => ({
      id: awardId(l.no, bidder),
      title,
      status: bidder === l.winner ? 'active' : 'cancelled',
      date,
      // a rate-priced bid has no amount (DOSSIER.md format 2)
      ...(bidTotal(l.no, bidder) != null && { value: cny(bidTotal(l.no, bidder)!) }),
      suppliers: [ref(bidders.get(bidder)!)],
      relatedLots: [l.no],
    }));
  });

  if (input.contracts.length) {
    release.contracts = input.contracts.map((c) => ({
      id: String(c.id),
      awardID: awardId(c.lotNo, c.bidderCode),
      title: `${dossier.lots.find((l) => l.no === c.lotNo)?.name ?? c.lotNo} ${c.year}年度服务合同`,
      status: CONTRACT_STATUS[c.status],
      period: { startDate: `${c.year}-01-01T00:00:00+08:00`, endDate: `${c.year}-12-31T23:59:59+08:00` },
      value: cny(c.amount),
      ...(c.signedAt && { dateSigned: instant(c.signedAt) }),
      ...(c.payments.length > 0 && {
        implementation: { transactions: c.payments.map((p) => transaction(p, release.buyer, ref(bidders.get(c.bidderCode)!))) },
      }),
    }));
    // Whoever pays or is paid under a contract carries that role among the parties.
    for (const tx of release.contracts.flatMap((c) => c.implementation?.transactions ?? [])) {
      addRole(release, tx.payer.id, 'payer');
      addRole(release, tx.payee.id, 'payee');
    }
  }
  return pack(input, release);
}

/** A paid milestone as a transaction from the buyer to the supplier; a refund the other way, for its positive amount. */
function transaction(
  payment: OcdsContract['payments'][number],
  buyer: OrganizationReference,
  supplier: OrganizationReference,
): OcdsTransaction {
  const amount = new D(payment.amount);
  const refund = amount.isNegative();
  return {
    id: String(payment.milestoneId),
    // the day the bureau paid, in its own time zone
    date: `${payment.paidOn}T00:00:00+08:00`,
    value: cny(amount.abs().toFixed(2)),
    payer: refund ? supplier : buyer,
    payee: refund ? buyer : supplier,
  };
}

function addRole(release: OcdsRelease, partyId: string, role: OcdsRelease['parties'][number]['roles'][number]) {
  const party = release.parties.find((p) => p.id === partyId)!;
  if (!party.roles.includes(role)) party.roles.push(role);
}

function pack(input: OcdsInput, release: OcdsRelease): OcdsReleasePackage {
  const extensions: string[] = [OCDS_EXTENSIONS.lots];
  if (release.bids) extensions.push(OCDS_EXTENSIONS.bids);
  if (release.bids?.details.some((d) => d.evaluation)) extensions.push(input.scoresExtension);
  return {
    uri: input.uri,
    version: '1.1',
    publishedDate: input.publishedDate,
    publisher: { name: input.publisher },
    extensions,
    releases: [release],
  };
}

function lotStatus(status: TenderStatus, result: 'awarded' | 'failed' | 'not-awarded' | undefined): OcdsRelease['tender']['status'] {
  if (result === 'awarded') return 'complete';
  if (result) return 'unsuccessful';
  return TENDER_STATUS[status];
}

/** Our scores extension for one bid: its totals and each criterion of its lot's scheme. */
function evaluation(dossier: Dossier, lotNo: string, bidder: string, result: BidResult): NonNullable<OcdsBidDetail['evaluation']> {
  const lot = dossier.lots.find((l) => l.no === lotNo)!;
  const scheme = dossier.schemes.find((s) => s.code === lot.scheme);
  const bid = dossier.bids.find((b) => b.lot === lotNo && b.bidder === bidder)!;
  const seats = new Map((dossier.panel ?? []).map((p, i) => [p.code, `E${i + 1}`]));
  const marks = (dossier.scores ?? []).filter((s) => s.lot === lotNo && s.bidder === bidder);
  return {
    priceScore: number(result.priceScore),
    nonPriceScore: number(result.nonPriceScore),
    finalScore: number(result.finalScore),
    rank: result.rank,
    criteria: (scheme?.criteria ?? []).map((c) => criterion(c, result, bid.facts, marks, seats)),
  };
}

function criterion(
  c: Criterion,
  result: BidResult,
  facts: Dossier['bids'][number]['facts'],
  marks: Score[],
  seats: Map<string, string>,
): OcdsCriterionScore {
  const base = { id: c.no, title: c.name, category: c.category, kind: c.kind, maximum: Number(c.max) };
  if (c.kind === 'price') return { ...base, score: number(result.priceScore) };
  if (c.kind === 'objective') return { ...base, score: result.valid ? criterionScore(c, facts ?? undefined).toNumber() : null };
  const panelScores = marks
    .filter((m) => m.criterion === c.no)
    .map((m) => ({ expert: seats.get(m.expert) ?? m.expert, score: Number(m.value) }))
    .sort((a, b) => a.expert.localeCompare(b.expert, 'en', { numeric: true }));
  const mean = panelScores.length ? panelScores.reduce((sum, m) => sum.plus(m.score), new D(0)).div(panelScores.length) : null;
  return { ...base, score: mean === null ? null : mean.toDecimalPlaces(2, D.ROUND_HALF_UP).toNumber(), panelScores };
}
