import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { bool, datetime, fk, id, int, str, text, timestamps, uniqueIndex } from '../migration-helpers';
import { isSqlite } from '../dialect';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = !isSqlite(q.connection);
    await q.createTable(
      new Table({
        name: 'organizations',
        columns: [id(), str('code', 64), str('name', 200), str('kind', 20), timestamps(mysql)[0]],
        indices: [uniqueIndex('code')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          str('username', 64),
          str('displayName', 100),
          str('passwordHash', 100),
          str('role', 20),
          int('organizationId', true),
          bool('disabled'),
          int('failedLogins', false, 0),
          datetime('lockedUntil', true),
          ...timestamps(mysql),
        ],
        indices: [uniqueIndex('username')],
        foreignKeys: [fk('organizationId', 'organizations')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          id(),
          datetime('at'),
          int('actorId', true),
          str('actorName', 64, true),
          str('action', 64),
          str('entityType', 64),
          str('entityId', 64, true),
          text('before', true),
          text('after', true),
          str('prevHash', 64),
          str('hash', 64),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_entries', 'users', 'organizations']) await q.dropTable(t);
  }
}
