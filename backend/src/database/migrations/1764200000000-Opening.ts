import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { money, str } from '../migration-helpers';

/**
 * What bid opening needs: lots record whether they were opened (a lot with too few bids is not,
 * DOMAIN.md §3), and bids keep their unit price as written, to 6 decimals, for price correction.
 */
export class Opening1764200000000 implements MigrationInterface {
  name = 'Opening1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('lots', [
      new TableColumn({ ...str('status', 20), default: "'pending'" }),
      new TableColumn(str('statusReason', 300, true)),
    ]);
    // Lots of tenders opened before lots had a status were opened with their tender.
    await q.query(
      "UPDATE lots SET status = 'opened' WHERE tenderId IN (SELECT id FROM tenders WHERE status NOT IN ('draft', 'published', 'closed'))",
    );
    await q.changeColumn('bids', 'unitPrice', new TableColumn(money('unitPrice', false, 6)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.changeColumn('bids', 'unitPrice', new TableColumn(money('unitPrice')));
    for (const c of ['statusReason', 'status']) await q.dropColumn('lots', c);
  }
}
