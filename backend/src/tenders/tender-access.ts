import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { forUpdate } from '../database/row-lock';
import type { AuthUser } from '../auth/decorators';
import { organizationScope, outsideProcurement, recordScope, servesBuyer, tenderFactsNeeded, tenderReach } from '../domain/access-policy';
import { SEALED_STATUSES } from '../domain/lifecycles';
import type { Declaration } from '../domain/panel/panel-codes';
import { forbidden } from '../common/errors';
import { BidderSummary, PanelSeats, TenderBids } from './tender-participants';
import { Tender } from './tender.entity';

export const tenderNotFound = () => new NotFoundException('招标项目不存在 / tender not found');

/** What of a tender a user may see: the tender, and the bidders whose entries and bids they see (null: all). */
export interface Visible {
  tender: Tender;
  bidderIds: Set<number> | null;
}

/**
 * The access policy (domain/access-policy.ts) applied to tenders: the list and every read of one
 * tender ask it, with the facts it needs (the user's panel seats, its organisation's bids) from the
 * stages that hold them.
 */
@Injectable()
export class TenderAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bids: TenderBids,
    private readonly seats: PanelSeats,
  ) {}

  async visible(user: AuthUser, tenderId: number): Promise<Visible> {
    const m = this.dataSource.manager;
    const tender = await m.findOneBy(Tender, { id: tenderId });
    if (!tender) throw tenderNotFound();
    const needed = tenderFactsNeeded(user.role);
    const org = organizationScope(user);
    const seat = needed.panel ? await this.seats.seatOn(m, tenderId, user.id) : null;
    const reach = tenderReach(user, {
      onPanel: seat !== null,
      declaration: seat?.declaration ?? null,
      sealed: SEALED_STATUSES.has(tender.status),
      bidOn: needed.bids && org !== null && (await this.bids.tendersBidOn(m, org)).includes(tenderId),
      buyer: tender.buyerOrganizationId,
    });
    switch (reach) {
      case 'not-on-panel':
        throw new ForbiddenException('您不是该项目的评审专家 / you are not on this panel');
      case 'sealed':
        throw new ForbiddenException('开标前评审专家不能查看项目 / experts see a tender only after the bids are opened');
      case 'undeclared':
        throw forbidden('declarationRequired');
      case 'recused':
        throw forbidden('recused');
      case 'not-found':
        // An insurer's tenders are those it bid on, a bureau's those of its buyer; any other is, for it, not there.
        throw tenderNotFound();
      case 'own':
        return { tender, bidderIds: new Set((await this.ownBidders(m, tenderId, org)).map((b) => b.id)) };
      case 'all':
        return { tender, bidderIds: null };
    }
  }

  /** The tenders of the list, for `user`. */
  async scopeTenders(qb: SelectQueryBuilder<Tender>, user: AuthUser): Promise<SelectQueryBuilder<Tender>> {
    const alias = qb.alias;
    const m = this.dataSource.manager;
    const among = (ids: number[]) =>
      new Brackets((w) => (ids.length ? w.where(`${alias}.id IN (:...reached)`, { reached: ids }) : w.where('1 = 0')));
    const needed = tenderFactsNeeded(user.role);
    const org = organizationScope(user);
    if (outsideProcurement(user.role)) return qb.andWhere('1 = 0');
    if (needed.panel) {
      return qb
        .andWhere(among(await this.seats.tendersOf(m, user.id)))
        .andWhere(`${alias}.status NOT IN (:...sealed)`, { sealed: [...SEALED_STATUSES] });
    }
    if (needed.bids && org !== null) return qb.andWhere(among(await this.bids.tendersBidOn(m, org)));
    const scope = recordScope(user);
    if (scope && 'buyer' in scope) return qb.andWhere(buyerCondition(`${alias}.buyerOrganizationId`, scope.buyer));
    return qb;
  }

  /** Bid counts per tender or per lot, as `user` may count them: an insurer only its own bids. */
  bidCounts(m: EntityManager, user: AuthUser, by: 'tenderId' | 'lotId', tenderIds: number[]): Promise<Map<number, number>> {
    return this.bids.counts(m, by, tenderIds, organizationScope(user));
  }

  /** The tender's bidders `user` may see: an insurer only its own organisation's. */
  async bidders(m: EntityManager, user: AuthUser, tenderId: number): Promise<BidderSummary[]> {
    return this.ownBidders(m, tenderId, organizationScope(user));
  }

  private async ownBidders(m: EntityManager, tenderId: number, org: number | null): Promise<BidderSummary[]> {
    const bidders = await this.bids.bidders(m, tenderId);
    return org === null ? bidders : bidders.filter((b) => b.organizationId === org);
  }
}

/**
 * The SQL condition of a buyer scope (access-policy `recordScope`) on a tender's buyer column: null
 * matches null (a bureau user of no organisation, a tender of no buyer).
 */
export function buyerCondition(column: string, buyer: number | null): Brackets {
  return new Brackets((w) =>
    buyer === null ? w.where(`${column} IS NULL`) : w.where(`${column} = :buyerOrganizationId`, { buyerOrganizationId: buyer }),
  );
}

/**
 * The tender `user` may act on for its contracts and notices (a bureau official: only its buyer's); one
 * outside its reach is not found. For the routes whose permission already limits the roles.
 */
export async function tenderOfBuyer(m: EntityManager, user: AuthUser, tenderId: number): Promise<Tender> {
  const tender = await m.findOneBy(Tender, { id: tenderId });
  if (!tender || !servesBuyer(user, tender.buyerOrganizationId)) throw tenderNotFound();
  return tender;
}

/**
 * 回避 (DOMAIN.md §1, §4): an expert reads a tender's bids, scores and results only after declaring no
 * conflict of interest (403 declarationRequired); a member who declared one is off the panel for good
 * (403 recused).
 */
export function assertDeclared(declaration: Declaration | null): void {
  if (declaration === null) throw forbidden('declarationRequired');
  if (declaration === 'conflict') throw forbidden('recused');
}

/** A tender read for a change, locked so a change to its parts cannot interleave with a change of its status. */
export async function tenderForUpdate(m: EntityManager, id: number): Promise<Tender> {
  const tender = await m.findOne(Tender, { where: { id }, ...forUpdate(m) });
  if (!tender) throw tenderNotFound();
  return tender;
}
