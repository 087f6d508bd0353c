import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { int } from '../migration-helpers';

/**
 * A version on every row an evaluation reads that had none, so a cached evaluation can tell cheaply
 * and exactly whether anything it was computed from has changed (dossier-store: dossierRevision).
 */
const TABLES = ['scoring_schemes', 'bidders', 'panel_members', 'scores', 'draws', 'assessment_schemes', 'assessments'];

export class RowVersions1764700000000 implements MigrationInterface {
  name = 'RowVersions1764700000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.addColumn(table, new TableColumn(int('version', false, 1)));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.dropColumn(table, 'version');
  }
}
