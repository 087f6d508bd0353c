import fc from 'fast-check';
import { startApp, TestApp } from '../../test/harness';
import { loadExampleDossier } from '../../test/example-dossier';
import { JSON_BODY_LIMIT_BYTES } from '../bootstrap';

/**
 * Property-based fuzzing of POST /api/dossiers: the example dossier broken at random paths (a field
 * deleted, a wrong type, a bad amount, a float for a string, an unknown reference, a duplicate entry,
 * unicode / SQL / HTML text, very long text, deep nesting, a huge array), a few mutations at a time.
 *
 * Whatever arrives, the answer is 201 or 400 (or 413 for a body above the 20 MB limit), never a 5xx;
 * a 400 names every fault by a non-empty path; after a 400 no table has changed. An accepted dossier
 * also exports and shows its results without a 5xx.
 *
 * FUZZ_RUNS (default 60) and FUZZ_SEED replay or widen a run; fast-check prints the seed of a failure.
 */
jest.setTimeout(300_000);

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** Every table an import writes to (and the audit trail): none may change after a 400. */
const TABLES = [
  'tenders',
  'lots',
  'bids',
  'scores',
  'bidders',
  'audit_entries',
  'scoring_schemes',
  'panel_members',
  'score_sheets',
  'organizations',
  'draws',
  'assessment_schemes',
  'assessments',
];

type Key = string | number;
type Path = Key[];
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type Mutation =
  | { kind: 'delete'; path: Path }
  | { kind: 'set'; path: Path; value: Json }
  | { kind: 'add'; path: Path; key: string; value: Json }
  | { kind: 'duplicate'; path: Path; index: number }
  | { kind: 'twin'; path: Path; index: number; field: number; variant: Variant }
  | { kind: 'deep'; path: Path; depth: number; shape: DeepShape }
  | { kind: 'huge'; path: Path; length: number };

type DeepShape = 'array' | 'object' | 'rule-sum' | 'rule-gate';
/** How a twin's code differs from the original: only as MySQL's case- and width-insensitive collation ignores, or not at all. */
type Variant = 'lower' | 'upper' | 'trailing-space' | 'fullwidth' | 'accent' | 'same';

// ---------------------------------------------------------------------------------------------------
// Where to mutate: the paths of the example dossier, by the kind of value found there.

const pristine = loadExampleDossier() as unknown as Json;

/** Every path of a value; of an array only the first three entries and the last, so no list dominates. */
function pathsOf(value: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) {
    const picked = [...new Set([0, 1, 2, value.length - 1])].filter((i) => i >= 0 && i < value.length);
    for (const i of picked) pathsOf(value[i], [...at, i], out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  }
  return out;
}

const valueAt = (root: Json, path: Path): Json | undefined =>
  path.reduce<Json | undefined>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<Key, Json>)[k] : undefined), root);

const ALL = pathsOf(pristine).filter((p) => p.length > 0);
const last = (p: Path) => p[p.length - 1];
const AMOUNT_KEYS = new Set([
  'maxUnitPrice',
  'maxBudget',
  'amount',
  'unitPrice',
  'serviceTotal',
  'total',
  'rewardBudget',
  'operatingCost',
  'maxReward',
]);
const NUMBER_KEYS = new Set([
  'priceWeight',
  'smeDeduction',
  'abnormalLowRatio',
  'outlierRatio',
  'max',
  'points',
  'cap',
  'value',
  'min',
  'from',
  'per',
  'else',
  'deduction',
  'passMark',
  'failDeductionRate',
  'rewardRate',
]);
const INTEGER_KEYS = new Set([
  'basePopulation',
  'evaluationOrder',
  'minStaff',
  'bidValidityDays',
  'contractYears',
  'firstContractYear',
  'minQualifiedBidders',
  'scoreDecimals',
  'year',
  'formatVersion',
]);
const REFERENCE_KEYS = new Set(['bidder', 'lot', 'scheme', 'expert', 'criterion', 'parentCode', 'category', 'fact', 'no', 'code']);
const isObject = (v: Json | undefined) => v !== null && typeof v === 'object' && !Array.isArray(v);

const AMOUNT_PATHS = ALL.filter((p) => AMOUNT_KEYS.has(String(last(p))));
const NUMBER_PATHS = ALL.filter((p) => NUMBER_KEYS.has(String(last(p))) || INTEGER_KEYS.has(String(last(p))) || p.includes('facts'));
const REFERENCE_PATHS = ALL.filter((p) => REFERENCE_KEYS.has(String(last(p))) && typeof valueAt(pristine, p) === 'string');
const STRING_PATHS = ALL.filter((p) => typeof valueAt(pristine, p) === 'string');
const OBJECT_PATHS = [[] as Path, ...ALL.filter((p) => isObject(valueAt(pristine, p)))];
const ARRAY_PATHS = ALL.filter((p) => Array.isArray(valueAt(pristine, p)));

// ---------------------------------------------------------------------------------------------------
// What to put there.

const longText = fc
  .record({
    ch: fc.constantFrom('x', '字', '😀', '\u0001', '"', '\\'),
    n: fc.oneof(fc.integer({ min: 15, max: 400 }), fc.integer({ min: 20_000, max: 70_000 })),
  })
  .map(({ ch, n }) => ch.repeat(n));

const nastyString: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    "'; DROP TABLE tenders; --",
    '" OR 1=1 --',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '{{constructor.constructor("return 1")()}}',
    'a\u0000b',
    '\ud800',
    '😀👨‍👩‍👧‍👦',
    '\u202Eabc',
    '   ',
    '',
    '__proto__',
    'constructor',
    '%s%n%x',
    '../../etc/passwd',
    '１２３',
    '١٢٣',
  ),
  longText,
);

const badAmount: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    '-1',
    '-0.01',
    '0',
    '1e9',
    '1E3',
    'NaN',
    'Infinity',
    '',
    ' 12',
    '1,000.00',
    '1.2.3',
    '１２３',
    '0x10',
    '+5',
    '.5',
    '5.',
    '12.345',
  ),
  fc.constantFrom('99999999999999999999.99', '9999999999999999', '1000000000000.00', '9'.repeat(60), `1.${'0'.repeat(40)}1`),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => n.toString()),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

const badNumber: fc.Arbitrary<Json> = fc.oneof(
  badAmount,
  fc.constantFrom(1e308, -1e308, 2 ** 31, 2 ** 53, -(2 ** 31) - 1, 0.1 + 0.2, 1e-300, 5e-324),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
);

const unknownReference: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom('Z', 'E9', '99', 'NOPE', '', ' ', 'a'.repeat(65), '1 ', '０'),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: 0, max: 99 }),
);

const wrongType: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 10 }),
  fc.constant<Json>({}),
  fc.constant<Json>([]),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const pathIn = (paths: Path[]) => fc.constantFrom(...paths);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: pathIn(ALL).map((path): Mutation => ({ kind: 'delete', path })) },
  { weight: 3, arbitrary: fc.record({ path: pathIn(ALL), value: wrongType }).map((m): Mutation => ({ kind: 'set', ...m })) },
  { weight: 3, arbitrary: fc.record({ path: pathIn(AMOUNT_PATHS), value: badAmount }).map((m): Mutation => ({ kind: 'set', ...m })) },
  { weight: 2, arbitrary: fc.record({ path: pathIn(NUMBER_PATHS), value: badNumber }).map((m): Mutation => ({ kind: 'set', ...m })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ path: pathIn(STRING_PATHS), value: fc.double({ noNaN: true, noDefaultInfinity: true }) })
      .map((m): Mutation => ({ kind: 'set', ...m })),
  },
  {
    weight: 3,
    arbitrary: fc.record({ path: pathIn(REFERENCE_PATHS), value: unknownReference }).map((m): Mutation => ({ kind: 'set', ...m })),
  },
  { weight: 4, arbitrary: fc.record({ path: pathIn(STRING_PATHS), value: nastyString }).map((m): Mutation => ({ kind: 'set', ...m })) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        path: pathIn(OBJECT_PATHS),
        key: fc.constantFrom(
          'itemised',
          'draws',
          'oneBranchPerGroup',
          'priceCorrectionAccepted',
          'note',
          'extra',
          '__proto__',
          'constructor',
          'rule',
          'parentCode',
        ),
        value: fc.oneof(wrongType, nastyString),
      })
      .map((m): Mutation => ({ kind: 'add', ...m })),
  },
  { weight: 3, arbitrary: fc.record({ path: pathIn(ARRAY_PATHS), index: fc.nat(20) }).map((m): Mutation => ({ kind: 'duplicate', ...m })) },
  {
    weight: 3,
    arbitrary: fc
      .record({
        path: pathIn(ARRAY_PATHS),
        index: fc.nat(20),
        field: fc.nat(10),
        variant: fc.constantFrom<Variant>('lower', 'upper', 'trailing-space', 'fullwidth', 'accent', 'same'),
      })
      .map((m): Mutation => ({ kind: 'twin', ...m })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        path: pathIn(ALL),
        depth: fc.oneof(fc.integer({ min: 5, max: 300 }), fc.integer({ min: 1_000, max: 30_000 })),
        shape: fc.constantFrom<DeepShape>('array', 'object', 'rule-sum', 'rule-gate'),
      })
      .map((m): Mutation => ({ kind: 'deep', ...m })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ path: pathIn(ARRAY_PATHS), length: fc.oneof(fc.integer({ min: 100, max: 3_000 }), fc.constantFrom(10_000, 60_000)) })
      .map((m): Mutation => ({ kind: 'huge', ...m })),
  },
);

// ---------------------------------------------------------------------------------------------------
// Applying mutations. Deep values are spliced into the JSON text: the client cannot stringify them either.

const deepText = (depth: number, shape: DeepShape): string => {
  switch (shape) {
    case 'array':
      return '['.repeat(depth) + ']'.repeat(depth);
    case 'object':
      return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    case 'rule-sum':
      return '{"type":"sum","parts":['.repeat(depth) + '{"type":"const","points":"0"}' + ']}'.repeat(depth);
    case 'rule-gate':
      return '{"type":"gate","fact":"aRatings","min":0,"then":'.repeat(depth) + '{"type":"const","points":"0"}' + '}'.repeat(depth);
  }
};

function vary(code: string, variant: Variant): string {
  switch (variant) {
    case 'lower':
      return code.toLowerCase() === code ? `${code}x`.toUpperCase() : code.toLowerCase();
    case 'upper':
      return code.toUpperCase() === code ? `${code}x` : code.toUpperCase();
    case 'trailing-space':
      return `${code} `;
    case 'fullwidth':
      return code.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    case 'accent':
      return code.replace(/[aeiouAEIOU]/, (c) => `${c}\u0301`.normalize('NFC'));
    case 'same':
      return code;
  }
}

function place(root: Record<Key, Json>, path: Path, update: (parent: Record<Key, Json> | Json[], key: Key) => void): void {
  const parent = valueAt(root, path.slice(0, -1));
  if (parent !== null && typeof parent === 'object') update(parent as Record<Key, Json>, last(path));
}

/** The request body: the example under a fresh code with the mutations applied, as JSON text. */
function body(code: string, mutations: Mutation[]): string {
  const d = loadExampleDossier() as unknown as Record<Key, Json> & { tender: { code: string } };
  d.tender.code = code;
  const deep: string[] = [];
  for (const m of mutations) {
    switch (m.kind) {
      case 'delete':
        place(d, m.path, (parent, key) => (Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]));
        break;
      case 'set':
        place(d, m.path, (parent, key) => ((parent as Record<Key, Json>)[key] = m.value));
        break;
      case 'add': {
        const target = m.path.length ? valueAt(d, m.path) : d;
        if (isObject(target))
          Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
        break;
      }
      case 'duplicate': {
        const list = valueAt(d, m.path);
        if (Array.isArray(list) && list.length) list.push(JSON.parse(JSON.stringify(list[m.index % list.length])));
        break;
      }
      case 'twin': {
        const list = valueAt(d, m.path);
        if (!Array.isArray(list) || !list.length || !isObject(list[m.index % list.length])) break;
        const twin = JSON.parse(JSON.stringify(list[m.index % list.length])) as Record<string, Json>;
        const keys = Object.keys(twin).filter((k) => typeof twin[k] === 'string');
        if (keys.length) {
          const key = keys[m.field % keys.length];
          twin[key] = vary(twin[key] as string, m.variant);
        }
        list.push(twin);
        break;
      }
      case 'deep':
        deep.push(deepText(m.depth, m.shape));
        place(d, m.path, (parent, key) => ((parent as Record<Key, Json>)[key] = `__FUZZ_DEEP_${deep.length - 1}__`));
        break;
      case 'huge': {
        const list = valueAt(d, m.path);
        if (Array.isArray(list)) {
          const filler: Json = list.length ? list[0] : 'x';
          while (list.length < m.length) list.push(filler);
        }
        break;
      }
    }
  }
  return JSON.stringify(d).replace(/"__FUZZ_DEEP_(\d+)__"/g, (_, i) => deep[Number(i)]);
}

/** A short description of a mutation for failure reports (long values abbreviated). */
const show = (ms: Mutation[]) =>
  JSON.stringify(ms, (_, v) => (typeof v === 'string' && v.length > 40 ? `${v.slice(0, 20)}…(${v.length} chars)` : v));

// ---------------------------------------------------------------------------------------------------

describe('dossier import under fuzzing: 201 or 400, never 5xx, nothing saved on 400', () => {
  let t: TestApp;
  let clerk: string;
  let runs = 0;
  const prefix = `FZ${process.pid.toString(36)}`;

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return out;
  };

  const post = (text: string) =>
    t.http().post('/api/dossiers').set('Authorization', `Bearer ${clerk}`).set('Content-Type', 'application/json').send(text);

  /** The property for one request body; `label` describes it in a failure. */
  async function check(text: string, label: string): Promise<void> {
    const before = await counts();
    const res = await post(text);
    const context = `${label} → ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`;
    if (res.status === 413) {
      expect({ context, bytes: Buffer.byteLength(text) > JSON_BODY_LIMIT_BYTES }).toEqual({ context, bytes: true });
      expect(await counts()).toEqual(before);
      return;
    }
    expect({ context, status: [201, 400].includes(res.status) }).toEqual({ context, status: true });
    if (res.status === 400) {
      const errors: { path: unknown; message: unknown }[] = res.body.errors;
      expect({ context, errors: Array.isArray(errors) && errors.length > 0 }).toEqual({ context, errors: true });
      for (const e of errors) {
        expect({
          context,
          path: typeof e.path === 'string' && e.path.length > 0,
          message: typeof e.message === 'string' && e.message.length > 0,
        }).toEqual({ context, path: true, message: true });
      }
      expect(await counts()).toEqual(before);
      return;
    }
    const after = await counts();
    expect({ context, tenders: after.tenders - before.tenders }).toEqual({ context, tenders: 1 });
    const id = res.body.tenderId;
    for (const path of [`/api/tenders/${id}/dossier`, `/api/tenders/${id}/results`]) {
      const read = await t.http().get(path).set('Authorization', `Bearer ${clerk}`);
      expect({ context, path, status: read.status < 500 }).toEqual({ context, path, status: true });
    }
  }

  beforeAll(async () => {
    t = await startApp();
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  it('the unchanged example imports (the fuzzer starts from a valid dossier)', async () => {
    const res = await post(body(`${prefix}-OK`, []));
    expect(res.status).toBe(201);
  });

  it('answers every mutated dossier with 201 or 400 and saves nothing on 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        await check(body(`${prefix}-${++runs}`, mutations), show(mutations));
      }),
      {
        numRuns: RUNS,
        seed: SEED,
        // Shrinking re-imports many times; stop it after a while and report what it has.
        interruptAfterTimeLimit: 200_000,
        // Each fault class found once stays here as a fixed example, run before the random ones.
        examples: [
          [[{ kind: 'set', path: ['tender', 'name'], value: 'x'.repeat(301) }]],
          [[{ kind: 'set', path: ['tender', 'code'], value: 'C'.repeat(65) }]],
          [[{ kind: 'set', path: ['tender', 'bidDeadline'], value: `2022-09-28T09:30:00.${'0'.repeat(40)}+08:00` }]],
          [[{ kind: 'set', path: ['bidders', 0, 'contactPerson'], value: '人'.repeat(101) }]],
          [[{ kind: 'set', path: ['bids', 0, 'submittedFromIp'], value: '1'.repeat(65) }]],
          [[{ kind: 'set', path: ['lots', 0, 'basePopulation'], value: 2 ** 31 }]],
          [[{ kind: 'set', path: ['tender', 'bidValidityDays'], value: 2 ** 53 - 1 }]],
          [[{ kind: 'set', path: ['lots', 0, 'maxBudget'], value: '99999999999999999999.00' }]],
          [[{ kind: 'set', path: ['bids', 0, 'unitPrice'], value: '99999999999999999999' }]],
          [[{ kind: 'set', path: ['assessments', 0, 'operatingCost'], value: '99999999999999999999.00' }]],
          [[{ kind: 'set', path: ['schemes', 0, 'criteria', 12, 'max'], value: '1000000' }]],
          [[{ kind: 'set', path: ['assessmentSchemes', 1, 'passMark'], value: '100000' }]],
          [[{ kind: 'set', path: ['assessmentSchemes', 0, 'items', 0, 'max'], value: 1e308 }]],
          [[{ kind: 'set', path: ['assessmentSchemes', 0, 'items', 0, 'max'], value: 5e-324 }]],
          [[{ kind: 'set', path: ['draws'], value: [{ lot: '1', seed: 's'.repeat(65) }] }]],
          [[{ kind: 'huge', path: ['lots', 0, 'regions'], length: 20_000 }]],
          [[{ kind: 'add', path: ['schemes', 0, 'criteria', 0], key: 'extra', value: '"'.repeat(40_000) }]],
          [[{ kind: 'deep', path: ['schemes', 0, 'criteria', 1, 'rule'], depth: 5_000, shape: 'rule-sum' }]],
          [[{ kind: 'deep', path: ['bids', 0, 'fixedComponents', 0, 'name'], depth: 20_000, shape: 'array' }]],
          [
            [
              { kind: 'add', path: ['bids', 0, 'fixedComponents', 0], key: 'extra', value: '__FUZZ_DEEP_0__' },
              { kind: 'deep', path: ['bids', 0, 'fixedComponents', 0, 'extra'], depth: 20_000, shape: 'object' },
            ],
          ],
          [
            [
              { kind: 'twin', path: ['assessments'], index: 0, field: 2, variant: 'same' },
              { kind: 'set', path: ['assessments', 1, 'scheme'], value: 'SY-17' },
              { kind: 'set', path: ['assessments', 1, 'items'], value: [] },
            ],
          ],
          [[{ kind: 'twin', path: ['bidders'], index: 0, field: 0, variant: 'lower' }]],
          [
            [
              { kind: 'twin', path: ['lots'], index: 0, field: 0, variant: 'trailing-space' },
              { kind: 'set', path: ['lots', 3, 'evaluationOrder'], value: 9 },
            ],
          ],
          [[{ kind: 'twin', path: ['schemes'], index: 0, field: 0, variant: 'fullwidth' }]],
          [[{ kind: 'twin', path: ['panel'], index: 0, field: 0, variant: 'lower' }]],
          [
            [
              { kind: 'set', path: ['tender', 'code'], value: "'; DROP TABLE tenders; --" },
              { kind: 'set', path: ['tender', 'name'], value: '<script>alert(1)</script>😀' },
            ],
          ],
        ],
      },
    );
  });

  it('answers 400 to a body that is not a dossier at all', async () => {
    await fc.assert(
      // Objects and arrays: a bare JSON string or number is refused by the body parser itself (400 without
      // `errors`, see the report in ../../../README.md#benchmarks' neighbour notes), before the application sees it.
      fc.asyncProperty(
        fc.oneof(
          fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
          fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
          fc.record({
            formatVersion: fc.jsonValue({ maxDepth: 1 }),
            tender: fc.jsonValue({ maxDepth: 2 }),
            lots: fc.jsonValue({ maxDepth: 2 }),
          }),
        ),
        async (junk) => {
          const text = JSON.stringify(junk);
          await check(text, text.slice(0, 200));
        },
      ),
      { numRuns: Math.ceil(RUNS / 2), seed: SEED },
    );
  });
});
