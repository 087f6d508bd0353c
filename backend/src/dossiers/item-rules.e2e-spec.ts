import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEvaluate, readFixture } from '../../test/dossier-files';
import { canonical, shippedAssessmentScheme } from '../../test/example-dossier';
import { startApp, TestApp } from '../../test/harness';

/**
 * Assessment item rules in a format 2 dossier (DOSSIER.md ITEM_RULE, DOMAIN.md §7): the seed 000 tender
 * with the shipped Shenyang scheme (17 items and their rules) and its 2024 assessment given by each
 * rule's input. Score by hand: 1 per case, 2 cases → 8; 2 binary, not met → 0; 3 k-of-n 1 of 2 × 5 → 5;
 * 4 3 × 1 → 3; 5 4 × 1 → 4; 6, 7 met → 5, 5; 8 4 × 1 → 4; 9 5 × 1 → 5; 10 2 × 2 → 4; 11 met → 5;
 * 12 4 × 1 → 4; 13 met → 5; 14 2 × 2 → 4; 15 met → 5; 16 no case → 10; 17 judgement 7.5. Sum 83.5 < 85:
 * not passed, 1,200,000.00 × 0.005 = 6,000.00 withheld.
 */
const INPUTS: Record<string, object> = {
  '1': { cases: 2 },
  '2': { met: false, note: '未以正式文件明确组织机构' },
  '3': { achieved: 1 },
  '4': { achieved: 3 },
  '5': { achieved: 4 },
  '6': { met: true },
  '7': { met: true },
  '8': { achieved: 4 },
  '9': { achieved: 5 },
  '10': { achieved: 2 },
  '11': { met: true },
  '12': { achieved: 4 },
  '13': { met: true },
  '14': { achieved: 2 },
  '15': { met: true },
  '16': { cases: 0 },
  '17': { points: '7.5' },
};
const ITEM_SCORES = ['8', '0', '5', '3', '4', '5', '5', '4', '5', '4', '5', '4', '5', '4', '5', '10', '7.5'];

function dossierWithRules(): any {
  const d: any = readFixture('shenyang-rate-consortium');
  const SY17 = shippedAssessmentScheme('SY-17');
  d.assessmentSchemes = [SY17];
  d.assessments = [
    {
      lot: '1',
      year: 2024,
      scheme: 'SY-17',
      operatingCost: '1200000.00',
      items: SY17.items.map((i) => ({ no: i.no, ...INPUTS[i.no] })),
    },
  ];
  return d;
}

const EXPECTED_ASSESSMENT = {
  lot: '1',
  year: 2024,
  score: '83.50',
  grade: '不达标',
  passed: false,
  deductionAmount: '6000.00',
  items: ITEM_SCORES.map((score, i) => ({ no: String(i + 1), score: Number(score).toFixed(2) })),
  errors: [],
};

describe('dossier assessment item rules (format 2)', () => {
  let t: TestApp;
  let clerk: string;
  let bureau: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startApp();
    clerk = await t.login('clerk');
    bureau = await t.login('bureau');
  });
  afterAll(() => t.close());

  const refused: [string, (d: any) => void, string[]][] = [
    [
      'points on a binary item',
      (d) => (d.assessments[0].items[1] = { no: '2', points: '3' }),
      ['assessments[0].items[1].met', 'assessments[0].items[1].points'],
    ],
    ['more sub-items achieved than the item has', (d) => (d.assessments[0].items[2].achieved = 3), ['assessments[0].items[2].achieved']],
    ['a fraction of a case', (d) => (d.assessments[0].items[0].cases = 0.5), ['assessments[0].items[0].cases']],
    ['an item left out', (d) => d.assessments[0].items.pop(), ['assessments[0].items']],
    [
      'a rule whose sub-items do not add up to the max',
      (d) => (d.assessmentSchemes[0].items[9].rule.n = 2),
      ['assessmentSchemes[0].items[9].rule.pointsEach'],
    ],
  ];

  it.each(refused)('refuses %s with a 400 naming the path, importing nothing', async (_, breakIt, paths) => {
    const d = dossierWithRules();
    breakIt(d);
    const res = await t.http().post('/api/dossiers').set(as(clerk)).send(d).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
    const tenders = (await t.http().get('/api/tenders').set(as(clerk)).expect(200)).body;
    expect(JSON.stringify(tenders)).not.toContain(d.tender.code);
  });

  it('imports the rules, scores each item by its rule, and exports both back equal', async () => {
    const original = dossierWithRules();
    const imported = await t.http().post('/api/dossiers').set(as(clerk)).send(original).expect(201);
    const results = (await t.http().get(`/api/tenders/${imported.body.tenderId}/results`).set(as(clerk)).expect(200)).body;
    expect(results.assessments).toEqual([expect.objectContaining(EXPECTED_ASSESSMENT)]);

    const exported = (await t.http().get(`/api/tenders/${imported.body.tenderId}/dossier`).set(as(clerk)).expect(200)).body;
    expect(exported.formatVersion).toBe(2);
    expect(canonical(exported.assessmentSchemes)).toEqual(canonical(original.assessmentSchemes));
    expect(canonical(exported.assessments)).toEqual(canonical(original.assessments));

    // the tender's own SY-17 is the one its contracts are assessed with: it keeps the rules
    const schemes = (await t.http().get(`/api/assessment-schemes?tenderId=${imported.body.tenderId}`).set(as(bureau)).expect(200)).body;
    const own = schemes.find((s: { code: string; tenderId: number | null }) => s.code === 'SY-17' && s.tenderId !== null);
    expect(own.items[1]).toMatchObject({ no: '2', max: '4', rule: { kind: 'binary' } });
    expect(own.items[2]).toMatchObject({ rule: { kind: 'k-of-n', n: 2, pointsEach: '5' } });
  });

  it('the CLI evaluates the same item scores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'item-rules-'));
    try {
      const file = join(dir, 'dossier.json');
      writeFileSync(file, JSON.stringify(dossierWithRules()));
      expect((await cliEvaluate(file)).assessments).toEqual([expect.objectContaining(EXPECTED_ASSESSMENT)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
