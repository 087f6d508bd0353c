import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { bool, datetime, fk, id, index, int, str, uniqueIndex } from '../migration-helpers';
import { isSqlite } from '../dialect';

/**
 * Bids as they arrive: how a tender takes them (electronic or paper), the sealed electronic envelopes
 * and the documents the opening takes out of them, each tender's wrapped data key, and the paper
 * envelopes' receipts.
 */
export class BidIntake1765800000000 implements MigrationInterface {
  name = 'BidIntake1765800000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = !isSqlite(q.connection);
    await q.addColumn('tenders', new TableColumn({ ...str('bidSubmission', 12), default: "'electronic'" }));
    await q.createTable(
      new Table({
        name: 'bid_envelopes',
        columns: [
          id(),
          int('tenderId'),
          int('lotId'),
          int('bidderId'),
          str('status', 12),
          str('sha256', 64),
          int('size'),
          // To the millisecond on MariaDB too: the receipt's time is the stored one.
          { ...datetime('submittedAt'), precision: mysql ? 3 : undefined },
          int('submittedBy'),
          { ...datetime('closedAt', true), precision: mysql ? 3 : undefined },
          int('bidId', true),
          // MySQL's BLOB stops at 64 KB; an envelope carries its documents.
          { name: 'sealed', type: mysql ? 'longblob' : 'blob' },
        ],
        indices: [index('tenderId'), index('lotId', 'bidderId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'bid_documents',
        columns: [
          id(),
          int('bidId'),
          str('fileName', 255),
          str('mimeType', 100),
          int('size'),
          str('sha256', 64),
          { name: 'content', type: mysql ? 'longblob' : 'blob' },
        ],
        indices: [index('bidId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tender_seal_keys',
        columns: [
          { ...int('tenderId'), isPrimary: true },
          str('cipher', 16),
          str('wrappingKeyId', 16),
          str('wrapped', 200),
          datetime('createdAt'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'paper_bid_receipts',
        columns: [
          id(),
          int('tenderId'),
          int('lotId'),
          int('bidderId'),
          str('receivedAt', 40),
          str('receivedBy', 100),
          { ...bool('sealedIntact'), default: undefined },
          str('note', 500, true),
          int('recordedBy'),
          datetime('recordedAt'),
        ],
        indices: [uniqueIndex('lotId', 'bidderId'), index('tenderId')],
        foreignKeys: [fk('tenderId', 'tenders', 'CASCADE'), fk('lotId', 'lots', 'CASCADE'), fk('bidderId', 'bidders', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('paper_bid_receipts');
    await q.dropTable('tender_seal_keys');
    await q.dropTable('bid_documents');
    await q.dropTable('bid_envelopes');
    await q.dropColumn('tenders', 'bidSubmission');
  }
}
