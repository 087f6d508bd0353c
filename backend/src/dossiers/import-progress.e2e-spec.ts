import { startApp, TestApp } from '../../test/harness';
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

  it('reports the rows written while a large import runs, and done at the end', async () => {
    const dossier = largeDossier('PROGRESS-1', formatCapitals, { bidders: 24, experts: 5 });
    const id = 'import-progress-0001';
    const seen: ImportProgress[] = [];
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
      if (res.status === 200) seen.push(res.body);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await posted).status).toBe(201);
    const total = dossier.bidders.length + dossier.bids.length + dossier.scores.length;
    const writing = seen.filter((p) => p.phase === 'writing');
    expect(writing.length).toBeGreaterThan(0);
    expect(writing.every((p) => p.total === total && p.written > 0 && p.written <= total)).toBe(true);
    expect((await progressOf(id).expect(200)).body).toEqual({ phase: 'done', written: total, total });
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
