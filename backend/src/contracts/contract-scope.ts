import { NotFoundException } from '@nestjs/common';
import { FindOptionsWhere, IsNull } from 'typeorm';
import { readsRecord, recordScope, type Subject } from '../domain/access-policy';
import type { Contract } from './contract.entity';

/**
 * The access policy's record scope (domain/access-policy.ts `recordScope`) applied to contracts: the
 * contracts a list shows a user, and whether one contract (with its tender and bidder) is visible.
 */

export const contractNotFound = () => new NotFoundException('合同不存在 / contract not found');

/** A `where` on Contract for the contracts `user` reaches: an insurer its own, a bureau official its buyer's. */
export function contractsReached(user: Subject): FindOptionsWhere<Contract> {
  const scope = recordScope(user);
  if (scope === null) return {};
  if ('insurer' in scope) return { bidder: { organizationId: scope.insurer } };
  return { tender: { buyerOrganizationId: scope.buyer ?? IsNull() } };
}

/** Whether `user` reads the contract (loaded with its tender and bidder). */
export const readsContract = (user: Subject, c: Pick<Contract, 'tender' | 'bidder'>): boolean =>
  readsRecord(user, { insurer: c.bidder!.organizationId, buyer: c.tender!.buyerOrganizationId });

/** The contract, if `user` reads it; otherwise 404, so another organisation's does not leak that it exists. */
export function assertReadsContract<C extends Pick<Contract, 'tender' | 'bidder'>>(user: Subject, c: C | null | undefined): C {
  if (!c || !readsContract(user, c)) throw contractNotFound();
  return c;
}
