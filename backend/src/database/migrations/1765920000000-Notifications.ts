import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { datetime, id, index, int, str } from '../migration-helpers';

/** In-app notifications per recipient, with the state of their e-mail; users get an e-mail address. */
export class Notifications1765920000000 implements MigrationInterface {
  name = 'Notifications1765920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn(str('email', 254, true)));
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          id(),
          int('userId'),
          str('kind', 32),
          str('objectType', 16),
          int('objectId'),
          str('objectName', 255),
          str('link', 255),
          datetime('createdAt'),
          datetime('readAt', true),
          { ...str('mailStatus', 8), default: "'none'" },
          int('mailAttempts', false, 0),
          datetime('mailNextAt', true),
          str('mailError', 255, true),
        ],
        indices: [index('userId', 'id'), index('mailStatus', 'mailNextAt')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notifications');
    await q.dropColumn('users', 'email');
  }
}
