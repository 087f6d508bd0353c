import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, TestApp } from '../../test/harness';
import { ROOT_DIR } from '../config/config';
import * as evaluateDossierModule from '../domain/evaluation/evaluate-dossier';
import { DossiersService } from './dossiers.service';
import { ImportProgressRegistry } from './import-progress';
import { loadExampleDossier } from '../../test/example-dossier';
import { formatCapitals } from '../domain/bids/capitals';
import { Score } from '../panel/score.entity';
import { Tender } from '../tenders/tender.entity';
import type { ImportProgress } from '../domain/dossier/import-progress';

// Plain CommonJS shared with the benchmark.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { largeDossier } = require('../../../scripts/large-dossier');

/** A client names its import (X-Import-Id) and reads its progress while the POST runs. */
describe('dossier import progress', () => {
  let t: TestApp;
  let clerk: string;
  beforeAll(async () => {
    t = await startApp();
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  const progressOf = (id: string, token = clerk) => t.http().get(`/api/dossiers/imports/${id}`).set('Authorization', `Bearer ${token}`);

  it('reports the rows checked, then the rows written, while a large import runs, and done at the end', async () => {
    const dossier = largeDossier('PROGRESS-1', formatCapitals, { bidders: 24, experts: 5 });
    const id = 'import-progress-0001';
    // Every step the import records, as the registry hears it: whether a poll lands between two chunks
    // depends on the machine's speed, what the import records does not.
    const recorded: ImportProgress[] = [];
    const registry = t.app.get(ImportProgressRegistry);
    const track = registry.track.bind(registry);
    const tracking = jest.spyOn(registry, 'track').mockImplementation((userId, importId) => {
      const record = track(userId, importId);
      return (progress) => (recorded.push(progress), record(progress));
    });
    const polled: ImportProgress[] = [];
    let finished = false;
    const posted = t
      .http()
      .post('/api/dossiers')
      .set('Authorization', `Bearer ${clerk}`)
      .set('X-Import-Id', id)
      .send(dossier)
      .then((res) => ((finished = true), res));
    while (!finished) {
      const res = await progressOf(id);
      if (res.status === 200) polled.push(res.body);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    tracking.mockRestore();
    expect((await posted).status).toBe(201);
    const total = dossier.bidders.length + dossier.bids.length + dossier.scores.length;
    const validating = recorded.filter((p) => p.phase === 'validating');
    const writing = recorded.filter((p) => p.phase === 'writing');
    expect(recorded[0]).toEqual({ phase: 'validating', checked: 0, toCheck: 0, written: 0, total: 0 });
    // Each row is checked twice (its form, then the rules across the parts), in steps the poll can see.
    const checked = validating.slice(1).map((p) => p.checked);
    expect(validating.slice(1).every((p) => p.toCheck === 2 * total && p.written === 0)).toBe(true);
    expect(checked.length).toBeGreaterThan(1);
    expect(checked).toEqual([...new Set(checked)].sort((a, b) => a - b));
    expect(checked.at(-1)).toBe(2 * total);
    expect(writing.length).toBeGreaterThan(1);
    expect(writing.every((p) => p.total === total && p.written > 0 && p.written <= total)).toBe(true);
    expect(writing.map((p) => p.written)).toEqual([...writing.map((p) => p.written)].sort((a, b) => a - b));
    // What a poll was answered is one of the recorded steps.
    for (const p of polled) expect(recorded).toContainEqual(p);
    expect((await progressOf(id).expect(200)).body).toEqual({
      phase: 'done',
      checked: 2 * total,
      toCheck: 2 * total,
      written: total,
      total,
    });
  });

  it('reports an import refused while writing as refused, with nothing imported', async () => {
    const tenders = await t.dataSource.getRepository(Tender).count();
    const scores = await t.dataSource.getRepository(Score).count();
    const taken = loadExampleDossier(); // the demo tender's code is taken: valid, refused in the transaction
    const id = 'import-progress-0002';
    await t.http().post('/api/dossiers').set('Authorization', `Bearer ${clerk}`).set('X-Import-Id', id).send(taken).expect(400);
    expect((await progressOf(id).expect(200)).body.phase).toBe('refused');
    expect(await t.dataSource.getRepository(Tender).count()).toBe(tenders);
    expect(await t.dataSource.getRepository(Score).count()).toBe(scores);
  });

  it('validates inside the tracked import: a bad dossier is reported refused, its fields named, nothing imported', async () => {
    const tenders = await t.dataSource.getRepository(Tender).count();
    const d = loadExampleDossier();
    d.tender.code = 'PROGRESS-BAD';
    d.lots[0].maxUnitPrice = '-1';
    const id = 'import-progress-0004';
    const res = await t.http().post('/api/dossiers').set('Authorization', `Bearer ${clerk}`).set('X-Import-Id', id).send(d).expect(400);
    expect(res.body.errors).toEqual([{ path: 'lots[0].maxUnitPrice', code: 'positive', message: 'must be > 0 / 必须大于0', params: {} }]);
    expect((await progressOf(id).expect(200)).body).toEqual({ phase: 'refused', checked: 0, toCheck: 0, written: 0, total: 0 });
    expect(await t.dataSource.getRepository(Tender).count()).toBe(tenders);
  });

  it('reports validating, then evaluating for a dossier with contracts (evaluated once), then writing', async () => {
    const d = JSON.parse(readFileSync(join(ROOT_DIR, 'backend', 'test', 'fixtures', 'contracts-premium.json'), 'utf8'));
    const evaluations = jest.spyOn(evaluateDossierModule, 'evaluateAward');
    const phases: ImportProgress['phase'][] = [];
    try {
      await t.app.get(DossiersService).import(null, d, (p) => phases.push(p.phase));
      expect(evaluations).toHaveBeenCalledTimes(1);
    } finally {
      evaluations.mockRestore();
    }
    expect(phases.filter((p, i) => p !== phases[i - 1])).toEqual(['validating', 'evaluating', 'writing', 'done']);
  });

  it('shows an import only to the user who started it', async () => {
    const id = 'import-progress-0003';
    const d = loadExampleDossier();
    d.tender.code = 'PROGRESS-3';
    await t.http().post('/api/dossiers').set('Authorization', `Bearer ${clerk}`).set('X-Import-Id', id).send(d).expect(201);
    await progressOf(id).expect(200);
    await progressOf(id, await t.login('admin')).expect(404);
    await progressOf('never-started-0000').expect(404);
  });
});
