import { createHash } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { isSqlite } from './dialect';

const LOCK_WAIT_SECONDS = 600;

/**
 * A named lock belongs to the whole MySQL/MariaDB server: the database's name goes into it, so that
 * servers on other databases of the same server (other installations, the tests' parallel workers) do
 * not wait for each other. MySQL takes names of at most 64 characters: a longer one is shortened by hash.
 */
async function lockName(holder: QueryRunner, name: string): Promise<string> {
  const [{ db }] = (await holder.query('SELECT DATABASE() AS db')) as { db: string }[];
  const full = `${name}@${db}`;
  return full.length <= 64 ? full : `${name}@${createHash('sha256').update(db).digest('hex')}`.slice(0, 64);
}

/**
 * Runs `work` while holding a named lock of MySQL/MariaDB, so that of several servers starting together
 * on one database one does it and the others wait, then find it done. An SQLite file belongs to one
 * server, which needs no lock.
 */
export async function withNamedLock<T>(dataSource: DataSource, name: string, work: () => Promise<T>): Promise<T> {
  if (isSqlite(dataSource)) return work();
  // GET_LOCK belongs to a connection: this runner holds it while the work runs on others.
  const holder = dataSource.createQueryRunner();
  await holder.connect();
  try {
    const lock = await lockName(holder, name);
    const [{ locked }] = (await holder.query('SELECT GET_LOCK(?, ?) AS locked', [lock, LOCK_WAIT_SECONDS])) as {
      locked: number | string;
    }[];
    if (Number(locked) !== 1) throw new Error(`another server held the lock ${name} for ${LOCK_WAIT_SECONDS} s`);
    try {
      return await work();
    } finally {
      await holder.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await holder.release();
  }
}

/** Brings the schema up to date once, however many servers start together. */
export async function migrate(dataSource: DataSource): Promise<void> {
  await withNamedLock(dataSource, 'hcprocure.migrations', () => dataSource.runMigrations());
}
