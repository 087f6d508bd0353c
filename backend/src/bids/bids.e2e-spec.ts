import ExcelJS from 'exceljs';
import { money, tableLayout } from '../../test/workbook-layout';
import { loadExampleDossier } from '../../test/example-dossier';
import { startApp, TestApp } from '../../test/harness';
import { advance, as, exampleBid, schedule, setUpTender, submitAs, submitBid } from '../../test/tenders-fixture';
import { AuditEntry } from '../audit/audit-entry.entity';
import { PanelMember } from '../panel/panel-member.entity';
import { Tender } from '../tenders/tender.entity';
import { Organization } from '../users/organization.entity';
import { User } from '../users/user.entity';
import { formatCapitals } from '../domain/bids/capitals';

// Each test sets tenders up through the API, request by request, on a machine shared with other suites.
jest.setTimeout(60_000);

const STALE = '该记录已被他人修改，请刷新后重试 / changed by someone else: reload and retry';
const paths = (res: { body: { errors: { path: string }[] } }) => res.body.errors.map((e) => e.path);
const OTHER_ROLES = ['admin', 'bureau', 'expert1', 'insurer'];

describe('bidders, sealed bids, their review and the opening sheet', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const example = loadExampleDossier();
  const post = (path: string, body: unknown, user = 'clerk') =>
    t
      .http()
      .post(path)
      .set(as(tokens[user]))
      .send(body as object);
  const get = (path: string, user = 'clerk') => t.http().get(path).set(as(tokens[user]));
  const patch = (path: string, body: unknown, user = 'clerk') =>
    t
      .http()
      .patch(path)
      .set(as(tokens[user]))
      .send(body as object);
  const lastAudit = async () => (await t.dataSource.getRepository(AuditEntry).find({ order: { id: 'DESC' }, take: 1 }))[0];

  /** Opened in beforeAll: lot 1 with five bids (D's unit price 0.118 with a misplaced decimal point), lot 2 with two, lot 3 none. */
  let opened: number;
  const misplaced = { ...exampleBid('D', '1'), unitPrice: '0.118' };

  beforeAll(async () => {
    t = await startApp();
    const users = ['clerk', ...OTHER_ROLES, 'expert2', 'insurer2'];
    (await Promise.all(users.map((u) => t.login(u)))).forEach((token, i) => (tokens[users[i]] = token));
    const when = schedule(2091);
    opened = await setUpTender(t, tokens.clerk, 'BIDS-OPENED', when, {
      bids: [
        ['A', '1'],
        ['B', '1'],
        ['C', '1'],
        ['E', '1'],
        ['A', '2'],
        ['B', '2'],
      ],
    });
    expect((await submitBid(t, opened, misplaced)).status).toBe(201);
    const expert1 = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'expert1' });
    await t.dataSource.getRepository(PanelMember).save({ tenderId: opened, code: 'E1', name: expert1.displayName, userId: expert1.id });
    await advance(t, when.afterOpening);
  });
  afterAll(() => t.close());

  describe('POST /api/tenders/:id/bidders', () => {
    let draft: number;
    beforeAll(async () => {
      draft = await setUpTender(t, tokens.clerk, 'BIDDERS', schedule(2099), { publish: false, bidders: [] });
    });

    it('links a bidder to the insurer organisation of the same name', async () => {
      const a = example.bidders[0];
      const res = await post(`/api/tenders/${draft}/bidders`, a).expect(201);
      const orgA = await t.dataSource.getRepository(Organization).findOneByOrFail({ code: 'A' });
      expect(res.body).toEqual({ id: expect.any(Number), ...a, organizationId: orgA.id });
      expect(await lastAudit()).toMatchObject({ action: 'bidder.create', actorName: 'clerk', after: res.body });
    });

    it('links to the organisation given, or to a new insurer organisation', async () => {
      const orgB = await t.dataSource.getRepository(Organization).findOneByOrFail({ code: 'B' });
      const given = await post(`/api/tenders/${draft}/bidders`, {
        code: 'X',
        name: '某某保险公司',
        sme: true,
        organizationId: orgB.id,
      }).expect(201);
      expect(given.body.organizationId).toBe(orgB.id);
      // One organisation is one bidder of a tender: its users bid and confirm as that bidder.
      const twice = await post(`/api/tenders/${draft}/bidders`, {
        code: 'X2',
        name: '某某保险公司二',
        sme: true,
        organizationId: orgB.id,
      }).expect(400);
      expect(twice.body.errors).toEqual([expect.objectContaining({ path: 'organizationId', code: 'taken' })]);
      expect(twice.body.errors[0].message).toContain('投标单位已存在');
      const created = await post(`/api/tenders/${draft}/bidders`, { code: 'NEW', name: '新成立保险公司', sme: false }).expect(201);
      expect(await t.dataSource.getRepository(Organization).findOneByOrFail({ id: created.body.organizationId })).toMatchObject({
        name: '新成立保险公司',
        kind: 'insurer',
      });
    });

    it('names each bad field', async () => {
      const bureau = await t.dataSource.getRepository(Organization).findOneByOrFail({ kind: 'bureau' });
      expect(
        paths(await post(`/api/tenders/${draft}/bidders`, { code: 'Y', name: 'y', sme: true, organizationId: bureau.id }).expect(400)),
      ).toEqual(['organizationId']);
      const bad = { code: '', name: 'y', sme: 'yes', parentCode: 'NOPE', organizationId: 'A', rating: 5 };
      expect(paths(await post(`/api/tenders/${draft}/bidders`, bad).expect(400)).sort()).toEqual([
        'code',
        'organizationId',
        'parentCode',
        'rating',
        'sme',
      ]);
      expect(paths(await post(`/api/tenders/${draft}/bidders`, { code: 'Z', name: 'z', sme: false, parentCode: 'Z' }).expect(400))).toEqual(
        ['parentCode'],
      );
      expect(paths(await post(`/api/tenders/${draft}/bidders`, example.bidders[0]).expect(400))).toEqual(['code']);
    });

    it('accepts a parent registered before its subsidiary', async () => {
      const res = await post(`/api/tenders/${draft}/bidders`, { code: 'A-SUB', name: '甲安子公司', sme: false, parentCode: 'A' }).expect(
        201,
      );
      expect(res.body.parentCode).toBe('A');
    });

    it('closes registration at the deadline, and is the procurement centre’s', async () => {
      await post(`/api/tenders/${opened}/bidders`, { code: 'LATE', name: 'late', sme: false }).expect(409);
      await t.http().post(`/api/tenders/${draft}/bidders`).send({}).expect(401);
      for (const user of OTHER_ROLES) await post(`/api/tenders/${draft}/bidders`, { code: 'Q', name: 'q', sme: false }, user).expect(403);
    });
  });

  describe('POST /api/tenders/:id/lots/:lotNo/electronic-bid', () => {
    let published: number;
    const submit = (tender: number, bid: Record<string, unknown>, user = 'insurer') => submitAs(t, tokens[user], tender, bid);
    beforeAll(async () => {
      published = await setUpTender(t, tokens.clerk, 'BIDS-PUBLISHED', schedule(2099));
    });

    it('seals the bid and answers a receipt that echoes no amount', async () => {
      const bid = exampleBid('A', '1');
      const res = await submit(published, bid).expect(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        lot: '1',
        bidder: 'A',
        bidderName: example.bidders[0].name,
        status: 'sealed',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        submittedAt: expect.any(String),
        closedAt: null,
      });
      const entry = await lastAudit();
      expect(entry).toMatchObject({ action: 'bid.submit', actorName: 'insurer', after: res.body });
      expect(JSON.stringify(entry)).not.toContain(bid.unitPrice as string);
    });

    it('names each bad amount and each field a bid does not have', async () => {
      const bid = {
        ...exampleBid('B', '1'),
        unitPrice: '-1.12',
        serviceTotal: 'abc',
        total: 5274360.8,
        totalCapitals: '伍佰块',
        fixedComponents: [
          { name: '信息系统', amount: '300000.001' },
          { name: '绩效考核', amount: '500000.00' },
        ],
      };
      const res = await submit(published, bid, 'insurer2').expect(400);
      expect(paths(res).sort()).toEqual(['fixedComponents[0].amount', 'serviceTotal', 'total', 'totalCapitals', 'unitPrice']);
      const { totalCapitals, ...noCapitals } = exampleBid('B', '2');
      expect(paths(await submit(published, noCapitals, 'insurer2').expect(400))).toEqual(['totalCapitals']);
      const strays = { ...exampleBid('B', '3'), qualification: [] };
      expect(paths(await submit(published, strays, 'insurer2').expect(400))).toEqual(['qualification']);
    });

    it('takes bids only while published and before the deadline by the server clock', async () => {
      const draft = await setUpTender(t, tokens.clerk, 'BIDS-DRAFT', schedule(2099), { publish: false });
      expect((await submit(draft, exampleBid('A', '1')).expect(409)).body.code).toBe('bidsNotOpen');
      // Past the deadline, even before the clock has closed the tender.
      const late = await setUpTender(t, tokens.clerk, 'BIDS-LATE', schedule(2099));
      await t.dataSource.getRepository(Tender).update(late, { bidDeadline: '2020-01-01T09:30:00+08:00' });
      const refused = await submit(late, exampleBid('A', '1')).expect(409);
      expect(refused.body).toMatchObject({ code: 'bidDeadlinePassed', message: expect.stringContaining('已过投标截止时间') });
      expect((await submit(opened, exampleBid('A', '3')).expect(409)).body.code).toBe('bidDeadlinePassed');
    });

    it('is the bidder’s own staff’s', async () => {
      await t.http().post(`/api/tenders/${published}/lots/1/electronic-bid`).field('bid', '{}').expect(401);
      for (const user of ['clerk', 'admin', 'bureau', 'expert1']) await submit(published, exampleBid('E', '1'), user).expect(403);
    });
  });

  describe('GET /api/tenders/:id/bids after opening', () => {
    it('shows the figures and the review of opened lots; a lot not opened stays sealed', async () => {
      const bids = (await get(`/api/tenders/${opened}/bids`).expect(200)).body;
      // Lot 2 had two bids, too few: not opened, its envelopes stay sealed and make no bid rows.
      expect(bids.map((b: { bidder: string; lot: string }) => `${b.bidder}${b.lot}`)).toEqual(['A1', 'B1', 'C1', 'E1', 'D1']);
      const received = (await get(`/api/tenders/${opened}/received-bids`).expect(200)).body;
      expect(received.electronic.filter((r: { lot: string }) => r.lot === '2').map((r: { status: string }) => r.status)).toEqual([
        'sealed',
        'sealed',
      ]);
      const a1 = exampleBid('A', '1');
      expect(bids.find((b: { bidder: string; lot: string }) => b.bidder === 'A' && b.lot === '1')).toMatchObject({
        sealed: false,
        sme: false,
        unitPrice: a1.unitPrice,
        serviceTotal: a1.serviceTotal,
        total: a1.total,
        totalCapitals: a1.totalCapitals,
        fixedComponents: a1.fixedComponents,
        submittedFromIp: a1.submittedFromIp,
        qualification: [],
        compliance: [],
        priceCorrectionAccepted: null,
        abnormalLowRejected: null,
        facts: {},
        version: 1,
        review: {
          valid: true,
          invalidReasons: [],
          flags: [],
          corrections: [],
          corrected: { unitPrice: '1.16', serviceTotal: '4634159.40', total: '5434159.40', fixedComponents: a1.fixedComponents },
        },
      });
    });

    it('shows a price correction, which binds once the bidder confirms it', async () => {
      const d1 = () =>
        get(`/api/tenders/${opened}/bids`).then((r) =>
          r.body.find((b: { bidder: string; lot: string }) => b.bidder === 'D' && b.lot === '1'),
        );
      const before = await d1();
      // Kept as written, all three decimals: storage must not round away what correction repairs.
      expect(before.unitPrice).toBe('0.118');
      expect(before.review).toMatchObject({ valid: false, corrected: { unitPrice: '1.18', serviceTotal: '4714058.70' } });
      expect(before.review.corrections).toEqual([expect.objectContaining({ step: 3, field: 'unitPrice', from: '0.118', to: '1.18' })]);
      expect(before.review.invalidReasons).toEqual(['price-correction-rejected']);
      const res = await patch(`/api/tenders/${opened}/bids/${before.id}`, {
        version: before.version,
        priceCorrectionAccepted: true,
      }).expect(200);
      expect(res.body).toMatchObject({
        priceCorrectionAccepted: true,
        version: before.version + 1,
        review: { valid: true, invalidReasons: [] },
      });
    });

    it('shows an insurer only its own bids, an expert only on its panel and after declaring no conflict', async () => {
      const own = (await get(`/api/tenders/${opened}/bids`, 'insurer').expect(200)).body;
      expect(own.map((b: { bidder: string; lot: string }) => `${b.bidder}${b.lot}`)).toEqual(['A1']);
      const other = (await get(`/api/tenders/${opened}/bids`, 'insurer2').expect(200)).body;
      expect(other.map((b: { bidder: string; lot: string }) => `${b.bidder}${b.lot}`)).toEqual(['B1']);
      expect((await get(`/api/tenders/${opened}/bids`, 'expert1').expect(403)).body.code).toBe('declarationRequired');
      await post(`/api/tenders/${opened}/panel/me/declaration`, { conflict: false }, 'expert1').expect(200);
      expect((await get(`/api/tenders/${opened}/bids`, 'expert1').expect(200)).body).toHaveLength(5);
      await get(`/api/tenders/${opened}/bids`, 'expert2').expect(403);
      for (const user of ['bureau', 'admin']) expect((await get(`/api/tenders/${opened}/bids`, user).expect(200)).body).toHaveLength(5);
      await t.http().get(`/api/tenders/${opened}/bids`).expect(401);
    });
  });

  describe('PATCH /api/tenders/:id/bids/:bidId', () => {
    const bidOf = async (bidder: string, lot: string) =>
      (await get(`/api/tenders/${opened}/bids`).expect(200)).body.find(
        (b: { bidder: string; lot: string }) => b.bidder === bidder && b.lot === lot,
      );

    it('records checklists and facts, each change audited with who, before and after', async () => {
      const c1 = await bidOf('C', '1');
      const qualification = [{ check: '保险许可证', pass: false, note: '已过期' }];
      const facts = { aRatings: 3, solvencyRatio: 180, ningboExperience: true };
      const res = await patch(`/api/tenders/${opened}/bids/${c1.id}`, { version: c1.version, qualification, facts }).expect(200);
      expect(res.body).toMatchObject({ qualification, facts, version: c1.version + 1, review: { valid: false } });
      expect(res.body.review.invalidReasons).toEqual(['qualification:保险许可证:已过期']);
      expect(await lastAudit()).toMatchObject({
        action: 'bid.review',
        entityType: 'bid',
        entityId: String(c1.id),
        actorName: 'clerk',
        before: { qualification: [], facts: {} },
        after: { qualification, facts },
      });
      const changed = await patch(`/api/tenders/${opened}/bids/${c1.id}`, {
        version: c1.version + 1,
        facts: { ...facts, solvencyRatio: 210 },
      }).expect(200);
      expect(await lastAudit()).toMatchObject({ before: { facts }, after: { facts: changed.body.facts } });
    });

    it('refuses a stale version with 409', async () => {
      const e1 = await bidOf('E', '1');
      await patch(`/api/tenders/${opened}/bids/${e1.id}`, { version: e1.version, abnormalLowRejected: false }).expect(200);
      const res = await patch(`/api/tenders/${opened}/bids/${e1.id}`, { version: e1.version, abnormalLowRejected: true }).expect(409);
      expect(res.body.message).toBe(STALE);
      expect((await bidOf('E', '1')).abnormalLowRejected).toBe(false);
    });

    it('names each bad field: facts typed as the scheme’s rules use them', async () => {
      const e1 = await bidOf('E', '1');
      const body = {
        version: e1.version,
        facts: { aRatings: true, ningboExperience: 2, note: 'x' },
        qualification: [{ check: '', pass: 'yes' }],
        unitPrice: '1.00',
      };
      const res = await patch(`/api/tenders/${opened}/bids/${e1.id}`, body).expect(400);
      expect(paths(res)).toEqual(['unitPrice']);
      const { unitPrice, ...values } = body;
      const checked = await patch(`/api/tenders/${opened}/bids/${e1.id}`, values).expect(400);
      expect(paths(checked).sort()).toEqual([
        'facts.aRatings',
        'facts.ningboExperience',
        'facts.note',
        'qualification[0].check',
        'qualification[0].pass',
      ]);
      expect(paths(await patch(`/api/tenders/${opened}/bids/${e1.id}`, { facts: {} }).expect(400))).toEqual(['version']);
    });

    it('has no bid of a lot not opened, nor of a tender before opening, to review', async () => {
      expect((await get(`/api/tenders/${opened}/bids`).expect(200)).body.some((b: { lot: string }) => b.lot === '2')).toBe(false);
      const sealed = await setUpTender(t, tokens.clerk, 'REVIEW-SEALED', schedule(2099), { bids: [['A', '1']] });
      expect((await get(`/api/tenders/${sealed}/bids`).expect(200)).body).toEqual([]);
      const [envelope] = (await get(`/api/tenders/${sealed}/received-bids`).expect(200)).body.electronic;
      await patch(`/api/tenders/${sealed}/bids/${envelope.id}`, { version: 1, facts: {} }).expect(409);
    });

    it('is the procurement centre’s', async () => {
      const e1 = await bidOf('E', '1');
      await t.http().patch(`/api/tenders/${opened}/bids/${e1.id}`).send({ version: e1.version }).expect(401);
      for (const user of OTHER_ROLES) await patch(`/api/tenders/${opened}/bids/${e1.id}`, { version: e1.version }, user).expect(403);
    });
  });

  describe('GET /api/tenders/:id/lots/:lotNo/opening-sheet.xlsx', () => {
    const download = (id: number, lot: string, user = 'clerk') =>
      get(`/api/tenders/${id}/lots/${lot}/opening-sheet.xlsx`, user)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });

    it('is an Excel workbook of the lot: corrected figures, capitals, SME, validity and reasons', async () => {
      const res = await download(opened, '1').expect(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="opening-sheet-BIDS-OPENED-lot-1.xlsx"; filename*=UTF-8''${encodeURIComponent('开标一览表-BIDS-OPENED-第1包.xlsx')}`,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body);
      const sheet = workbook.getWorksheet('开标一览表')!;
      expect(sheet.getCell('A1').value).toBe(`${example.tender.name} 第1包（中心片区）开标一览表`);
      expect(sheet.getCell('A2').value).toBe('项目编号：BIDS-OPENED');
      expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
        '投标人',
        '单价(元/人/年)',
        '服务费总额',
        '信息系统',
        '绩效考核',
        '投标总价(小写)',
        '投标总价(大写)',
        '小微企业',
        '有效性',
        '原因',
      ]);
      const rows = [4, 5, 6, 7, 8].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
      expect(rows.map((r) => r[0])).toEqual(['A', 'B', 'C', 'D', 'E'].map((code) => example.bidders.find((b) => b.code === code)!.name));
      expect(sheet.getRow(9).values).toEqual([]);
      const [a, , c, d, e] = rows;
      expect(a).toEqual([
        example.bidders[0].name,
        1.16,
        4634159.4,
        300000,
        500000,
        5434159.4,
        formatCapitals('5434159.40'),
        '否',
        '有效',
        '',
      ]);
      // D wrote 0.118 for 1.18: the sheet shows the corrected figures and says why.
      expect(d.slice(1, 7)).toEqual([1.18, 4714058.7, 300000, 500000, 5514058.7, formatCapitals('5514058.70')]);
      expect(d[9]).toContain('价格修正（第3步）：单价 0.118 → 1.18');
      expect(c[8]).toBe('无效');
      expect(c[9]).toContain('资格审查未通过：保险许可证（已过期）');
      expect(e[7]).toBe('是');
      expect(tableLayout(sheet, ['B4', 'C4', 'F4'])).toEqual({
        frozen: [3],
        autoFilter: `A3:J${3 + rows.length}`,
        cells: { B4: { number: true, numFmt: '¥#,##0.00##' }, C4: money, F4: money },
      });
    });

    it('exists only for opened lots of opened tenders', async () => {
      await download(opened, '2').expect(409);
      await download(opened, '3').expect(409);
      await download(opened, '9').expect(404);
      const sealed = await setUpTender(t, tokens.clerk, 'SHEET-SEALED', schedule(2099), { bids: [['A', '1']] });
      await download(sealed, '1').expect(409);
    });

    it('is for procurement, bureau and admin', async () => {
      for (const user of ['bureau', 'admin']) await download(opened, '1', user).expect(200);
      for (const user of ['expert1', 'insurer']) await download(opened, '1', user).expect(403);
      await t.http().get(`/api/tenders/${opened}/lots/1/opening-sheet.xlsx`).expect(401);
    });
  });
});
