import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { bool, fk, id, int, money, str, text, timestamps, uniqueIndex } from '../migration-helpers';
import { isSqlite } from '../dialect';

/** Tenders, lots, scoring schemes, bidders, bids, panel, scores, draws and annual assessments. */
export class Tenders1764100000000 implements MigrationInterface {
  name = 'Tenders1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = !isSqlite(q.connection);
    const tenderRef = fk('tenderId', 'tenders', 'CASCADE');
    const version = int('version');
    await q.createTable(
      new Table({
        name: 'tenders',
        columns: [
          id(),
          str('code', 64),
          str('name', 300),
          str('purchaser', 200),
          str('agency', 200),
          str('bidDeadline', 40),
          str('openingTime', 40),
          int('bidValidityDays'),
          int('contractYears'),
          int('firstContractYear'),
          int('minQualifiedBidders'),
          money('priceWeight', false, 2, 6),
          str('priceBasis', 10),
          money('smeDeduction', false, 4, 6),
          money('abnormalLowRatio', false, 4, 6),
          money('outlierRatio', false, 4, 6),
          bool('trimExtremes'),
          int('scoreDecimals'),
          str('awardRule', 30),
          text('tieBreakers'),
          bool('oneBranchPerGroup'),
          str('status', 20),
          version,
          ...timestamps(mysql),
        ],
        indices: [uniqueIndex('code')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'scoring_schemes',
        columns: [id(), int('tenderId'), str('code', 64), str('name', 200), text('criteria')],
        indices: [uniqueIndex('tenderId', 'code')],
        foreignKeys: [tenderRef],
      }),
    );
    await q.createTable(
      new Table({
        name: 'lots',
        columns: [
          id(),
          int('tenderId'),
          str('no', 16),
          str('name', 200),
          text('regions'),
          int('basePopulation'),
          money('maxUnitPrice'),
          money('maxBudget'),
          text('fixedComponents'),
          int('evaluationOrder'),
          str('schemeCode', 64),
          money('rewardBudget', true),
          int('minStaff', true),
          version,
        ],
        indices: [uniqueIndex('tenderId', 'no')],
        foreignKeys: [tenderRef],
      }),
    );
    await q.createTable(
      new Table({
        name: 'bidders',
        columns: [
          id(),
          int('tenderId'),
          str('code', 64),
          str('name', 200),
          bool('sme'),
          str('legalRepresentative', 100, true),
          str('parentCode', 64, true),
          str('groupCode', 64, true),
          str('contactPerson', 100, true),
          int('organizationId', true),
        ],
        indices: [uniqueIndex('tenderId', 'code')],
        foreignKeys: [tenderRef],
      }),
    );
    await q.createTable(
      new Table({
        name: 'bids',
        columns: [
          id(),
          int('tenderId'),
          int('lotId'),
          int('bidderId'),
          money('unitPrice'),
          money('serviceTotal'),
          text('fixedComponents'),
          money('total'),
          str('totalCapitals', 200, true),
          text('itemised', true),
          str('submittedFromIp', 64, true),
          text('qualification'),
          text('compliance'),
          { ...bool('priceCorrectionAccepted'), isNullable: true, default: undefined },
          { ...bool('abnormalLowRejected'), isNullable: true, default: undefined },
          text('facts'),
          version,
          { ...timestamps(mysql)[0], name: 'submittedAt' },
        ],
        indices: [uniqueIndex('lotId', 'bidderId')],
        foreignKeys: [tenderRef, fk('lotId', 'lots', 'CASCADE'), fk('bidderId', 'bidders', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'panel_members',
        columns: [id(), int('tenderId'), str('code', 64), str('name', 100), int('userId', true), bool('isLeader')],
        indices: [uniqueIndex('tenderId', 'code')],
        foreignKeys: [tenderRef],
      }),
    );
    await q.createTable(
      new Table({
        name: 'scores',
        columns: [id(), int('tenderId'), int('panelMemberId'), int('bidId'), str('criterionNo', 16), money('value', false, 1, 6)],
        indices: [uniqueIndex('panelMemberId', 'bidId', 'criterionNo')],
        foreignKeys: [tenderRef, fk('panelMemberId', 'panel_members', 'CASCADE'), fk('bidId', 'bids', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'draws',
        columns: [id(), int('tenderId'), str('lotNo', 16), str('seed', 64)],
        indices: [uniqueIndex('tenderId', 'lotNo')],
        foreignKeys: [tenderRef],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assessment_schemes',
        columns: [
          id(),
          int('tenderId'),
          str('code', 64),
          str('name', 300),
          str('kind', 20),
          money('passMark', true, 2, 6),
          money('failDeductionRate', true, 4, 6),
          text('bands', true),
          text('items'),
        ],
        indices: [uniqueIndex('tenderId', 'code')],
        foreignKeys: [tenderRef],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assessments',
        columns: [
          id(),
          int('tenderId'),
          str('lotNo', 16),
          int('year'),
          str('schemeCode', 64),
          money('operatingCost', true),
          money('maxReward', true),
          text('items'),
        ],
        indices: [uniqueIndex('tenderId', 'lotNo', 'year')],
        foreignKeys: [tenderRef],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'assessments',
      'assessment_schemes',
      'draws',
      'scores',
      'panel_members',
      'bids',
      'bidders',
      'lots',
      'scoring_schemes',
      'tenders',
    ]) {
      await q.dropTable(t);
    }
  }
}
