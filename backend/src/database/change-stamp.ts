import { EntityManager } from 'typeorm';
import { isSqlite } from './dialect';

/**
 * On SQLite, a stamp that changes whenever any row of the database may have changed: the rows this
 * connection has inserted, updated or deleted (`total_changes()`, counted as they happen, rolled back
 * or not) and the commits of other connections, such as a CLI import into the same file
 * (`data_version`). One query of two counters, where a tender's revision aggregates its rows of ten
 * tables: with an unchanged stamp, a revision read earlier still holds. A spurious change only costs a
 * recomputation. Null on MySQL/MariaDB, which has no such counter.
 */
export async function changeStamp(m: EntityManager): Promise<string | null> {
  if (!isSqlite(m.connection)) return null;
  const [row]: { changes: number; version: number }[] = await m.query(
    'SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version',
  );
  return `${row.changes}.${row.version}`;
}
