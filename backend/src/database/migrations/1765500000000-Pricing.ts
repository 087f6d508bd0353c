import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { bool, int, money, str, text } from '../migration-helpers';

/**
 * Dossier format 2 (DOSSIER.md): lump-sum and rate-priced lots, consortia and the panel's findings.
 * A lump-sum lot has no base population or unit cap and its bids no unit price; a rate-priced lot
 * has a rate cap instead of a budget and its bids a rate and a deficit share instead of amounts.
 */
const RELAXED = {
  lots: [int('basePopulation'), money('maxUnitPrice'), money('maxBudget')],
  bids: [money('unitPrice', false, 6), money('serviceTotal'), money('total')],
};
const ADDED = {
  tenders: [{ ...bool('consortiaAllowed') }, str('contractKind', 20, true)],
  lots: [str('pricing', 20, true), money('maxRate', true, 6, 8)],
  bidders: [text('members', true), { ...bool('collusionFound'), isNullable: true, default: undefined }, str('collusionNote', 500, true)],
  bids: [money('rate', true, 6, 8), money('deficitShare', true, 6, 8), str('abnormalLowNote', 500, true)],
};

export class Pricing1765500000000 implements MigrationInterface {
  name = 'Pricing1765500000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, columns] of Object.entries(RELAXED)) {
      for (const c of columns) await q.changeColumn(table, c.name, new TableColumn({ ...c, isNullable: true }));
    }
    for (const [table, columns] of Object.entries(ADDED))
      await q.addColumns(
        table,
        columns.map((c) => new TableColumn(c)),
      );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, columns] of Object.entries(ADDED)) {
      for (const c of columns) await q.dropColumn(table, c.name);
    }
    for (const [table, columns] of Object.entries(RELAXED)) {
      for (const c of columns) await q.changeColumn(table, c.name, new TableColumn(c));
    }
  }
}
