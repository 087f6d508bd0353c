import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { int, str } from '../migration-helpers';

/**
 * The change stamp of MariaDB/MySQL (database/change-stamp.ts): one row whose stamp every write to the
 * users, the tenders and their dossiers replaces, so that a server reuses its reads of them while it
 * stands, whichever instance wrote. Created on SQLite too (the schema is one), where it stays unused.
 */
export class ChangeStamps1766200000000 implements MigrationInterface {
  name = 'ChangeStamps1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'change_stamps', columns: [{ ...int('id'), isPrimary: true }, str('stamp', 36)] }));
    await q.query('INSERT INTO change_stamps (id, stamp) VALUES (1, ?)', [randomUUID()]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('change_stamps');
  }
}
