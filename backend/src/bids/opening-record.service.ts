import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Transitions } from '../audit/transitions';
import type { AuthUser } from '../auth/decorators';
import { conflict, forbidden, invalidInput } from '../common/errors';
import { chinaTime } from '../documents/format';
import { BID_FIELDS } from '../domain/dossier/dossier.schema';
import { validatePart } from '../domain/dossier/dossier.validation';
import { OPENING_LINE, type OpeningLineStatus } from '../domain/lifecycles';
import type { LineAnswer, LineCorrection, LineDispute, OpeningRecord } from '../domain/wire/opening';
import { DossierSource } from '../tenders/dossier-source';
import { Lot } from '../tenders/lot.entity';
import { TenderAccess, tenderForUpdate } from '../tenders/tender-access';
import { TenderOpening } from '../tenders/tender-opening.entity';
import { Bid } from './bid.entity';
import { dossierBid } from './bid-dossier';
import { Bidder } from './bidder.entity';
import { OpeningLine } from './opening-line.entity';
import { awaitingAmounts, lineFigures } from './opening-lines';

const lineNotFound = () => new NotFoundException('开标记录不存在 / opening line not found');

/**
 * A window over by the time, whether or not the clock has recorded its end yet — but not while paper
 * envelopes received still await their amounts (`awaiting`): their entry moves the end.
 */
const over = (opening: TenderOpening, now: Date, awaiting: number) =>
  opening.status === 'ended' || (awaiting === 0 && opening.windowEndsAt.getTime() <= now.getTime());

/**
 * The opening record (开标记录) after the opening: the opening sheet of every opened lot, each bidder's
 * insurer confirming or disputing its own lines within the window (silence counts as confirmation at its
 * end, 财政部87号令 art. 41), procurement answering each dispute — and correcting the line, with what the
 * correction replaced, where the dispute holds.
 */
@Injectable()
export class OpeningRecordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: Transitions,
    private readonly access: TenderAccess,
    private readonly dossiers: DossierSource,
  ) {}

  async record(user: AuthUser, tenderId: number): Promise<OpeningRecord> {
    const { bidderIds } = await this.access.visible(user, tenderId);
    const m = this.dataSource.manager;
    const opening = await m.findOneBy(TenderOpening, { tenderId });
    if (!opening) return { window: null, lots: [], unanswered: 0 };
    const now = new Date();
    const [lines, lots, bidders, awaiting] = await Promise.all([
      m.find(OpeningLine, { where: { tenderId }, relations: { bid: true }, order: { id: 'ASC' } }),
      m.find(Lot, { where: { tenderId, status: 'opened' }, order: { evaluationOrder: 'ASC', id: 'ASC' } }),
      m.find(Bidder, { where: { tenderId } }),
      awaitingAmounts(m, tenderId),
    ]);
    const bidderOf = new Map(bidders.map((b) => [b.id, b]));
    const visible = lines.filter((l) => !bidderIds || bidderIds.has(l.bid!.bidderId));
    const status = (line: OpeningLine): OpeningLineStatus =>
      line.status === 'pending' && over(opening, now, awaiting) ? 'deemed-confirmed' : line.status;
    return {
      window: {
        openedAt: opening.openedAt.toISOString(),
        confirmMinutes: opening.confirmMinutes,
        endsAt: opening.windowEndsAt.toISOString(),
        status: opening.status,
        over: over(opening, now, awaiting),
        awaitingAmounts: awaiting,
      },
      lots: lots.map((lot) => ({
        no: lot.no,
        name: lot.name,
        lines: visible
          .filter((line) => line.bid!.lotId === lot.id)
          .map((line) => {
            const bidder = bidderOf.get(line.bid!.bidderId)!;
            return {
              id: line.id,
              bidId: line.bidId,
              lot: lot.no,
              bidder: bidder.code,
              bidderName: bidder.name,
              ...lineFigures(line.bid!),
              status: status(line),
              respondedAt: line.respondedAt?.toISOString() ?? null,
              respondedBy: line.respondedBy,
              disputeReason: line.disputeReason,
              answer: line.answer,
              answeredAt: line.answeredAt?.toISOString() ?? null,
              answeredBy: line.answeredBy,
              correction: line.correction,
            };
          }),
      })),
      unanswered: visible.filter((l) => l.status === 'disputed').length,
    };
  }

  /** The bidder's insurer confirms its line, within the window. */
  confirm(user: AuthUser, tenderId: number, lineId: number): Promise<OpeningRecord> {
    return this.respond(user, tenderId, lineId, 'confirm', null);
  }

  /** The bidder's insurer disputes its line with the reason, within the window. */
  dispute(user: AuthUser, tenderId: number, lineId: number, body: LineDispute): Promise<OpeningRecord> {
    return this.respond(user, tenderId, lineId, 'dispute', body.reason);
  }

  private async respond(user: AuthUser, tenderId: number, lineId: number, event: 'confirm' | 'dispute', reason: string | null) {
    // An insurer that bid on nothing here is told the tender is not there.
    await this.access.visible(user, tenderId);
    await this.dataSource.transaction(async (m) => {
      const { line, bid, bidder, lot } = await this.line(m, tenderId, lineId);
      if (bidder.organizationId !== user.organizationId) throw forbidden('openingLineNotOwn');
      const opening = await m.findOneByOrFail(TenderOpening, { tenderId });
      if (over(opening, new Date(), await awaitingAmounts(m, tenderId)))
        throw conflict('openingWindowEnded', { until: chinaTime(opening.windowEndsAt) });
      await this.transitions.move(m, OPENING_LINE, OpeningLine, {
        id: line.id,
        from: line.status,
        event,
        actor: user,
        set: { respondedAt: new Date(), respondedBy: user.username, disputeReason: reason },
        after: { tenderId, bidId: bid.id, lot: lot.no, bidder: bidder.code, ...(reason !== null && { reason }) },
      });
    });
    return this.record(user, tenderId);
  }

  /**
   * Procurement answers a dispute; a correction changes the bid's figures as read out, checked as the
   * bid itself was, and the line keeps the figures before and after.
   */
  async answer(user: AuthUser, tenderId: number, lineId: number, body: LineAnswer): Promise<OpeningRecord> {
    await this.dataSource.transaction(async (m) => {
      await tenderForUpdate(m, tenderId);
      const { line, bid, bidder, lot } = await this.line(m, tenderId, lineId);
      const correction = body.correction ? await this.correct(m, tenderId, bid, bidder, lot, body.correction) : null;
      await this.transitions.move(m, OPENING_LINE, OpeningLine, {
        id: line.id,
        from: line.status,
        event: 'answer',
        actor: user,
        set: { answer: body.answer, answeredAt: new Date(), answeredBy: user.username, correction },
        before: { disputeReason: line.disputeReason },
        after: { tenderId, bidId: bid.id, lot: lot.no, bidder: bidder.code, answer: body.answer, correction },
      });
    });
    return this.record(user, tenderId);
  }

  private async correct(
    m: EntityManager,
    tenderId: number,
    bid: Bid,
    bidder: Bidder,
    lot: Lot,
    figures: NonNullable<LineAnswer['correction']>,
  ): Promise<LineCorrection | null> {
    const dossier = await this.dossiers.load(m, tenderId);
    const asBid = Object.fromEntries(Object.entries(dossierBid(bid, bidder.code, lot.no)).filter(([key]) => key in BID_FIELDS));
    const checked = validatePart.bid({ ...asBid, ...figures }, dossier);
    if (!checked.ok) throw invalidInput(checked.errors.map((e) => ({ ...e, path: `correction.${e.path}` })));
    const before = lineFigures(bid);
    const { unitPrice, serviceTotal, fixedComponents, total, totalCapitals, rate, deficitShare } = checked.value;
    Object.assign(bid, {
      unitPrice: unitPrice ?? null,
      serviceTotal: serviceTotal ?? null,
      fixedComponents,
      total: total ?? null,
      totalCapitals: totalCapitals ?? null,
      rate: rate ?? null,
      deficitShare: deficitShare ?? null,
    });
    const saved = await m.save(bid);
    const after = lineFigures(await m.findOneByOrFail(Bid, { id: saved.id }));
    return JSON.stringify(before) === JSON.stringify(after) ? null : { before, after };
  }

  private async line(m: EntityManager, tenderId: number, lineId: number) {
    const line = await m.findOneBy(OpeningLine, { id: lineId, tenderId });
    if (!line) throw lineNotFound();
    const bid = await m.findOneByOrFail(Bid, { id: line.bidId });
    const [bidder, lot] = await Promise.all([m.findOneByOrFail(Bidder, { id: bid.bidderId }), m.findOneByOrFail(Lot, { id: bid.lotId })]);
    return { line, bid, bidder, lot };
  }
}
