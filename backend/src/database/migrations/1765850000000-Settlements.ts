import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { bool, datetime, fk, id, int, money, str, text, uniqueIndex } from '../migration-helpers';

/** The stored annual settlement of a premium fund (DOMAIN.md §6.2), one per contract. */
const FIGURES = [
  'allowance',
  'deduction',
  'allowanceNet',
  'balance',
  'surplus',
  'insurerBears',
  'fundBears',
  'fromReserve',
  'beyondReserve',
  'forfeitedDeposit',
  'due',
  'paidOrPayable',
  'payment',
];

export class Settlements1765850000000 implements MigrationInterface {
  name = 'Settlements1765850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'contract_settlements',
        columns: [
          id(),
          int('contractId'),
          int('year'),
          money('claims'),
          bool('policyDeficit'),
          money('fund'),
          money('allowanceRate', false, 6, 8),
          str('deficitRule', 16),
          money('policyDeficitShare', true, 6, 8),
          text('retentions'),
          bool('assessmentPassed'),
          money('failDeductionRate', true, 6, 8),
          ...FIGURES.map((name) => money(name)),
          int('milestoneId', true),
          int('settledById', true),
          str('settledBy', 64, true),
          datetime('settledAt'),
        ],
        indices: [uniqueIndex('contractId')],
        foreignKeys: [fk('contractId', 'contracts', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('contract_settlements');
  }
}
