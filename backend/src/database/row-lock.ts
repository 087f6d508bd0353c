import { EntityManager } from 'typeorm';
import { isSqlite } from './dialect';

/**
 * The find option for a row read in order to change it: on MySQL/MariaDB the row is locked
 * (SELECT … FOR UPDATE) until the transaction ends, so two requests cannot both act on what they read;
 * SQLite has no row locks and runs one writing transaction at a time (sqlite-transactions.ts).
 */
export function forUpdate(m: EntityManager): { lock?: { mode: 'pessimistic_write' } } {
  return isSqlite(m.connection) ? {} : { lock: { mode: 'pessimistic_write' } };
}
