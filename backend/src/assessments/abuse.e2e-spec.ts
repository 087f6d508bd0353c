import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { deflateSync } from 'node:zlib';
import { whenReady } from '../../test/background';
import { DEMO_TENDER, pdfFile } from '../../test/filled-product';
import { awardConfirmedAgo } from '../../test/award-age';
import { binary, startApp, startSecondApp, TEST_MYSQL_URL, TestApp } from '../../test/harness';
import { DocumentsService } from '../documents/documents.service';
import { ERRORS, renderError } from '../domain/errors';

jest.setTimeout(120_000);

/** A zip of the given parts (deflated), as an Office file is. */
async function zipOf(parts: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The archive with `name`'s unpacked size written as `size` in its local header and the central directory: a part that holds more than it claims. */
function claimSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = 0; at < out.length - 4; at++) {
    const signature = out.readUInt32LE(at);
    const [nameAt, sizeAt] = signature === 0x04034b50 ? [30, 22] : signature === 0x02014b50 ? [46, 24] : [0, 0];
    if (!nameAt) continue;
    const length = out.readUInt16LE(at + (signature === 0x04034b50 ? 26 : 28));
    if (out.toString('utf8', at + nameAt, at + nameAt + length) === name) out.writeUInt32LE(size, at + sizeAt);
  }
  return out;
}

const WORD_PARTS = {
  '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  'word/document.xml': '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
};

/** A PDF of the given objects, as a PDF writer lays them out (the check reads names, not the cross-reference table). */
const pdf = (...objects: (string | Buffer)[]) =>
  Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    ...objects.map((o) => Buffer.concat([Buffer.from(o), Buffer.from('\n')])),
    Buffer.from('%%EOF\n'),
  ]);
/** An object whose stream is deflated, as object streams and page contents are. */
const deflatedObject = (no: number, dictionary: string, content: string) => {
  const data = deflateSync(Buffer.from(content));
  return Buffer.concat([
    Buffer.from(`${no} 0 obj\n<< ${dictionary} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`),
    data,
    Buffer.from('\nendstream\nendobj'),
  ]);
};

/**
 * Abuse of the assessment endpoints (issue 12 §11, §12, §14): uploads whose content is not what it
 * claims or unpacks without bound, a workbook built to exhaust the import, file names that hide what
 * they are, too many files or objections, too many writes, and reports reprinted on every request.
 */
describe(`limits on assessment writes and uploads (${TEST_MYSQL_URL ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  let t: TestApp;
  /** A second server on the same database (MariaDB/MySQL); on SQLite the same one. */
  let second: TestApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const http = () => t.http();
  const post = (path: string, body: object, user = 'bureau') => http().post(path).set(as(user)).send(body);
  const put = (path: string, body: object, user = 'bureau') => http().put(path).set(as(user)).send(body);
  let lot1: number;
  let lot2: number;
  let printers: jest.SpyInstance[];
  const prints = () => printers.reduce((n, printer) => n + printer.mock.calls.length, 0);

  /** The 400's errors as [path, code], each in the one shape. */
  const refused = (res: { status: number; body: any }) => {
    expect(res.status).toBe(400);
    for (const e of res.body.errors)
      expect(e.message).toBe(`${renderError(e.code, e.params, 'en')} / ${renderError(e.code, e.params, 'zh')}`);
    return res.body.errors.map((e: { path: string; code: string; params: object }) => [e.path, e.code, e.params]);
  };
  /** A refusal other than a 400: its status, code and params, the message rendered from them. */
  const problem = (res: { status: number; body: any }) => {
    expect(Object.keys(ERRORS)).toContain(res.body.code);
    expect(res.body.message).toBe(
      `${renderError(res.body.code, res.body.params, 'en')} / ${renderError(res.body.code, res.body.params, 'zh')}`,
    );
    return [res.status, res.body.code, res.body.params];
  };

  async function openAssessment(lot: string, schemeCode: string): Promise<number> {
    const tenders = (await http().get('/api/tenders').set(as('clerk')).expect(200)).body as { id: number; code: string }[];
    const tenderId = tenders.find((x) => x.code === DEMO_TENDER)!.id;
    const draft = (await post(`/api/tenders/${tenderId}/lots/${lot}/contracts`, { year: 2024, scheduleTemplate: 'ningbo' }).expect(201))
      .body;
    await http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 1, population: 2_000_000 }).expect(200);
    await http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 2, status: 'signed' }).expect(200);
    return (await post(`/api/contracts/${draft.id}/assessments`, { schemeCode }).expect(201)).body.id;
  }

  beforeAll(async () => {
    // No browser is needed: the printer is replaced below, and only its calls are counted.
    t = await startApp({ CHROMIUM_PATH: process.execPath });
    for (const u of ['clerk', 'bureau', 'insurer-e', 'admin']) tokens[u] = await t.login(u);
    second = TEST_MYSQL_URL ? await startSecondApp(t) : t;
    printers = [...new Set([t, second].map((app) => app.app.get(DocumentsService)))].map((documents) =>
      jest.spyOn(documents, 'renderPdf').mockImplementation(async () => pdfFile('report')),
    );
    const tenders = (await http().get('/api/tenders').set(as('clerk')).expect(200)).body as { id: number; code: string }[];
    const demo = tenders.find((x) => x.code === DEMO_TENDER)!.id;
    await http().post(`/api/tenders/${demo}/evaluation/confirm`).set(as('clerk')).expect(200);
    await awardConfirmedAgo(t, demo); // past the challenge period: contracts may be drawn up
    lot1 = await openAssessment('1', 'NB-PERF');
    lot2 = await openAssessment('2', 'SY-17');
  });
  afterAll(async () => {
    if (second !== t) await second.close();
    await t.close();
  });

  describe('uploads (§14)', () => {
    const evidence = (content: Buffer, name: string, item = '1') =>
      http().post(`/api/assessments/${lot1}/items/${item}/evidence`).set(as('bureau')).attach('file', content, name);

    it('refuses a PDF carrying script, an action on opening or embedded files, also hidden in a compressed object stream or a #-escaped name', async () => {
      const catalog = '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj';
      expect(
        refused(await evidence(pdf(catalog.replace('/Pages', '/OpenAction << /S /JavaScript /JS (app.alert(1)) >> /Pages')), 'a.pdf')),
      ).toEqual([['file', 'pdfActive', { found: 'JS, JavaScript, OpenAction' }]]);
      expect(refused(await evidence(pdf(catalog.replace('/Pages', '/Open#41ction 3 0 R /Pages')), 'b.pdf'))).toEqual([
        ['file', 'pdfActive', { found: 'OpenAction' }],
      ]);
      const inObjectStream = deflatedObject(5, '/Type /ObjStm /N 1 /First 4', '1 0 << /Type /Catalog /Names << /EmbeddedFiles 6 0 R >> >>');
      expect(refused(await evidence(pdf(inObjectStream), 'c.pdf'))).toEqual([['file', 'pdfActive', { found: 'EmbeddedFiles' }]]);
      expect(refused(await evidence(pdf('3 0 obj\n<< /S /Launch /F (cmd.exe) >>\nendobj'), 'd.pdf'))).toEqual([
        ['file', 'pdfActive', { found: 'Launch' }],
      ]);
    });

    it('takes a plain PDF, its compressed pages and images searched without false alarms', async () => {
      const page = deflatedObject(4, '', 'BT /F1 12 Tf (JS AA OpenAction) Tj ET');
      // Image bytes that happen to read "/JS ": not a name a reader follows, since the stream is an image.
      const image = Buffer.concat([
        Buffer.from('7 0 obj\n<< /Type /XObject /Subtype /Image /Filter /DCTDecode /Length 12 >>\nstream\n'),
        Buffer.from([0xff, 0xd8, 0x2f, 0x4a, 0x53, 0x20, 0x2f, 0x41, 0x41, 0x20, 0xff, 0xd9]),
        Buffer.from('\nendstream\nendobj'),
      ]);
      await evidence(pdf('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj', page, image), '巡查记录.pdf').expect(201);
    });

    it('checks Word and Excel files for their parts and what they unpack to', async () => {
      await evidence(await zipOf(WORD_PARTS), '台账.docx').expect(201);
      const noDocument = await zipOf({ '[Content_Types].xml': WORD_PARTS['[Content_Types].xml'], 'word/styles.xml': '<styles/>' });
      expect(refused(await evidence(noDocument, '台账.docx'))).toEqual([['file', 'officeParts', { parts: 'word/document.xml' }]]);
      const noWorkbook = await zipOf({ '[Content_Types].xml': WORD_PARTS['[Content_Types].xml'], 'xl/styles.xml': '<styleSheet/>' });
      expect(refused(await evidence(noWorkbook, '台账.xlsx'))).toEqual([['file', 'officeParts', { parts: 'xl/workbook.xml' }]]);
      // A part listed at 80 MB is refused from the central directory, before anything is unpacked.
      const listedLarge = claimSize(
        await zipOf({ ...WORD_PARTS, 'word/media/image1.png': Buffer.alloc(1024, 0x41) }),
        'word/media/image1.png',
        80 * 1024 * 1024,
      );
      expect(refused(await evidence(listedLarge, '台账.docx'))).toEqual([['file', 'unpacksTooLarge', { max: '64 MB' }]]);
      // 8 MB listed as 1 KB: refused as soon as it unpacks past its listing.
      const liar = claimSize(
        await zipOf({ ...WORD_PARTS, 'word/media/image1.png': Buffer.alloc(8 * 1024 * 1024, 0x41) }),
        'word/media/image1.png',
        1024,
      );
      expect(refused(await evidence(liar, '台账.docx'))).toEqual([['file', 'unpacksTooLarge', { max: '64 MB' }]]);
      expect(refused(await evidence(Buffer.from('PK\x03\x04word/ but no directory'), '台账.docx'))).toEqual([
        ['file', 'archiveInvalid', {}],
      ]);
    });

    it('stores file names without bidi and control characters, and judges the name as it then reads', async () => {
      const stored = (await evidence(pdfFile('x'), '\u2067巡查\u2069\u200B记录\uFEFF.pdf', '2').expect(201)).body;
      expect(stored.fileName).toBe('巡查记录.pdf');
      // Shown as "报告exe.pdf" with the override; it is an .exe.
      expect(refused(await evidence(pdfFile('x'), '报告\u202Efdp.exe', '2'))).toEqual([['file', 'fileType', expect.any(Object)]]);
    });

    it('caps evidence per item at 10 and reports at 5 submissions', async () => {
      for (let i = 0; i < 10; i++) await evidence(pdfFile(`e${i}`), `e${i}.pdf`, '5').expect(201);
      expect(problem(await evidence(pdfFile('e10'), 'e10.pdf', '5'))).toEqual([409, 'fileLimit', { max: 10 }]);
      await evidence(pdfFile('other item'), 'e.pdf', '6').expect(201);
      // The tenth and an eleventh at once: one is taken.
      for (let i = 0; i < 9; i++) await evidence(pdfFile(`f${i}`), `f${i}.pdf`, '8').expect(201);
      const both = await Promise.all([evidence(pdfFile('f9'), 'f9.pdf', '8'), evidence(pdfFile('f10'), 'f10.pdf', '8')]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      const submit = () =>
        http()
          .post(`/api/assessments/${lot1}/self-assessment`)
          .set(as('insurer-e'))
          .field('items', JSON.stringify([{ no: '3', deduction: '1' }]))
          .attach('file', pdfFile('report'), 'report.pdf');
      for (let i = 0; i < 5; i++) await submit().expect(201);
      expect(problem(await submit())).toEqual([409, 'fileLimit', { max: 5 }]);
    });
  });

  describe('the Excel item import (§12)', () => {
    const template = async () =>
      (await http().get(`/api/assessments/${lot2}/template.xlsx`).set(as('bureau')).buffer(true).parse(binary).expect(200)).body as Buffer;
    const upload = (content: Buffer) =>
      http().post(`/api/assessments/${lot2}/items.xlsx`).set(as('bureau')).attach('file', content, 'scores.xlsx');

    it('refuses a workbook that unpacks to more than 8 MB before parsing it: one huge cell in a small file', async () => {
      const zip = await JSZip.loadAsync(await template());
      zip.file(
        'xl/sharedStrings.xml',
        `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'A'.repeat(30_000_000)}</t></si></sst>`,
      );
      const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
      expect(bomb.length).toBeLessThan(200_000);
      const started = Date.now();
      expect(refused(await upload(bomb))).toEqual([['file', 'unpacksTooLarge', { max: '8 MB' }]]);
      expect(Date.now() - started).toBeLessThan(2_000);
      const liar = claimSize(bomb, 'xl/sharedStrings.xml', 100);
      expect(refused(await upload(liar))).toEqual([['file', 'unpacksTooLarge', { max: '8 MB' }]]);
    });

    it('refuses more than 1,000 rows, counted or numbered, before parsing', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await template()) as never);
      wb.worksheets[0].getCell(1_000_000, 6).value = '远处的一格';
      expect(refused(await upload(Buffer.from(await wb.xlsx.writeBuffer())))).toEqual([['file', 'tooManyRows', { max: 1000 }]]);
      const many = new ExcelJS.Workbook();
      await many.xlsx.load((await template()) as never);
      for (let r = 30; r < 1100; r++) many.worksheets[0].getCell(r, 6).value = 'x';
      expect(refused(await upload(Buffer.from(await many.xlsx.writeBuffer())))).toEqual([['file', 'tooManyRows', { max: 1000 }]]);
    });

    it('imports a filled-in template as before', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await template()) as never);
      wb.worksheets[0].getCell(4, 5).value = 9;
      const res = (await upload(Buffer.from(await wb.xlsx.writeBuffer())).expect(200)).body;
      expect(res.items).toEqual([{ no: '1', points: '9' }]);
    });
  });

  describe('objections and the report (§11)', () => {
    const object = (body: object) => post(`/api/assessments/${lot1}/objections`, body, 'insurer-e');
    const answer = (objection: number) => post(`/api/assessments/${lot1}/objections/${objection}/answer`, { text: '已复核' });
    const download = (app = t) => app.http().get(`/api/assessments/${lot1}/report.pdf`).set(as('insurer-e')).buffer(true).parse(binary);
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      const scheme = (await http().get(`/api/assessments/${lot1}`).set(as('bureau')).expect(200)).body.scheme;
      await put(`/api/assessments/${lot1}/items`, {
        items: scheme.items.map((i: { no: string }) => ({ no: i.no, deduction: '0' })),
      }).expect(200);
      await post(`/api/assessments/${lot1}/publish`, {}).expect(200);
    });

    it('prints the report once per change of the assessment, however often and on however many servers it is asked for', async () => {
      printers.forEach((printer) => printer.mockClear());
      expect((await whenReady(download)).headers['x-document-version']).toBe('1');
      await download().expect(200);
      // Asking for a print of an unchanged assessment prints nothing.
      await post(`/api/assessments/${lot1}/report.pdf`, {}).expect(202);
      expect((await whenReady(download)).headers['x-document-version']).toBe('1');
      expect(prints()).toBe(1);
      // A change: of ten downloads at once, on both servers, one prints.
      ids.first = (await object({ text: '第3项扣分依据不足', itemNo: '3' }).expect(201)).body.id;
      await Promise.all(Array.from({ length: 10 }, (_, i) => download(i % 2 ? second : t)));
      expect((await whenReady(() => download(second))).headers['x-document-version']).toBe('2');
      expect((await whenReady(download)).headers['x-document-version']).toBe('2');
      expect(prints()).toBe(2);
    });

    it('allows one open objection per item (and one on the whole result), naming an item of the scheme', async () => {
      expect(refused(await object({ text: 'x', itemNo: '99' }))).toEqual([['itemNo', 'noSuchItem', { no: '99' }]]);
      expect(problem(await object({ text: '再次异议', itemNo: '3' }))).toEqual([409, 'objectionOpen', { item: '3' }]);
      const other = (await object({ text: '第4项', itemNo: '4' }).expect(201)).body;
      expect(other).toMatchObject({ itemNo: '4', text: '第4项' });
      expect((await object({ text: '总体异议' }).expect(201)).body.itemNo).toBeNull();
      expect(problem(await object({ text: '总体异议二' }))).toEqual([409, 'objectionOpen', { item: '' }]);
      // Two at once on the same item: one is taken.
      const both = await Promise.all([object({ text: 'a', itemNo: '7' }), object({ text: 'b', itemNo: '7' })]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      await answer(ids.first).expect(200);
      await object({ text: '复核后仍有异议', itemNo: '3' }).expect(201);
    });

    it('allows 20 objections to an assessment in all', async () => {
      const detail = (await http().get(`/api/assessments/${lot1}`).set(as('bureau')).expect(200)).body;
      const open = detail.objections.filter((o: any) => !o.answeredAt).map((o: any) => o.itemNo);
      const free = detail.scheme.items.map((i: any) => i.no).filter((no: string) => !open.includes(no));
      for (let n = detail.objections.length; n < 20; n++) {
        const itemNo = free.shift();
        const raised = (await object({ text: `第${itemNo}项`, itemNo }).expect(201)).body;
        await answer(raised.id).expect(200);
        free.push(itemNo);
      }
      expect(problem(await object({ text: '第21条', itemNo: free[0] }))).toEqual([409, 'objectionLimit', { max: 20 }]);
    });
  });

  describe('the write rate limit (§11)', () => {
    let limited: TestApp;
    let limitedSecond: TestApp;
    const login = async (app: TestApp, user: string) => ({ Authorization: `Bearer ${await app.login(user)}` });
    /** Writes the user may make, refused for their body: they count as much as any. */
    const organization = (app: TestApp, auth: Record<string, string>) => app.http().post('/api/organizations').set(auth).send({});
    const objection = (app: TestApp, auth: Record<string, string>) => app.http().post('/api/assessments/1/objections').set(auth).send({});
    /** Counts are per minute: start early in one, so that the test does not straddle two. */
    const earlyInAMinute = async () => {
      const into = Date.now() % 60_000;
      if (into > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - into + 50));
    };

    beforeAll(async () => {
      limited = await startApp({ WRITE_RATE_LIMIT: '5' });
      limitedSecond = TEST_MYSQL_URL ? await startSecondApp(limited) : limited;
    });
    afterAll(async () => {
      if (limitedSecond !== limited) await limitedSecond.close();
      await limited.close();
    });

    it('refuses a user’s writes above WRITE_RATE_LIMIT a minute with 429; reads, other users and writes the role may not make are not counted', async () => {
      const admin = await login(limited, 'admin');
      const clerk = await login(limited, 'clerk');
      await earlyInAMinute();
      for (let i = 0; i < 5; i++) await organization(limited, admin).expect(400);
      await organization(limited, clerk).expect(403);
      const res = await organization(limited, admin).expect(429);
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(problem(res)).toEqual([429, 'writeRateLimit', { limit: 5, retryAfter }]);
      await limited.http().get('/api/organizations').set(admin).expect(200);
      await objection(limited, await login(limited, 'insurer-e')).expect(400);
    });

    it('counts one limit across servers sharing the database', async () => {
      const insurer = await login(limited, 'insurer-c');
      await earlyInAMinute();
      for (const app of [limited, limitedSecond, limited, limitedSecond, limited]) await objection(app, insurer).expect(400);
      expect(problem(await objection(limitedSecond, insurer))).toEqual([429, 'writeRateLimit', expect.objectContaining({ limit: 5 })]);
      await objection(limited, insurer).expect(429);
    });
  });
});
