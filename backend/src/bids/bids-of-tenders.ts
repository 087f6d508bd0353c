import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BidderSummary, TenderBids } from '../tenders/tender-participants';
import { Bid } from './bid.entity';
import { Bidder } from './bidder.entity';
import { bidderView } from './bid-dossier';

/** The bids and bidders of tenders, as the tenders stage asks for them (its TenderBids port). */
@Injectable()
export class BidsOfTenders extends TenderBids {
  async counts(
    m: EntityManager,
    by: 'tenderId' | 'lotId',
    tenderIds: number[],
    organizationId: number | null,
  ): Promise<Map<number, number>> {
    if (tenderIds.length === 0) return new Map();
    const qb = m.createQueryBuilder(Bid, 'b');
    if (organizationId !== null) qb.innerJoin(Bidder, 'own', 'own.id = b.bidderId AND own.organizationId = :org', { org: organizationId });
    const rows = await qb
      .select(`b.${by}`, 'key')
      .addSelect('COUNT(*)', 'n')
      .where('b.tenderId IN (:...tenderIds)', { tenderIds })
      .groupBy(`b.${by}`)
      .getRawMany<{ key: number | string; n: number | string }>();
    return new Map(rows.map((r) => [Number(r.key), Number(r.n)]));
  }

  async tendersBidOn(m: EntityManager, organizationId: number): Promise<number[]> {
    const rows = await m
      .createQueryBuilder(Bid, 'b')
      .select('DISTINCT b.tenderId', 'tenderId')
      .innerJoin(Bidder, 'own', 'own.id = b.bidderId AND own.organizationId = :org', { org: organizationId })
      .getRawMany<{ tenderId: number | string }>();
    return rows.map((r) => Number(r.tenderId));
  }

  async bidders(m: EntityManager, tenderId: number): Promise<BidderSummary[]> {
    return (await m.find(Bidder, { where: { tenderId }, order: { id: 'ASC' } })).map(bidderView);
  }
}
