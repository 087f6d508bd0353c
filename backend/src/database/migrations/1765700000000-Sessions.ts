import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { bool, datetime, int } from '../migration-helpers';

/** Sessions and the password policy: each user's token version, a forced change and the password's age. */
const COLUMNS = [int('tokenVersion', false, 0), bool('mustChangePassword'), datetime('passwordChangedAt', true)];

export class Sessions1765700000000 implements MigrationInterface {
  name = 'Sessions1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns(
      'users',
      COLUMNS.map((c) => new TableColumn(c)),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of [...COLUMNS].reverse()) await q.dropColumn('users', c.name);
  }
}
