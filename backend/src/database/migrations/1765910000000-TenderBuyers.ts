import { MigrationInterface, QueryRunner, TableColumn, TableForeignKey } from 'typeorm';
import { fk, int } from '../migration-helpers';

/**
 * Each tender names its buyer organisation (the bureau whose officials reach its contracts, DOMAIN.md
 * §1). Existing tenders take the bureau organisation their purchaser's name matches exactly (the
 * lowest id if several share it), as new ones do (tenders/buyers.ts); the others have none.
 */
export class TenderBuyers1765910000000 implements MigrationInterface {
  name = 'TenderBuyers1765910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('tenders', new TableColumn(int('buyerOrganizationId', true)));
    await q.createForeignKey('tenders', new TableForeignKey(fk('buyerOrganizationId', 'organizations')));
    await q.query(
      `UPDATE tenders SET buyerOrganizationId = (SELECT MIN(o.id) FROM organizations o WHERE o.kind = 'bureau' AND o.name = tenders.purchaser)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const table = await q.getTable('tenders');
    const key = table!.foreignKeys.find((k) => k.columnNames.includes('buyerOrganizationId'))!;
    await q.dropForeignKey('tenders', key);
    await q.dropColumn('tenders', 'buyerOrganizationId');
  }
}
