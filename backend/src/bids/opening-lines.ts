import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { Transitions } from '../audit/transitions';
import { OPENING_LINE } from '../domain/lifecycles';
import type { LineFigures } from '../domain/wire/opening';
import { Lot } from '../tenders/lot.entity';
import { OpeningLines } from '../tenders/tender-participants';
import { TenderOpening } from '../tenders/tender-opening.entity';
import { Bid } from './bid.entity';
import type { Bidder } from './bidder.entity';
import { OpeningLine } from './opening-line.entity';
import { PaperBidReceipt } from './paper-receipt.entity';

/** A bid's figures as the opening sheet reads them out. */
export const lineFigures = (b: Bid): LineFigures => ({
  unitPrice: b.unitPrice,
  serviceTotal: b.serviceTotal,
  fixedComponents: b.fixedComponents,
  total: b.total,
  totalCapitals: b.totalCapitals,
  rate: b.rate,
  deficitShare: b.deficitShare,
});

/** Paper envelopes received for the tender's opened lots whose amounts the clerk has not entered yet. */
export const awaitingAmounts = (m: EntityManager, tenderId: number): Promise<number> =>
  m
    .createQueryBuilder(PaperBidReceipt, 'r')
    .innerJoin(Lot, 'l', 'l.id = r.lotId')
    .leftJoin(Bid, 'b', 'b.lotId = r.lotId AND b.bidderId = r.bidderId')
    .where('r.tenderId = :tenderId', { tenderId })
    .andWhere('l.status = :opened', { opened: 'opened' })
    .andWhere('b.id IS NULL')
    .getCount();

/** The opening record's lines, as the tender lifecycle starts and ends their window (its OpeningLines port). */
@Injectable()
export class OpeningLinesOfTenders extends OpeningLines {
  constructor(
    private readonly transitions: Transitions,
    private readonly audit: AuditService,
  ) {
    super();
  }

  async start(m: EntityManager, tenderId: number): Promise<number> {
    const bids = await m
      .createQueryBuilder(Bid, 'b')
      .innerJoin(Lot, 'l', 'l.id = b.lotId')
      .where('b.tenderId = :tenderId', { tenderId })
      .andWhere('l.status = :opened', { opened: 'opened' })
      .orderBy('b.id', 'ASC')
      .getMany();
    if (bids.length === 0) return 0;
    await m.insert(
      OpeningLine,
      bids.map((b) => ({ tenderId, bidId: b.id, status: 'pending' as const })),
    );
    return bids.length;
  }

  /**
   * A paper bid's line, pending, written when the clerk enters its amounts after the opening. The one
   * window of the record is kept (no window per line): it cannot end while a received envelope awaits
   * its amounts, and each entry moves its end to at least the tender's minutes after the entry — so the
   * window runs from the last envelope entered, and every line gets its full minutes. A tender opened
   * without a window here (imported already opened) has no record to add to.
   */
  async addPaperLine(m: EntityManager, actor: Actor, bid: Bid, bidder: Bidder, lot: Lot): Promise<void> {
    const opening = await m.findOneBy(TenderOpening, { tenderId: bid.tenderId });
    if (!opening) return;
    const line = await m.save(m.create(OpeningLine, { tenderId: bid.tenderId, bidId: bid.id, status: 'pending' }));
    // Up to the whole second, as a DATETIME keeps it on MariaDB, so that the audit shows what is stored and no minute is cut short.
    const fromEntry = new Date(Math.ceil((Date.now() + opening.confirmMinutes * 60_000) / 1000) * 1000);
    const windowEndsAt = fromEntry > opening.windowEndsAt ? fromEntry : opening.windowEndsAt;
    if (windowEndsAt !== opening.windowEndsAt) await m.update(TenderOpening, { id: opening.id }, { windowEndsAt });
    await this.audit.record(
      actor,
      {
        action: 'opening.paper-line',
        entityType: 'opening-line',
        entityId: line.id,
        before: { windowEndsAt: opening.windowEndsAt.toISOString() },
        after: {
          tenderId: bid.tenderId,
          bidId: bid.id,
          lot: lot.no,
          bidder: bidder.code,
          status: line.status,
          windowEndsAt: windowEndsAt.toISOString(),
        },
      },
      m,
    );
  }

  awaitingAmounts(m: EntityManager, tenderId: number): Promise<number> {
    return awaitingAmounts(m, tenderId);
  }

  /** Each line moves (and is audited) on its own; a line its bidder answered meanwhile is left as it is. */
  async deemConfirmed(m: EntityManager, tenderId: number): Promise<number> {
    const pending = await m.find(OpeningLine, { where: { tenderId, status: 'pending' }, order: { id: 'ASC' } });
    let deemed = 0;
    for (const line of pending) {
      const moved = await this.transitions.move(m, OPENING_LINE, OpeningLine, {
        id: line.id,
        from: line.status,
        event: 'deem',
        actor: null,
        after: { tenderId, bidId: line.bidId },
        lost: 'ignore',
      });
      if (moved) deemed++;
    }
    return deemed;
  }

  unanswered(m: EntityManager, tenderId: number): Promise<number> {
    return m.countBy(OpeningLine, { tenderId, status: 'disputed' });
  }
}
