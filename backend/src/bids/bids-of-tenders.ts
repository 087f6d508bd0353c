import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BidderSummary, TenderBids } from '../tenders/tender-participants';
import { Bid } from './bid.entity';
import { Bidder } from './bidder.entity';
import { bidderView } from './bid-dossier';
import { BidEnvelope } from './bid-envelope.entity';
import { BidUnsealing } from './bid-unsealing';
import { PaperBidReceipt } from './paper-receipt.entity';

/** The bids and bidders of tenders, as the tenders stage asks for them (its TenderBids port). */
@Injectable()
export class BidsOfTenders extends TenderBids {
  constructor(private readonly unsealing: BidUnsealing) {
    super();
  }

  /**
   * Bids received: bid rows, sealed electronic envelopes, and paper envelopes whose amounts are not
   * entered yet (once entered, the bid row counts them) — one per bidder and lot whichever way it came.
   */
  async counts(
    m: EntityManager,
    by: 'tenderId' | 'lotId',
    tenderIds: number[],
    organizationId: number | null,
  ): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    if (tenderIds.length === 0) return counts;
    const sources = [
      m.createQueryBuilder(Bid, 'b'),
      m.createQueryBuilder(BidEnvelope, 'b').where("b.status = 'sealed'"),
      m
        .createQueryBuilder(PaperBidReceipt, 'b')
        .leftJoin(Bid, 'entered', 'entered.lotId = b.lotId AND entered.bidderId = b.bidderId')
        .where('entered.id IS NULL'),
    ];
    for (const qb of sources) {
      if (organizationId !== null)
        qb.innerJoin(Bidder, 'own', 'own.id = b.bidderId AND own.organizationId = :org', { org: organizationId });
      const rows = await qb
        .select(`b.${by}`, 'key')
        .addSelect('COUNT(*)', 'n')
        .andWhere('b.tenderId IN (:...tenderIds)', { tenderIds })
        .groupBy(`b.${by}`)
        .getRawMany<{ key: number | string; n: number | string }>();
      for (const r of rows) counts.set(Number(r.key), (counts.get(Number(r.key)) ?? 0) + Number(r.n));
    }
    return counts;
  }

  async tendersBidOn(m: EntityManager, organizationId: number): Promise<number[]> {
    const rows = await m
      .createQueryBuilder(Bidder, 'own')
      .select('DISTINCT own.tenderId', 'tenderId')
      .where('own.organizationId = :org', { org: organizationId })
      .getRawMany<{ tenderId: number | string }>();
    return rows.map((r) => Number(r.tenderId));
  }

  unseal(m: EntityManager, tenderId: number, lotIds: number[]): Promise<void> {
    return this.unsealing.unseal(m, tenderId, lotIds);
  }

  async bidders(m: EntityManager, tenderId: number): Promise<BidderSummary[]> {
    return (await m.find(Bidder, { where: { tenderId }, order: { id: 'ASC' } })).map(bidderView);
  }
}
