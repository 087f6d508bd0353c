import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { money, str } from '../migration-helpers';

/**
 * The repeated-failure deduction (DOMAIN.md §7): the points a tender proposes to deduct from a bidder
 * that failed its annual assessment in two or more years, and the panel's decision on each bid with its reason.
 */
const ADDED = {
  tenders: [money('repeatedFailureDeduction', true, 2, 6)],
  bids: [str('repeatedFailureDecision', 10, true), str('repeatedFailureNote', 500, true)],
};

export class RepeatedFailureDeduction1765820000000 implements MigrationInterface {
  name = 'RepeatedFailureDeduction1765820000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, columns] of Object.entries(ADDED)) {
      await q.addColumns(
        table,
        columns.map((c) => new TableColumn(c)),
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, columns] of Object.entries(ADDED)) {
      for (const c of columns) await q.dropColumn(table, c.name);
    }
  }
}
