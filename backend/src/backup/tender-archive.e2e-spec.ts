import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { loadExampleDossier } from '../../test/example-dossier';
import { DEMO_TENDER, Filled, fillProduct } from '../../test/filled-product';
import { binary, startApp, TEST_AUDIT_KEY, TEST_MYSQL_URL, TestApp } from '../../test/harness';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ROOT_DIR } from '../config/config';
import { LIFECYCLES } from '../domain/lifecycles';
import { ArchiveManifest, packArchive, verifyArchive } from './tender-archive';
import { GLOBAL_ENTITY_TYPES, TENDER_ENTITIES, TenderArchiveService } from './tender-archive.service';

jest.setTimeout(240_000);

const flip = (file: Buffer, at: number) => {
  const copy = Buffer.from(file);
  copy[at] ^= 0x01;
  return copy;
};

describe('tender archive (电子档案)', () => {
  let t: TestApp;
  let filled: Filled;
  let archive: Buffer;
  const as = async (user: string) => ({ Authorization: `Bearer ${await t.login(user)}` });

  beforeAll(async () => {
    t = await startApp();
    filled = await fillProduct(t);
  });
  afterAll(() => t.close());

  it('downloads for procurement and the bureau: dossier, every PDF and file, the tender’s audit entries, a manifest of hashes', async () => {
    const res = await t
      .http()
      .get(`/api/tenders/${filled.tenderId}/archive.zip`)
      .set(await as('clerk'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(`${DEMO_TENDER}-archive-`);
    archive = res.body;
    await t
      .http()
      .get(`/api/tenders/${filled.tenderId}/archive.zip`)
      .set(await as('bureau'))
      .expect(200);
    for (const user of ['insurer-e', 'expert1', 'admin']) {
      await t
        .http()
        .get(`/api/tenders/${filled.tenderId}/archive.zip`)
        .set(await as(user))
        .expect(403);
    }

    const zip = await JSZip.loadAsync(archive);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as ArchiveManifest;
    expect(manifest.tender).toMatchObject({ id: filled.tenderId, code: DEMO_TENDER, status: 'awarded' });
    expect(manifest.files.map((f) => f.path)).toEqual([
      'dossier.json',
      'documents/award-notice/lot1-v1.pdf',
      'documents/contract/lot1-2024-v1.pdf',
      'files/lot1-2024/report/1-2024年度运行情况报告.pdf',
      'files/lot1-2024/evidence-9/2-巡查记录.pdf',
      'audit.json',
    ]);
    const dossier = JSON.parse(await zip.file('dossier.json')!.async('string'));
    expect(dossier.tender.code).toBe(DEMO_TENDER);
    const pdf = await zip.file('documents/contract/lot1-2024-v1.pdf')!.async('nodebuffer');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // The tender's audit entries: its records' and no other tender's, nor accounts'.
    const entries = JSON.parse(await zip.file('audit.json')!.async('string')) as AuditEntry[];
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['evaluation.confirm', 'contract.create', 'document.generate', 'assessment.create', 'assessment.self-assessment']) {
      expect(actions).toContain(a);
    }
    expect(entries.some((e) => ['user', 'organization'].includes(e.entityType))).toBe(false);
    expect(manifest.audit.entries).toBe(entries.length);

    const check = await verifyArchive(archive);
    expect(check).toMatchObject({ ok: true, problems: [], files: 6, auditEntries: entries.length, keyed: false });
    expect(check.notes.join()).toContain('AUDIT_KEY not set: hashes checked, the keyed manifest not');
    expect(check.notes.join()).toContain('AUDIT_KEY not set: the keyed audit entries were not checked');
    expect(await verifyArchive(archive, TEST_AUDIT_KEY)).toMatchObject({ ok: true, keyed: true, notes: [] });
    // The export is itself on the record.
    expect(await t.dataSource.getRepository(AuditEntry).countBy({ action: 'tender.archive', entityId: String(filled.tenderId) })).toBe(2);
  });

  it('places every audited entity type: a tender’s or global', async () => {
    const rows: { entityType: string }[] = await t.dataSource.query('SELECT DISTINCT entityType FROM audit_entries');
    const placed = new Set([...Object.keys(TENDER_ENTITIES), ...GLOBAL_ENTITY_TYPES]);
    expect(rows.map((r) => r.entityType).filter((type) => !placed.has(type))).toEqual([]);
    // A run need not exercise every lifecycle: each one's records are placed all the same.
    expect(
      Object.values(LIFECYCLES)
        .map((l) => l.entity)
        .filter((type) => !placed.has(type)),
    ).toEqual([]);
  });

  it('archives only a finished tender', async () => {
    const d = loadExampleDossier();
    d.tender.code = 'ARCHIVE-UNFINISHED';
    const { tenderId } = (
      await t
        .http()
        .post('/api/dossiers')
        .set(await as('clerk'))
        .send(d)
        .expect(201)
    ).body;
    const res = await t
      .http()
      .get(`/api/tenders/${tenderId}/archive.zip`)
      .set(await as('clerk'))
      .expect(409);
    expect(res.body.message).toContain('only a finished tender');
    await t
      .http()
      .get('/api/tenders/99999/archive.zip')
      .set(await as('clerk'))
      .expect(404);
  });

  it('finds a flipped byte anywhere in the file', async () => {
    const positions = new Set<number>([0, 30, archive.length - 1, archive.length - 64, archive.length - 70, archive.length - 100]);
    for (let i = 0; i < 120; i++) positions.add(Math.floor((i * archive.length) / 120));
    const missed: number[] = [];
    for (const at of positions) if ((await verifyArchive(flip(archive, at))).ok) missed.push(at);
    expect(missed).toEqual([]);
    const truncated = await verifyArchive(archive.subarray(0, archive.length - 200));
    expect(truncated.ok).toBe(false);
  });

  it('with AUDIT_KEY: a keyed manifest, and a forged part with rewritten hashes is found', async () => {
    const key = TEST_AUDIT_KEY;
    const { content } = await t.app.get(TenderArchiveService).export(null, filled.tenderId);
    expect(await verifyArchive(content, key)).toMatchObject({ ok: true, keyed: true });
    expect((await verifyArchive(content, 'another-key')).problems.join()).toContain('keyed with another AUDIT_KEY');

    // A forger changes the dossier, recomputes every hash and seals the file again — without the key.
    const zip = await JSZip.loadAsync(content);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as ArchiveManifest;
    const parts = await Promise.all(
      manifest.files.map(async (f) => ({ path: f.path, content: await zip.file(f.path)!.async('nodebuffer'), source: f.source })),
    );
    const dossier = parts.find((p) => p.path === 'dossier.json')!;
    dossier.content = Buffer.from(dossier.content.toString('utf8').replace(/"unitPriceCap": "[^"]+"/, '"unitPriceCap": "99.99"'));
    const { format: _f, formatVersion: _v, files: _files, keys: _k, hmac: _h, ...head } = manifest;
    const forged = await packArchive(head, parts, 'forger-guess');
    expect((await verifyArchive(forged)).ok).toBe(true); // without the key, a consistent forgery passes the hash checks…
    expect((await verifyArchive(forged, key)).problems.join()).toContain('keyed with another AUDIT_KEY'); // …with it, it does not
    const unkeyed = await packArchive(head, parts, undefined);
    expect((await verifyArchive(unkeyed, key)).problems.join()).toContain('the manifest is not keyed');
  });

  if (!TEST_MYSQL_URL) {
    it('command line: backup, restore into a new file, archive export from it, archive verify (exit 1 on a flipped byte)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hcp-cli-'));
      const run = promisify(execFile);
      const cli = (url: string, ...args: string[]) =>
        run(process.execPath, [join(ROOT_DIR, 'scripts', 'cli.js'), ...args], {
          cwd: ROOT_DIR,
          env: { ...process.env, DATABASE_URL: url, AUDIT_KEY: TEST_AUDIT_KEY, SEED_DEMO: 'false', BACKUP_DIR: '' },
          maxBuffer: 1 << 24,
        });
      const source = await startApp({ DATABASE_URL: `sqlite:${join(dir, 'source.sqlite')}` });
      try {
        await fillProduct(source);
        const backup = join(dir, 'b.ndjson.gz');
        const made = JSON.parse((await cli(`sqlite:${join(dir, 'source.sqlite')}`, 'backup', '--out', backup)).stdout);
        expect(made).toMatchObject({ ok: true, trigger: 'manual', file: backup, files: 4 });
        const restored = `sqlite:${join(dir, 'restored.sqlite')}`;
        const report = JSON.parse((await cli(restored, 'restore', backup)).stdout);
        expect(report).toMatchObject({ files: 4, migrated: [], fileMismatches: [] });
        const again = await cli(restored, 'restore', backup).catch((e) => e);
        expect(again.code).toBe(1);
        expect(again.stderr).toContain('the target database is not empty');

        const zip = join(dir, 'a.zip');
        await cli(restored, 'archive', 'export', DEMO_TENDER, '--out', zip);
        expect((await cli(restored, 'archive', 'verify', zip)).stdout).toMatch(new RegExp(`archive intact: ${DEMO_TENDER} — 6 files`));
        const bytes = readFileSync(zip);
        writeFileSync(zip, flip(bytes, Math.floor(bytes.length / 2)));
        const bad = await cli(restored, 'archive', 'verify', zip).catch((e) => e);
        expect(bad.code).toBe(1);
        expect(bad.stderr).toMatch(/the archive checksum does not match/);
      } finally {
        await source.app.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
