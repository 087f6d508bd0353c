import { DataSource } from 'typeorm';
import { startApp, TestApp } from '../../test/harness';
import { Organization } from '../users/organization.entity';

/** Many transactions at once must all commit, on SQLite's single connection as on MariaDB. */
describe('concurrent transactions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('commits 20 simultaneous transactions, and a failing one rolls back alone', async () => {
    const ds = t.app.get(DataSource);
    const work = Array.from({ length: 20 }, (_, i) =>
      ds.transaction(async (m) => {
        await m.save(m.create(Organization, { code: `CONC-${i}`, name: `并发机构${i}`, kind: 'insurer' }));
        await new Promise((r) => setTimeout(r, 5));
        if (i === 7) throw new Error('boom');
      }),
    );
    const outcomes = await Promise.allSettled(work);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    const saved = await ds.getRepository(Organization).createQueryBuilder('o').where('o.code LIKE :p', { p: 'CONC-%' }).getCount();
    expect(saved).toBe(19);
  });
});
