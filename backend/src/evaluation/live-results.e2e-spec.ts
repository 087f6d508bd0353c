import { EntityTarget, ObjectLiteral } from 'typeorm';
import { startApp, TestApp } from '../../test/harness';
import { loadExampleDossier } from '../../test/example-dossier';
import { Assessment } from '../assessments/assessment.entity';
import { Sessions } from '../auth/sessions';
import { AssessmentScheme } from '../assessments/assessment-scheme.entity';
import { Bid } from '../bids/bid.entity';
import { Bidder } from '../bids/bidder.entity';
import { dossierRevision } from '../dossiers/dossier-store';
import { readChangeStamp } from '../database/change-stamp';
import { insertRows } from '../database/bulk-rows';
import { User } from '../users/user.entity';
import { PanelMember } from '../panel/panel-member.entity';
import { Score } from '../panel/score.entity';
import { Lot } from '../tenders/lot.entity';
import { ScoringScheme } from '../tenders/scheme.entity';
import { Tender } from '../tenders/tender.entity';
import { Draw } from './draw.entity';
import * as evaluation from '../domain/evaluation/evaluate-dossier';

/**
 * Before the award, GET results evaluates the tender as it stands. The evaluation is reused while
 * nothing it reads has changed (the dossier revision), and any change is seen by the next request.
 */
describe('live results before the award', () => {
  let t: TestApp;
  let tenderId: number;
  let clerk: string;
  const results = async () =>
    (await t.http().get(`/api/tenders/${tenderId}/results`).set('Authorization', `Bearer ${clerk}`).expect(200)).body;
  const winnerOfLot1 = async () => (await results()).lots.find((l: { no: string }) => l.no === '1').winner;

  beforeAll(async () => {
    t = await startApp();
    clerk = await t.login('clerk');
    const dossier = loadExampleDossier();
    dossier.tender.code = 'LIVE-1';
    // A draw of the example's tender makes the draws table part of this tender too.
    dossier.draws = [{ lot: '1', seed: 'live-results' }];
    tenderId = (await t.http().post('/api/dossiers').set('Authorization', `Bearer ${clerk}`).send(dossier).expect(201)).body.tenderId;
  });
  afterAll(() => t.close());

  it('evaluates once while nothing changes, however many ask at once', async () => {
    const spy = jest.spyOn(evaluation, 'evaluateDossier');
    try {
      const all = await Promise.all(Array.from({ length: 10 }, results));
      expect(new Set(all.map((r) => JSON.stringify(r))).size).toBe(1);
      expect(await results()).toEqual(all[0]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('sees a change made through the API at once: the winner of lot 1 disqualified, the next bid wins', async () => {
    expect(await winnerOfLot1()).toBe('E');
    const bids: {
      id: number;
      bidder: string;
      lot: string;
      version: number;
      qualification: { check: string; pass: boolean; note: string }[];
    }[] = (await t.http().get(`/api/tenders/${tenderId}/bids`).set('Authorization', `Bearer ${clerk}`).expect(200)).body;
    const e1 = bids.find((b) => b.bidder === 'E' && b.lot === '1')!;
    const qualification = e1.qualification.map((q, i) => (i === 0 ? { ...q, pass: false, note: '复核不合格' } : q));
    await t
      .http()
      .patch(`/api/tenders/${tenderId}/bids/${e1.id}`)
      .set('Authorization', `Bearer ${clerk}`)
      .send({ version: e1.version, qualification })
      .expect(200);
    expect(await winnerOfLot1()).toBe('C');
  });

  it('answers 304 to a client holding the same bytes, and 200 with a new ETag once anything changes', async () => {
    const get = (etag?: string) => {
      const req = t.http().get(`/api/tenders/${tenderId}/results`).set('Authorization', `Bearer ${clerk}`);
      return etag ? req.set('If-None-Match', etag) : req;
    };
    const first = await get().expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    const again = await get(etag).expect(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.text ?? '').toBe('');
    await get('"something-else"').expect(200);

    // A new revision whose results are the same bytes keeps the tag: the ETag names the answer, not the revision.
    const draw = await t.dataSource.manager.getRepository(Draw).findOneByOrFail({ tenderId });
    await t.dataSource.manager.getRepository(Draw).update({ id: draw.id }, { seed: 'live-results-2' });
    await get(etag).expect(304);
    // A changed score changes the answer.
    const scores = t.dataSource.manager.getRepository(Score);
    const score = await scores.findOneOrFail({ where: { tenderId }, order: { id: 'ASC' } });
    await scores.update({ id: score.id }, { value: score.value === '0.0' ? '0.1' : '0.0' });
    const changed = await get(etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    await scores.update({ id: score.id }, { value: score.value });
    expect((await get(changed.headers.etag).expect(200)).headers.etag).toBe(etag); // the same bytes, the same tag
  });

  it('answers alike ahead of Express and behind it: the same bytes, and the headers the middleware sets', async () => {
    const get = () => t.http().get(`/api/tenders/${tenderId}/results`).set('Authorization', `Bearer ${clerk}`);
    await get().expect(200); // a request through Express (at the latest this one) shows the front the middleware's headers
    const ahead = await get().expect(200);
    const behind = await get().set('Origin', 'http://elsewhere.example').expect(200); // a CORS request goes through Express
    const headers = (res: { headers: Record<string, string> }) => {
      const { date: _date, ...rest } = res.headers;
      return rest;
    };
    expect(headers(ahead)).toEqual(headers(behind));
    expect(ahead.text).toBe(behind.text);
    expect(ahead.headers).toMatchObject({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'content-length': String(Buffer.byteLength(ahead.text)),
    });
    expect(ahead.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(ahead.headers['x-powered-by']).toBeUndefined();
    const notModified = await get().set('If-None-Match', ahead.headers.etag).expect(304);
    expect(notModified.headers['cache-control']).toBe('no-store');
    expect(notModified.headers['content-length']).toBeUndefined();
  });

  it('decides admission once on a request it hands on to the Nest route: a bad token, a missing tender', async () => {
    const verify = jest.spyOn(t.app.get(Sessions), 'verify');
    try {
      await t.http().get(`/api/tenders/${tenderId}/results`).set('Authorization', 'Bearer not-a-token').expect(401);
      expect(verify).toHaveBeenCalledTimes(1);
      verify.mockClear();
      await t.http().get('/api/tenders/999999/results').set('Authorization', `Bearer ${clerk}`).expect(404);
      expect(verify).toHaveBeenCalledTimes(1);
      verify.mockClear();
      await t.http().get(`/api/tenders/${tenderId}/results`).expect(401); // no token: refused before any verification
      expect(verify).not.toHaveBeenCalled();
    } finally {
      verify.mockRestore();
    }
  });

  // Every table the evaluation reads: a change to any row of the tender gives a new revision.
  const parts: [string, EntityTarget<ObjectLiteral>, string][] = [
    ['tender', Tender, 'id'],
    ['scheme', ScoringScheme, 'tenderId'],
    ['lot', Lot, 'tenderId'],
    ['bidder', Bidder, 'tenderId'],
    ['bid', Bid, 'tenderId'],
    ['panel member', PanelMember, 'tenderId'],
    ['score', Score, 'tenderId'],
    ['draw', Draw, 'tenderId'],
    ['assessment scheme', AssessmentScheme, 'tenderId'],
    ['assessment', Assessment, 'tenderId'],
  ];
  const lastRow = (entity: EntityTarget<ObjectLiteral>, key: string, m = t.dataSource.manager) =>
    m.getRepository(entity).findOneOrFail({ where: { [key]: tenderId }, order: { id: 'DESC' } });

  it.each(parts)('an updated %s gives a new revision', async (_name, entity, key) => {
    const m = t.dataSource.manager;
    const before = await dossierRevision(m, tenderId);
    const row = await lastRow(entity, key);
    await m.getRepository(entity).update({ id: row.id }, { id: row.id }); // any update raises the row's version
    expect(await dossierRevision(m, tenderId)).not.toBe(before);
  });

  // What lets a server reuse the tender's revision, and its users' states, while nothing changes: on
  // MariaDB the stamp every write to those tables replaces as it commits, on SQLite its counters of changes.
  const stamp = async () => readChangeStamp(t.dataSource);
  it.each([...parts, ['user', User, 'id'] as (typeof parts)[number]])(
    "an updated %s changes the database's change stamp",
    async (_name, entity, key) => {
      const before = await stamp();
      const row = await (entity === User ? t.dataSource.manager.findOneByOrFail(User, { username: 'clerk' }) : lastRow(entity, key));
      await t.dataSource.manager.getRepository(entity).update({ id: row.id }, { id: row.id });
      expect(await stamp()).not.toBe(before);
    },
  );

  it('changes the stamp with rows written as plain SQL (bulk inserts), with the transaction that wrote them', async () => {
    const before = await stamp();
    // A draw of a lot the tender does not have: its results stay as they are.
    await t.dataSource.transaction((m) => insertRows(m, Draw, [{ tenderId, lotNo: '99', seed: 'stamp' }]));
    const inserted = await stamp();
    expect(inserted).not.toBe(before);
    await t.dataSource.manager.getRepository(Draw).delete({ id: (await lastRow(Draw, 'tenderId')).id }); // the tender as it was
    expect(await stamp()).not.toBe(inserted);
  });

  it.each(parts.filter(([name]) => name === 'score' || name === 'draw'))(
    'a removed %s, and the same one added again, give new revisions',
    async (_name, entity, key) => {
      await t.dataSource
        .transaction(async (m) => {
          const revisions = [await dossierRevision(m, tenderId)];
          const { id, version: _version, ...fields } = await lastRow(entity, key, m);
          await m.getRepository(entity).delete({ id });
          revisions.push(await dossierRevision(m, tenderId));
          await m.getRepository(entity).insert(fields); // as it was, under a new id
          revisions.push(await dossierRevision(m, tenderId));
          expect(new Set(revisions).size).toBe(3);
          throw new RolledBack(); // leave the tender as it was
        })
        .catch((e) => {
          if (!(e instanceof RolledBack)) throw e;
        });
    },
  );
});

class RolledBack extends Error {}
