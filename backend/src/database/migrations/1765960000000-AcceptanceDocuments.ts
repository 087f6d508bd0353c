import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { isSqlite } from '../dialect';
import { datetime, id, index, int, str } from '../migration-helpers';

/** The documents kept with an acceptance (验收): report, minutes, photographs (DOMAIN.md §6.1). */
export class AcceptanceDocuments1765960000000 implements MigrationInterface {
  name = 'AcceptanceDocuments1765960000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = !isSqlite(q.connection);
    await q.createTable(
      new Table({
        name: 'acceptance_documents',
        columns: [
          id(),
          int('acceptanceId'),
          int('contractId'),
          str('fileName', 255),
          str('mimeType', 100),
          int('size'),
          str('sha256', 64),
          datetime('uploadedAt'),
          str('uploadedBy', 64),
          // MySQL's BLOB stops at 64 KB; scanned reports run to megabytes.
          { name: 'content', type: mysql ? 'longblob' : 'blob' },
        ],
        indices: [index('acceptanceId')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('acceptance_documents');
  }
}
