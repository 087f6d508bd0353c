import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from '../migration-helpers';
import { isSqlite } from '../dialect';

/**
 * An index on the tender of each score and bid: an evaluation reads a tender's rows together, and
 * on SQLite, which does not index foreign keys, every such read scanned the scores of all tenders.
 */
const TABLES = ['scores', 'bids'];

export class TenderIndexes1764800000000 implements MigrationInterface {
  name = 'TenderIndexes1764800000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.createIndex(table, new TableIndex(index('tenderId')));
  }

  async down(q: QueryRunner): Promise<void> {
    // MySQL will not drop the index a foreign key uses: the key goes first and comes back with its own index.
    const mysql = !isSqlite(q.connection);
    for (const table of TABLES) {
      const t = (await q.getTable(table))!;
      const foreignKey = t.foreignKeys.find((f) => f.columnNames.join() === 'tenderId');
      if (mysql && foreignKey) await q.dropForeignKey(t, foreignKey);
      await q.dropIndex(
        t,
        t.indices.find((i) => !i.isUnique && i.columnNames.join() === 'tenderId')!,
      );
      if (mysql && foreignKey) await q.createForeignKey(t, foreignKey);
    }
  }
}
