import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { int } from '../migration-helpers';

/**
 * A version on each payment milestone, raised by every change: a payment recorded through the ledger
 * then changes the tender's revision, and the results' contracts part computed before it is not served.
 */
export class MilestoneVersions1765970000000 implements MigrationInterface {
  name = 'MilestoneVersions1765970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('payment_milestones', new TableColumn(int('version', false, 1)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('payment_milestones', 'version');
  }
}
