import { Mutex } from 'async-mutex';
import { DataSource, QueryRunner } from 'typeorm';
import { isSqlite } from './dialect';

type Runner = QueryRunner & { transactionDepth: number; driver: object };

const locks = new WeakMap<object, Mutex>();
const releases = new WeakMap<object, () => void>();
let patched = false;

/**
 * SQLite through better-sqlite3 has one connection per database, so two requests that open a
 * transaction at the same moment would collide ("cannot start a transaction within a transaction").
 * Outer transactions on the same database therefore take turns; nested ones (savepoints) pass.
 *
 * They also begin IMMEDIATE, taking the write lock at the start: a deferred transaction that has
 * read and then writes while another process (a CLI import, a backup) holds the lock fails at once
 * with SQLITE_BUSY, because SQLite cannot wait without risking a deadlock; an immediate one waits
 * for the lock (better-sqlite3's busy timeout) before it has read anything.
 */
export function serialiseSqliteTransactions(dataSource: DataSource): void {
  if (!isSqlite(dataSource) || patched) return;
  const runner = dataSource.createQueryRunner() as Runner;
  const proto = Object.getPrototypeOf(runner) as Runner;
  void runner.release();
  patched = true;
  const { startTransaction, commitTransaction, rollbackTransaction, query } = proto;

  proto.query = function (this: Runner, sql: string, ...rest: unknown[]) {
    return (query as (...a: unknown[]) => Promise<unknown>).call(
      this,
      sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql,
      ...rest,
    );
  } as QueryRunner['query'];

  proto.startTransaction = async function (this: Runner, ...args: Parameters<QueryRunner['startTransaction']>) {
    if (this.transactionDepth > 0) return startTransaction.apply(this, args);
    let lock = locks.get(this.driver);
    if (!lock) locks.set(this.driver, (lock = new Mutex()));
    const release = await lock.acquire();
    try {
      await startTransaction.apply(this, args);
      releases.set(this.driver, release);
    } catch (e) {
      release();
      throw e;
    }
  };
  const ending = (original: () => Promise<void>) =>
    async function (this: Runner) {
      try {
        await original.apply(this);
      } finally {
        if (this.transactionDepth === 0) {
          releases.get(this.driver)?.();
          releases.delete(this.driver);
        }
      }
    };
  proto.commitTransaction = ending(commitTransaction);
  proto.rollbackTransaction = ending(rollbackTransaction);
}
