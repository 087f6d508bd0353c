import { DataSource } from 'typeorm';
import { isSqlite } from './dialect';

const LOCK_WAIT_SECONDS = 600;

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
    const [{ locked }] = (await holder.query('SELECT GET_LOCK(?, ?) AS locked', [name, LOCK_WAIT_SECONDS])) as {
      locked: number | string;
    }[];
    if (Number(locked) !== 1) throw new Error(`another server held the lock ${name} for ${LOCK_WAIT_SECONDS} s`);
    try {
      return await work();
    } finally {
      await holder.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await holder.release();
  }
}

/** Brings the schema up to date once, however many servers start together. */
export async function migrate(dataSource: DataSource): Promise<void> {
  await withNamedLock(dataSource, 'hcprocure.migrations', () => dataSource.runMigrations());
}
