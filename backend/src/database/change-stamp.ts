import { randomUUID } from 'node:crypto';
import type {
  DataSource,
  EntityManager,
  EntityMetadata,
  EntitySubscriberInterface,
  EntityTarget,
  InsertEvent,
  ObjectLiteral,
  QueryRunner,
  RecoverEvent,
  RemoveEvent,
  SoftRemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';
import { ChangeStamp } from './change-stamp.entity';
import { isSqlite } from './dialect';

/**
 * A stamp that changes whenever a row may have changed that a read reused while it stands was read
 * from (common/fresh-read.ts, StampedRead). A spurious change only costs a read again.
 * - SQLite: the rows this connection has inserted, updated or deleted (`total_changes()`, counted as
 *   they happen, rolled back or not) and the commits of other connections, such as a CLI import into
 *   the same file (`data_version`): one prepared statement of two counters, no table.
 * - MariaDB/MySQL, which has no such counter: the one row of change_stamps, given a new random stamp in
 *   the transaction of every write to the watched tables (watchChanges), so that it commits with the
 *   write, whichever instance made it. Random, not counted: a database restored from a backup never
 *   brings back a stamp that stood for other rows.
 */
export function readChangeStamp(dataSource: DataSource): string | Promise<string> {
  if (!stampsByQuery(dataSource)) {
    const row = stampStatement(dataSource).get() as { changes: number; version: number };
    return `${row.changes}.${row.version}`;
  }
  return dataSource.query(stampSql(dataSource)).then((rows: { stamp: string }[]) => rows[0].stamp);
}

/** Whether the stamp is a query of its own (MariaDB/MySQL), worth sharing among concurrent callers. */
export const stampsByQuery = (dataSource: DataSource): boolean => !isSqlite(dataSource);

const stampSql = (dataSource: DataSource) => {
  const q = (name: string) => dataSource.driver.escape(name);
  return `SELECT ${q('stamp')} AS ${q('stamp')} FROM ${q(dataSource.getMetadata(ChangeStamp).tableName)} WHERE ${q('id')} = 1`;
};

/**
 * The SQLite stamp's statement, prepared once on the driver's one connection: it runs on every GET of
 * results, and TypeORM's query path (a query runner, the statement prepared again, the rows mapped) cost
 * several times the statement itself. It reads two counters and no table, so it needs no transaction.
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

/**
 * On MariaDB/MySQL, gives the change stamp a new value with every write to `watched` (the tables whose
 * reads are reused while it stands): a write through TypeORM (save, insert, update, delete, through the
 * entity manager or a query builder) marks its transaction, whose commit replaces the stamp just before
 * it commits — once per transaction, its lock held only for the commit; a write outside a transaction
 * replaces it at once. Plain SQL a feature writes with tells it through tableWritten. On SQLite, nothing:
 * its stamp counts every change itself.
 */
export function watchChanges(dataSource: DataSource, watched: EntityTarget<ObjectLiteral>[]): void {
  if (!stampsByQuery(dataSource)) return;
  const tables = new Set(watched.map((target) => dataSource.getMetadata(target).tableName));
  dataSource.subscribers.push(new ChangeStampSubscriber(tables, bumpSql(dataSource)));
}

const bumpSql = (dataSource: DataSource) => {
  const q = (name: string) => dataSource.driver.escape(name);
  return `UPDATE ${q(dataSource.getMetadata(ChangeStamp).tableName)} SET ${q('stamp')} = ? WHERE ${q('id')} = 1`;
};

/** Transactions that wrote to a watched table and have not yet replaced the stamp. */
const pending = new WeakSet<QueryRunner>();

class ChangeStampSubscriber implements EntitySubscriberInterface {
  constructor(
    private readonly tables: Set<string>,
    private readonly bump: string,
  ) {}

  afterInsert(e: InsertEvent<unknown>) {
    return this.written(e.queryRunner, e.metadata);
  }
  afterUpdate(e: UpdateEvent<unknown>) {
    return this.written(e.queryRunner, e.metadata);
  }
  afterRemove(e: RemoveEvent<unknown>) {
    return this.written(e.queryRunner, e.metadata);
  }
  afterSoftRemove(e: SoftRemoveEvent<unknown>) {
    return this.written(e.queryRunner, e.metadata);
  }
  afterRecover(e: RecoverEvent<unknown>) {
    return this.written(e.queryRunner, e.metadata);
  }

  async beforeTransactionCommit(e: TransactionCommitEvent) {
    if (!pending.delete(e.queryRunner)) return;
    await this.replace(e.queryRunner);
  }
  afterTransactionRollback(e: TransactionRollbackEvent) {
    // A savepoint rolled back may leave the transaction's earlier writes: only the whole transaction's end clears the mark.
    if (!e.queryRunner.isTransactionActive) pending.delete(e.queryRunner);
  }

  async written(queryRunner: QueryRunner, metadata: EntityMetadata): Promise<void> {
    if (!this.tables.has(metadata.tableName)) return;
    if (queryRunner.isTransactionActive) pending.add(queryRunner);
    else await this.replace(queryRunner);
  }

  private async replace(queryRunner: QueryRunner) {
    await queryRunner.query(this.bump, [randomUUID()]);
  }
}

/** A write of plain SQL to `entity`'s table through `m` (bulk-rows.ts), told to the change stamp as TypeORM's own writes are. */
export async function tableWritten(m: EntityManager, entity: EntityTarget<ObjectLiteral>): Promise<void> {
  const subscriber = m.connection.subscribers.find((s): s is ChangeStampSubscriber => s instanceof ChangeStampSubscriber);
  if (!subscriber) return;
  const queryRunner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    await subscriber.written(queryRunner, m.connection.getMetadata(entity));
  } finally {
    if (!m.queryRunner) await queryRunner.release();
  }
}
