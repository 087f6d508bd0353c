import { createHash } from 'node:crypto';
import { bureauToken } from '../../test/buyers';
import { demoInsurersWin } from '../../test/example-dossier';
import { binary, startApp, TEST_MYSQL_URL, TestApp } from '../../test/harness';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ASSESSMENT_LIMITS } from '../domain/assessments';

jest.setTimeout(120_000);

const pdfFile = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n`);

/**
 * The insurer's evidence (佐证材料) per item of its self-assessment (issue 15): stored like the bureau's
 * evidence, seen by the insurer and the buyer's bureau only, taken until publication and capped per item.
 */
describe(`the insurer's evidence per self-assessment item (${TEST_MYSQL_URL ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const http = () => t.http();
  let id: number;
  let items: { no: string }[];
  let fileId: number;
  const evidence = pdfFile('2024年度经办人员到岗记录');
  const sha256 = createHash('sha256').update(evidence).digest('hex');

  const upload = (no: string, content: Buffer, name: string, user = 'insurer') =>
    http()
      .post(`/api/assessments/${id}/self-assessment/items/${no}/evidence`)
      .set(as(user))
      .field('description', '到岗记录')
      .attach('file', content, name);
  const download = (file: number, user: string) => http().get(`/api/assessments/${id}/files/${file}`).set(as(user));
  const detail = async (user: string) => (await http().get(`/api/assessments/${id}`).set(as(user)).expect(200)).body;

  beforeAll(async () => {
    t = await startApp({ EVIDENCE_MAX_MB: '1' });
    for (const u of ['clerk', 'bureau', 'insurer', 'insurer2', 'admin', 'expert1']) tokens[u] = await t.login(u);
    tokens.otherBuyer = await bureauToken(t, '别的市医疗保障局');
    const d = demoInsurersWin(`SE-${process.pid}`);
    delete d.assessmentSchemes;
    delete d.assessments;
    const tender = (await http().post('/api/dossiers').set(as('clerk')).send(d).expect(201)).body.tenderId;
    const draft = (
      await http()
        .post(`/api/tenders/${tender}/lots/1/contracts`)
        .set(as('bureau'))
        .send({ year: 2024, scheduleTemplate: 'ningbo' })
        .expect(201)
    ).body;
    await http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 1, population: 4_000_000 }).expect(200);
    await http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 2, status: 'signed' }).expect(200);
    const a = (await http().post(`/api/contracts/${draft.id}/assessments`).set(as('bureau')).send({ schemeCode: 'NB-PERF' }).expect(201))
      .body;
    id = a.id;
    items = a.scheme.items;
  });
  afterAll(() => t.close());

  it('stores the insurer’s file for an item with its SHA-256, checking the item, the file and its type', async () => {
    const stored = (await upload('3', evidence, '到岗记录.pdf').expect(201)).body;
    expect(stored).toMatchObject({
      assessmentId: id,
      kind: 'self-evidence',
      itemNo: '3',
      fileName: '到岗记录.pdf',
      mimeType: 'application/pdf',
      size: evidence.length,
      sha256,
      description: '到岗记录',
      uploadedBy: 'insurer',
    });
    fileId = stored.id;
    await upload('99', evidence, 'x.pdf').expect(404);
    expect((await upload('3', Buffer.from('plain text'), 'notes.txt').expect(400)).body.errors[0]).toMatchObject({
      path: 'file',
      code: 'fileType',
    });
    expect((await upload('3', Buffer.concat([evidence, Buffer.alloc(1024 * 1024)]), 'big.pdf').expect(400)).body.errors[0]).toMatchObject({
      path: 'file',
      code: 'fileTooLarge',
    });
    await http()
      .post(`/api/assessments/${id}/self-assessment/items/3/evidence`)
      .set(as('insurer'))
      .field('description', '无文件')
      .expect(400);
  });

  it('lists it to the insurer and to the buyer’s bureau, apart from the bureau’s evidence', async () => {
    await http()
      .post(`/api/assessments/${id}/items/3/evidence`)
      .set(as('bureau'))
      .attach('file', pdfFile('巡查记录'), '巡查记录.pdf')
      .expect(201);
    const kinds = (files: { kind: string; itemNo: string | null }[]) => files.map((f) => [f.kind, f.itemNo]);
    // Before publication the insurer sees its own evidence, not the bureau's.
    expect(kinds((await detail('insurer')).files)).toEqual([['self-evidence', '3']]);
    expect(kinds((await detail('bureau')).files)).toEqual([
      ['self-evidence', '3'],
      ['evidence', '3'],
    ]);
  });

  it('downloads it to the insurer and the buyer’s bureau; another insurer and another buyer’s bureau find nothing', async () => {
    for (const user of ['insurer', 'bureau']) {
      const res = await download(fileId, user).buffer(true).parse(binary).expect(200);
      expect(createHash('sha256').update(res.body).digest('hex')).toBe(sha256);
      expect(res.headers['content-type']).toContain('application/pdf');
    }
    for (const user of ['insurer2', 'otherBuyer']) {
      await download(fileId, user).expect(404);
      await http().get(`/api/assessments/${id}`).set(as(user)).expect(404);
    }
    await upload('3', evidence, 'x.pdf', 'insurer2').expect(404);
  });

  it('refuses procurement, experts and the administrator, and the bureau on the insurer’s path', async () => {
    for (const user of ['clerk', 'expert1', 'admin']) {
      await download(fileId, user).expect(403);
      await upload('3', evidence, 'x.pdf', user).expect(403);
    }
    await upload('3', evidence, 'x.pdf', 'bureau').expect(403);
    await upload('3', evidence, 'x.pdf', 'otherBuyer').expect(403);
  });

  it('caps the insurer’s evidence per item, counted apart from the bureau’s', async () => {
    const max = ASSESSMENT_LIMITS.evidencePerItem;
    for (let i = 1; i < max; i++) await upload('3', pdfFile(`e${i}`), `e${i}.pdf`).expect(201);
    const over = await upload('3', pdfFile('over'), 'over.pdf').expect(409);
    expect(over.body).toMatchObject({ code: 'fileLimit', params: { max } });
    await upload('4', pdfFile('other item'), 'e.pdf').expect(201);
    await http().post(`/api/assessments/${id}/items/3/evidence`).set(as('bureau')).attach('file', pdfFile('b'), 'b.pdf').expect(201);
  });

  it('records each upload in the audit log like the bureau’s evidence', async () => {
    const entries = await t.dataSource
      .getRepository(AuditEntry)
      .find({ where: { entityType: 'assessment', entityId: String(id), action: 'assessment.self-evidence' }, order: { id: 'ASC' } });
    expect(entries).toHaveLength(ASSESSMENT_LIMITS.evidencePerItem + 1);
    expect(entries[0]).toMatchObject({
      actorName: 'insurer',
      before: null,
      after: { fileId, kind: 'self-evidence', itemNo: '3', fileName: '到岗记录.pdf', size: evidence.length, sha256 },
    });
  });

  it('is closed once the result is published, when the evidence stays readable', async () => {
    await http()
      .put(`/api/assessments/${id}/items`)
      .set(as('bureau'))
      .send({ items: items.map((i) => ({ no: i.no, deduction: '0' })) })
      .expect(200);
    await http().post(`/api/assessments/${id}/publish`).set(as('bureau')).expect(200);
    const closed = await upload('5', evidence, 'late.pdf').expect(409);
    expect(closed.body).toMatchObject({ code: 'lifecycle.not-allowed', params: { state: 'published', event: 'submit' } });
    expect(closed.body.message).toContain('考核结果已公布');
    await download(fileId, 'insurer').expect(200);
    expect((await detail('insurer')).files.filter((f: { kind: string }) => f.kind === 'self-evidence')).toHaveLength(
      ASSESSMENT_LIMITS.evidencePerItem + 1,
    );
  });
});
