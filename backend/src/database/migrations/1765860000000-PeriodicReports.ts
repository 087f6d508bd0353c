import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { isSqlite } from '../dialect';
import { bool, datetime, id, int, str, text, uniqueIndex } from '../migration-helpers';

/**
 * The insurer's periodic reports (DOMAIN.md §8): the report rules a contract carries, the reports with
 * their files and receipts, the assessment scheme's due month, and deadline notices per report period
 * (a notice of the monthly report is one per month, so the period joins the notice's key).
 */
export class PeriodicReports1765860000000 implements MigrationInterface {
  name = 'PeriodicReports1765860000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = !isSqlite(q.connection);
    await q.addColumn('contracts', new TableColumn(text('reportRules', true)));
    await q.addColumn('assessment_schemes', new TableColumn(text('due', true)));
    await q.createTable(
      new Table({
        name: 'periodic_reports',
        columns: [
          id(),
          int('contractId'),
          str('kind', 16),
          str('period', 16),
          str('dueDate', 10),
          str('submittedOn', 10),
          datetime('submittedAt'),
          str('submittedBy', 64),
          bool('late'),
          str('fileName', 255),
          str('mimeType', 100),
          int('size'),
          str('sha256', 64),
          str('receivedOn', 10, true),
          datetime('receivedAt', true),
          str('receivedBy', 64, true),
          // MySQL's BLOB stops at 64 KB; reports run to megabytes.
          { name: 'content', type: mysql ? 'longblob' : 'blob' },
        ],
        indices: [uniqueIndex('contractId', 'kind', 'period')],
      }),
    );
    await q.addColumn('deadline_notices', new TableColumn({ ...str('period', 16), default: "''" }));
    await q.dropIndex('deadline_notices', this.noticeKey(q, ['kind', 'contractId']));
    await q.createIndex(
      'deadline_notices',
      new TableIndex({ ...uniqueIndex('kind', 'contractId', 'period'), name: this.noticeKey(q, ['kind', 'contractId', 'period']) }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadline_notices WHERE period <> ''`);
    await q.dropIndex('deadline_notices', this.noticeKey(q, ['kind', 'contractId', 'period']));
    await q.createIndex(
      'deadline_notices',
      new TableIndex({ ...uniqueIndex('kind', 'contractId'), name: this.noticeKey(q, ['kind', 'contractId']) }),
    );
    await q.dropColumn('deadline_notices', 'period');
    await q.dropTable('periodic_reports');
    await q.dropColumn('assessment_schemes', 'due');
    await q.dropColumn('contracts', 'reportRules');
  }

  private noticeKey(q: QueryRunner, columns: string[]): string {
    return q.connection.namingStrategy.indexName('deadline_notices', columns);
  }
}
