import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { insertRows, selectRows } from '../database/bulk-rows';
import { isSqlite } from '../database/dialect';
import { Assessment } from '../assessments/assessment.entity';
import { AssessmentScheme } from '../assessments/assessment-scheme.entity';
import { Bid } from '../bids/bid.entity';
import { Bidder } from '../bids/bidder.entity';
import { Draw } from '../evaluation/draw.entity';
import { dossierSchedule, scheduleColumns } from '../contracts/schedule-dossier';
import { TenderSchedule } from '../contracts/tender-schedule.entity';
import { Contract } from '../contracts/contract.entity';
import { PaymentMilestone } from '../contracts/payment-milestone.entity';
import { Acceptance, ServiceEvaluation } from '../contracts/contract-events.entity';
import { ContractSettlement } from '../contracts/settlement.entity';
import { loadContracts, saveContracts } from '../contracts/contract-dossier';
import { loadReports, saveReports } from '../assessments/periodic-report-dossier';
import type { EvaluatedTender } from '../domain/contracts/contract-status';
import { PanelMember } from '../panel/panel-member.entity';
import { Score } from '../panel/score.entity';
import { ScoreSheet } from '../panel/score-sheet.entity';
import { Lot } from '../tenders/lot.entity';
import { ScoringScheme } from '../tenders/scheme.entity';
import { lotOpening } from '../domain/tenders/lot-opening';
import { Tender } from '../tenders/tender.entity';
import { buyerOf } from '../tenders/buyers';
import { can, TENDER, TenderStatus } from '../domain/lifecycles';
import { User } from '../users/user.entity';
import type { Dossier, DossierLot } from '../domain/dossier/dossier.types';
import { decimalText } from '../domain/dossier/dossier-values';
import { assessmentColumns, assessmentSchemeColumns, dossierAssessment, dossierAssessmentScheme } from '../assessments/assessment-dossier';
import { bidColumns, bidderColumns, dossierBid, dossierBidder, insurerOrganizations } from '../bids/bid-dossier';
import { DossierSource } from '../tenders/dossier-source';
import { dossierLot, dossierScheme, dossierTender, lotColumns, tenderColumns } from '../tenders/tender-dossier';

/**
 * Dossier ↔ database. `saveDossier` writes a validated dossier as rows; `loadDossier` reads the
 * rows back as a dossier. Evaluation and export both start from `loadDossier`, so what is
 * evaluated is exactly what would be exported. Each stage maps its own rows (tender-dossier,
 * bid-dossier, assessment-dossier, beside their entities); this module puts the parts together.
 */

/**
 * Status of an imported tender: a dossier whose opening time has passed arrives opened for evaluation.
 * An import creates its records in the states their dossier puts them in, not by moves.
 */
export function importedStatus(openingTime: string, now = new Date()): TenderStatus {
  return new Date(openingTime) <= now ? 'evaluation' : 'published';
}

/** Rows written so far of those a dossier brings (bidders, bids, scores): an import's progress. */
export type SaveProgress = (written: number, total: number) => void | Promise<void>;

/**
 * `evaluated`: the tender's evaluation up to the award, which a dossier with contracts was validated on
 * (checkContracts); its contracts are drawn from it.
 */
export async function saveDossier(
  m: EntityManager,
  d: Dossier,
  status: TenderStatus,
  evaluated?: EvaluatedTender,
  onProgress?: SaveProgress,
): Promise<Tender> {
  const t = d.tender;
  const total = d.bidders.length + d.bids.length + (d.scores?.length ?? 0);
  let written = 0;
  const progress = (rows: number) => onProgress?.((written += rows), total);
  const tender = await m.save(m.create(Tender, { ...tenderColumns(t), buyerOrganizationId: await buyerOf(m, t.purchaser), status }));
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
  await withoutKeyChecks(m, () =>
    insertRows(
      m,
      Score,
      (d.scores ?? []).map((s) => ({
        tenderId,
        panelMemberId: memberId.get(s.expert)!,
        bidId: bidId.get(`${bidderId.get(s.bidder)}|${lotId.get(s.lot)}`)!,
        criterionNo: s.criterion,
        value: decimalText(s.value),
      })),
      progress,
    ),
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
  await m.save((d.assessmentSchemes ?? []).map((s) => m.create(AssessmentScheme, { tenderId, ...assessmentSchemeColumns(s) })));
  await m.save((d.assessments ?? []).map((a) => m.create(Assessment, { tenderId, ...assessmentColumns(a) })));
  await m.save((d.paymentSchedules ?? []).map((x) => m.create(TenderSchedule, { tenderId, ...scheduleColumns(x) })));
  // Format 2: contracts of the awarded lots, drawn from the winners' corrected bids and the year's assessment.
  if (d.contracts?.length) await saveReports(m, await saveContracts(m, tenderId, d, evaluated!, bidderId, null));
  return tender;
}

/**
 * The scores' rows on MySQL/MariaDB without InnoDB's foreign-key checks: every key they carry (the
 * tender, its bids, its panel) is of a row this transaction inserted, which no other can see or delete
 * before it commits, so no check can fail — and the checks (a parent lookup and a shared lock per key
 * per row) were a fifth of the database's time for the 155,520 scores of a large tender. The unique
 * keys are still checked. Restored before the connection goes back to the pool, error or not.
 */
async function withoutKeyChecks(m: EntityManager, work: () => Promise<void>): Promise<void> {
  if (isSqlite(m.connection)) return work();
  await m.query('SET SESSION foreign_key_checks = 0');
  try {
    await work();
  } finally {
    await m.query('SET SESSION foreign_key_checks = 1');
  }
}

const countBy = <T>(items: T[], key: (item: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

/**
 * What loadDossier reads of a tender besides the tender row itself; dossierRevision watches the same.
 * Payment schedules are left out: they change only with an import.
 */
const DOSSIER_PARTS = [ScoringScheme, Lot, Bidder, Bid, PanelMember, Score, Draw, AssessmentScheme, Assessment, Contract];
/**
 * The events of the tender's contracts that its results show (DOSSIER.md, the results' `contracts`):
 * milestones change in place and carry a version; evaluations, acceptances and settlements are only
 * ever added.
 */
const CONTRACT_PARTS = [PaymentMilestone, ServiceEvaluation, Acceptance, ContractSettlement];

/** The tables dossierRevision reads besides the tenders: their writes change the database's change stamp (database/change-stamp.ts). */
export const REVISION_PARTS: EntityTarget<ObjectLiteral>[] = [...DOSSIER_PARTS, ...CONTRACT_PARTS];

/**
 * A key that changes whenever anything loadDossier(tenderId) reads changes: per table, the number of
 * the tender's rows, their highest id and the sum of their versions. Exact, not probable: ids only
 * grow and every update raises its row's version (@VersionColumn), so two moments with equal keys
 * hold the same rows at the same versions. One query, a fraction of a load.
 */
export async function dossierRevision(m: EntityManager, tenderId: number): Promise<string> {
  const q = (name: string) => m.connection.driver.escape(name);
  const table = (entity: EntityTarget<ObjectLiteral>) => m.connection.getMetadata(entity);
  const counted = (i: number, entity: EntityTarget<ObjectLiteral>) =>
    `SELECT ${i} AS k, COUNT(*) AS n, COALESCE(MAX(${q('id')}), 0) AS top, ${table(entity).versionColumn ? `COALESCE(SUM(${q('version')}), 0)` : '0'} AS v FROM ${q(table(entity).tableName)}`;
  const selects = [
    ...[Tender, ...DOSSIER_PARTS].map((entity, i) => `${counted(i, entity)} WHERE ${q(entity === Tender ? 'id' : 'tenderId')} = ?`),
    ...CONTRACT_PARTS.map(
      (entity, i) =>
        `${counted(DOSSIER_PARTS.length + 1 + i, entity)} WHERE ${q('contractId')} IN (SELECT ${q('id')} FROM ${q(table(Contract).tableName)} WHERE ${q('tenderId')} = ?)`,
    ),
  ];
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
  const [schemes, lots, bidders, bids, members, scores, draws, aSchemes, assessments, schedules, contracts] = await Promise.all([
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
    m.find(TenderSchedule, { where: { tenderId }, order: { id: 'ASC' } }),
    loadContracts(m, tenderId),
  ]);
  // A contract on a shipped schedule template cannot be written without it: only those on the tender's own schedules.
  const own = contracts.filter((c) => schedules.some((s) => s.code === c.contract.schedule));
  const reports = await loadReports(
    m,
    own.map((c) => c.id),
  );
  const lotNo = new Map(lots.map((l) => [l.id, l.no]));
  const bidderCode = new Map(bidders.map((b) => [b.id, b.code]));
  const memberCode = new Map(members.map((p) => [p.id, p.code]));
  const bidById = new Map(bids.map((b) => [b.id, b]));
  return {
    formatVersion: 2,
    tender: dossierTender(tender),
    schemes: schemes.map(dossierScheme),
    lots: lots.map(dossierLot),
    bidders: bidders.map(dossierBidder),
    bids: bids.map((b) => dossierBid(b, bidderCode.get(b.bidderId)!, lotNo.get(b.lotId)!)),
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
    assessmentSchemes: aSchemes.map(dossierAssessmentScheme),
    assessments: assessments.map(dossierAssessment),
    paymentSchedules: schedules.map(dossierSchedule),
    ...(own.length && {
      contracts: own.map(({ id, contract }) => ({ ...contract, ...(reports.has(id) && { reports: reports.get(id) }) })),
    }),
  };
}

/** The archive's reading of a tender, offered to the stages through the port tenders owns. */
@Injectable()
export class DossierStore extends DossierSource {
  load(m: EntityManager, tenderId: number): Promise<Dossier> {
    return loadDossier(m, tenderId);
  }

  revision(m: EntityManager, tenderId: number): Promise<string> {
    return dossierRevision(m, tenderId);
  }
}
