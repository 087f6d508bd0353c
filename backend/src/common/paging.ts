import type { Response } from 'express';
import { type FindManyOptions, type FindOptionsOrder, type FindOptionsWhere, type ObjectLiteral, Raw, type Repository } from 'typeorm';
import { pageWindow, TOTAL_HEADER } from '../domain/wire/common';

/** What `pageQuery` reads from a list's query string. */
export interface PageRequest<K extends string> {
  page?: number;
  pageSize?: number;
  sort?: K;
  order?: 'asc' | 'desc';
}

/** A page of rows and the number of rows the filters match. */
export interface Paged<T> {
  rows: T[];
  total: number;
}

/** Where a list's sort keys are found: a column of the entity, or of a relation as `tender.code`. */
export type SortColumns<K extends string> = Record<K, string>;

/** The SQL direction of a page's order (newest, largest first unless `asc`). */
export const direction = (q: Pick<PageRequest<string>, 'order'>): 'ASC' | 'DESC' => (q.order === 'asc' ? 'ASC' : 'DESC');

/** `LIKE` pattern of a part of a text, its wildcards escaped by `!` the same way on SQLite and MySQL. */
export const likePattern = (part: string) => `%${part.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** A find-options condition: the column contains `part`. */
export const containing = (part: string) => Raw((column) => `${column} LIKE :part ESCAPE '!'`, { part: likePattern(part) });

/**
 * `where` and any one of `alternatives` (a search in several columns): the conditions merged into
 * the relations they share, as `{ tender: { buyerOrganizationId } }` and `{ tender: { code } }`.
 */
export function withAnyOf<E>(where: FindOptionsWhere<E>, alternatives: readonly FindOptionsWhere<E>[]): FindOptionsWhere<E>[] {
  return alternatives.map((alternative) => merged(where, alternative) as FindOptionsWhere<E>);
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && v.constructor === Object;

function merged(a: object, b: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const before = out[key];
    out[key] = isPlain(before) && isPlain(value) ? merged(before, value) : value;
  }
  return out;
}

/**
 * One page of what `options` finds, in the order `q.sort` names (ties by id, in the same direction),
 * or `fallback` unsorted; the whole list without `q.page`. The total counts every row found.
 */
export async function findPage<E extends ObjectLiteral, K extends string>(
  repo: Repository<E>,
  options: FindManyOptions<E>,
  q: PageRequest<K>,
  columns: SortColumns<K>,
  fallback: FindOptionsOrder<E>,
): Promise<Paged<E>> {
  const dir = direction(q);
  const order = q.sort ? ({ ...nested(columns[q.sort], dir), id: dir } as unknown as FindOptionsOrder<E>) : fallback;
  const [rows, total] = await repo.findAndCount({ ...options, order, ...pageWindow(q) });
  return { rows, total };
}

/** `tender.code` → `{ tender: { code: dir } }`. */
function nested(path: string, dir: 'ASC' | 'DESC'): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), dir) as Record<string, unknown>;
}

/** The page's rows as the body, the total in `X-Total-Count`. */
export function sendPage<T>(res: Response, { rows, total }: Paged<T>): T[] {
  res.setHeader(TOTAL_HEADER, String(total));
  return rows;
}
