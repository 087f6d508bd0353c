import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import { chinaDay } from '../documents/format';
import { validityEnd, validityWarning } from '../domain/calendar/deadlines';
import type { AuthUser } from '../auth/decorators';
import { assertValid, fieldError, FieldError, invalidInput, valid } from '../common/errors';
import type { Unchecked } from '../common/wire';
import type { LotChanges, TenderChanges, TenderListQuerySchema } from '../domain/wire/tenders';
import { pageWindow } from '../domain/wire/common';
import { direction, likePattern } from '../common/paging';
import type { z } from '../domain/validation';
import type { DossierLot, DossierTender, Scheme } from '../domain/dossier/dossier.types';
import { validatePart } from '../domain/dossier/dossier.validation';
import { can, TENDER } from '../domain/lifecycles';
import { publishedChangeErrors } from '../domain/tenders/published-changes';
import type { ClarifiedChange } from '../domain/wire/tenders';
import { TenderClarification } from './clarification.entity';
import { assertCan } from '../audit/transitions';
import { Lot } from './lot.entity';
import { ScoringScheme } from './scheme.entity';
import { TenderAccess, tenderForUpdate } from './tender-access';
import { Tender } from './tender.entity';
import { buyerOf } from './buyers';
import { dossierLot, dossierScheme, dossierTender, lotColumns, tenderColumns } from './tender-dossier';
import { lotView, schemeView, tenderSummary, tenderView } from './tender-views';
import { assertVersion, changes, updateIfVersion } from './versioning';

/** Tenders, their lots and scoring schemes, as the procurement centre sets them up (DOMAIN.md §2). */
@Injectable()
export class TendersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: TenderAccess,
    private readonly calendar: CalendarService,
  ) {}

  async list(user: AuthUser, query: z.output<typeof TenderListQuerySchema> = {}) {
    const m = this.dataSource.manager;
    const scoped = await this.access.scopeTenders(m.createQueryBuilder(Tender, 't'), user);
    if (query.status) scoped.andWhere('t.status = :status', { status: query.status });
    if (query.q) scoped.andWhere("(t.code LIKE :q ESCAPE '!' OR t.name LIKE :q ESCAPE '!')", { q: likePattern(query.q) });
    const order = direction(query);
    scoped.orderBy(`t.${query.sort ?? 'id'}`, order);
    if (query.sort && query.sort !== 'id') scoped.addOrderBy('t.id', order);
    const { skip, take } = pageWindow(query);
    const [tenders, total] = await scoped.skip(skip).take(take).getManyAndCount();
    const ids = tenders.map((t) => t.id);
    const lots = await m.find(Lot, { select: { id: true, tenderId: true }, where: { tenderId: In(ids) } });
    const lotCounts = new Map<number, number>();
    for (const lot of lots) lotCounts.set(lot.tenderId, (lotCounts.get(lot.tenderId) ?? 0) + 1);
    const bidCounts = await this.access.bidCounts(m, user, 'tenderId', ids);
    return { rows: tenders.map((t) => tenderSummary(t, lotCounts.get(t.id) ?? 0, bidCounts.get(t.id) ?? 0)), total };
  }

  async detail(user: AuthUser, tenderId: number) {
    const { tender } = await this.access.visible(user, tenderId);
    const m = this.dataSource.manager;
    const order = { id: 'ASC' } as const;
    const [lots, schemes, bidders, bidCounts] = await Promise.all([
      m.find(Lot, { where: { tenderId }, order }),
      m.find(ScoringScheme, { where: { tenderId }, order }),
      this.access.bidders(m, user, tenderId),
      this.access.bidCounts(m, user, 'lotId', [tenderId]),
    ]);
    return {
      ...tenderView(tender),
      lots: lots.map((l) => lotView(l, bidCounts.get(l.id) ?? 0)),
      schemes: schemes.map(schemeView),
      bidders,
      validity: await this.validity(tender),
    };
  }

  /**
   * The bids' validity runs from the opening; between the opening and the award the page warns when
   * the award is getting late (domain/calendar/deadlines.ts), counted in working days.
   */
  private async validity(tender: Tender) {
    const endsOn = validityEnd(chinaDay(new Date(tender.openingTime)), tender.bidValidityDays);
    const pending = can(TENDER, tender.status, 'review-bids');
    return { endsOn, warning: pending ? validityWarning(endsOn, chinaDay(new Date()), await this.calendar.calendar()) : null };
  }

  async create(user: AuthUser, body: Unchecked<DossierTender>) {
    const fields = valid(validatePart.tender(body));
    const id = await this.dataSource.transaction(async (m) => {
      await this.assertCodeFree(m, fields.code);
      const buyerOrganizationId = await buyerOf(m, fields.purchaser);
      const tender = await m.save(m.create(Tender, { ...tenderColumns(fields), buyerOrganizationId, status: 'draft' }));
      await this.audit.record(user, { action: 'tender.create', entityType: 'tender', entityId: tender.id, after: tenderView(tender) }, m);
      return tender.id;
    });
    return this.detail(user, id);
  }

  /**
   * Change a draft, or a published tender's description and schedule (publishedChangeErrors: the bid
   * deadline and the opening move earlier only with 15 days' notice); `version` guards against lost
   * updates. A published tender's change is announced as a clarification notice (澄清/更正公告).
   */
  async update(user: AuthUser, tenderId: number, body: Unchecked<TenderChanges>) {
    // The change's form first (its fields, the version); then the change as it would leave the tender.
    const { version, ...fields } = valid(validatePart.tenderChange(body));
    await this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      assertCan(TENDER, tender.status, 'amend', '投标已截止，招标项目不能再修改 / bidding has closed: the tender can no longer change');
      const published = !can(TENDER, tender.status, 'set-up');
      const before = dossierTender(tender);
      const merged = { ...before, ...fields };
      const changed = Object.keys(changes(before, merged)?.after ?? {});
      const schedule = (t: typeof merged) => ({ bidDeadline: String(t.bidDeadline), openingTime: String(t.openingTime) });
      const after = valid(
        validatePart.tender(merged),
        published ? publishedChangeErrors(changed, schedule(before), schedule(merged), new Date()) : [],
      );
      const change = changes(before, after);
      if (changed.includes('code')) await this.assertCodeFree(m, after.code);
      if (!change) return assertVersion(tender, version);
      // A new purchaser is a new buyer: the tender moves to the organisation of that name (or to none).
      const buyer = changed.includes('purchaser') ? { buyerOrganizationId: await buyerOf(m, after.purchaser) } : {};
      await updateIfVersion(m, Tender, tenderId, version, { ...tenderColumns(after), ...buyer });
      await this.audit.record(user, { action: 'tender.update', entityType: 'tender', entityId: tenderId, ...change }, m);
      if (published) await this.clarify(m, user, tenderId, change);
    });
    return this.detail(user, tenderId);
  }

  /** The tender's clarification notices, for everyone who sees the tender (insurers that bid on it included). */
  async clarifications(user: AuthUser, tenderId: number) {
    await this.access.visible(user, tenderId);
    const notices = await this.dataSource.getRepository(TenderClarification).find({ where: { tenderId }, order: { no: 'ASC' } });
    return notices.map(clarificationView);
  }

  /** Records a published tender's change as its next clarification notice, in the change's transaction. */
  private async clarify(m: EntityManager, user: AuthUser, tenderId: number, change: { before: object; after: object }) {
    const before = change.before as Record<string, ClarifiedChange['before']>;
    const after = change.after as Record<string, ClarifiedChange['after']>;
    const previous = await m.count(TenderClarification, { where: { tenderId } });
    const notice = await m.save(
      m.create(TenderClarification, {
        tenderId,
        no: previous + 1,
        publishedAt: new Date(),
        publishedBy: user.username,
        changes: Object.keys(after).map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null })),
      }),
    );
    await this.audit.record(
      user,
      { action: 'tender.clarification', entityType: 'tender', entityId: tenderId, after: clarificationView(notice) },
      m,
    );
  }

  async addLot(user: AuthUser, tenderId: number, body: Unchecked<DossierLot>) {
    return this.dataSource.transaction(async (m) => {
      await this.draft(m, tenderId);
      const fields = valid(validatePart.lot(body, await this.schemes(m, tenderId)));
      assertValid(await this.lotClashes(m, tenderId, fields));
      const lot = await m.save(m.create(Lot, { tenderId, ...lotColumns(fields) }));
      await this.audit.record(user, { action: 'lot.create', entityType: 'lot', entityId: lot.id, after: dossierLot(lot) }, m);
      return lotView(lot, 0);
    });
  }

  async updateLot(user: AuthUser, tenderId: number, lotId: number, body: Unchecked<LotChanges>) {
    return this.dataSource.transaction(async (m) => {
      await this.draft(m, tenderId);
      const lot = await m.findOneBy(Lot, { id: lotId, tenderId });
      if (!lot) throw new NotFoundException('标包不存在 / lot not found');
      const { version, ...fields } = valid(validatePart.lotChange(body));
      const before = dossierLot(lot);
      const after = valid(validatePart.lot({ ...before, ...fields }, await this.schemes(m, tenderId)));
      assertValid(await this.lotClashes(m, tenderId, after, lotId));
      const change = changes(before, after);
      if (!change) assertVersion(lot, version);
      else {
        await updateIfVersion(m, Lot, lotId, version, lotColumns(after));
        await this.audit.record(user, { action: 'lot.update', entityType: 'lot', entityId: lotId, ...change }, m);
      }
      return lotView(await m.findOneByOrFail(Lot, { id: lotId }), 0);
    });
  }

  async addScheme(user: AuthUser, tenderId: number, body: Unchecked<Scheme>) {
    return this.dataSource.transaction(async (m) => {
      const tender = await this.draft(m, tenderId);
      const fields = valid(validatePart.scheme(body, tender.priceWeight));
      if (await m.existsBy(ScoringScheme, { tenderId, code: fields.code })) {
        throw invalidInput([fieldError('code', 'taken', { what: 'schemeCode' })]);
      }
      const scheme = await m.save(m.create(ScoringScheme, { tenderId, code: fields.code, name: fields.name, criteria: fields.criteria }));
      await this.audit.record(
        user,
        { action: 'scheme.create', entityType: 'scheme', entityId: scheme.id, after: dossierScheme(scheme) },
        m,
      );
      return schemeView(scheme);
    });
  }

  /** Lots and schemes are set up while the tender is a draft: bidders price against them once it is published. */
  private async draft(m: EntityManager, tenderId: number): Promise<Tender> {
    const tender = await tenderForUpdate(m, tenderId);
    assertCan(
      TENDER,
      tender.status,
      'set-up',
      '招标项目已发布，标包和评分表不能再修改 / the tender is published: lots and schemes are fixed',
    );
    return tender;
  }

  private async schemes(m: EntityManager, tenderId: number): Promise<Scheme[]> {
    return (await m.find(ScoringScheme, { where: { tenderId }, order: { id: 'ASC' } })).map(dossierScheme);
  }

  /** A lot number and an evaluation order each belong to one lot of the tender. */
  private async lotClashes(m: EntityManager, tenderId: number, lot: DossierLot, ownId?: number): Promise<FieldError[]> {
    const others = { tenderId, ...(ownId !== undefined && { id: Not(ownId) }) };
    const errors: FieldError[] = [];
    if (await m.existsBy(Lot, { ...others, no: lot.no })) errors.push(fieldError('no', 'taken', { what: 'lotNo' }));
    if (await m.existsBy(Lot, { ...others, evaluationOrder: lot.evaluationOrder })) {
      errors.push(fieldError('evaluationOrder', 'taken', { what: 'evaluationOrder' }));
    }
    return errors;
  }

  private async assertCodeFree(m: EntityManager, code: string): Promise<void> {
    if (await m.existsBy(Tender, { code })) {
      throw invalidInput([fieldError('code', 'tenderCodeTaken', { code })]);
    }
  }
}

const clarificationView = (c: TenderClarification) => ({
  id: c.id,
  no: c.no,
  publishedAt: c.publishedAt.toISOString(),
  publishedBy: c.publishedBy,
  changes: c.changes,
});
