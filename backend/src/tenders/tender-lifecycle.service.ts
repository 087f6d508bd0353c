import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/decorators';
import { Bid } from '../bids/bid.entity';
import { fieldError, invalidInput } from '../common/errors';
import { loadDossier } from '../dossiers/dossier-store';
import { validateDossier } from '../domain/dossier/dossier.validation';
import { Lot } from './lot.entity';
import { lotOpening } from '../domain/tenders/lot-opening';
import { tenderForUpdate } from './tender-access';
import { Tender, TenderStatus } from './tender.entity';
import { TendersService } from './tenders.service';

/** How often the clock looks for deadlines and opening times that have passed. */
export const TICK_MS = 30_000;

/** The review steps the procurement centre moves a tender through after opening. */
const REVIEW_STEPS: Partial<Record<TenderStatus, TenderStatus>> = { opened: 'qualification', qualification: 'evaluation' };

/**
 * The tender lifecycle of DOMAIN.md §2: `draft → published → closed → opened → qualification →
 * evaluation → awarded | failed`. Publication and the review steps are people's decisions; closing at
 * the bid deadline and opening at the opening time are the clock's. Every move is one conditional
 * UPDATE (`… WHERE status = <from>`) with its audit entry in the same transaction: when several
 * instances share one database, or a person and the clock act at once, exactly one of them moves the
 * tender and the others change nothing.
 */
@Injectable()
export class TenderLifecycle {
  private readonly log = new Logger(TenderLifecycle.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tenders: TendersService,
  ) {}

  /** Publish a draft, once it holds together as a dossier would: the same checks as an import, with the same paths. */
  async publish(user: AuthUser, tenderId: number) {
    await this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      if (tender.status !== 'draft') throw new ConflictException('只有草稿可以发布 / only a draft can be published');
      const checked = validateDossier(await loadDossier(m, tenderId));
      const errors = checked.ok ? [] : checked.errors;
      if (Date.parse(tender.bidDeadline) <= Date.now()) errors.push(fieldError('tender.bidDeadline', 'deadlinePassed'));
      if (errors.length > 0) throw invalidInput(errors);
      await this.move(m, user, tender, 'published', 'tender.publish');
    });
    return this.tenders.detail(user, tenderId);
  }

  /** opened → qualification (资格审查) → evaluation (评标), one step per call. */
  async advanceToReview(user: AuthUser, tenderId: number) {
    await this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      const next = REVIEW_STEPS[tender.status];
      if (!next)
        throw new ConflictException(`当前状态（${tender.status}）不能进入下一评审阶段 / a ${tender.status} tender has no next review step`);
      await this.move(m, user, tender, next, `tender.${next}`);
    });
    return this.tenders.detail(user, tenderId);
  }

  @Interval(TICK_MS)
  async tick(): Promise<void> {
    try {
      await this.advance(new Date());
    } catch (error) {
      this.log.error(`tender clock: ${(error as Error).message}`);
    }
  }

  /**
   * Close the published tenders whose bid deadline has passed, then open the closed ones whose opening
   * time has passed (a tender whose deadline and opening coincide goes through both in one call).
   * Calling it again with the same time changes nothing.
   */
  async advance(now: Date): Promise<{ closed: number; opened: number }> {
    let closed = 0;
    let opened = 0;
    for (const tender of await this.due('published', 'bidDeadline', now)) {
      if (await this.dataSource.transaction((m) => this.move(m, null, tender, 'closed', 'tender.close'))) closed++;
    }
    for (const tender of await this.due('closed', 'openingTime', now)) {
      if (await this.dataSource.transaction((m) => this.open(m, tender))) opened++;
    }
    return { closed, opened };
  }

  /** Deadlines are kept as entered, with their offset, so they are compared as instants here, not as text in SQL. */
  private async due(status: TenderStatus, time: 'bidDeadline' | 'openingTime', now: Date): Promise<Tender[]> {
    const tenders = await this.dataSource.getRepository(Tender).find({ where: { status }, order: { id: 'ASC' } });
    return tenders.filter((t) => Date.parse(t[time]) <= now.getTime());
  }

  /** Opening (开标): each lot opens unless it has fewer bids than the tender's minimum. */
  private async open(m: EntityManager, tender: Tender): Promise<boolean> {
    if (!(await this.moveStatus(m, tender.id, 'closed', 'opened'))) return false;
    const lots = await m.find(Lot, { where: { tenderId: tender.id }, order: { id: 'ASC' } });
    const bids = await m.find(Bid, { select: { id: true, lotId: true }, where: { tenderId: tender.id } });
    const outcome = [];
    for (const lot of lots) {
      const count = bids.filter((b) => b.lotId === lot.id).length;
      const opening = lotOpening(count, tender.minQualifiedBidders);
      await m.update(Lot, lot.id, opening);
      outcome.push({ lot: lot.no, bids: count, ...opening });
    }
    await this.audit.record(
      null,
      {
        action: 'tender.open',
        entityType: 'tender',
        entityId: tender.id,
        before: { status: 'closed' },
        after: { status: 'opened', lots: outcome },
      },
      m,
    );
    return true;
  }

  /** Move and record; false when the tender was no longer in its status (someone else moved it). */
  private async move(m: EntityManager, actor: Actor | null, tender: Tender, to: TenderStatus, action: string): Promise<boolean> {
    if (!(await this.moveStatus(m, tender.id, tender.status, to))) return false;
    await this.audit.record(
      actor,
      { action, entityType: 'tender', entityId: tender.id, before: { status: tender.status }, after: { status: to } },
      m,
    );
    return true;
  }

  private async moveStatus(m: EntityManager, tenderId: number, from: TenderStatus, to: TenderStatus): Promise<boolean> {
    const { affected } = await m
      .createQueryBuilder()
      .update(Tender)
      .set({ status: to })
      .where('id = :tenderId AND status = :from', { tenderId, from })
      .execute();
    return affected === 1;
  }
}
