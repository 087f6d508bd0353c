import ExcelJS from 'exceljs';
import { money, score, tableLayout } from '../../test/workbook-layout';
import { startApp, TestApp } from '../../test/harness';
import { loadExampleDossier } from '../../test/example-dossier';
import { pdfText } from '../../test/pdf-text';
import { whenReady } from '../../test/background';
import { formatCapitals } from '../domain/bids/capitals';

describe('evaluation report workbook', () => {
  let t: TestApp;
  let tenderId: number;
  let clerk: string;
  beforeAll(async () => {
    t = await startApp();
    clerk = await t.login('clerk');
    const dossier = loadExampleDossier();
    dossier.tender.code = 'WB-1';
    tenderId = (await t.http().post('/api/dossiers').set('Authorization', `Bearer ${clerk}`).send(dossier).expect(201)).body.tenderId;
  });
  afterAll(() => t.close());

  it('has a ranking sheet per lot and a score sheet per expert, with the published scores', async () => {
    const res = await t
      .http()
      .get(`/api/tenders/${tenderId}/evaluation-report.xlsx`)
      .set('Authorization', `Bearer ${clerk}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('评标报告-WB-1.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '评标汇总',
      '标包1排名',
      '标包2排名',
      '标包3排名',
      '专家E1',
      '专家E2',
      '专家E3',
      '专家E4',
      '专家E5',
      '评分明细',
    ]);
    const lot1 = wb.getWorksheet('标包1排名')!;
    expect(lot1.getRow(3).values).toEqual(expect.arrayContaining([1, 'E', 3387730.32, 10, 68.72, 78.72]));
    // Money and scores are numbers in their formats; the header stays in view and filters the bids.
    expect(tableLayout(lot1, ['D3', 'E3', 'H3'])).toEqual({
      frozen: [2],
      autoFilter: 'A2:Q7',
      cells: { D3: money, E3: score, H3: score },
    });
    expect(tableLayout(wb.getWorksheet('评标汇总')!, ['D3'])).toEqual({ frozen: [2], autoFilter: 'A2:E5', cells: { D3: money } });
    const lot2 = wb.getWorksheet('标包2排名')!;
    const setAside = lot2.getSheetValues().find((r) => Array.isArray(r) && r[1] === '让标') as unknown[];
    expect(setAside[2]).toBe('E');
    const e1 = wb.getWorksheet('专家E1')!;
    const row13 = e1.getSheetValues().find((r) => Array.isArray(r) && String(r[1]).startsWith('13 总体服务方案')) as unknown[];
    expect(row13.slice(2, 7)).toEqual([2.8, expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)]);
    // Every score as a row, the first of them expert E1's on criterion 13 for the first bidder of lot 1.
    const detail = wb.getWorksheet('评分明细')!;
    const dossier = loadExampleDossier();
    expect(detail.rowCount).toBe(1 + dossier.scores!.length);
    expect(tableLayout(detail, ['F2', 'G2'])).toEqual({
      frozen: [1],
      autoFilter: `A1:G${1 + dossier.scores!.length}`,
      cells: { F2: score, G2: score },
    });
    expect(detail.getRow(1).values).toEqual([undefined, '评审专家', '标包', '投标人', '名称', '评分项', '满分', '分值']);
    expect(detail.getRow(2).values).toEqual([
      undefined,
      'E1 评审专家1',
      '1',
      'A',
      expect.any(String),
      expect.stringMatching(/^\d+ /),
      expect.any(Number),
      expect.any(Number),
    ]);
  });

  it("renders the evaluation report PDF with rankings, set-asides and every expert's sheet", async () => {
    const download = () =>
      t
        .http()
        .get(`/api/tenders/${tenderId}/evaluation-report.pdf`)
        .set('Authorization', `Bearer ${clerk}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
    // Printed in the background: the first download starts it and answers 202 until it is stored.
    expect((await download()).status).toBe(202);
    const res = await whenReady(download);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-document-version']).toBe('1');
    const { text } = await pdfText(res.body);
    const flat = text.replace(/\s+/g, '');
    for (const expected of [
      '评标报告',
      '戊康保险经纪服务有限公司（E）',
      '78.72',
      '不参加本标包评审',
      '评审专家评分表',
      '评审专家1（E1）',
      '评标委员会签字',
    ]) {
      expect(flat).toContain(expected.replace(/\s+/g, ''));
    }
    const again = await t.http().post(`/api/tenders/${tenderId}/evaluation-report.pdf`).set('Authorization', `Bearer ${clerk}`).expect(202);
    expect(again.body).toEqual({ status: 'generating' });
    expect((await whenReady(download)).headers['x-document-version']).toBe('2');
  });

  it('is not for insurers or experts', async () => {
    await t
      .http()
      .get(`/api/tenders/${tenderId}/evaluation-report.xlsx`)
      .set('Authorization', `Bearer ${await t.login('insurer')}`)
      .expect(403);
    await t
      .http()
      .get(`/api/tenders/${tenderId}/evaluation-report.xlsx`)
      .set('Authorization', `Bearer ${await t.login('expert1')}`)
      .expect(403);
    await t
      .http()
      .get(`/api/tenders/${tenderId}/evaluation-report.pdf`)
      .set('Authorization', `Bearer ${await t.login('insurer')}`)
      .expect(403);
  });
});

describe('the award of a large tender', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startApp()));
  afterAll(() => t.close());

  it('stores results beyond 64 KB (LONGTEXT on MySQL) and reads them back whole', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS shared with the benchmark
    const { largeDossier } = require('../../../scripts/large-dossier');
    const clerk = await t.login('clerk');
    const dossier = largeDossier('AWARD-LARGE', formatCapitals, { bidders: 120, experts: 3 });
    const { tenderId } = (await t.http().post('/api/dossiers').set('Authorization', `Bearer ${clerk}`).send(dossier).expect(201)).body;
    const confirmed = (
      await t.http().post(`/api/tenders/${tenderId}/evaluation/confirm`).set('Authorization', `Bearer ${clerk}`).expect(200)
    ).body;
    expect(Buffer.byteLength(JSON.stringify(confirmed))).toBeGreaterThan(65_535);
    const stored = await t.http().get(`/api/tenders/${tenderId}/results`).set('Authorization', `Bearer ${clerk}`).expect(200);
    expect(stored.body).toEqual(confirmed);
  }, 120_000);
});
