import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions, ENTITIES } from '../database/data-source';
it('init', async () => {
  console.log(ENTITIES.map((e) => e && e.name));
  const ds = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: process.env.TEST_MYSQL_URL ? process.env.TEST_MYSQL_URL : 'sqlite::memory:', JWT_SECRET: 'x' })));
  try { await ds.initialize(); console.log((await ds.driver.createSchemaBuilder().log()).upQueries.map(q=>q.query)); } catch (e) { console.log(e); }
});
