import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { datetime, fk, id, int, str, text, uniqueIndex } from '../migration-helpers';

/** Conflict declarations, score sheets and confirmed awards. */
export class Panel1764400000000 implements MigrationInterface {
  name = 'Panel1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('panel_members', [
      new TableColumn(str('declaration', 20, true)),
      new TableColumn(datetime('declaredAt', true)),
      new TableColumn(str('declarationNote', 500, true)),
    ]);
    await q.createTable(
      new Table({
        name: 'score_sheets',
        columns: [
          id(),
          int('tenderId'),
          int('panelMemberId'),
          int('lotId'),
          str('status', 20),
          datetime('submittedAt', true),
          int('version'),
        ],
        indices: [uniqueIndex('panelMemberId', 'lotId')],
        foreignKeys: [fk('panelMemberId', 'panel_members', 'CASCADE'), fk('lotId', 'lots', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'awards',
        columns: [
          id(),
          int('tenderId'),
          datetime('confirmedAt'),
          str('confirmedBy', 64),
          text('results'),
          text('cancellations'),
          int('version'),
        ],
        indices: [uniqueIndex('tenderId')],
        foreignKeys: [fk('tenderId', 'tenders', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('awards');
    await q.dropTable('score_sheets');
    for (const c of ['declarationNote', 'declaredAt', 'declaration']) await q.dropColumn('panel_members', c);
  }
}
