import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { isSqlite } from '../dialect';

/**
 * A confirmed award's results as LONGTEXT on MySQL/MariaDB: the JSON of a tender with a few hundred
 * bids exceeds TEXT's 64 KB, and confirming such a tender failed. SQLite's TEXT has no limit.
 */
const COLUMNS = ['results', 'cancellations'];

export class LongResults1764900000000 implements MigrationInterface {
  name = 'LongResults1764900000000';

  async up(q: QueryRunner): Promise<void> {
    if (isSqlite(q.connection)) return;
    for (const name of COLUMNS) await q.changeColumn('awards', name, new TableColumn({ name, type: 'longtext' }));
  }

  async down(q: QueryRunner): Promise<void> {
    if (isSqlite(q.connection)) return;
    for (const name of COLUMNS) await q.changeColumn('awards', name, new TableColumn({ name, type: 'text' }));
  }
}
