import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { str } from '../migration-helpers';

/** A contract imported from a dossier keeps the day its statuses stood on (DOSSIER.md CONTRACT.asOf), so it exports back alike. */
export class DossierContracts1765900000000 implements MigrationInterface {
  name = 'DossierContracts1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('contracts', new TableColumn(str('asOf', 10, true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('contracts', 'asOf');
  }
}
