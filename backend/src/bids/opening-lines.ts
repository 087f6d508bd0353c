import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transitions } from '../audit/transitions';
import { OPENING_LINE } from '../domain/lifecycles';
import type { LineFigures } from '../domain/wire/opening';
import { Lot } from '../tenders/lot.entity';
import { OpeningLines } from '../tenders/tender-participants';
import { Bid } from './bid.entity';
import { OpeningLine } from './opening-line.entity';

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

/** The opening record's lines, as the tender lifecycle starts and ends their window (its OpeningLines port). */
@Injectable()
export class OpeningLinesOfTenders extends OpeningLines {
  constructor(private readonly transitions: Transitions) {
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
