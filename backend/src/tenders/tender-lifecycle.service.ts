import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit.service';
import { assertCan, notAllowed, Transitions } from '../audit/transitions';
import type { AuthUser } from '../auth/decorators';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { fieldError, invalidInput } from '../common/errors';
import { DossierSource } from './dossier-source';
import { validateDossier } from '../domain/dossier/dossier.validation';
import { Lot } from './lot.entity';
import { lotOpening } from '../domain/tenders/lot-opening';
import { can, LOT, TENDER, TenderEvent, TenderStatus } from '../domain/lifecycles';
import { tenderForUpdate } from './tender-access';
import { TenderBids } from './tender-participants';
import { Tender } from './tender.entity';
import { TendersService } from './tenders.service';

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
          `当前状态（${tender.status}）不能进入下一评审阶段 / a ${tender.status} tender has no next review step`,
        );
      }
      await this.move(m, user, tender, next);
    });
    return this.tenders.detail(user, tenderId);
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
      if (await this.dataSource.transaction((m) => this.move(m, null, tender, 'close'))) closed++;
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

  /**
   * Opening (开标): each lot opens unless it received fewer bids than the tender's minimum; the sealed
   * electronic envelopes of the lots that open are opened into their bid rows in the same transaction,
   * so a failure there (a wrong BID_SEAL_KEY) leaves the tender closed and every lot pending. The lots
   * move after the tender, so an instance that lost the tender's move touches none of them.
   */
  private async open(m: EntityManager, tender: Tender): Promise<boolean> {
    const lots = await m.find(Lot, { where: { tenderId: tender.id }, order: { id: 'ASC' } });
    const bids = await this.bids.counts(m, 'lotId', [tender.id], null);
    const openings = lots.map((lot) => {
      const count = bids.get(lot.id) ?? 0;
      return { lot, count, ...lotOpening(count, tender.minQualifiedBidders) };
    });
    const outcome = openings.map(({ lot, count, status, statusReason }) => ({ lot: lot.no, bids: count, status, statusReason }));
    if (!(await this.move(m, null, tender, 'open', { lots: outcome }))) return false;
    for (const { lot, count, status, statusReason } of openings) {
      await this.transitions.move(m, LOT, Lot, {
        id: lot.id,
        from: lot.status,
        event: 'open',
        to: status,
        actor: null,
        set: { statusReason },
        after: { tenderId: tender.id, lot: lot.no, bids: count, statusReason },
      });
    }
    const opened = openings.filter(({ status }) => can(LOT, status, 'see-bids')).map(({ lot }) => lot.id);
    await this.bids.unseal(m, tender.id, opened);
    return true;
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
