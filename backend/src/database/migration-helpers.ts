import { QueryRunner, TableColumnOptions, TableForeignKeyOptions, TableIndexOptions } from 'typeorm';

/**
 * Column builders for migrations written once for SQLite and MySQL/MariaDB alike (TypeORM's
 * schema API translates them); the migration test checks that the result matches the entities.
 */
export const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
export const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
export const int = (name: string, nullable = false, dflt?: number): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
  default: dflt,
});
export const bool = (name: string, dflt = false): TableColumnOptions => ({
  name,
  type: 'boolean',
  // Both drivers store booleans as 0/1 and compare defaults in that form.
  default: dflt ? 1 : 0,
});
export const text = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});
export const datetime = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  isNullable: nullable,
});
export const money = (name: string, nullable = false, scale = 2, precision = 18): TableColumnOptions => ({
  name,
  type: 'decimal',
  precision,
  scale,
  isNullable: nullable,
});
/** createdAt / updatedAt as TypeORM's Create/UpdateDateColumn expect them on each driver. */
export const timestamps = (mysql: boolean): TableColumnOptions[] =>
  ['createdAt', 'updatedAt'].map((name) => ({
    name,
    type: 'datetime',
    precision: mysql ? 6 : undefined,
    default: mysql ? 'CURRENT_TIMESTAMP(6)' : "datetime('now')",
    onUpdate: mysql && name === 'updatedAt' ? 'CURRENT_TIMESTAMP(6)' : undefined,
  }));
/** An index (entities declare the same with @Index). */
export const index = (...columnNames: string[]): TableIndexOptions => ({ columnNames });
/** A unique index (entities declare the same with @Index({ unique: true })). */
export const uniqueIndex = (...columnNames: string[]): TableIndexOptions => ({ columnNames, isUnique: true });
/** A foreign key as TypeORM derives it from a relation (ON UPDATE NO ACTION spelled out for MariaDB). */
export const fk = (column: string, table: string, onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'RESTRICT'): TableForeignKeyOptions => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
  onUpdate: 'NO ACTION',
});

/**
 * A plain `UPDATE table SET … WHERE …` (columns compared for equality). The entity manager's update
 * would add the columns the entity has today (a version raised on every update), which an earlier
 * migration's table does not have yet.
 */
export async function updateRows(
  q: QueryRunner,
  table: string,
  where: Record<string, string | number>,
  set: Record<string, string | number | null>,
): Promise<void> {
  const e = (name: string) => q.connection.driver.escape(name);
  const assignments = Object.keys(set).map((k) => `${e(k)} = ?`);
  const conditions = Object.keys(where).map((k) => `${e(k)} = ?`);
  await q.query(`UPDATE ${e(table)} SET ${assignments.join(', ')} WHERE ${conditions.join(' AND ')}`, [
    ...Object.values(set),
    ...Object.values(where),
  ]);
}
