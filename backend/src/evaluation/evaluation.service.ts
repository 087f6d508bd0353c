import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertCan, Transitions } from '../audit/transitions';
import type { AuthUser } from '../auth/decorators';
import { Bidder } from '../bids/bidder.entity';
import { dossierRevision, loadDossier } from '../dossiers/dossier-store';
import { PanelMember } from '../panel/panel-member.entity';
import { PanelService } from '../panel/panel.service';
import { Lot } from '../tenders/lot.entity';
import { Tender } from '../tenders/tender.entity';
import { Award, RecordedCancellation } from './award.entity';
import { CancellationDto } from './evaluation.dto';
import { evaluateDossier, TenderResults } from '../domain/evaluation/evaluate-dossier';
import { evaluationWorkbook } from './evaluation-workbook';
import { evaluationReportData } from './evaluation-report';
import { RevisionCache } from './revision-cache';
import { DocumentInfo, DocumentOwner, DocumentsService, StoredDocument } from '../documents/documents.service';
import { chinaDay } from '../documents/format';
import { TENDER } from '../domain/lifecycles';

@Injectable()
export class EvaluationService {
  /** Live evaluations of tenders not yet awarded (a few hundred ms each on a large tender). */
  private readonly live = new RevisionCache<number, TenderResults>(32);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly transitions: Transitions,
    private readonly panel: PanelService,
    private readonly documents: DocumentsService,
  ) {}

  /**
   * The results of a tender: once confirmed, the award as confirmed (with any later cancellations);
   * before that, an evaluation of the data as it stands, reused while none of it changes.
   */
  async results(tenderId: number): Promise<TenderResults> {
    const m = this.dataSource.manager;
    await this.openedTender(tenderId, m);
    const award = await m.findOneBy(Award, { tenderId });
    if (award) return award.results;
    return this.live.get(tenderId, await dossierRevision(m, tenderId), async () => evaluateDossier(await loadDossier(m, tenderId)));
  }

  /** The evaluation report workbook (a sheet per lot and per expert). */
  async workbook(tenderId: number): Promise<{ buffer: Buffer; fileName: string }> {
    const results = await this.results(tenderId);
    const dossier = await loadDossier(this.dataSource.manager, tenderId);
    const buffer = Buffer.from(await evaluationWorkbook(dossier, results).xlsx.writeBuffer());
    return { buffer, fileName: `评标报告-${dossier.tender.code}.xlsx` };
  }

  /** Render and store a new version of the evaluation report PDF. */
  async generateReport(actor: AuthUser, tenderId: number): Promise<DocumentInfo> {
    const results = await this.results(tenderId);
    const dossier = await loadDossier(this.dataSource.manager, tenderId);
    return this.documents.generate(
      actor,
      reportOwner(tenderId),
      'evaluation-report',
      evaluationReportData(dossier, results, chinaDay(new Date())),
    );
  }

  /** The latest (or a given) version of the report; the first download generates it. */
  async report(actor: AuthUser, tenderId: number, version?: number): Promise<{ doc: StoredDocument; fileName: string }> {
    const tender = await this.openedTender(tenderId);
    const doc = await this.documents.findOrGenerate(reportOwner(tenderId), version, () => this.generateReport(actor, tenderId));
    return { doc, fileName: `评标报告-${tender.code}-v${doc.version}.pdf` };
  }

  /** A what-if run that procurement may repeat freely before confirming; nothing is fixed. */
  async preview(actor: AuthUser, tenderId: number): Promise<TenderResults> {
    await this.openedTender(tenderId);
    const results = evaluateDossier(await loadDossier(this.dataSource.manager, tenderId));
    await this.audit.record(actor, { action: 'evaluation.preview', entityType: 'tender', entityId: tenderId, after: winners(results) });
    return results;
  }

  /**
   * Fixes the award once the review is finished (the tender in `evaluation`): the results are stored
   * as confirmed and the tender becomes awarded (or failed).
   */
  async confirm(actor: AuthUser, tenderId: number): Promise<TenderResults> {
    return this.dataSource.transaction(async (m) => {
      const tender = await this.openedTender(tenderId, m);
      if (await m.existsBy(Award, { tenderId })) throw new ConflictException('评标结果已确认 / the award is already confirmed');
      assertCan(
        TENDER,
        tender.status,
        'confirm',
        `评审尚未完成（当前状态：${tender.status}），不能确认评标结果 / the review is not finished (${tender.status}): the award cannot be confirmed yet`,
      );
      const results = evaluateDossier(await loadDossier(m, tenderId));
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
      return results;
    });
  }

  /**
   * A confirmed winner declines or is disqualified: the next-ranked bid wins and, under
   * sequential-exclusive, every later lot is recomputed. The chain stays in the results.
   */
  async cancel(actor: AuthUser, tenderId: number, lotNo: string, dto: CancellationDto): Promise<TenderResults> {
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
        await loadDossier(m, tenderId),
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
   * results once every sheet of that lot is in; an insurer its own bids and the lots' outcomes.
   */
  async resultsFor(user: AuthUser, tenderId: number): Promise<TenderResults> {
    if (user.role === 'expert') return this.resultsForExpert(user, tenderId);
    if (user.role === 'insurer') return this.resultsForInsurer(user, tenderId);
    return this.results(tenderId);
  }

  private async resultsForExpert(user: AuthUser, tenderId: number): Promise<TenderResults> {
    if (!(await this.dataSource.getRepository(PanelMember).existsBy({ tenderId, userId: user.id }))) {
      throw new NotFoundException('招标项目不存在 / tender not found');
    }
    const results = await this.results(tenderId);
    const lots = await this.dataSource.getRepository(Lot).findBy({ tenderId });
    const complete = new Set<string>();
    for (const lot of lots) if (await this.panel.allSheetsIn(tenderId, lot.id)) complete.add(lot.no);
    return {
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
              failReason: '评分未全部提交 / not every sheet is in yet',
            },
      ),
    };
  }

  private async resultsForInsurer(user: AuthUser, tenderId: number): Promise<TenderResults> {
    const own = new Set(
      (await this.dataSource.getRepository(Bidder).findBy({ tenderId, organizationId: user.organizationId ?? -1 })).map((b) => b.code),
    );
    if (own.size === 0) throw new NotFoundException('招标项目不存在 / tender not found');
    // Bidders learn their scores and ranks when the award is published, not while the panel works.
    if (!(await this.dataSource.getRepository(Award).existsBy({ tenderId }))) {
      throw new ConflictException('评标结果尚未公布 / the results are not published yet');
    }
    const results = await this.results(tenderId);
    return {
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
    };
  }

  private async openedTender(tenderId: number, m: EntityManager = this.dataSource.manager) {
    const tender = await m.findOneBy(Tender, { id: tenderId });
    if (!tender) throw new NotFoundException('招标项目不存在 / tender not found');
    assertCan(TENDER, tender.status, 'see-bids', '尚未开标 / bids are sealed until opening');
    return tender;
  }
}

const reportOwner = (tenderId: number): DocumentOwner => ({ ownerType: 'tender', ownerId: tenderId, kind: 'evaluation-report' });
const winners = (r: TenderResults) => ({ winners: Object.fromEntries(r.lots.map((l) => [l.no, l.winner])) });
