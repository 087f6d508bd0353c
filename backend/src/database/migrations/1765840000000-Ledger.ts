import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { datetime, fk, id, index, int, money, str, text } from '../migration-helpers';

/**
 * The events that release money and the ledger (DOMAIN.md §6.1): a milestone's application (requested
 * amount, day), its payment (day, voucher) or the reason it is withheld; the buyer's service
 * evaluations and acceptances.
 */
const MILESTONE_COLUMNS = [
  money('requested', true),
  str('appliedOn', 10, true),
  str('paidOn', 10, true),
  str('voucher', 64, true),
  str('withheldReason', 200, true),
];
/** An outcome the entity gives no default: each record states it. */
const outcome = { name: 'passed', type: 'boolean' };

export class Ledger1765840000000 implements MigrationInterface {
  name = 'Ledger1765840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns(
      'payment_milestones',
      MILESTONE_COLUMNS.map((c) => new TableColumn(c)),
    );
    await q.createTable(
      new Table({
        name: 'service_evaluations',
        columns: [id(), int('contractId'), str('period', 16), str('evaluatedOn', 10), outcome, text('note', true), datetime('recordedAt')],
        indices: [index('contractId')],
        foreignKeys: [fk('contractId', 'contracts', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'acceptances',
        columns: [id(), int('contractId'), str('acceptedOn', 10), outcome, text('note', true), text('claim', true), datetime('recordedAt')],
        indices: [index('contractId')],
        foreignKeys: [fk('contractId', 'contracts', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('acceptances');
    await q.dropTable('service_evaluations');
    for (const c of [...MILESTONE_COLUMNS].reverse()) await q.dropColumn('payment_milestones', c.name);
  }
}
