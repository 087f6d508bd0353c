import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { datetime, id, index, int, str } from '../migration-helpers';

/**
 * The databases on which this migration ran in this process: their audit chain is started keyed at
 * this start (AuditService). Only then — an unkeyed chain met at any other start was rebuilt without
 * the key, and is left for verification to report, not sealed by a new start.
 */
export const KEYED_CHAIN_DUE = new WeakSet<object>();

/**
 * The keyed audit chain and the security log. Entries get their algorithm (`alg`, null for the
 * entries already recorded, which keep verifying with plain SHA-256); the application then starts the
 * keyed chain with an `audit.keyed` entry under AUDIT_KEY (AuditService).
 */
export class KeyedAudit1765400000000 implements MigrationInterface {
  name = 'KeyedAudit1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('audit_entries', new TableColumn(str('alg', 16, true)));
    await q.createTable(
      new Table({
        name: 'security_events',
        columns: [
          id(),
          datetime('at'),
          str('kind', 16),
          int('userId', true),
          str('username', 64, true),
          str('role', 32, true),
          str('method', 8),
          str('path', 255),
          int('status'),
          str('ip', 64, true),
          str('userAgent', 255, true),
        ],
        indices: [index('at'), index('userId', 'at')],
      }),
    );
    KEYED_CHAIN_DUE.add(q.connection);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('security_events');
    await q.dropColumn('audit_entries', 'alg');
  }
}
