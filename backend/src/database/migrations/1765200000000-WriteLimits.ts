import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { int, str } from '../migration-helpers';

/**
 * Limits on writes (issue 12 §11): an objection names the item it is about (one open objection per
 * item), and each user's writes of the current minute are counted in the database, so that every
 * server behind a proxy counts against one limit.
 */
export class WriteLimits1765200000000 implements MigrationInterface {
  name = 'WriteLimits1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('assessment_objections', new TableColumn(str('itemNo', 16, true)));
    await q.createTable(
      new Table({
        name: 'write_rates',
        columns: [{ ...int('userId'), isPrimary: true }, int('windowStart'), int('writes')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('write_rates');
    await q.dropColumn('assessment_objections', 'itemNo');
  }
}
