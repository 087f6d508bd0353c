import { createHash } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { insertRows, selectRows } from '../database/bulk-rows';
import { Assessment } from '../assessments/assessment.entity';
import { AssessmentScheme } from '../assessments/assessment-scheme.entity';
import { Bid } from '../bids/bid.entity';
import { Bidder } from '../bids/bidder.entity';
import { D } from '../domain/decimal';
import { Draw } from '../evaluation/draw.entity';
import { PanelMember } from '../panel/panel-member.entity';
import { Score } from '../panel/score.entity';
import { ScoreSheet } from '../panel/score-sheet.entity';
import { Lot } from '../tenders/lot.entity';
import { ScoringScheme } from '../tenders/scheme.entity';
import { lotOpening } from '../domain/tenders/lot-opening';
import { Tender } from '../tenders/tender.entity';
import { can, TENDER, TenderStatus } from '../domain/lifecycles';
import { Organization } from '../users/organization.entity';
import { User } from '../users/user.entity';
import type { Dossier, DossierBid, DossierBidder, DossierLot, DossierTender, Num, Scheme } from '../domain/dossier/dossier.types';

/**
 * Dossier ↔ database. `saveDossier` writes a validated dossier as rows; `loadDossier` reads the
 * rows back as a dossier. Evaluation and export both start from `loadDossier`, so what is
 * evaluated is exactly what would be exported.
 */

const text = (v: Num): string => (typeof v === 'number' ? new D(v).toString() : v);
const optional = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/**
 * Status of an imported tender: a dossier whose opening time has passed arrives opened for evaluation.
 * An import creates its records in the states their dossier puts them in, not by moves.
 */
export function importedStatus(openingTime: string, now = new Date()): TenderStatus {
  return new Date(openingTime) <= now ? 'evaluation' : 'published';
}

/** Rows written so far of those a dossier brings (bidders, bids, scores): an import's progress. */
export type SaveProgress = (written: number, total: number) => void | Promise<void>;

export async function saveDossier(m: EntityManager, d: Dossier, status: TenderStatus, onProgress?: SaveProgress): Promise<Tender> {
  const t = d.tender;
  const total = d.bidders.length + d.bids.length + (d.scores?.length ?? 0);
  let written = 0;
  const progress = (rows: number) => onProgress?.((written += rows), total);
  const tender = await m.save(m.create(Tender, { ...tenderColumns(t), status }));
  const tenderId = tender.id;
  await m.save(d.schemes.map((s) => m.create(ScoringScheme, { tenderId, code: s.code, name: s.name, criteria: s.criteria })));
  // A tender that arrives opened had its lots opened too, each by the rule of the opening.
  const bidsOnLot = countBy(d.bids, (b) => b.lot);
  const opening = (lot: DossierLot) =>
    can(TENDER, status, 'see-bids') ? lotOpening(bidsOnLot.get(lot.no) ?? 0, t.minQualifiedBidders) : {};
  const lots = await m.save(d.lots.map((l) => m.create(Lot, { tenderId, ...lotColumns(l), ...opening(l) })));
  // Bidders and bids by the thousand: multi-row INSERTs, their ids read back by their keys.
  const organizations = await insurerOrganizations(m, d.tender.code, d.bidders);
  await insertRows(
    m,
    Bidder,
    d.bidders.map((b) => ({ tenderId, ...bidderColumns(b), organizationId: organizations.get(b.name)!.id })),
    progress,
  );
  const bidders: Pick<Bidder, 'id' | 'code'>[] = await m.find(Bidder, { select: { id: true, code: true }, where: { tenderId } });
  const lotId = new Map(lots.map((l) => [l.no, l.id]));
  const bidderId = new Map(bidders.map((b) => [b.code, b.id]));
  await insertRows(
    m,
    Bid,
    d.bids.map((b) => ({ tenderId, lotId: lotId.get(b.lot)!, bidderId: bidderId.get(b.bidder)!, ...bidColumns(b) })),
    progress,
  );
  const bids: Pick<Bid, 'id' | 'lotId' | 'bidderId'>[] = await m.find(Bid, {
    select: { id: true, lotId: true, bidderId: true },
    where: { tenderId },
  });
  const bidId = new Map(bids.map((b) => [`${b.bidderId}|${b.lotId}`, b.id]));
  const experts = await m.find(User, { where: { role: 'expert' } });
  const members = await m.save(
    (d.panel ?? []).map((p) =>
      m.create(PanelMember, { tenderId, code: p.code, name: p.name, userId: experts.find((u) => u.displayName === p.name)?.id ?? null }),
    ),
  );
  const memberId = new Map(members.map((p) => [p.code, p.id]));
  await insertRows(
    m,
    Score,
    (d.scores ?? []).map((s) => ({
      tenderId,
      panelMemberId: memberId.get(s.expert)!,
      bidId: bidId.get(`${bidderId.get(s.bidder)}|${lotId.get(s.lot)}`)!,
      criterionNo: s.criterion,
      value: text(s.value),
    })),
    progress,
  );
  // Scores that arrive in a dossier were given on sheets the panel already submitted.
  const sheets = new Set((d.scores ?? []).map((s) => `${s.expert}|${s.lot}`));
  await m.save(
    [...sheets].map((key) => {
      const [expert, lot] = key.split('|');
      return m.create(ScoreSheet, {
        tenderId,
        panelMemberId: memberId.get(expert)!,
        lotId: lotId.get(lot)!,
        status: 'submitted',
        submittedAt: new Date(),
      });
    }),
  );
  await m.save((d.draws ?? []).map((x) => m.create(Draw, { tenderId, lotNo: x.lot, seed: String(x.seed) })));
  await m.save(
    (d.assessmentSchemes ?? []).map((s) =>
      m.create(AssessmentScheme, {
        tenderId,
        code: s.code,
        name: s.name,
        kind: s.kind,
        passMark: s.passMark == null ? null : text(s.passMark),
        failDeductionRate: s.failDeductionRate == null ? null : text(s.failDeductionRate),
        bands: s.bands ?? null,
        items: s.items.map((i) => ({ no: i.no, name: i.name, max: text(i.max) })),
      }),
    ),
  );
  await m.save(
    (d.assessments ?? []).map((a) =>
      m.create(Assessment, {
        tenderId,
        lotNo: a.lot,
        year: a.year,
        schemeCode: a.scheme,
        operatingCost: a.operatingCost ?? null,
        maxReward: a.maxReward ?? null,
        items: a.items.map((i) => ({
          no: i.no,
          ...(i.points != null && { points: text(i.points) }),
          ...(i.deduction != null && { deduction: text(i.deduction) }),
          ...(i.note != null && { note: i.note }),
        })),
      }),
    ),
  );
  return tender;
}

/** The columns of a tender row from the dossier's `tender`, with the format's defaults. */
export function tenderColumns(t: DossierTender) {
  return {
    code: t.code,
    name: t.name,
    purchaser: t.purchaser,
    agency: t.agency,
    bidDeadline: t.bidDeadline,
    openingTime: t.openingTime,
    bidValidityDays: t.bidValidityDays,
    contractYears: t.contractYears,
    firstContractYear: t.firstContractYear,
    minQualifiedBidders: t.minQualifiedBidders,
    priceWeight: text(t.priceWeight),
    priceBasis: t.priceBasis ?? 'service',
    smeDeduction: text(t.smeDeduction ?? '0.20'),
    abnormalLowRatio: text(t.abnormalLowRatio ?? '0.50'),
    outlierRatio: text(t.outlierRatio ?? '0.30'),
    trimExtremes: t.trimExtremes ?? false,
    scoreDecimals: t.scoreDecimals ?? 2,
    awardRule: t.awardRule,
    tieBreakers: t.tieBreakers ?? ['price', 'draw'],
    oneBranchPerGroup: t.oneBranchPerGroup ?? false,
    publishScores: t.publishScores ?? false,
  } satisfies Partial<Tender>;
}

export function lotColumns(l: DossierLot) {
  return {
    no: l.no,
    name: l.name,
    regions: l.regions,
    basePopulation: l.basePopulation,
    maxUnitPrice: l.maxUnitPrice,
    maxBudget: l.maxBudget,
    fixedComponents: l.fixedComponents,
    evaluationOrder: l.evaluationOrder,
    schemeCode: l.scheme,
    rewardBudget: l.rewardBudget ?? null,
    minStaff: l.minStaff ?? null,
  } satisfies Partial<Lot>;
}

export function bidderColumns(b: DossierBidder) {
  return {
    code: b.code,
    name: b.name,
    sme: b.sme,
    legalRepresentative: b.legalRepresentative ?? null,
    parentCode: b.parentCode ?? null,
    groupCode: b.groupCode ?? null,
    contactPerson: b.contactPerson ?? null,
  } satisfies Partial<Bidder>;
}

/** A bid's own columns; its tender, lot and bidder are the caller's to resolve. */
export function bidColumns(b: DossierBid) {
  return {
    unitPrice: b.unitPrice,
    serviceTotal: b.serviceTotal,
    fixedComponents: b.fixedComponents,
    total: b.total,
    totalCapitals: b.totalCapitals ?? null,
    itemised: b.itemised ?? null,
    submittedFromIp: b.submittedFromIp ?? null,
    qualification: b.qualification ?? [],
    compliance: b.compliance ?? [],
    priceCorrectionAccepted: b.priceCorrectionAccepted ?? null,
    abnormalLowRejected: b.abnormalLowRejected ?? null,
    facts: b.facts ?? {},
  } satisfies Partial<Bid>;
}

/**
 * The organisation whose insurer users see a bidder's bids: the one with the bidder's full name,
 * or a new one (the bidder code when free, else tender code + bidder code).
 */
export async function insurerOrganization(m: EntityManager, tenderCode: string, code: string, name: string): Promise<Organization> {
  return (await insurerOrganizations(m, tenderCode, [{ code, name }])).get(name)!;
}

/** insurerOrganization for many bidders at once, by name: a few queries however many bidders there are. */
async function insurerOrganizations(
  m: EntityManager,
  tenderCode: string,
  bidders: Pick<DossierBidder, 'code' | 'name'>[],
): Promise<Map<string, Organization>> {
  const names = [...new Set(bidders.map((b) => b.name))];
  const byName = async () => new Map((await inChunks(names, (some) => m.findBy(Organization, { name: In(some) }))).map((o) => [o.name, o]));
  const existing = await byName();
  const seen = new Set<string>();
  const missing = bidders.filter((b) => !existing.has(b.name) && !seen.has(b.name) && seen.add(b.name));
  if (missing.length === 0) return existing;
  const taken = new Set(
    (
      await inChunks(
        missing.map((b) => b.code),
        (some) => m.findBy(Organization, { code: In(some) }),
      )
    ).map((o) => o.code),
  );
  await insertRows(
    m,
    Organization,
    missing.map((b) => ({ code: taken.has(b.code) ? qualifiedCode(tenderCode, b.code) : b.code, name: b.name, kind: 'insurer' as const })),
  );
  return byName();
}

/** A query over `IN (…)` lists of at most 500 values each, the results together. */
async function inChunks<V, R>(values: V[], query: (some: V[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < values.length; i += 500) results.push(...(await query(values.slice(i, i + 500))));
  return results;
}

const countBy = <T>(items: T[], key: (item: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

/** Tender code + bidder code, shortened with a digest of both where that exceeds the column's 64 characters. */
function qualifiedCode(tenderCode: string, code: string): string {
  const full = `${tenderCode}-${code}`;
  if ([...full].length <= 64) return full;
  return `${[...full].slice(0, 47).join('')}-${createHash('sha256').update(full).digest('hex').slice(0, 16)}`;
}

/** What loadDossier reads of a tender besides the tender row itself; dossierRevision watches the same. */
const DOSSIER_PARTS = [ScoringScheme, Lot, Bidder, Bid, PanelMember, Score, Draw, AssessmentScheme, Assessment];

/**
 * A key that changes whenever anything loadDossier(tenderId) reads changes: per table, the number of
 * the tender's rows, their highest id and the sum of their versions. Exact, not probable: ids only
 * grow and every update raises its row's version (@VersionColumn), so two moments with equal keys
 * hold the same rows at the same versions. One query, a fraction of a load.
 */
export async function dossierRevision(m: EntityManager, tenderId: number): Promise<string> {
  const q = (name: string) => m.connection.driver.escape(name);
  const selects = [Tender, ...DOSSIER_PARTS].map((entity, i) => {
    const key = entity === Tender ? 'id' : 'tenderId';
    return `SELECT ${i} AS k, COUNT(*) AS n, COALESCE(MAX(${q('id')}), 0) AS top, COALESCE(SUM(${q('version')}), 0) AS v FROM ${q(m.connection.getMetadata(entity).tableName)} WHERE ${q(key)} = ?`;
  });
  const rows: { k: number | string; n: number | string; top: number | string; v: number | string }[] = await m.query(
    selects.join(' UNION ALL '),
    selects.map(() => tenderId),
  );
  return rows
    .sort((a, b) => Number(a.k) - Number(b.k))
    .map((r) => `${r.n}.${r.top}.${r.v}`)
    .join('|');
}

export async function loadDossier(m: EntityManager, tenderId: number): Promise<Dossier> {
  const tender = await m.findOneByOrFail(Tender, { id: tenderId });
  const [schemes, lots, bidders, bids, members, scores, draws, aSchemes, assessments] = await Promise.all([
    m.find(ScoringScheme, { where: { tenderId }, order: { id: 'ASC' } }),
    m.find(Lot, { where: { tenderId }, order: { id: 'ASC' } }),
    m.find(Bidder, { where: { tenderId }, order: { id: 'ASC' } }),
    m.find(Bid, { where: { tenderId }, order: { id: 'ASC' } }),
    // A member who declared a conflict of interest has left the panel, with their scores.
    m.find(PanelMember, { where: { tenderId }, order: { id: 'ASC' } }).then((ms) => ms.filter((p) => p.declaration !== 'conflict')),
    // By the 100,000: only the columns needed, no entity per row.
    selectRows(m, Score, ['panelMemberId', 'bidId', 'criterionNo', 'value'], { tenderId }),
    m.find(Draw, { where: { tenderId }, order: { id: 'ASC' } }),
    m.find(AssessmentScheme, { where: { tenderId }, order: { id: 'ASC' } }),
    m.find(Assessment, { where: { tenderId }, order: { id: 'ASC' } }),
  ]);
  const lotNo = new Map(lots.map((l) => [l.id, l.no]));
  const bidderCode = new Map(bidders.map((b) => [b.id, b.code]));
  const memberCode = new Map(members.map((p) => [p.id, p.code]));
  const bidById = new Map(bids.map((b) => [b.id, b]));
  return {
    formatVersion: 1,
    tender: dossierTender(tender),
    schemes: schemes.map(dossierScheme),
    lots: lots.map(dossierLot),
    bidders: bidders.map(dossierBidder),
    bids: bids.map((b) => ({
      bidder: bidderCode.get(b.bidderId)!,
      lot: lotNo.get(b.lotId)!,
      unitPrice: b.unitPrice,
      serviceTotal: b.serviceTotal,
      fixedComponents: b.fixedComponents,
      total: b.total,
      totalCapitals: optional(b.totalCapitals),
      itemised: optional(b.itemised),
      submittedFromIp: optional(b.submittedFromIp),
      qualification: b.qualification,
      compliance: b.compliance,
      priceCorrectionAccepted: optional(b.priceCorrectionAccepted),
      abnormalLowRejected: optional(b.abnormalLowRejected),
      facts: b.facts,
    })),
    panel: members.map((p) => ({ code: p.code, name: p.name })),
    scores: scores
      .filter((s) => memberCode.has(s.panelMemberId))
      .map((s) => {
        const bid = bidById.get(s.bidId)!;
        return {
          expert: memberCode.get(s.panelMemberId)!,
          bidder: bidderCode.get(bid.bidderId)!,
          lot: lotNo.get(bid.lotId)!,
          criterion: s.criterionNo,
          value: s.value,
        };
      }),
    draws: draws.map((x) => ({ lot: x.lotNo, seed: x.seed })),
    assessmentSchemes: aSchemes.map((s) => ({
      code: s.code,
      name: s.name,
      kind: s.kind,
      ...(s.passMark != null && { passMark: trimZeros(s.passMark) }),
      ...(s.failDeductionRate != null && { failDeductionRate: trimZeros(s.failDeductionRate) }),
      ...(s.bands != null && { bands: s.bands }),
      items: s.items,
    })),
    assessments: assessments.map((a) => ({
      lot: a.lotNo,
      year: a.year,
      scheme: a.schemeCode,
      operatingCost: optional(a.operatingCost),
      maxReward: optional(a.maxReward),
      items: a.items,
    })),
  };
}

/** A tender row as the dossier's `tender`. */
export function dossierTender(tender: Tender): DossierTender {
  return {
    code: tender.code,
    name: tender.name,
    purchaser: tender.purchaser,
    agency: tender.agency,
    bidDeadline: tender.bidDeadline,
    openingTime: tender.openingTime,
    bidValidityDays: tender.bidValidityDays,
    contractYears: tender.contractYears,
    firstContractYear: tender.firstContractYear,
    minQualifiedBidders: tender.minQualifiedBidders,
    priceWeight: trimZeros(tender.priceWeight),
    priceBasis: tender.priceBasis,
    smeDeduction: fraction(tender.smeDeduction),
    abnormalLowRatio: fraction(tender.abnormalLowRatio),
    outlierRatio: fraction(tender.outlierRatio),
    trimExtremes: tender.trimExtremes,
    scoreDecimals: tender.scoreDecimals,
    awardRule: tender.awardRule,
    tieBreakers: tender.tieBreakers,
    oneBranchPerGroup: tender.oneBranchPerGroup,
    // Written only when set: a dossier without it reads as not published, as format 1 has it.
    ...(tender.publishScores && { publishScores: true }),
  };
}

export function dossierScheme(s: ScoringScheme): Scheme {
  return { code: s.code, name: s.name, criteria: s.criteria };
}

export function dossierLot(l: Lot): DossierLot {
  return {
    no: l.no,
    name: l.name,
    regions: l.regions,
    basePopulation: l.basePopulation,
    maxUnitPrice: l.maxUnitPrice,
    maxBudget: l.maxBudget,
    fixedComponents: l.fixedComponents,
    evaluationOrder: l.evaluationOrder,
    scheme: l.schemeCode,
    rewardBudget: optional(l.rewardBudget),
    minStaff: optional(l.minStaff),
  };
}

export function dossierBidder(b: Bidder): DossierBidder {
  return {
    code: b.code,
    name: b.name,
    sme: b.sme,
    legalRepresentative: b.legalRepresentative,
    parentCode: b.parentCode,
    groupCode: b.groupCode,
    contactPerson: b.contactPerson,
  };
}

/** "10.00" → "10"; "85.50" → "85.5": weights and marks read as people write them. */
const trimZeros = (v: string): string => new D(v).toString();
/** Ratios keep two decimals at least ("0.20", "0.005"), as the dossier writes them. */
const fraction = (v: string): string => {
  const s = new D(v).toString();
  const decimals = s.split('.')[1]?.length ?? 0;
  return decimals >= 2 ? s : new D(v).toFixed(2);
};
