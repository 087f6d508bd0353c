import { z } from 'zod';
import { D, Dec } from './decimal';
import { ErrorCode, ErrorParams, fieldError, FieldError, OptionalParams } from './errors';

/**
 * The zod plumbing shared by the dossier format and the wire schemas: building blocks whose every
 * failure carries a code of the error catalogue (errors.ts), and the conversion of zod's issues into
 * the 400's `errors`.
 *
 * A zod issue carries only a message, so the message holds the code and its params as JSON; `fieldErrors`
 * turns it back into `{ path, code, params, message }`. Issues raised by a schema that names no code of
 * its own get one from the issue's kind (`defaultFailure`, installed as zod's global error map).
 */

/** What went wrong, as a code of the catalogue with its params. */
export type Failure = { [C in ErrorCode]: { code: C; params: ErrorParams<C> } }[ErrorCode];

export const failure = <C extends ErrorCode>(code: C, ...[params]: OptionalParams<C>): Failure =>
  ({ code, params: params ?? {} }) as Failure;

/** A failure at a path, as the 400 names it. */
export const errorAt = (path: string, f: Failure): FieldError => fieldError(path, f.code, ...([f.params] as OptionalParams<typeof f.code>));

const encode = (f: Failure): string => JSON.stringify(f);

function decode(message: string): Failure | undefined {
  if (!message.startsWith('{"code":')) return undefined;
  try {
    return JSON.parse(message) as Failure;
  } catch {
    return undefined;
  }
}

/** An issue of zod's own, before it has a message. */
interface RawIssue {
  code: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  values?: unknown[];
}

/** A missing field and an explicit null are the same: nothing was given. */
const missing = (issue: RawIssue) => issue.input === undefined || issue.input === null;

/** The code of an issue whose schema names none: by the kind of issue. */
function defaultFailure(issue: RawIssue): Failure {
  if (missing(issue) && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) return failure('required');
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'object' || issue.expected === 'array' || issue.expected === 'boolean' || issue.expected === 'string') {
        return failure(issue.expected);
      }
      return failure(issue.expected === 'int' ? 'wholeNumber' : 'number');
    case 'too_small':
      if (issue.origin === 'string') return failure('text');
      if (issue.origin === 'array') return failure('nonEmptyArray');
      return failure('invalid');
    case 'too_big':
      if (issue.origin === 'string') return failure('tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'array') return failure('tooMany', { max: Number(issue.maximum) });
      return failure('invalid');
    case 'invalid_value':
      return failure('oneOf', { values: (issue.values ?? []).map(String) });
    default:
      return failure('invalid');
  }
}

z.config({ customError: (issue) => encode(defaultFailure(issue as RawIssue)) });

/** A schema's error option: every failure of that schema is `f`, except a missing value, which is `required`. */
export const fails = (f: Failure) => ({ error: (issue: RawIssue) => encode(missing(issue) ? failure('required') : f) });
export const on = <C extends ErrorCode>(code: C, ...params: OptionalParams<C>) => fails(failure(code, ...params));

/** A custom issue, for refinements: `ctx.addIssue(issue(f, path))`. */
export const issue = (f: Failure, path: PropertyKey[] = []) => ({ code: 'custom' as const, message: encode(f), path, input: undefined });

/** A path as the 400 shows it: `lots[1].maxUnitPrice`, or `$` for the whole body. */
export function pathText(path: readonly (PropertyKey | { key: PropertyKey })[] | undefined): string {
  const keys = (path ?? []).map((k) => (typeof k === 'object' && k !== null ? k.key : k));
  const text = keys.reduce<string>(
    (at, key) => (typeof key === 'number' ? `${at}[${key}]` : at ? `${at}.${String(key)}` : String(key)),
    '',
  );
  return text || '$';
}

/** The issues of a failed parse (zod's own or a Standard Schema result) as the 400's errors, each once. */
export function fieldErrors(
  issues: readonly { message: string; path?: readonly (PropertyKey | { key: PropertyKey })[]; code?: string; keys?: string[] }[],
): FieldError[] {
  const all = issues.flatMap((i): FieldError[] => {
    const path = [...(i.path ?? [])];
    // A strict object names its unknown fields in one issue; the 400 names each at its own path.
    if (i.code === 'unrecognized_keys') return (i.keys ?? []).map((key) => fieldError(pathText([...path, key]), 'unknownField'));
    return [errorAt(pathText(path), decode(i.message) ?? failure('invalid'))];
  });
  return all.filter((e, index) => all.findIndex((o) => o.path === e.path && o.message === e.message) === index);
}

// ---------------------------------------------------------------------------------------------------
// Building blocks. Their failures say what the value must be, in the catalogue's words.

/** Largest INT, the integer column of MySQL/MariaDB. */
const INT_MAX = 2_147_483_647;
const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;
/** Non-blank: at least one character that is not white space. */
const NOT_BLANK = /\S/;

/** A non-blank string of at most `max` characters (as MySQL counts them: code points). */
export const text = (max?: number) => {
  const nonBlank = z.string(on('text')).regex(NOT_BLANK, on('text'));
  return max === undefined ? nonBlank : nonBlank.max(max, on('tooLong', { max }));
};

/** Any string, blank included, of at most `max` characters. */
export const string = (max?: number) =>
  max === undefined ? z.string(on('string')) : z.string(on('string')).max(max, on('tooLong', { max }));

export const bool = () => z.boolean(on('boolean'));

/** INT_MAX is the column's limit, not a rule people need to read. */
const integerFailure = (min: number, max: number) => failure('integer', max === INT_MAX ? { min } : { min, max });

/** An integer from `min` to `max` (a JSON number). */
export const integer = (min: number, max = INT_MAX) => {
  const f = integerFailure(min, max);
  return z.number(fails(f)).int(fails(f)).min(min, fails(f)).max(max, fails(f));
};

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, on('oneOf', { values }));

/** A check of a decimal value: the failure, or nothing when it holds; `rule` says it in the JSON Schema. */
export interface DecimalCheck {
  rule: string;
  (value: Dec): Failure | undefined;
}
export const decimalCheck = (rule: string, check: (value: Dec) => Failure | undefined): DecimalCheck => Object.assign(check, { rule });

export const positive = decimalCheck('> 0', (v) => (v.gt(0) ? undefined : failure('positive')));
export const nonNegative = decimalCheck('≥ 0', (v) => (v.gte(0) ? undefined : failure('nonNegative')));
export const fraction = decimalCheck('0 to 1', (v) => (v.gte(0) && v.lte(1) ? undefined : failure('fraction')));
export const belowOne = decimalCheck('< 1', (v) => (v.lt(1) ? undefined : failure('belowOne')));
export const toTheFen = decimalCheck('at most 2 decimals', (v) => (v.decimalPlaces() <= 2 ? undefined : failure('toTheFen')));
/** Fits a DECIMAL column with `digits` digits before the point. */
export const below = (digits: number): DecimalCheck => {
  const limit = new D(10).pow(digits);
  return decimalCheck(`< ${limit.toString()}`, (v) => (v.abs().lt(limit) ? undefined : failure('below', { limit: limit.toString() })));
};
/** Amounts below one trillion 元: every digit kept by DECIMAL(18, 2) and by SQLite alike. */
const AMOUNT_LIMIT = new D('1e12');
/** Checked as stored: rounded to 6 decimals, the finest amount column (a bid's unit price). */
const belowAmountLimit = decimalCheck('< 1000000000000', (v) =>
  new D(v.abs().toFixed(6)).lt(AMOUNT_LIMIT) ? undefined : failure('amountLimit'),
);

/** Reports a failure at a path within the value being refined. */
export type Report = (f: Failure, path?: PropertyKey[]) => void;

/**
 * `schema` with rules over its well-formed values: `rules` runs only when the schema found nothing
 * wrong inside the value (zod would also run it after a mere format error) — or, when the rules read
 * only some fields of an object, nothing wrong in `fields`, so that a rule is reported with the other
 * fields' faults.
 */
export function refined<T extends z.ZodType>(
  schema: T,
  rules: (value: z.output<T>, report: Report) => void,
  fields?: readonly (keyof z.output<T> & string)[],
): T {
  const clean = (issues: readonly { path?: readonly PropertyKey[] }[]) =>
    fields ? !issues.some((i) => !i.path?.length || fields.includes(String(i.path[0]) as never)) : issues.length === 0;
  return schema.superRefine(
    (value, ctx) => {
      if (clean(ctx.issues)) rules(value, (f, path = []) => ctx.addIssue(issue(f, path)));
    },
    { when: (payload) => clean(payload.issues) },
  ) as T;
}

/** How many values' outcomes a checked decimal remembers: a dossier's 100,000s of scores repeat a few dozen values. */
const REMEMBERED = 1024;

/**
 * The first check that fails, reported at the value; the JSON Schema describes the value and its checks.
 * Each value's outcome is remembered (the checks are pure), so a repeated value costs no decimal.js.
 */
const checked = <T extends z.ZodType<string | number>>(schema: T, description: string, checks: DecimalCheck[]) => {
  const outcomes = new Map<string | number, Failure | undefined>();
  const outcome = (value: string | number): Failure | undefined => {
    if (outcomes.has(value)) return outcomes.get(value);
    const d = new D(value);
    const found = checks.map((check) => check(d)).find((f) => f !== undefined);
    if (outcomes.size >= REMEMBERED) outcomes.clear();
    outcomes.set(value, found);
    return found;
  };
  return refined(schema, (value, report) => {
    if (checks.length === 0) return;
    const found = outcome(value);
    if (found) report(found);
  }).meta({ description: [description, ...checks.map((check) => check.rule)].join('; ') });
};

/** Points, weights and ratios: a number or a decimal string, as DOSSIER.md allows. */
export const decimal = (...checks: DecimalCheck[]) =>
  checked(
    z.union([z.string(on('number')).regex(DECIMAL_STRING, on('number')), z.number(on('number'))], on('number')),
    'a number or a decimal string',
    checks,
  );

/** Money as text: a number is refused for what it is, since a binary float cannot hold every amount to the 分. */
const amountText = () =>
  z
    .string({
      error: (i: RawIssue) =>
        encode(missing(i) ? failure('required') : failure(typeof i.input === 'number' ? 'amountNotNumber' : 'amount')),
    })
    .regex(DECIMAL_STRING, on('amount'));

/** Money in a dossier: a decimal string in 元. */
export const amount = (...checks: DecimalCheck[]) =>
  checked(amountText(), 'an amount in 元 as a decimal string, e.g. "4870000.00"', [belowAmountLimit, ...checks]);

/**
 * An amount in 元 as people enter it on a form: ≥ 0, to the 分, at most 13 digits before the point
 * (DECIMAL(18, 2) with room to spare). More decimals are refused, never rounded.
 */
export const yuan = () =>
  checked(amountText(), 'an amount in 元 as a decimal string, e.g. "1234567.89"', [nonNegative, toTheFen, below(13)]);

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Date.UTC rolls 30 February over into March; a real calendar day survives the round trip. */
function calendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function validDateTime(v: string): boolean {
  const parts = ISO_DATE_TIME.exec(v);
  if (!parts) return false;
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = parts
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  return calendarDay(year, month, day) && hour < 24 && minute < 60 && second < 60 && offsetHours <= 14 && offsetMinutes < 60;
}

/** A date-time with its offset: without one, a bid deadline is ambiguous by hours. */
export const dateTime = () =>
  z
    .string(on('dateTime'))
    .regex(ISO_DATE_TIME, on('dateTime'))
    .refine(validDateTime, on('dateTime'))
    .meta({ format: 'date-time', example: '2022-09-28T09:30:00+08:00' });

/** A calendar day, `YYYY-MM-DD`. */
export const day = () =>
  z
    .string(on('date'))
    .regex(ISO_DATE, on('date'))
    .refine((v) => {
      const [year, month, date] = v.split('-').map(Number);
      return calendarDay(year, month, date);
    }, on('date'))
    .meta({ format: 'date', example: '2025-04-01' });

/** `z.array` whose own failures (not an array, too short) carry the catalogue's codes. */
export const list = <T extends z.ZodType>(item: T, options: { nonEmpty?: boolean; max?: number } = {}) => {
  let schema = z.array(item, on(options.nonEmpty ? 'nonEmptyArray' : 'array'));
  if (options.nonEmpty) schema = schema.min(1, on('nonEmptyArray'));
  if (options.max !== undefined) schema = schema.max(options.max, on('tooMany', { max: options.max }));
  return schema;
};

/** Non-negative integers in a query string or a path (`?year=2024`, `/contracts/12`). */
export const integerText = (min: number, max = INT_MAX) =>
  z
    .string(fails(integerFailure(min, max)))
    .regex(/^\d{1,10}$/, fails(integerFailure(min, max)))
    .transform(Number)
    .pipe(integer(min, max));

/** `true` or `false` in a query string (`?disabled=true`). */
export const booleanText = () => z.enum(['true', 'false'], on('boolean')).transform((v) => v === 'true');

/** A record id in a path or a query. */
export const id = () => integerText(1);

// ---------------------------------------------------------------------------------------------------
// What the database can hold, checked before anything is written.

/** A TEXT column holding a part of the dossier as JSON. */
const STORED_JSON_BYTES = 65_535;
const utf8 = new TextEncoder();

/** A value stored as JSON in a TEXT column must fit it. */
export const stored = <T extends z.ZodType>(schema: T) =>
  schema.superRefine((value, ctx) => {
    if (utf8.encode(JSON.stringify(value)).length > STORED_JSON_BYTES) ctx.addIssue(issue(failure('storedSize')));
  }) as unknown as T;

/** Deeper than any real dossier (rules nest a few levels); deeper input would exhaust the stack. */
const MAX_DEPTH = 32;

interface Visit {
  value: object;
  depth: number;
  key?: PropertyKey;
  parent?: Visit;
}

/** The first place nested deeper than MAX_DEPTH, found without recursion (a dossier has a million values). */
export function tooDeep(input: unknown): PropertyKey[] | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const stack: Visit[] = [{ value: input, depth: 0 }];
  while (stack.length) {
    const visit = stack.pop()!;
    if (visit.depth >= MAX_DEPTH) {
      const path: PropertyKey[] = [];
      for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.unshift(at.key!);
      return path;
    }
    // Keys read in place, not as [key, value] pairs: a dossier's 100,000s of objects made that garbage twice over.
    const parent = visit.value as Record<PropertyKey, unknown>;
    const keys = Array.isArray(visit.value) ? undefined : Object.keys(parent);
    const count = keys ? keys.length : (visit.value as unknown[]).length;
    for (let i = 0; i < count; i++) {
      const key = keys ? keys[i] : i;
      const value = parent[key];
      if (value !== null && typeof value === 'object') stack.push({ value, depth: visit.depth + 1, key, parent: visit });
    }
  }
  return undefined;
}

/** `schema`, refusing first — and alone — input nested more than MAX_DEPTH levels. */
export const shallow = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value, ctx) => {
    const at = tooDeep(value);
    if (at) ctx.addIssue(issue(failure('tooDeep', { max: MAX_DEPTH }), at));
    return value;
  }, schema);

/** The deepest JSON a request body may nest (the body parser's limit: far above any real body, far below the stack). */
export const MAX_BODY_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether JSON text nests objects and arrays more than `max` levels, read from its bytes before it is
 * parsed (one pass, no recursion, brackets inside strings not counted). Malformed text is the parser's to refuse.
 */
export function nestsDeeperThan(text: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Reading a part of a document that may be malformed elsewhere: a field counts only if it is well-formed.

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The field `key` of `value` if it passes its own schema in `shape`, else undefined. */
export function field<S extends z.ZodRawShape, K extends keyof S & string>(shape: S, value: unknown, key: K): z.output<S[K]> | undefined {
  if (!isRecord(value)) return undefined;
  const parsed = z.safeParse(shape[key], value[key]);
  return parsed.success ? (parsed.data as z.output<S[K]>) : undefined;
}

/** The entries of an array field with their paths; none when it is not an array. */
export function entries(value: unknown, key: string, path: PropertyKey[]): { value: unknown; path: PropertyKey[] }[] {
  const list = isRecord(value) ? value[key] : undefined;
  return Array.isArray(list) ? list.map((item, index) => ({ value: item, path: [...path, key, index] })) : [];
}

export { z };
