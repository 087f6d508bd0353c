import { label, type LotFailCode } from '../domain/labels';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { resultsView } from '../domain/access-policy';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertCan, Transitions } from '../audit/transitions';
import type { AuthUser } from '../auth/decorators';
import { Bid } from '../bids/bid.entity';
import { Bidder } from '../bids/bidder.entity';
import { RepeatedFailureSource } from '../bids/repeated-failures';
import { proposes, undecided } from '../domain/evaluation/repeated-failure';
import { DossierSource } from '../tenders/dossier-source';
import { LotContracts } from './lot-contracts';
import { PanelMember } from '../panel/panel-member.entity';
import { PanelService } from '../panel/panel.service';
import { Lot } from '../tenders/lot.entity';
import { Tender } from '../tenders/tender.entity';
import { Award, AwardHistory, RecordedCancellation } from './award.entity';
import type { AwardHistoryView, CancellationBody } from '../domain/wire/evaluation';
import type { Dossier } from '../domain/dossier/dossier.types';
import { conflict } from '../common/errors';
import { ScoreSheet } from '../panel/score-sheet.entity';
import { assertDeclared, tenderForUpdate } from '../tenders/tender-access';
import { evaluateDossier, TenderResults } from '../domain/evaluation/evaluate-dossier';
import { writeEvaluationWorkbook } from './evaluation-workbook';
import { PassThrough, Readable } from 'node:stream';
import { evaluationReportData, OpeningLineOfReport } from './evaluation-report';
import { OpeningLine } from '../bids/opening-line.entity';
import { RevisionCache } from './revision-cache';
import { StampedRead } from '../common/fresh-read';
import { jsonAnswer, JsonAnswer } from '../common/json-answer';
import { DocumentInfo, DocumentOwner, DocumentsService, StoredDocument } from '../documents/documents.service';
import { chinaDay } from '../documents/format';
import { can, LOT, SHEET, TENDER } from '../domain/lifecycles';
import { Notifier } from '../common/notifier';

@Injectable()
export class EvaluationService {
  /** Live evaluations of tenders not yet awarded (a few hundred ms each on a large tender). */
  private readonly live = new RevisionCache<number, TenderResults>(32);
  /** GET results as sent, per tender and view (a role's filter), serialised once per revision. */
  private readonly answers = new RevisionCache<string, JsonAnswer>(128);
  /** The tender's state and revision as they stand, read once for the requests that arrive while it is read (see StampedRead). */
  private readonly states: StampedRead<number, ResultsState | undefined>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly transitions: Transitions,
    private readonly panel: PanelService,
    private readonly documents: DocumentsService,
    private readonly dossiers: DossierSource,
    private readonly failures: RepeatedFailureSource,
    private readonly lotContracts: LotContracts,
    private readonly notifications: Notifier,
  ) {
    this.states = new StampedRead(dataSource, 128);
  }

  /**
   * The results of a tender: once confirmed, the award as confirmed (with any later cancellations);
   * before that, an evaluation of the data as it stands, reused while none of it changes.
   */
  async results(tenderId: number): Promise<TenderResults> {
    const state = await this.openedState(tenderId);
    return state.awarded
      ? (await this.dataSource.manager.findOneByOrFail(Award, { tenderId })).results
      : this.liveResults(tenderId, state.revision);
  }

  /**
   * GET results as sent to this user: the role's view (see resultsFor) of the results, serialised
   * once per revision of the data — the dossier revision, and after the award the award row's version —
   * so a request costs at most a query of its own and no JSON work, and a client holding
   * the same bytes gets 304 on its If-None-Match. `since`: the request's arrival (freshMark), if earlier than this call.
   */
  async resultsAnswer(user: AuthUser, tenderId: number, since?: number): Promise<JsonAnswer> {
    const state = await this.resultsState(tenderId, since);
    const view = await this.view(user, tenderId, state?.awarded ?? false);
    if (!state) throw new NotFoundException('招标项目不存在 / tender not found');
    assertCan(TENDER, state.status, 'see-bids', '尚未开标 / bids are sealed until opening');
    return this.answers.get(`${tenderId} ${view.key}`, state.revision, async () => {
      const results = state.awarded ? await this.awardWithContracts(tenderId) : await this.liveResults(tenderId, state.revision);
      return jsonAnswer(view.apply(results));
    });
  }

  /** The confirmed award and, once the lots' contracts are drawn up, their part as they stand (DOSSIER.md "Evaluation result"). */
  private async awardWithContracts(tenderId: number): Promise<TenderResults> {
    const m = this.dataSource.manager;
    const [award, contracts] = await Promise.all([m.findOneByOrFail(Award, { tenderId }), this.lotContracts.results(m, tenderId)]);
    return contracts.length ? { ...award.results, contracts } : award.results;
  }

  private async openedState(tenderId: number): Promise<ResultsState> {
    const state = await this.resultsState(tenderId);
    if (!state) throw new NotFoundException('招标项目不存在 / tender not found');
    assertCan(TENDER, state.status, 'see-bids', '尚未开标 / bids are sealed until opening');
    return state;
  }

  private liveResults(tenderId: number, revision: string): Promise<TenderResults> {
    return this.live.get(tenderId, revision, async () => evaluateDossier(await this.dossiers.load(this.dataSource.manager, tenderId)));
  }

  /** The tender's state and revision as they stand (undefined: no such tender): see StampedRead. */
  private resultsState(tenderId: number, since?: number): Promise<ResultsState | undefined> {
    return this.states.read(tenderId, () => this.readResultsState(tenderId), since);
  }

  /** The tender's status and its award's version, if any (one plain query whose SQL text is made once), and the dossier revision. */
  private async readResultsState(tenderId: number): Promise<ResultsState | undefined> {
    const m = this.dataSource.manager;
    const [row]: { status: Tender['status']; awardId: number | string | null; awardVersion: number | string | null }[] = await m.query(
      this.stateSql(),
      [tenderId],
    );
    if (!row) return undefined;
    // The award's id too: an award confirmed again after a re-evaluation is a new row, starting again at version 1;
    // the dossier revision for its contracts, which change after it.
    const revision = await this.dossiers.revision(m, tenderId);
    if (row.awardId != null) return { status: row.status, awarded: true, revision: `award ${row.awardId}.${row.awardVersion} ${revision}` };
    return { status: row.status, awarded: false, revision: `live ${revision}` };
  }

  private stateSql(): string {
    if (this.stateQuery) return this.stateQuery;
    const q = (name: string) => this.dataSource.driver.escape(name);
    const table = (entity: typeof Tender | typeof Award) => q(this.dataSource.getMetadata(entity).tableName);
    this.stateQuery =
      `SELECT t.${q('status')} AS ${q('status')}, a.${q('id')} AS ${q('awardId')}, a.${q('version')} AS ${q('awardVersion')}` +
      ` FROM ${table(Tender)} t LEFT JOIN ${table(Award)} a ON a.${q('tenderId')} = t.${q('id')} WHERE t.${q('id')} = ?`;
    return this.stateQuery;
  }
  private stateQuery?: string;

  /**
   * The evaluation report workbook (writeEvaluationWorkbook), streamed as it is written: the data is
   * read first, so a missing or sealed tender is still a plain 404 or 409.
   */
  async workbook(tenderId: number): Promise<{ stream: Readable; fileName: string }> {
    const results = await this.results(tenderId);
    const dossier = await this.dossiers.load(this.dataSource.manager, tenderId);
    const stream = new PassThrough();
    writeEvaluationWorkbook(stream, dossier, results).catch((e: unknown) => stream.destroy(e as Error));
    return { stream, fileName: `评标报告-${dossier.tender.code}.xlsx` };
  }

  /** Render and store a new version of the evaluation report PDF. */
  async generateReport(actor: AuthUser, tenderId: number): Promise<DocumentInfo> {
    const results = await this.results(tenderId);
    const dossier = await this.dossiers.load(this.dataSource.manager, tenderId);
    return this.documents.generate(
      actor,
      reportOwner(tenderId),
      'evaluation-report',
      evaluationReportData(dossier, results, chinaDay(new Date()), await this.openingLines(tenderId)),
    );
  }

  /** The opening record's lines as the bidders answered them (none for a tender opened elsewhere). */
  private async openingLines(tenderId: number): Promise<OpeningLineOfReport[]> {
    const lines = await this.dataSource.manager
      .createQueryBuilder(OpeningLine, 'line')
      .innerJoin(Bid, 'bid', 'bid.id = line.bidId')
      .innerJoin(Bidder, 'bidder', 'bidder.id = bid.bidderId')
      .innerJoin(Lot, 'lot', 'lot.id = bid.lotId')
      .select(['lot.no AS lot', 'bidder.code AS bidder', 'line.status AS status'])
      .addSelect(['line.disputeReason AS disputeReason', 'line.answer AS answer', 'line.correction AS correction'])
      .where('line.tenderId = :tenderId', { tenderId })
      .orderBy('line.id')
      .getRawMany<Omit<OpeningLineOfReport, 'corrected'> & { correction: unknown }>();
    return lines.map(({ correction, ...line }) => ({ ...line, corrected: correction !== null }));
  }

  /** Prints a new version of the report in the background (see DocumentsService.startGeneration). */
  async requestReport(actor: AuthUser, tenderId: number): Promise<void> {
    await this.openedTender(tenderId);
    await this.documents.startGeneration(reportOwner(tenderId), () => this.generateReport(actor, tenderId));
  }

  /**
   * A given version of the report, or the latest — null while a version is being printed, which the
   * first download starts when there is none.
   */
  async report(actor: AuthUser, tenderId: number, version?: number): Promise<{ doc: StoredDocument; fileName: string } | null> {
    const tender = await this.openedTender(tenderId);
    const owner = reportOwner(tenderId);
    if (version === undefined && (await this.documents.generating(owner))) return null;
    const doc = await this.documents.find(owner, version);
    if (!doc && version !== undefined) throw new NotFoundException(`文档版本${version}不存在 / no version ${version}`);
    if (!doc) {
      await this.documents.startGeneration(owner, () => this.generateReport(actor, tenderId));
      return null;
    }
    return { doc, fileName: `评标报告-${tender.code}-v${doc.version}.pdf` };
  }

  /** A what-if run that procurement may repeat freely before confirming; nothing is fixed. */
  async preview(actor: AuthUser, tenderId: number): Promise<TenderResults> {
    await this.openedTender(tenderId);
    const results = evaluateDossier(await this.dossiers.load(this.dataSource.manager, tenderId));
    await this.audit.record(actor, { action: 'evaluation.preview', entityType: 'tender', entityId: tenderId, after: winners(results) });
    return results;
  }

  /**
   * Fixes the award once the review is finished (the tender in `evaluation`): the results are stored
   * as confirmed and the tender becomes awarded (or failed).
   */
  async confirm(actor: AuthUser, tenderId: number): Promise<TenderResults> {
    return this.dataSource.transaction(async (m) => {
      // Locked first: a sheet's return or a score's change waits for the confirmation, or it for them (PanelService.scoringTender).
      const tender = await tenderForUpdate(m, tenderId);
      assertCan(TENDER, tender.status, 'see-bids', '尚未开标 / bids are sealed until opening');
      if (await m.existsBy(Award, { tenderId })) throw new ConflictException('评标结果已确认 / the award is already confirmed');
      assertCan(
        TENDER,
        tender.status,
        'confirm',
        `评审尚未完成（当前状态：${label('tenderStatus', tender.status)}），不能确认评标结果 / the review is not finished (${tender.status}): the award cannot be confirmed yet`,
      );
      // Read once: the panel's readiness and the evaluation both start from it.
      const dossier = await this.dossiers.load(m, tenderId);
      await this.assertPanelDone(m, tenderId, dossier);
      await this.assertDeductionsDecided(m, tender);
      const results = evaluateDossier(dossier);
      // The move comes first: of two confirmations at once, the second waits on the tender's row and then finds it moved.
      await this.transitions.move(m, TENDER, Tender, {
        id: tenderId,
        from: tender.status,
        event: 'confirm',
        to: results.status,
        actor,
        action: 'evaluation.confirm',
        after: winners(results),
      });
      await m.save(m.create(Award, { tenderId, confirmedAt: new Date(), confirmedBy: actor.username, results, cancellations: [] }));
      await this.announce(m, tender, results);
      return results;
    });
  }

  /** The bidders are told the results are out, and each winner of its award (中标通知). */
  private async announce(m: EntityManager, tender: Tender, results: TenderResults): Promise<void> {
    const subject = { type: 'tender' as const, id: tender.id, name: tender.name, link: '/insurer/bids' };
    await this.notifications.toBidders(m, tender.id, 'results-published', subject);
    const won = results.lots.map((l) => l.winner).filter((w): w is string => w !== null);
    if (won.length) await this.notifications.toBidders(m, tender.id, 'award-won', subject, won);
  }

  /**
   * The award waits for the panel (DOMAIN.md §4): on every lot with bids to score, every sheet of the
   * members still on the panel submitted, then every 畸高畸低 flag returned or decided — 409 with the first lot's code.
   */
  private async assertPanelDone(m: EntityManager, tenderId: number, dossier: Dossier): Promise<void> {
    for (const lot of await this.panel.readiness(m, tenderId, dossier)) {
      if (lot.panel === 0) throw conflict('panelEmpty', { lot: lot.lot });
      if (lot.missing.length > 0) throw conflict('sheetsMissing', { lot: lot.lot, values: lot.missing });
      if (lot.unresolved > 0) throw conflict('outliersUnresolved', { lot: lot.lot, count: lot.unresolved });
    }
  }

  /**
   * The award waits for the panel's decision on every repeated-failure deduction the tender proposes
   * (DOMAIN.md §7): a flagged bidder's bid on an opened lot, neither applied nor waived — 409 naming the first.
   */
  private async assertDeductionsDecided(m: EntityManager, tender: Tender): Promise<void> {
    if (!proposes(tender.repeatedFailureDeduction)) return;
    const [lots, bidders, bids] = await Promise.all([
      m.find(Lot, { where: { tenderId: tender.id }, order: { evaluationOrder: 'ASC', no: 'ASC' } }),
      m.find(Bidder, { where: { tenderId: tender.id }, order: { code: 'ASC' } }),
      m.find(Bid, { where: { tenderId: tender.id } }),
    ]);
    const flags = await this.failures.flags(
      m,
      bidders.map((b) => b.organizationId),
    );
    for (const lot of lots.filter((l) => can(LOT, l.status, 'see-bids'))) {
      for (const bidder of bidders) {
        const bid = bids.find((b) => b.lotId === lot.id && b.bidderId === bidder.id);
        const flagged = bidder.organizationId !== null && flags.has(bidder.organizationId);
        if (bid && undecided(tender.repeatedFailureDeduction, flagged, bid.repeatedFailureDecision)) {
          throw conflict('repeatedFailureUndecided', { lot: lot.no, bidder: bidder.code });
        }
      }
    }
  }

  /**
   * 重新评审 (DOMAIN.md §5, issue 12): procurement reopens a lot of a confirmed award, with the reason.
   * The award goes to the results' history as it was, the tender back to evaluation, and the lot's
   * submitted sheets back to their experts; everything else of the panel's work stands. The award is
   * confirmed again as any award is. A signed contract binds the winner: its lot is not reopened (the
   * contract is terminated first, through its own procedure); drafts drawn for the winner are withdrawn.
   */
  async reevaluate(actor: AuthUser, tenderId: number, lotNo: string, reason: string): Promise<AwardHistoryView[]> {
    await this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      assertCan(TENDER, tender.status, 'reevaluate', '只有已确认的评标结果可以重新评审 / only a confirmed award can be re-evaluated');
      const lot = await m.findOneBy(Lot, { tenderId, no: lotNo });
      if (!lot) throw new NotFoundException('标包不存在 / lot not found');
      assertCan(LOT, lot.status, 'see-bids', `标包${lot.no}未开标，无可重新评审 / lot ${lot.no} was not opened: nothing to re-evaluate`);
      const signed = await this.lotContracts.signedYears(m, tenderId, lot.no);
      if (signed.length > 0) throw conflict('contractSigned', { lot: lot.no, values: signed.map(String) });
      await this.lotContracts.withdrawDrafts(m, actor, tenderId, lot.no, reason);
      const award = await m.findOneByOrFail(Award, { tenderId });
      const round = (await m.count(AwardHistory, { where: { tenderId } })) + 1;
      const reopenedAt = new Date();
      const { id: _id, version: _version, ...confirmed } = award;
      await m.save(m.create(AwardHistory, { ...confirmed, round, lot: lot.no, reason, reopenedAt, reopenedBy: actor.username }));
      await m.delete(Award, { id: award.id });
      await this.transitions.move(m, TENDER, Tender, {
        id: tenderId,
        from: tender.status,
        event: 'reevaluate',
        actor,
        before: winners(award.results),
        after: { lot: lot.no, reason, round },
      });
      const sheets = await m.findBy(ScoreSheet, { lotId: lot.id, status: 'submitted' });
      for (const sheet of sheets) {
        await this.transitions.move(m, SHEET, ScoreSheet, {
          id: sheet.id,
          from: sheet.status,
          event: 'return',
          actor,
          action: 'sheet.return',
          set: { submittedAt: null },
          after: { reason, lot: lot.no, reevaluation: round },
        });
      }
    });
    return this.history(tenderId);
  }

  /** The confirmed awards that re-evaluations set aside, oldest first. */
  async history(tenderId: number): Promise<AwardHistoryView[]> {
    await this.openedTender(tenderId);
    const rounds = await this.dataSource.getRepository(AwardHistory).find({ where: { tenderId }, order: { round: 'ASC' } });
    return rounds.map((h) => ({
      round: h.round,
      confirmedAt: h.confirmedAt.toISOString(),
      confirmedBy: h.confirmedBy,
      results: h.results,
      cancellations: h.cancellations,
      lot: h.lot,
      reason: h.reason,
      reopenedAt: h.reopenedAt.toISOString(),
      reopenedBy: h.reopenedBy,
    }));
  }

  /**
   * A confirmed winner declines or is disqualified: the next-ranked bid wins and, under
   * sequential-exclusive, every later lot is recomputed. The chain stays in the results.
   */
  async cancel(actor: AuthUser, tenderId: number, lotNo: string, dto: CancellationBody): Promise<TenderResults> {
    return this.dataSource.transaction(async (m) => {
      const award = await m.findOneBy(Award, { tenderId });
      if (!award) throw new ConflictException('尚未确认评标结果 / confirm the award first');
      const lot = award.results.lots.find((l) => l.no === lotNo);
      if (!lot) throw new NotFoundException('标包不存在 / lot not found');
      if (lot.winner !== dto.bidder) {
        throw new ConflictException(`${dto.bidder} 不是标包${lotNo}的中标人 / ${dto.bidder} is not the winner of lot ${lotNo}`);
      }
      const cancellations: RecordedCancellation[] = [
        ...award.cancellations,
        { lot: lotNo, bidder: dto.bidder, kind: dto.kind, reason: dto.reason, at: new Date().toISOString(), by: actor.username },
      ];
      const before = winners(award.results);
      award.results = evaluateDossier(
        await this.dossiers.load(m, tenderId),
        cancellations.map(({ lot, bidder, kind }) => ({ lot, bidder, kind })),
      );
      award.cancellations = cancellations;
      await m.save(award);
      await this.audit.record(
        actor,
        {
          action: `award.${dto.kind}`,
          entityType: 'tender',
          entityId: tenderId,
          before,
          after: { ...winners(award.results), cancellation: cancellations.at(-1) },
        },
        m,
      );
      return award.results;
    });
  }

  /**
   * What a user may see: procurement, bureau and admin everything; an expert of the panel a lot's
   * results once every sheet of that lot is in; an insurer its own bids and the lots' outcomes, after
   * the award. `key` names the view: users with equal keys see the same answer.
   */
  private async view(user: AuthUser, tenderId: number, awarded: boolean): Promise<ResultsView> {
    const view = resultsView(user);
    if (view === 'expert') return this.expertView(user, tenderId);
    if (view === 'insurer') return this.insurerView(user, tenderId, awarded);
    return { key: 'all', apply: (results) => results };
  }

  private async expertView(user: AuthUser, tenderId: number): Promise<ResultsView> {
    const member = await this.dataSource.getRepository(PanelMember).findOneBy({ tenderId, userId: user.id });
    if (!member) throw new NotFoundException('招标项目不存在 / tender not found');
    assertDeclared(member.declaration);
    const lots = await this.dataSource.getRepository(Lot).findBy({ tenderId });
    const complete = new Set<string>();
    for (const lot of lots) if (await this.panel.allSheetsIn(tenderId, lot.id)) complete.add(lot.no);
    return {
      key: `expert ${[...complete].join(',')}`,
      // The panel reads no contract (DOMAIN.md §1).
      apply: ({ contracts: _contracts, ...results }) => ({
        ...results,
        lots: results.lots.map((lot) =>
          complete.has(lot.no)
            ? lot
            : {
                ...lot,
                status: lot.status,
                basePrice: null,
                bids: [],
                tieBreaks: [],
                setAside: [],
                winner: null,
                awardChain: [],
                failReason: 'sheets-pending' satisfies LotFailCode,
              },
        ),
      }),
    };
  }

  private async insurerView(user: AuthUser, tenderId: number, awarded: boolean): Promise<ResultsView> {
    const own = new Set(
      (await this.dataSource.getRepository(Bidder).findBy({ tenderId, organizationId: user.organizationId ?? -1 })).map((b) => b.code),
    );
    if (own.size === 0) throw new NotFoundException('招标项目不存在 / tender not found');
    // Bidders learn their scores and ranks when the award is published, not while the panel works.
    if (!awarded) throw new ConflictException('评标结果尚未公布 / the results are not published yet');
    return {
      key: `insurer ${[...own].join(',')}`,
      apply: (results) => ({
        ...results,
        errors: [],
        lots: results.lots.map((lot) => ({
          ...lot,
          bids: lot.bids.filter((b) => own.has(b.bidder)),
          setAside: lot.setAside.filter((s) => own.has(s.bidder)),
          tieBreaks: lot.tieBreaks.filter((t) => t.bidders.some((b) => own.has(b))),
          awardChain: [],
        })),
        assessments: [],
        // Its own contracts only: those of the lots its bidders won.
        ...(results.contracts && {
          contracts: results.contracts.filter((c) => own.has(results.lots.find((l) => l.no === c.lot)?.winner ?? '')),
        }),
      }),
    };
  }

  private async openedTender(tenderId: number, m: EntityManager = this.dataSource.manager) {
    const tender = await m.findOneBy(Tender, { id: tenderId });
    if (!tender) throw new NotFoundException('招标项目不存在 / tender not found');
    assertCan(TENDER, tender.status, 'see-bids', '尚未开标 / bids are sealed until opening');
    return tender;
  }
}

/** What GET results needs to know of a tender: whether its bids are open, and which revision of its results stands. */
interface ResultsState {
  status: Tender['status'];
  awarded: boolean;
  /** `award <id>.<version>` once confirmed, `live <dossier revision>` before. */
  revision: string;
}

/** A role's filter of the results, and a key shared by the users who see the same. */
interface ResultsView {
  key: string;
  apply: (results: TenderResults) => TenderResults;
}

const reportOwner = (tenderId: number): DocumentOwner => ({ ownerType: 'tender', ownerId: tenderId, kind: 'evaluation-report' });
const winners = (r: TenderResults) => ({ winners: Object.fromEntries(r.lots.map((l) => [l.no, l.winner])) });
