import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { bool } from '../migration-helpers';

/** Whether a tender's open-data export (OCDS) shows the per-criterion scores after the award. */
export class PublishScores1765000000000 implements MigrationInterface {
  name = 'PublishScores1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('tenders', new TableColumn(bool('publishScores')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('tenders', 'publishScores');
  }
}
