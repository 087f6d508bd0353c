import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { forUpdate } from '../database/row-lock';
import type { AuthUser } from '../auth/decorators';
import { Bid } from '../bids/bid.entity';
import { Bidder } from '../bids/bidder.entity';
import { PanelMember } from '../panel/panel-member.entity';
import { SEALED_STATUSES } from '../domain/lifecycles';
import type { Declaration } from '../domain/panel/panel-codes';
import { refused } from '../common/errors';
import { Tender } from './tender.entity';

export const tenderNotFound = () => new NotFoundException('招标项目不存在 / tender not found');

/** What of a tender a user may see: the tender, and the bidders whose entries and bids they see (null: all). */
export interface Visible {
  tender: Tender;
  bidderIds: Set<number> | null;
}

/**
 * Who sees which tender (DOMAIN.md §1): procurement, bureau and admin every tender; an expert only
 * the tenders whose panel they sit on, only once the bids are opened and only after declaring no conflict; an insurer only the tenders
 * its organisation bid on, and there only its own bidders and bids. The list and every read of one
 * tender apply the same rules.
 */
@Injectable()
export class TenderAccess {
  constructor(private readonly dataSource: DataSource) {}

  async visible(user: AuthUser, tenderId: number): Promise<Visible> {
    const m = this.dataSource.manager;
    const tender = await m.findOneBy(Tender, { id: tenderId });
    if (!tender) throw tenderNotFound();
    if (user.role === 'expert') {
      const member = await m.findOneBy(PanelMember, { tenderId, userId: user.id });
      if (!member) throw new ForbiddenException('您不是该项目的评审专家 / you are not on this panel');
      if (SEALED_STATUSES.has(tender.status)) {
        throw new ForbiddenException('开标前评审专家不能查看项目 / experts see a tender only after the bids are opened');
      }
      assertDeclared(member.declaration);
    }
    if (user.role !== 'insurer') return { tender, bidderIds: null };
    const own = await m.find(Bidder, { where: { tenderId, organizationId: user.organizationId ?? -1 } });
    const bidderIds = new Set(own.map((b) => b.id));
    // An insurer's tenders are those it bid on; any other is, for it, not there.
    const bid =
      bidderIds.size > 0 &&
      (await this.scopeBids(m.createQueryBuilder(Bid, 'b'), user).andWhere('b.tenderId = :tenderId', { tenderId }).getExists());
    if (!bid) throw tenderNotFound();
    return { tender, bidderIds };
  }

  /** The tenders of the list, for `user`. */
  scopeTenders(qb: SelectQueryBuilder<Tender>, user: AuthUser): SelectQueryBuilder<Tender> {
    const alias = qb.alias;
    if (user.role === 'expert') {
      const panels = qb.subQuery().select('p.tenderId').from(PanelMember, 'p').where('p.userId = :userId').getQuery();
      return qb
        .andWhere(`${alias}.id IN ${panels}`, { userId: user.id })
        .andWhere(`${alias}.status NOT IN (:...sealed)`, { sealed: [...SEALED_STATUSES] });
    }
    if (user.role === 'insurer') {
      const bidOn = this.scopeBids(qb.subQuery().select('b.tenderId').from(Bid, 'b'), user).getQuery();
      return qb.andWhere(`${alias}.id IN ${bidOn}`);
    }
    return qb;
  }

  /**
   * The bids `user` may count, on a query over bids aliased `b`: an insurer only its own, so that how
   * many competitors bid stays its competitors' business.
   */
  scopeBids(qb: SelectQueryBuilder<Bid>, user: AuthUser): SelectQueryBuilder<Bid> {
    if (user.role !== 'insurer') return qb;
    return qb.innerJoin(Bidder, 'own', 'own.id = b.bidderId AND own.organizationId = :org', { org: user.organizationId ?? -1 });
  }

  /** Bid counts per tender or per lot, as `user` may count them. */
  async bidCounts(m: EntityManager, user: AuthUser, by: 'tenderId' | 'lotId', tenderIds: number[]): Promise<Map<number, number>> {
    if (tenderIds.length === 0) return new Map();
    const rows = await this.scopeBids(m.createQueryBuilder(Bid, 'b'), user)
      .select(`b.${by}`, 'key')
      .addSelect('COUNT(*)', 'n')
      .where('b.tenderId IN (:...tenderIds)', { tenderIds })
      .groupBy(`b.${by}`)
      .getRawMany<{ key: number | string; n: number | string }>();
    return new Map(rows.map((r) => [Number(r.key), Number(r.n)]));
  }
}

/**
 * 回避 (DOMAIN.md §1, §4): an expert reads a tender's bids, scores and results only after declaring no
 * conflict of interest; a member who declared one is off the panel for good.
 */
export function assertDeclared(declaration: Declaration | null): void {
  if (declaration === null) throw refused(403, 'declarationRequired');
  if (declaration === 'conflict') throw refused(403, 'recused');
}

/** A tender read for a change, locked so a change to its parts cannot interleave with a change of its status. */
export async function tenderForUpdate(m: EntityManager, id: number): Promise<Tender> {
  const tender = await m.findOne(Tender, { where: { id }, ...forUpdate(m) });
  if (!tender) throw tenderNotFound();
  return tender;
}
