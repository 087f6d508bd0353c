import { DataSource } from 'typeorm';
import { freshDatabase, TEST_AUDIT_KEY } from '../../test/harness';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source';
import { migrate } from './migrate';
import { ENTITIES } from '../entities';

/** The migrations alone must build exactly the schema the entities describe, on SQLite and MySQL. */
describe('migrations', () => {
  it('create the schema the entities expect, and revert cleanly', async () => {
    const db = await freshDatabase();
    const ds = new DataSource(
      dataSourceOptions(loadConfig({ DATABASE_URL: db.url, JWT_SECRET: 'x', AUDIT_KEY: TEST_AUDIT_KEY }), ENTITIES),
    );
    try {
      await ds.initialize();
      await migrate(ds);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      expect(await ds.showMigrations()).toBe(false);
      for (const _ of ds.migrations) await ds.undoLastMigration();
      const tables = await ds.createQueryRunner().getTables(['users', 'organizations']);
      expect(tables).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
