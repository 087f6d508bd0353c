import type { EntityManager } from 'typeorm';
import { Organization } from '../users/organization.entity';

/**
 * The buyer organisation a tender's purchaser (采购人) names: the organisation of kind `bureau` with
 * exactly that name (the first registered, should two share it); null when none has it. The tender
 * form picks the purchaser from these organisations by name, and a dossier import matches its
 * `tender.purchaser` the same way, so both link a tender to its buyer by one rule.
 */
export async function buyerOf(m: EntityManager, purchaser: string): Promise<number | null> {
  const found = await m.findOne(Organization, { select: { id: true }, where: { kind: 'bureau', name: purchaser }, order: { id: 'ASC' } });
  return found?.id ?? null;
}
