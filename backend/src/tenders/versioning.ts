import { ConflictException } from '@nestjs/common';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export const staleVersion = () =>
  new ConflictException({ statusCode: 409, message: '该记录已被他人修改，请刷新后重试 / changed by someone else: reload and retry' });

/**
 * Optimistic lock: the change applies only to the version the client read. The condition is in the
 * UPDATE itself, so two saves of the same version cannot both succeed, whatever the database.
 * TypeORM increments the @VersionColumn with every such UPDATE.
 */
export async function updateIfVersion<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  id: number,
  version: number,
  changes: QueryDeepPartialEntity<T>,
): Promise<void> {
  const { affected } = await m
    .createQueryBuilder()
    .update(entity)
    .set(changes)
    .where('id = :id AND version = :version', { id, version })
    .execute();
  if (affected !== 1) throw staleVersion();
}

/** A save that changes nothing still tells a client holding a stale version to reload. */
export function assertVersion(row: { version: number }, version: number): void {
  if (row.version !== version) throw staleVersion();
}

/** The fields whose values differ, before and after, as the audit record keeps them; null if none. */
export function changes<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])] as (keyof T)[];
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (changed.length === 0) return null;
  const pick = (o: T) => Object.fromEntries(changed.map((k) => [k, o[k] ?? null])) as Partial<T>;
  return { before: pick(before), after: pick(after) };
}
