import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEvaluate, runCli } from '../../test/dossier-files';
import { startApp, TestApp } from '../../test/harness';
import { canonical, EXAMPLE_DOSSIER_PATH, loadExampleDossier } from '../../test/example-dossier';
import { Tender } from '../tenders/tender.entity';

let imported = 0;
/** The example dossier under a code of its own, so tests do not collide with the seeded demo tender. */
const example = () => {
  const d: any = loadExampleDossier();
  d.tender.code = `TEST-${++imported}`;
  return d;
};

describe('dossiers: import, export, evaluate', () => {
  let t: TestApp;
  let clerk: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const tenderCount = () => t.dataSource.getRepository(Tender).count();

  beforeAll(async () => {
    t = await startApp();
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  it('imports the example dossier and exports it back equal', async () => {
    const original = example();
    const res = await t.http().post('/api/dossiers').set(as(clerk)).send(original).expect(201);
    expect(res.body.tenderId).toEqual(expect.any(Number));
    const exported = await t.http().get(`/api/tenders/${res.body.tenderId}/dossier`).set(as(clerk)).expect(200);
    // The export spells out the defaults the example leaves out, in format 2.
    expect(canonical(exported.body)).toEqual(
      canonical({
        ...original,
        formatVersion: 2,
        tender: { ...original.tender, oneBranchPerGroup: false, consortiaAllowed: false, challengeDays: 7, openingConfirmMinutes: 30 },
      }),
    );
  });

  it('a re-imported export evaluates to identical results', async () => {
    const first = await t.http().post('/api/dossiers').set(as(clerk)).send(example()).expect(201);
    const exported = (await t.http().get(`/api/tenders/${first.body.tenderId}/dossier`).set(as(clerk)).expect(200)).body;
    const second = await t
      .http()
      .post('/api/dossiers')
      .set(as(clerk))
      .send({ ...exported, tender: { ...exported.tender, code: 'RT-2' } })
      .expect(201);
    const a = (await t.http().get(`/api/tenders/${first.body.tenderId}/results`).set(as(clerk)).expect(200)).body;
    const b = (await t.http().get(`/api/tenders/${second.body.tenderId}/results`).set(as(clerk)).expect(200)).body;
    expect({ ...b, tender: 'x' }).toEqual({ ...a, tender: 'x' });
    expect(a.lots.map((l: { winner: string }) => l.winner)).toEqual(['E', 'C', 'D']);
  });

  it('refuses a duplicate tender code naming tender.code', async () => {
    const d = example();
    await t.http().post('/api/dossiers').set(as(clerk)).send(d).expect(201);
    const before = await tenderCount();
    const res = await t.http().post('/api/dossiers').set(as(clerk)).send(d).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'tender.code' })]);
    expect(await tenderCount()).toBe(before);
  });

  it('scores MySQL/MariaDB takes for one (criteria "a" and "A") are refused naming scores, nothing kept, foreign keys checked again', async () => {
    const d = example();
    const renamed: Record<string, string> = { '13': 'a', '14': 'A' };
    for (const scheme of d.schemes) for (const c of scheme.criteria) c.no = renamed[c.no] ?? c.no;
    for (const score of d.scores) score.criterion = renamed[score.criterion] ?? score.criterion;
    const before = await tenderCount();
    if (t.dataSource.options.type === 'better-sqlite3') {
      // SQLite compares codes exactly, as validation does.
      await t.http().post('/api/dossiers').set(as(clerk)).send(d).expect(201);
      return;
    }
    const res = await t.http().post('/api/dossiers').set(as(clerk)).send(d).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'scores', code: 'codesCollide' })]);
    expect(await tenderCount()).toBe(before);
    // The scores are written without foreign-key checks: every pooled connection has them back.
    const sessions = await Promise.all(
      Array.from({ length: 10 }, () => t.dataSource.query('SELECT @@SESSION.foreign_key_checks AS checks, SLEEP(0.2) AS slept')),
    );
    expect(sessions.map(([row]: { checks: number | string }[]) => Number(row.checks))).toEqual(Array(10).fill(1));
  });

  const malformed: [string, (d: any) => void, string[]][] = [
    ['missing tender code', (d) => delete d.tender.code, ['tender.code']],
    ['wrong formatVersion', (d) => (d.formatVersion = 3), ['formatVersion']],
    ['a lot cap of zero', (d) => (d.lots[1].maxUnitPrice = '0'), ['lots[1].maxUnitPrice']],
    ['a negative unit price', (d) => (d.bids[0].unitPrice = '-1.16'), ['bids[0].unitPrice']],
    ['an amount given as a float', (d) => (d.lots[0].maxBudget = 4870000.5), ['lots[0].maxBudget']],
    ['an unknown scheme', (d) => (d.lots[2].scheme = 'NOPE'), ['lots[2].scheme']],
    ['an unknown bidder', (d) => (d.bids[4].bidder = 'Z'), ['bids[4].bidder']],
    ['an unknown lot', (d) => (d.bids[3].lot = '9'), ['bids[3].lot']],
    ['a score above the criterion max', (d) => (d.scores[0].value = '5.1'), ['scores[0].value']],
    ['a score below 0', (d) => (d.scores[1].value = '-0.1'), ['scores[1].value']],
    ['a score not in 0.1 steps', (d) => (d.scores[2].value = '2.85'), ['scores[2].value']],
    ['a duplicate bid', (d) => d.bids.push({ ...d.bids[0] }), ['bids[15]']],
    ['an unknown expert', (d) => (d.scores[3].expert = 'E9'), ['scores[3].expert']],
    ['a population that is not a whole number', (d) => (d.lots[0].basePopulation = 12.5), ['lots[0].basePopulation']],
    ['an unknown award rule', (d) => (d.tender.awardRule = 'lottery'), ['tender.awardRule']],
    ['an opening time without offset', (d) => (d.tender.openingTime = '2022-09-28 09:30'), ['tender.openingTime']],
    ['sme given as text', (d) => (d.bidders[0].sme = 'yes'), ['bidders[0].sme']],
    [
      'several faults at once',
      (d) => {
        d.lots[1].maxUnitPrice = '-1';
        d.bids[2].unitPrice = 'abc';
        d.scores[5].value = '99';
      },
      ['lots[1].maxUnitPrice', 'bids[2].unitPrice', 'scores[5].value'],
    ],
  ];

  it.each(malformed)('rejects %s with the offending path and saves nothing', async (_, breakIt, paths) => {
    const d = example();
    breakIt(d);
    const before = await tenderCount();
    const res = await t.http().post('/api/dossiers').set(as(clerk)).send(d).expect(400);
    const reported = res.body.errors.map((e: { path: string }) => e.path);
    for (const p of paths) expect(reported.some((r: string) => r === p || r.startsWith(`${p}.`))).toBe(true);
    expect(await tenderCount()).toBe(before);
  });

  it('only procurement and admin may import; an insurer gets 403', async () => {
    const insurer = await t.login('insurer');
    await t.http().post('/api/dossiers').set(as(insurer)).send(example()).expect(403);
    await t.http().post('/api/dossiers').send(example()).expect(401);
  });
});

describe('CLI evaluate', () => {
  it('prints the results of the example dossier and exits 0', async () => {
    const results = await cliEvaluate(EXAMPLE_DOSSIER_PATH);
    expect(results.tender).toBe('NBZFCG2022B031G');
    expect(results.lots.map((l: { no: string; winner: string }) => [l.no, l.winner])).toEqual([
      ['1', 'E'],
      ['2', 'C'],
      ['3', 'D'],
    ]);
    expect(results.assessments[0]).toMatchObject({ lot: '1', year: 2023, score: '93.50', grade: '优秀', rewardAmount: '500000.00' });
  }, 60_000);

  it('exits 1 with each offending path on stderr for a bad dossier', async () => {
    const d = example();
    d.lots[1].maxUnitPrice = '0';
    d.bids[0].bidder = 'Z';
    const dir = mkdtempSync(join(tmpdir(), 'hcp-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(d));
    const failure = await runCli(['evaluate', file]).then(
      () => null,
      (e) => e,
    );
    rmSync(dir, { recursive: true, force: true });
    expect(failure.code).toBe(1);
    expect(failure.stdout).toBe('');
    expect(failure.stderr).toContain('lots[1].maxUnitPrice');
    expect(failure.stderr).toContain('bids[0].bidder');
  }, 60_000);
});
