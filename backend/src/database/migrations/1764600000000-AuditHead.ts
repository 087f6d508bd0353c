import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { str } from '../migration-helpers';

/** The locked head of the audit chain, starting from the newest entry already recorded. */
export class AuditHead1764600000000 implements MigrationInterface {
  name = 'AuditHead1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: 'audit_head', columns: [{ name: 'id', type: 'integer', isPrimary: true }, str('hash', 64)] }));
    const [last] = await q.query('SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1');
    await q.query('INSERT INTO audit_head (id, hash) VALUES (1, ?)', [last?.hash ?? '0'.repeat(64)]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_head');
  }
}
