import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { datetime, fk, id, index, int, str, text, uniqueIndex } from '../migration-helpers';

/**
 * The opening record's confirmation (开标记录确认, 财政部87号令 art. 41): each tender's window in minutes
 * (30 by default, as 政采云), its opening with the window, and each bid's line with its bidder's answer
 * and procurement's answer to a dispute.
 */
export class OpeningRecord1765810000000 implements MigrationInterface {
  name = 'OpeningRecord1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('tenders', new TableColumn(int('openingConfirmMinutes', false, 30)));
    await q.createTable(
      new Table({
        name: 'tender_openings',
        columns: [id(), int('tenderId'), datetime('openedAt'), int('confirmMinutes'), datetime('windowEndsAt'), str('status', 12)],
        indices: [uniqueIndex('tenderId')],
        foreignKeys: [fk('tenderId', 'tenders', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'opening_lines',
        columns: [
          id(),
          int('tenderId'),
          int('bidId'),
          str('status', 20),
          datetime('respondedAt', true),
          str('respondedBy', 64, true),
          text('disputeReason', true),
          text('answer', true),
          datetime('answeredAt', true),
          str('answeredBy', 64, true),
          text('correction', true),
        ],
        indices: [index('tenderId'), uniqueIndex('bidId')],
        foreignKeys: [fk('tenderId', 'tenders', 'CASCADE'), fk('bidId', 'bids', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('opening_lines');
    await q.dropTable('tender_openings');
    await q.dropColumn('tenders', 'openingConfirmMinutes');
  }
}
