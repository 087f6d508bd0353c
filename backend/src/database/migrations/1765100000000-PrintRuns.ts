import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { datetime, int, str, text } from '../migration-helpers';

/** Background prints in the database, so that every server behind the proxy sees them (PrintRun). */
export class PrintRuns1765100000000 implements MigrationInterface {
  name = 'PrintRuns1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'print_runs',
        columns: [
          { ...str('ownerKey', 100), isPrimary: true },
          datetime('startedAt'),
          int('failureStatus', true),
          text('failureMessage', true),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('print_runs');
  }
}
