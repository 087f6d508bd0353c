import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { OFFICIAL_HOLIDAYS } from '../../domain/calendar/holidays';
import { datetime, fk, id, index, int, str, text } from '../migration-helpers';

/**
 * The holiday table that working days are counted from (法定节假日 and 调休), seeded with the official
 * schedules the domain states (2025 and 2026); and each tender's challenge period (质疑期) in working
 * days, 7 by default (seed 000: 七个工作日), with the bidders' challenges and procurement's answers.
 */
export class Deadlines1765300000000 implements MigrationInterface {
  name = 'Deadlines1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'holiday_days',
        columns: [{ ...str('date', 10), isPrimary: true }, str('kind', 10), str('name', 50)],
      }),
    );
    await q.manager.insert(
      'holiday_days',
      OFFICIAL_HOLIDAYS.map(({ date, kind, name }) => ({ date, kind, name })),
    );
    await q.addColumn('tenders', new TableColumn(int('challengeDays', false, 7)));
    await q.createTable(
      new Table({
        name: 'challenges',
        columns: [
          id(),
          int('tenderId'),
          int('bidderId'),
          str('lotNo', 16, true),
          text('text'),
          datetime('filedAt'),
          str('filedBy', 64),
          str('status', 10),
          text('reason', true),
          datetime('answeredAt', true),
          str('answeredBy', 64, true),
        ],
        indices: [index('tenderId')],
        foreignKeys: [fk('tenderId', 'tenders', 'CASCADE'), fk('bidderId', 'bidders', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('challenges');
    await q.dropColumn('tenders', 'challengeDays');
    await q.dropTable('holiday_days');
  }
}
