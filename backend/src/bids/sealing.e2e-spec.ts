import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { loadExampleDossier } from '../../test/example-dossier';
import { startApp, TestApp } from '../../test/harness';
import { pdfText } from '../../test/pdf-text';
import { everyTableAsText } from '../../test/table-dump';
import { advance, as, pricedBid, schedule, setUpTender, submitBid } from '../../test/tenders-fixture';
import { PanelMember } from '../panel/panel-member.entity';
import { User } from '../users/user.entity';

// Every read path for every role, twice over: slow on a machine shared with other suites.
jest.setTimeout(180_000);

/** Bids whose figures appear nowhere else (not in the lots, not in the demo tender): [bidder, lot, unit price]. */
const BIDS: [string, string, string][] = [
  ['A', '1', '1.17'],
  ['B', '1', '1.14'],
  ['C', '1', '1.09'],
  ['A', '2', '1.03'],
  ['B', '2', '1.205'],
];
const ROLES = ['anonymous', 'clerk', 'admin', 'bureau', 'expert1', 'expert2', 'insurer', 'insurer2'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A figure found as itself, not as part of a longer number (a time's "41.170" does not hide "1.17"). */
const figure = (s: string) => new RegExp(`(?<![\\d.])${escape(s)}(?![\\d])`);

async function workbookText(file: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
  return cells.join('\n');
}

/** A response as a reader would see it: text, the cells of a workbook, the text of a PDF. */
async function readable(res: Response): Promise<string> {
  const body = res.body as Buffer;
  const type = String(res.headers['content-type'] ?? '');
  if (res.status === 200 && type.includes('spreadsheetml')) return workbookText(body);
  if (res.status === 200 && type.includes('pdf')) return (await pdfText(body)).text;
  return body.toString('utf8');
}

describe('sealed bids: before opening, no read path shows any bid figure to anyone, nor does any table hold one', () => {
  let t: TestApp;
  let id: number;
  const tokens: Record<string, string> = {};
  const when = schedule(2099);
  const example = loadExampleDossier();
  const secrets: { lot: string; patterns: RegExp[] }[] = [];

  beforeAll(async () => {
    t = await startApp({ API_DOCS: 'true' });
    const users = ROLES.filter((r) => r !== 'anonymous');
    (await Promise.all(users.map((u) => t.login(u)))).forEach((token, i) => (tokens[users[i]] = token));
    id = await setUpTender(t, tokens.clerk, 'SEALED', when);
    for (const [index, [bidder, lotNo, unitPrice]] of BIDS.entries()) {
      const submittedFromIp = `192.0.2.${101 + index}`;
      const bid = { ...pricedBid(bidder, lotNo, unitPrice, example), submittedFromIp };
      const { serviceTotal, total, totalCapitals } = bid;
      // Submitted electronically by the bidder's own staff, with a document only the opening may read.
      const document = `sealed-document-${bidder}-${lotNo}`;
      expect((await submitBid(t, id, bid, [['投标文件.pdf', Buffer.from(`%PDF-1.4\n% ${document}\n`)]])).status).toBe(201);
      const numbers = [unitPrice, serviceTotal, total].flatMap((v) => [v, String(Number(v))]);
      secrets.push({
        lot: lotNo,
        patterns: [...numbers.map(figure), new RegExp(escape(totalCapitals)), figure(submittedFromIp), new RegExp(document)],
      });
    }
    const expert1 = await t.dataSource.getRepository(User).findOneByOrFail({ username: 'expert1' });
    await t.dataSource.getRepository(PanelMember).save({ tenderId: id, code: 'E1', name: expert1.displayName, userId: expert1.id });
  });
  afterAll(() => t.close());

  /** The read paths of the contract, and every other GET route of a tender the API documents. */
  async function readPaths(): Promise<string[]> {
    const detail = (await t.http().get(`/api/tenders/${id}`).set(as(tokens.clerk)).expect(200)).body;
    const received = (await t.http().get(`/api/tenders/${id}/received-bids`).set(as(tokens.clerk)).expect(200)).body;
    const bids = (await t.http().get(`/api/tenders/${id}/bids`).set(as(tokens.clerk)).expect(200)).body;
    const values: Record<string, string[]> = {
      id: [String(id)],
      lotNo: detail.lots.map((l: { no: string }) => l.no),
      lotId: detail.lots.map((l: { id: number }) => String(l.id)),
      bidId: [...bids, ...received.electronic].map((b: { id: number }) => String(b.id)),
    };
    const contract = [
      '/api/tenders',
      `/api/tenders/${id}`,
      `/api/tenders/${id}/bids`,
      `/api/tenders/${id}/received-bids`,
      `/api/tenders/${id}/electronic-bids`,
      ...values.lotNo.map((no) => `/api/tenders/${id}/lots/${no}/opening-sheet.xlsx`),
      `/api/tenders/${id}/dossier`,
      `/api/tenders/${id}/results`,
    ];
    const docs = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(docs.paths)
      .filter(([path, methods]) => path.startsWith('/api/tenders/{id}') && 'get' in methods)
      .flatMap(([path]) =>
        (path.match(/\{\w+\}/g) ?? []).reduce(
          (expanded, param) =>
            expanded.flatMap((p) => (values[param.slice(1, -1)] ?? ['1']).map((v) => p.replace(param, encodeURIComponent(v)))),
          [path],
        ),
      );
    return [...new Set([...contract, ...documented])];
  }

  async function read(path: string, role: string): Promise<Response> {
    const req = t
      .http()
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return role === 'anonymous' ? req : req.set(as(tokens[role]));
  }

  async function expectNothingShown(lots = ['1', '2']) {
    // What a SELECT of any table shows: the envelopes are sealed, and nothing else holds a figure.
    const selected = await everyTableAsText(t.dataSource);
    const stored = secrets.filter((s) => lots.includes(s.lot)).flatMap(({ patterns }) => patterns.filter((p) => p.test(selected)));
    expect(stored).toEqual([]);
    const paths = await readPaths();
    expect(paths.length).toBeGreaterThanOrEqual(9);
    const leaks: string[] = [];
    for (const path of paths) {
      for (const role of ROLES) {
        const res = await read(path, role);
        const text = await readable(res);
        for (const { lot, patterns } of secrets.filter((s) => lots.includes(s.lot))) {
          for (const pattern of patterns)
            if (pattern.test(text)) leaks.push(`${role} GET ${path} (${res.status}) shows ${pattern} of a lot ${lot} bid`);
        }
      }
    }
    expect(leaks).toEqual([]);
  }

  it('while the tender is published', async () => {
    await expectNothingShown();
    // The paths that refuse, refuse for that reason; the lists show the bids as sealed entries.
    await t.http().get(`/api/tenders/${id}/dossier`).set(as(tokens.clerk)).expect(409);
    await t.http().get(`/api/tenders/${id}/results`).set(as(tokens.clerk)).expect(409);
    await t.http().get(`/api/tenders/${id}/lots/1/opening-sheet.xlsx`).set(as(tokens.clerk)).expect(409);
    // Before opening there is no bid row: what was received shows as receipts, hash and time only.
    expect((await t.http().get(`/api/tenders/${id}/bids`).set(as(tokens.clerk)).expect(200)).body).toEqual([]);
    const received = (await t.http().get(`/api/tenders/${id}/received-bids`).set(as(tokens.clerk)).expect(200)).body;
    expect(received.electronic).toHaveLength(BIDS.length);
    for (const receipt of received.electronic) {
      expect(Object.keys(receipt).sort()).toEqual(['bidder', 'bidderName', 'closedAt', 'hash', 'id', 'lot', 'status', 'submittedAt']);
    }
  });

  it('once closed at the deadline, until the opening', async () => {
    expect(await advance(t, when.afterDeadline)).toEqual({ closed: 1, opened: 0 });
    await expectNothingShown();
  });

  it('after opening, the opened lot shows its figures; the lot with too few bids stays sealed', async () => {
    expect(await advance(t, when.afterOpening)).toEqual({ closed: 0, opened: 1 });
    const text = await readable(await read(`/api/tenders/${id}/bids`, 'clerk'));
    for (const { patterns } of secrets.filter((s) => s.lot === '1'))
      for (const pattern of patterns.slice(0, 2)) expect(text).toMatch(pattern);
    const selected = await everyTableAsText(t.dataSource);
    for (const { patterns } of secrets.filter((s) => s.lot === '2')) for (const pattern of patterns) expect(selected).not.toMatch(pattern);
    for (const path of [`/api/tenders/${id}/bids`, `/api/tenders/${id}/lots/2/opening-sheet.xlsx`, `/api/tenders/${id}`]) {
      for (const role of ROLES) {
        const shown = await readable(await read(path, role));
        for (const { patterns } of secrets.filter((s) => s.lot === '2')) for (const pattern of patterns) expect(shown).not.toMatch(pattern);
      }
    }
  });
});
