import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { datetime, fk, id, int, money, str, text, timestamps, uniqueIndex } from '../migration-helpers';
import { isSqlite } from '../dialect';

/**
 * The annual-assessment workflow: global assessment schemes beside the tenders' own, one assessment
 * per contract with its objections and files, split reward budgets, and the scheduled jobs' runs and
 * deadline notices.
 */
export class Assessments1764500000000 implements MigrationInterface {
  name = 'Assessments1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = !isSqlite(q.connection);
    // A global scheme belongs to no tender.
    await this.tenderOptional(q, true);
    await q.addColumn('assessment_schemes', new TableColumn(str('globalCode', 64, true)));
    await q.createIndex('assessment_schemes', new TableIndex(uniqueIndex('globalCode')));
    await q.createTable(
      new Table({
        name: 'contract_assessments',
        columns: [
          id(),
          int('contractId'),
          int('schemeId'),
          str('status', 16),
          text('items'),
          text('selfItems', true),
          text('selfSummary', true),
          datetime('submittedAt', true),
          money('operatingCost', true),
          money('maxReward', true),
          text('result'),
          datetime('publishedAt', true),
          str('objectionDeadline', 10, true),
          datetime('finalisedAt', true),
          int('rewardMilestoneId', true),
          int('revision'),
          int('reportRevision', true),
          ...timestamps(mysql),
        ],
        // One assessment per contract, i.e. per lot and contract year.
        indices: [uniqueIndex('contractId')],
        foreignKeys: [fk('contractId', 'contracts', 'CASCADE'), fk('schemeId', 'assessment_schemes', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assessment_objections',
        columns: [
          id(),
          int('assessmentId'),
          text('text'),
          str('raisedBy', 64),
          datetime('raisedAt'),
          text('answer', true),
          str('answeredBy', 64, true),
          datetime('answeredAt', true),
          text('revisedItems', true),
        ],
        foreignKeys: [fk('assessmentId', 'contract_assessments', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assessment_files',
        columns: [
          id(),
          int('assessmentId'),
          str('kind', 16),
          str('itemNo', 16, true),
          str('fileName', 255),
          str('mimeType', 100),
          int('size'),
          str('sha256', 64),
          str('description', 500, true),
          str('uploadedBy', 64),
          datetime('uploadedAt'),
          // MySQL's BLOB stops at 64 KB; evidence runs to megabytes.
          { name: 'content', type: mysql ? 'longblob' : 'blob' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'reward_budgets',
        columns: [id(), int('tenderId'), int('year'), money('budget'), text('shares'), str('setBy', 64), datetime('setAt')],
        indices: [uniqueIndex('tenderId', 'year')],
        foreignKeys: [fk('tenderId', 'tenders', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'job_runs',
        columns: [id(), str('job', 64), str('periodKey', 32), datetime('startedAt'), datetime('finishedAt', true), text('outcome', true)],
        // The lock that lets exactly one server run a job for a period.
        indices: [uniqueIndex('job', 'periodKey')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'deadline_notices',
        columns: [id(), str('kind', 20), int('contractId'), str('dueDate', 10), datetime('noticedAt')],
        indices: [uniqueIndex('kind', 'contractId')],
        foreignKeys: [fk('contractId', 'contracts', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'deadline_notices',
      'job_runs',
      'reward_budgets',
      'assessment_files',
      'assessment_objections',
      'contract_assessments',
    ]) {
      await q.dropTable(t);
    }
    await q.query('DELETE FROM assessment_schemes WHERE tenderId IS NULL');
    await q.dropIndex('assessment_schemes', q.connection.namingStrategy.indexName('assessment_schemes', ['globalCode']));
    await q.dropColumn('assessment_schemes', 'globalCode');
    await this.tenderOptional(q, false);
  }

  /** Changed from the column as the database reports it, so MySQL modifies it in place rather than dropping it (and its key). */
  private async tenderOptional(q: QueryRunner, nullable: boolean): Promise<void> {
    const table = (await q.getTable('assessment_schemes'))!;
    const column = table.findColumnByName('tenderId')!;
    const changed = column.clone();
    changed.isNullable = nullable;
    await q.changeColumn(table, column, changed);
  }
}
