import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { datetime, fk, id, int, money, str, text, timestamps, uniqueIndex } from '../migration-helpers';
import { isSqlite } from '../dialect';

/** Annual contracts per awarded lot, their payment milestones, and stored documents (PDFs). */
export class Contracts1764300000000 implements MigrationInterface {
  name = 'Contracts1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = !isSqlite(q.connection);
    await q.createTable(
      new Table({
        name: 'contracts',
        columns: [
          id(),
          int('tenderId'),
          str('lotNo', 16),
          int('year'),
          int('bidderId'),
          money('unitPrice'),
          int('population', true),
          money('serviceAmount'),
          text('fixedFees'),
          money('contractAmount'),
          money('rewardBudget', true),
          str('scheduleTemplate', 32),
          str('status', 16),
          datetime('signedAt', true),
          int('version'),
          ...timestamps(mysql),
        ],
        // One contract per lot and year: also what makes the next-year draft job safe to run twice.
        indices: [uniqueIndex('tenderId', 'lotNo', 'year')],
        foreignKeys: [fk('tenderId', 'tenders', 'CASCADE'), fk('bidderId', 'bidders', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'payment_milestones',
        columns: [
          id(),
          int('contractId'),
          int('seq'),
          str('name', 100),
          str('base', 10),
          money('share', true, 6, 8),
          money('fixedAmount', true),
          str('trigger', 32),
          text('dueRule', true),
          str('dueDate', 10, true),
          str('status', 10),
          money('amount'),
        ],
        indices: [uniqueIndex('contractId', 'seq')],
        foreignKeys: [fk('contractId', 'contracts', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'documents',
        columns: [
          id(),
          str('kind', 32),
          str('ownerType', 32),
          int('ownerId'),
          int('version'),
          str('sha256', 64),
          int('size'),
          timestamps(mysql)[0],
          int('createdBy', true),
          // MySQL's BLOB stops at 64 KB; a PDF with embedded CJK fonts is larger.
          { name: 'content', type: mysql ? 'longblob' : 'blob' },
        ],
        indices: [uniqueIndex('ownerType', 'ownerId', 'kind', 'version')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['documents', 'payment_milestones', 'contracts']) await q.dropTable(t);
  }
}
