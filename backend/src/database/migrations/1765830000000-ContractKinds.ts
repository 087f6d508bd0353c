import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { bool, fk, id, int, money, str, text, uniqueIndex, updateRows } from '../migration-helpers';

/**
 * Contract kinds (DOMAIN.md §6) and payment schedules as data (§6.1, DOSSIER.md SCHEDULE): a contract
 * has a kind and a term, a premium contract its fund, allowance and retentions, and a milestone may take
 * the remainder of its base, an amount rule, a period and its source clause; a tender keeps the
 * schedules its dossier brought. Existing contracts are per-capita and annual; their milestones move to
 * the new trigger and status names (quarterly-on-application → on-application, after-passed-assessment
 * → after-assessment with the reward-rate rule on the reward base and if-passed otherwise; blocked, which
 * waited for a trigger, → pending).
 */
const RELAXED = {
  contracts: [money('unitPrice'), money('serviceAmount')],
  payment_milestones: [money('amount')],
};
/** Added nullable, filled for the existing rows, then made required. */
const FILLED = [str('kind', 16), str('termStart', 10), str('termEnd', 10), text('retentions')];
const ADDED = {
  contracts: [
    money('fundStandard', true),
    money('fund', true),
    money('allowanceRate', true, 6, 8),
    money('allowance', true),
    money('policyDeficitShare', true, 6, 8),
    str('deficitRule', 20, true),
  ],
  payment_milestones: [bool('remainder'), str('amountRule', 16, true), str('period', 16, true), str('source', 200, true)],
};

export class ContractKinds1765830000000 implements MigrationInterface {
  name = 'ContractKinds1765830000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, columns] of Object.entries(RELAXED)) {
      for (const c of columns) await q.changeColumn(table, c.name, new TableColumn({ ...c, isNullable: true }));
    }
    for (const [table, columns] of Object.entries(ADDED))
      await q.addColumns(
        table,
        columns.map((c) => new TableColumn(c)),
      );
    await q.addColumns(
      'contracts',
      FILLED.map((c) => new TableColumn({ ...c, isNullable: true })),
    );
    const contracts: { id: number; year: number }[] = await q.manager
      .createQueryBuilder()
      .select(['id', 'year'])
      .from('contracts', 'c')
      .getRawMany();
    for (const c of contracts) {
      const year = Number(c.year);
      await q.manager.update(
        'contracts',
        { id: c.id },
        { kind: 'per-capita', termStart: `${year}-01-01`, termEnd: `${year}-12-31`, retentions: '[]' },
      );
    }
    for (const c of FILLED) await q.changeColumn('contracts', c.name, new TableColumn(c));
    await updateRows(
      q,
      'payment_milestones',
      { trigger: 'quarterly-on-application' },
      { trigger: 'on-application', amount: null, share: null },
    );
    await updateRows(
      q,
      'payment_milestones',
      { trigger: 'after-passed-assessment', base: 'reward' },
      { trigger: 'after-assessment', amountRule: 'reward-rate' },
    );
    await updateRows(
      q,
      'payment_milestones',
      { trigger: 'after-passed-assessment' },
      { trigger: 'after-assessment', amountRule: 'if-passed' },
    );
    await updateRows(q, 'payment_milestones', { status: 'blocked' }, { status: 'pending' });
    await q.createTable(
      new Table({
        name: 'tender_schedules',
        columns: [id(), int('tenderId'), str('code', 32), text('schedule')],
        indices: [uniqueIndex('tenderId', 'code')],
        foreignKeys: [fk('tenderId', 'tenders', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('tender_schedules');
    await updateRows(q, 'payment_milestones', { trigger: 'after-assessment' }, { trigger: 'after-passed-assessment' });
    await updateRows(q, 'payment_milestones', { trigger: 'on-application' }, { trigger: 'quarterly-on-application' });
    await updateRows(q, 'payment_milestones', { status: 'withheld' }, { status: 'blocked' });
    for (const c of FILLED) await q.dropColumn('contracts', c.name);
    for (const [table, columns] of Object.entries(ADDED)) {
      for (const c of columns) await q.dropColumn(table, c.name);
    }
    for (const [table, columns] of Object.entries(RELAXED)) {
      for (const c of columns) {
        await q.query(`UPDATE ${table} SET ${c.name} = 0 WHERE ${c.name} IS NULL`);
        await q.changeColumn(table, c.name, new TableColumn(c));
      }
    }
  }
}
