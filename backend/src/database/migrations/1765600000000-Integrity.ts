import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { isSqlite } from '../dialect';
import { datetime, fk, id, index, int, str, text, uniqueIndex } from '../migration-helpers';

/**
 * Procurement integrity: a published tender's clarification notices (澄清/更正公告), the panel's
 * decisions on outlier scores, and the confirmed awards a re-evaluation set aside.
 */
export class Integrity1765600000000 implements MigrationInterface {
  name = 'Integrity1765600000000';

  async up(q: QueryRunner): Promise<void> {
    const long = isSqlite(q.connection) ? 'text' : 'longtext';
    await q.createTable(
      new Table({
        name: 'tender_clarifications',
        columns: [id(), int('tenderId'), int('no'), datetime('publishedAt'), str('publishedBy', 64), text('changes')],
        indices: [uniqueIndex('tenderId', 'no')],
        foreignKeys: [fk('tenderId', 'tenders', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outlier_decisions',
        columns: [
          id(),
          int('tenderId'),
          int('lotId'),
          int('panelMemberId'),
          int('bidId'),
          str('criterionNo', 16),
          { name: 'value', type: 'decimal', precision: 6, scale: 1 },
          str('decision', 500),
          str('decidedBy', 64),
          datetime('decidedAt'),
        ],
        indices: [index('tenderId')],
        foreignKeys: [fk('tenderId', 'tenders', 'CASCADE'), fk('panelMemberId', 'panel_members', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'award_history',
        columns: [
          id(),
          int('tenderId'),
          int('round'),
          datetime('confirmedAt'),
          str('confirmedBy', 64),
          { name: 'results', type: long },
          { name: 'cancellations', type: long },
          str('lot', 16),
          str('reason', 500),
          datetime('reopenedAt'),
          str('reopenedBy', 64),
        ],
        indices: [uniqueIndex('tenderId', 'round')],
        foreignKeys: [fk('tenderId', 'tenders', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['award_history', 'outlier_decisions', 'tender_clarifications']) await q.dropTable(table);
  }
}
