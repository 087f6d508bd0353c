import { DataSource, EntityManager } from 'typeorm';
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
  const row = stampStatement(m.connection).get() as { changes: number; version: number };
  return `${row.changes}.${row.version}`;
}

/**
 * The stamp's statement, prepared once on the driver's one connection: it runs on every GET of results,
 * and TypeORM's query path (a query runner, the statement prepared again, the rows mapped) cost several
 * times the statement itself. It reads two counters and no table, so it needs no transaction.
 */
type Prepared = { get(): unknown };
type Connection = { prepare(sql: string): Prepared };
/** Per better-sqlite3 connection (a data source opened again gets a new one, and a statement of its own). */
const statements = new WeakMap<Connection, Prepared>();
function stampStatement(dataSource: DataSource): Prepared {
  const db = (dataSource.driver as unknown as { databaseConnection: Connection }).databaseConnection;
  let statement = statements.get(db);
  if (!statement) {
    statement = db.prepare('SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version');
    statements.set(db, statement);
  }
  return statement;
}
