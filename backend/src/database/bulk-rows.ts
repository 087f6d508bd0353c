import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { tableWritten } from './change-stamp';

/**
 * Bound parameters per INSERT statement: under MySQL's 65,535 and SQLite's 32,766, and large enough that
 * a statement carries hundreds of rows. Full chunks repeat the same SQL text, which the drivers prepare once.
 */
const PARAMETERS_PER_STATEMENT = 30_000;

/**
 * Plain multi-row INSERTs of many new rows whose ids the caller does not need back (or reads back by a
 * key of its own): the columns of the rows' properties, through each column's transformer and the
 * driver's conversion as TypeORM's own inserts do, a version column at 1. What `save` costs per entity
 * (a statement each, the generated values read back) and the query builder per value, this does not:
 * the 155,520 scores of a large tender take a second, not tens.
 */
export async function insertRows<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  rows: Partial<T>[],
  onChunk?: (written: number) => void | Promise<void>,
): Promise<void> {
  if (rows.length === 0) return;
  const meta = m.connection.getMetadata(entity);
  const driver = m.connection.driver;
  const columns = Object.keys(rows[0]).map((property) => {
    const column = meta.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${meta.tableName} has no column for ${property}`);
    return column;
  });
  const version = meta.versionColumn && !columns.includes(meta.versionColumn) ? meta.versionColumn : undefined;
  const names = [...columns, ...(version ? [version] : [])].map((c) => driver.escape(c.databaseName)).join(', ');
  const tuple = `(${[...columns.map(() => '?'), ...(version ? ['1'] : [])].join(', ')})`;
  const perStatement = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    for (const row of chunk) {
      for (const column of columns) parameters.push(driver.preparePersistentValue(row[column.propertyName as keyof T], column) ?? null);
    }
    await m.query(
      `INSERT INTO ${driver.escape(meta.tableName)} (${names}) VALUES ${Array(chunk.length).fill(tuple).join(', ')}`,
      parameters,
    );
    await onChunk?.(chunk.length);
  }
  await tableWritten(m, entity);
}

/**
 * The given columns of the rows matching `where` (equalities), by id, as plain objects with each
 * column's transformer and the driver's conversion applied as TypeORM's own reads do — without
 * building an entity per row, which is most of what reading 100,000s of rows through `find` costs.
 */
export async function selectRows<T extends ObjectLiteral, K extends keyof T & string>(
  m: EntityManager,
  entity: EntityTarget<T>,
  properties: K[],
  where: Partial<T>,
): Promise<Pick<T, K>[]> {
  const meta = m.connection.getMetadata(entity);
  const driver = m.connection.driver;
  const column = (property: string) => {
    const c = meta.findColumnWithPropertyName(property);
    if (!c) throw new Error(`${meta.tableName} has no column for ${property}`);
    return c;
  };
  const columns = properties.map(column);
  const conditions = Object.keys(where).map(column);
  const raw: Record<string, unknown>[] = await m.query(
    `SELECT ${columns.map((c) => driver.escape(c.databaseName)).join(', ')} FROM ${driver.escape(meta.tableName)}` +
      ` WHERE ${conditions.map((c) => `${driver.escape(c.databaseName)} = ?`).join(' AND ')}` +
      ` ORDER BY ${meta.primaryColumns.map((c) => driver.escape(c.databaseName)).join(', ')}`,
    conditions.map((c) => driver.preparePersistentValue(where[c.propertyName as keyof T], c)),
  );
  return raw.map((row) => {
    const out: Partial<T> = {};
    for (const c of columns) out[c.propertyName as keyof T] = driver.prepareHydratedValue(row[c.databaseName], c);
    return out as Pick<T, K>;
  });
}
