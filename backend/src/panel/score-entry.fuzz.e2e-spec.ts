import fc from 'fast-check';
import { startApp, TestApp } from '../../test/harness';
import { loadExampleDossier } from '../../test/example-dossier';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Score } from './score.entity';

/**
 * Property-based fuzzing of PUT /api/tenders/:id/lots/:lotNo/sheet/scores by an expert on the panel:
 * random batches of valid and invalid values, criteria and bid ids, wrong types, extra fields, huge
 * batches. Never a 5xx; a 400 saves nothing of its batch (the scores table and the audit trail are
 * unchanged); a 200 stores exactly the batch's values (the last of an entry given twice) over the
 * expert's earlier ones, and nothing else changes.
 *
 * The expected answer is worked out independently from the API's documented rules (panel.dto.ts and
 * README: 0..max of a subjective criterion, in steps of 0.1, on a valid bid of the lot).
 * FUZZ_RUNS (default 60) and FUZZ_SEED as in dossier-import.fuzz.e2e-spec.ts.
 */
jest.setTimeout(300_000);

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const MAX_BATCH = 5000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Criterion {
  no: string;
  kind: string;
  max: string;
}
interface LotInfo {
  no: string;
  criteria: Criterion[];
  validBids: number[];
}

const GRID = /^\d+(\.\d)?$/;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const tenths = (v: string) => {
  const [whole, fraction = '0'] = v.split('.');
  return BigInt(whole) * 10n + BigInt(fraction);
};
const keyOf = (bidId: number, criterionNo: string) => `${bidId}|${criterionNo}`;
const normal = (v: string) => {
  const t = tenths(v);
  return `${t / 10n}.${t % 10n}`;
};

describe('score entry under fuzzing: never 5xx, all of a batch or none of it', () => {
  let t: TestApp;
  let tenderId: number;
  let memberId: number;
  const tokens: Record<string, string> = {};
  const lots: Record<string, LotInfo> = {};
  let foreignBids: number[] = [];
  /** What the expert's sheet should hold: bidId|criterionNo → value. */
  const stored = new Map<string, string>();

  const put = (lotNo: string, body: Json, user = 'expert1') =>
    t
      .http()
      .put(`/api/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheet/scores`)
      .set('Authorization', `Bearer ${tokens[user]}`)
      .send(body as object);

  const snapshot = async () => ({
    scores: (await t.dataSource.getRepository(Score).find({ order: { id: 'ASC' } })).map((s) => [
      s.id,
      s.panelMemberId,
      s.bidId,
      s.criterionNo,
      s.value,
    ]),
    audit: await t.dataSource.getRepository(AuditEntry).count(),
  });
  const mine = async () =>
    new Map(
      (await t.dataSource.getRepository(Score).findBy({ panelMemberId: memberId })).map((s) => [keyOf(s.bidId, s.criterionNo), s.value]),
    );

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['clerk', 'expert1', 'expert2']) tokens[u] = await t.login(u);
    const example = loadExampleDossier();
    const dossier = { ...example, scores: [], panel: example.panel!.slice(0, 2) };
    dossier.tender.code = `SCORE-FUZZ-${process.pid}`;
    tenderId = (await t.http().post('/api/dossiers').set('Authorization', `Bearer ${tokens.clerk}`).send(dossier).expect(201)).body
      .tenderId;
    for (const u of ['expert1', 'expert2']) {
      await t
        .http()
        .post(`/api/tenders/${tenderId}/panel/me/declaration`)
        .set('Authorization', `Bearer ${tokens[u]}`)
        .send({ conflict: false })
        .expect(200);
    }
    for (const no of ['1', '2', '3']) {
      const sheet = (
        await t.http().get(`/api/tenders/${tenderId}/lots/${no}/sheet`).set('Authorization', `Bearer ${tokens.expert1}`).expect(200)
      ).body;
      const scheme = (
        await t.dataSource.query(
          'SELECT s.criteria FROM scoring_schemes s JOIN lots l ON l.schemeCode = s.code AND l.tenderId = s.tenderId WHERE l.tenderId = ? AND l.no = ?',
          [tenderId, no],
        )
      )[0];
      lots[no] = { no, criteria: JSON.parse(scheme.criteria), validBids: sheet.bids.map((b: { bidId: number }) => b.bidId) };
    }
    // Bids of another tender (the demo one) and of this tender's other lots are never valid for a lot.
    foreignBids = (await t.dataSource.query('SELECT id FROM bids WHERE tenderId <> ?', [tenderId])).map((r: { id: number }) =>
      Number(r.id),
    );
    const members = await t.dataSource.query(
      'SELECT p.id FROM panel_members p JOIN users u ON u.id = p.userId WHERE p.tenderId = ? AND u.username = ?',
      [tenderId, 'expert1'],
    );
    memberId = Number(members[0].id);
    // Another expert's scores on the same bids, which no batch of expert1 may touch.
    const other = lots['1'].criteria
      .filter((c) => c.kind === 'subjective')
      .map((c) => ({ bidId: lots['1'].validBids[0], criterionNo: c.no, value: '1.0' }));
    await put('1', { scores: other }, 'expert2').expect(200);
  });
  afterAll(() => t.close());

  // ---- the expected answer, from the documented rules ----

  /** Whether the body is a batch the API must accept, and the values it then stores. */
  function judge(lot: LotInfo, body: Json): { ok: boolean; updates: [string, string][] } {
    const no = { ok: false, updates: [] };
    if (!isObject(body) || Object.keys(body).some((k) => k !== 'scores') || !Array.isArray(body.scores)) return no;
    if (body.scores.length > MAX_BATCH) return no;
    const updates: [string, string][] = [];
    for (const e of body.scores) {
      if (!isObject(e) || Object.keys(e).some((k) => !['bidId', 'criterionNo', 'value'].includes(k))) return no;
      const { bidId, criterionNo, value } = e;
      if (typeof bidId !== 'number' || !Number.isInteger(bidId) || typeof criterionNo !== 'string' || typeof value !== 'string') return no;
      const criterion = lot.criteria.find((c) => c.no === criterionNo);
      if (!criterion || criterion.kind !== 'subjective' || !GRID.test(value) || tenths(value) > tenths(Number(criterion.max).toFixed(1)))
        return no;
      if (!lot.validBids.includes(bidId)) return no;
      updates.push([keyOf(bidId, criterionNo), normal(value)]);
    }
    return { ok: true, updates };
  }

  // ---- what to send ----

  const badValue: fc.Arbitrary<Json> = fc.oneof(
    fc.constantFrom(
      '-0.1',
      '-1',
      '2.85',
      '0.05',
      'abc',
      '',
      ' 3',
      '3 ',
      '1e1',
      '0x1',
      '３',
      '.5',
      '5.',
      '+1',
      'NaN',
      'Infinity',
      '1,5',
      '9'.repeat(40),
      `1.${'0'.repeat(30)}`,
    ),
    fc.constantFrom<Json>(3, 2.5, -1, null, true, {}, [], 1e308),
    fc.string({ maxLength: 6 }),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
  );

  /** A value on the 0.1 grid in 0..max (written in the ways a client may: "3", "3.0", "03.5"). */
  const gridValue = (max: string): fc.Arbitrary<string> =>
    fc
      .record({
        t: fc.integer({ min: 0, max: Number(tenths(Number(max).toFixed(1))) }),
        style: fc.constantFrom('fixed', 'short', 'padded'),
      })
      .map(({ t: n, style }) => {
        const fixed = `${Math.floor(n / 10)}.${n % 10}`;
        if (style === 'short' && n % 10 === 0) return String(n / 10);
        if (style === 'padded') return `0${fixed}`;
        return fixed;
      });

  /** An entry the API must accept: a valid bid of the lot, a subjective criterion, a value on the grid. */
  const clean = (lot: LotInfo): fc.Arbitrary<Json> =>
    fc
      .record({
        bidId: fc.constantFrom(...lot.validBids),
        criterion: fc.constantFrom(...lot.criteria.filter((c) => c.kind === 'subjective')),
      })
      .chain(({ bidId, criterion }) => gridValue(criterion.max).map((value): Json => ({ bidId, criterionNo: criterion.no, value })));

  /** An entry for `lot`: mostly plausible, often wrong in one field, sometimes not an entry at all. */
  const entry = (lot: LotInfo): fc.Arbitrary<Json> => {
    const subjective = lot.criteria.filter((c) => c.kind === 'subjective');
    const others = lot.criteria.filter((c) => c.kind !== 'subjective').map((c) => c.no);
    const otherLotBids = Object.values(lots)
      .filter((l) => l.no !== lot.no)
      .flatMap((l) => l.validBids);
    const bidId: fc.Arbitrary<Json> = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...lot.validBids) },
      { weight: 1, arbitrary: fc.constantFrom(...otherLotBids, ...foreignBids) },
      { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constantFrom<Json>(0, -1, 2 ** 31, 2 ** 53, 1.5, '1', null, true, [])) },
    );
    const valid = fc.record({ bidId, criterion: fc.constantFrom(...subjective) }).chain(({ bidId, criterion }) =>
      fc.record({
        bidId: fc.constant(bidId),
        criterionNo: fc.oneof(
          { weight: 8, arbitrary: fc.constant<Json>(criterion.no) },
          { weight: 1, arbitrary: fc.constantFrom<Json>(...others, '99', '', ' 13', '13 ', '１３') },
          { weight: 1, arbitrary: fc.constantFrom<Json>(13, null, ['13'], { no: '13' }) },
        ),
        value: fc.oneof(
          { weight: 6, arbitrary: gridValue(criterion.max) as fc.Arbitrary<Json> },
          { weight: 1, arbitrary: fc.constant<Json>(`${criterion.max}.1`) },
          { weight: 3, arbitrary: badValue },
        ),
      }),
    );
    return fc.oneof(
      { weight: 12, arbitrary: valid as fc.Arbitrary<Json> },
      { weight: 1, arbitrary: valid.map((e) => ({ ...(e as object), note: 'extra' }) as Json) },
      {
        weight: 1,
        arbitrary: fc.record({ e: valid, drop: fc.constantFrom('bidId', 'criterionNo', 'value') }).map(({ e, drop }) => {
          const copy = { ...(e as Record<string, Json>) };
          delete copy[drop];
          return copy as Json;
        }),
      },
      { weight: 1, arbitrary: fc.constantFrom<Json>(null, 'x', 42, [], {}, [{ bidId: 1 }]) },
    );
  };

  /** A request: a lot and a body (usually `{scores}`; sometimes huge; sometimes not that shape at all). */
  const request = fc.constantFrom('1', '2', '3').chain((no) => {
    const lot = lots[no];
    const batch = fc.array(entry(lot), { maxLength: 30 });
    const huge = fc
      .record({ pattern: fc.array(entry(lot), { minLength: 1, maxLength: 3 }), size: fc.constantFrom(1_000, MAX_BATCH, MAX_BATCH + 1) })
      .map(({ pattern, size }) => Array.from({ length: size }, (_, i) => pattern[i % pattern.length]));
    const body: fc.Arbitrary<Json> = fc.oneof(
      { weight: 8, arbitrary: batch.map((scores) => ({ scores })) },
      { weight: 6, arbitrary: fc.array(clean(lot), { maxLength: 40 }).map((scores) => ({ scores })) },
      { weight: 1, arbitrary: huge.map((scores) => ({ scores })) },
      { weight: 1, arbitrary: batch.map((scores) => ({ scores, version: 1 })) },
      { weight: 1, arbitrary: fc.constantFrom<Json>({}, { scores: null }, { scores: 'x' }, { scores: {} }, [], { scores: [[]] }) },
    );
    return fc.record({ lot: fc.constant(no), body });
  });

  const describeBody = (body: Json) => {
    const text = JSON.stringify(body);
    return text.length > 300 ? `${text.slice(0, 300)}…(${text.length} chars)` : text;
  };

  it('the expert starts from an empty sheet on each lot', async () => {
    expect((await mine()).size).toBe(0);
    for (const no of ['1', '2', '3']) expect(lots[no].validBids.length).toBeGreaterThan(0);
  });

  it('answers 200 with exactly the batch stored, or 400 with nothing stored; never 5xx', async () => {
    const answers: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(request, async ({ lot, body }) => {
        const before = await snapshot();
        const expected = judge(lots[lot], body);
        const res = await put(lot, body);
        const context = `lot ${lot}, ${describeBody(body)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        answers[res.status] = (answers[res.status] ?? 0) + 1;
        expect({ context, status: res.status }).toEqual({ context, status: expected.ok ? 200 : 400 });
        if (res.status === 400) {
          const errors: { path: unknown }[] = res.body.errors;
          expect({
            context,
            errors: Array.isArray(errors) && errors.length > 0 && errors.every((e) => typeof e.path === 'string' && e.path.length > 0),
          }).toEqual({ context, errors: true });
          expect(await snapshot()).toEqual(before);
          return;
        }
        for (const [key, value] of expected.updates) stored.set(key, value);
        expect({ context, sheet: res.body.status }).toEqual({ context, sheet: 'draft' });
        expect(Object.fromEntries(await mine())).toEqual(Object.fromEntries(stored));
        // Nobody else's scores moved.
        const others = (s: Awaited<ReturnType<typeof snapshot>>) => s.scores.filter((r) => r[1] !== memberId);
        expect(others(await snapshot())).toEqual(others(before));
      }),
      {
        numRuns: RUNS,
        seed: SEED,
        interruptAfterTimeLimit: 200_000,
      },
    );
    // The fuzzer reached both sides of the property.
    expect(answers[200]).toBeGreaterThan(0);
    expect(answers[400]).toBeGreaterThan(0);
  });

  it('answers 404 for a lot the tender does not have, saving nothing', async () => {
    const before = await snapshot();
    for (const no of ['9', '0', 'x'.repeat(100)]) {
      await put(no, { scores: [{ bidId: lots['1'].validBids[0], criterionNo: '13', value: '1.0' }] }).expect(404);
    }
    expect(await snapshot()).toEqual(before);
  });
});
