import { label } from '../domain/labels';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { assertCan, notAllowed, Transitions } from '../audit/transitions';
import type { AuthUser } from '../auth/decorators';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { conflict, fieldError, invalidInput } from '../common/errors';
import { chinaTime } from '../documents/format';
import { DossierSource } from './dossier-source';
import { validateDossier } from '../domain/dossier/dossier.validation';
import { Lot } from './lot.entity';
import { lotOpening } from '../domain/tenders/lot-opening';
import { can, LOT, OPENING, TENDER, TenderEvent, TenderStatus } from '../domain/lifecycles';
import { tenderForUpdate } from './tender-access';
import { OpeningLines, TenderBids } from './tender-participants';
import { TenderOpening } from './tender-opening.entity';
import { Tender } from './tender.entity';
import { TendersService } from './tenders.service';
import { Notifier } from '../common/notifier';

/** The review steps the procurement centre moves a tender through after opening, in order. */
const REVIEW_STEPS = ['qualification', 'evaluation'] as const satisfies TenderEvent[];

/**
 * The tender lifecycle of DOMAIN.md §2 (the TENDER table): publication and the review steps are
 * people's decisions; closing at the bid deadline and opening at the opening time are the clock's.
 * Every move goes through `Transitions`: when several instances share one database, or a person and
 * the clock act at once, exactly one of them moves the tender and the others change nothing.
 */
@Injectable()
export class TenderLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(TenderLifecycle.name);
  private clock: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly transitions: Transitions,
    private readonly tenders: TendersService,
    private readonly dossiers: DossierSource,
    private readonly bids: TenderBids,
    private readonly lines: OpeningLines,
    private readonly audit: AuditService,
    private readonly notifications: Notifier,
  ) {}

  /** Publish a draft, once it holds together as a dossier would: the same checks as an import, with the same paths. */
  async publish(user: AuthUser, tenderId: number) {
    await this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      assertCan(TENDER, tender.status, 'publish', '只有草稿可以发布 / only a draft can be published');
      const checked = validateDossier(await this.dossiers.load(m, tenderId));
      const errors = checked.ok ? [] : checked.errors;
      if (Date.parse(tender.bidDeadline) <= Date.now()) errors.push(fieldError('tender.bidDeadline', 'deadlinePassed'));
      if (errors.length > 0) throw invalidInput(errors);
      await this.move(m, user, tender, 'publish');
    });
    return this.tenders.detail(user, tenderId);
  }

  /**
   * The procurement centre opens the bids (开标) at or after the opening time, as the clock would. A
   * tender the clock has not closed yet is closed first: the opening time is never before the deadline.
   */
  async openNow(user: AuthUser, tenderId: number) {
    await this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      const now = new Date();
      if (Date.parse(tender.openingTime) > now.getTime()) {
        throw conflict('openingTimeNotReached', { at: chinaTime(new Date(tender.openingTime)) });
      }
      if (tender.status === 'published') {
        await this.move(m, user, tender, 'close');
        tender.status = 'closed';
      }
      assertCan(
        TENDER,
        tender.status,
        'open',
        `当前状态（${label('tenderStatus', tender.status)}）不能开标 / a ${tender.status} tender cannot be opened`,
      );
      await this.open(m, tender, user, now);
    });
    return this.tenders.detail(user, tenderId);
  }

  /** opened → qualification (资格审查) → evaluation (评标), one step per call. */
  async advanceToReview(user: AuthUser, tenderId: number) {
    await this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      const next = REVIEW_STEPS.find((step) => can(TENDER, tender.status, step));
      if (!next) {
        throw notAllowed(
          TENDER,
          tender.status,
          REVIEW_STEPS[0],
          `当前状态（${label('tenderStatus', tender.status)}）不能进入下一评审阶段 / a ${tender.status} tender has no next review step`,
        );
      }
      if (next === 'qualification') await this.assertOpeningSettled(m, tenderId, new Date());
      await this.move(m, user, tender, next);
    });
    return this.tenders.detail(user, tenderId);
  }

  /**
   * 87号令 art. 41: the review waits for the end of the bidders' window on the opening record and for an
   * answer to every dispute; on paper, first for the amounts of every envelope received, each a line of
   * the record. A tender opened without a window here (imported already opened) has none.
   */
  private async assertOpeningSettled(m: EntityManager, tenderId: number, now: Date): Promise<void> {
    const opening = await m.findOneBy(TenderOpening, { tenderId });
    if (!opening) return;
    const awaiting = await this.lines.awaitingAmounts(m, tenderId);
    if (awaiting > 0) throw conflict('paperAmountsMissing', { count: awaiting });
    if (opening.status === 'confirming') {
      if (opening.windowEndsAt.getTime() > now.getTime()) throw conflict('openingWindowOpen', { until: chinaTime(opening.windowEndsAt) });
      // Over by the time, though the clock has not recorded it yet: recorded here as the clock would.
      await this.endWindow(m, opening);
    }
    const unanswered = await this.lines.unanswered(m, tenderId);
    if (unanswered > 0) throw conflict('openingDisputesUnanswered', { count: unanswered });
  }

  /** The clock looks for deadlines and opening times that have passed every TENDER_CLOCK_SECONDS. */
  onApplicationBootstrap(): void {
    this.clock = setInterval(() => void this.tick(), this.config.tenderClockMs);
  }

  onModuleDestroy(): void {
    clearInterval(this.clock);
  }

  async tick(): Promise<void> {
    try {
      const now = new Date();
      await this.advance(now);
      await this.endWindows(now);
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
      if (await this.dataSource.transaction((m) => this.move(m, null, tender, 'close'))) closed++;
    }
    for (const tender of await this.due('closed', 'openingTime', now)) {
      if (await this.dataSource.transaction((m) => this.open(m, tender, null, now))) opened++;
    }
    return { closed, opened };
  }

  /**
   * End the opening records' windows that are over: silence counts as confirmation (87号令 art. 41).
   * Each window is ended once, by whichever instance moves it; calling again changes nothing.
   */
  async endWindows(now: Date): Promise<number> {
    const confirming = await this.dataSource.getRepository(TenderOpening).find({ where: { status: 'confirming' }, order: { id: 'ASC' } });
    let ended = 0;
    for (const opening of confirming.filter((o) => o.windowEndsAt.getTime() <= now.getTime())) {
      if (await this.dataSource.transaction((m) => this.endWindow(m, opening))) ended++;
    }
    return ended;
  }

  /**
   * The window's end first: an instance that lost it deems no line. A paper tender's window waits for the
   * amounts of every envelope received, whose entry moves its end (OpeningLinesOfTenders.addPaperLine).
   */
  private async endWindow(m: EntityManager, opening: TenderOpening): Promise<boolean> {
    if ((await this.lines.awaitingAmounts(m, opening.tenderId)) > 0) return false;
    const after = { tenderId: opening.tenderId, windowEndsAt: opening.windowEndsAt.toISOString() };
    if (
      !(await this.transitions.move(m, OPENING, TenderOpening, {
        id: opening.id,
        from: opening.status,
        event: 'end',
        actor: null,
        after,
        lost: 'ignore',
      }))
    ) {
      return false;
    }
    await this.lines.deemConfirmed(m, opening.tenderId);
    return true;
  }

  /** Deadlines are kept as entered, with their offset, so they are compared as instants here, not as text in SQL. */
  private async due(status: TenderStatus, time: 'bidDeadline' | 'openingTime', now: Date): Promise<Tender[]> {
    const tenders = await this.dataSource.getRepository(Tender).find({ where: { status }, order: { id: 'ASC' } });
    return tenders.filter((t) => Date.parse(t[time]) <= now.getTime());
  }

  /**
   * Opening (开标): each lot opens unless it received fewer bids than the tender's minimum; the sealed
   * electronic envelopes of the lots that open are opened into their bid rows in the same transaction,
   * so a failure there (a wrong BID_SEAL_KEY) leaves the tender closed and every lot pending. The lots
   * move after the tender, so an instance that lost the tender's move touches none of them. Then the
   * opening record's confirmation window starts, over the opened figures.
   */
  private async open(m: EntityManager, tender: Tender, actor: Actor | null, now: Date): Promise<boolean> {
    const lots = await m.find(Lot, { where: { tenderId: tender.id }, order: { id: 'ASC' } });
    const bids = await this.bids.counts(m, 'lotId', [tender.id], null);
    const openings = lots.map((lot) => {
      const count = bids.get(lot.id) ?? 0;
      return { lot, count, ...lotOpening(count, tender.minQualifiedBidders) };
    });
    const outcome = openings.map(({ lot, count, status, statusReason }) => ({ lot: lot.no, bids: count, status, statusReason }));
    if (!(await this.move(m, actor, tender, 'open', { lots: outcome }))) return false;
    for (const { lot, count, status, statusReason } of openings) {
      await this.transitions.move(m, LOT, Lot, {
        id: lot.id,
        from: lot.status,
        event: 'open',
        to: status,
        actor,
        set: { statusReason },
        after: { tenderId: tender.id, lot: lot.no, bids: count, statusReason },
      });
    }
    const opened = openings.filter(({ status }) => can(LOT, status, 'see-bids')).map(({ lot }) => lot.id);
    await this.bids.unseal(m, tender.id, opened);
    await this.startWindow(m, tender, actor, now);
    // The bidders confirm their lines; the panel may declare and score.
    const subject = { type: 'tender' as const, id: tender.id, name: tender.name };
    await this.notifications.toBidders(m, tender.id, 'opening-done', { ...subject, link: '/insurer/bids' });
    await this.notifications.toPanel(m, tender.id, 'opening-done', { ...subject, link: `/expert/tenders/${tender.id}` });
    return true;
  }

  /** The bidders' window on the opening record: the tender's minutes from the opening (政采云: 30). */
  private async startWindow(m: EntityManager, tender: Tender, actor: Actor | null, openedAt: Date): Promise<void> {
    const confirmMinutes = tender.openingConfirmMinutes;
    const windowEndsAt = new Date(openedAt.getTime() + confirmMinutes * 60_000);
    const opening = await m.save(
      m.create(TenderOpening, { tenderId: tender.id, openedAt, confirmMinutes, windowEndsAt, status: 'confirming' }),
    );
    const lines = await this.lines.start(m, tender.id);
    await this.audit.record(
      actor,
      {
        action: 'opening.start',
        entityType: 'opening',
        entityId: opening.id,
        after: {
          tenderId: tender.id,
          status: opening.status,
          openedAt: openedAt.toISOString(),
          windowEndsAt: windowEndsAt.toISOString(),
          confirmMinutes,
          lines,
        },
      },
      m,
    );
  }

  /**
   * Move and record. The clock (no actor) is an idempotent job: a tender no longer in the status it was
   * read in was moved by another instance, and the move answers false.
   */
  private move(m: EntityManager, actor: Actor | null, tender: Tender, event: TenderEvent, after?: object): Promise<boolean> {
    const lost = actor === null ? 'ignore' : 'conflict';
    return this.transitions.move(m, TENDER, Tender, { id: tender.id, from: tender.status, event, actor, after, lost });
  }
}
