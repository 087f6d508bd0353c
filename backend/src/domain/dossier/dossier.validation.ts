import { parseCapitals } from '../bids/capitals';
import { D, Dec } from '../decimal';
import { ruleMaximum } from '../evaluation/rule-engine';
import { Dossier, DossierBidder, DossierLot, Num, Rule, Scheme } from './dossier.types';

/**
 * Validation of an imported dossier (../shared/spec/DOSSIER.md). An import is all or nothing, so the
 * user gets every offending path at once (`lots[1].maxUnitPrice: must be > 0 / 必须大于0`) and can fix
 * the file in one pass. The checks are the format's rules plus the consistency rules that would
 * otherwise surface halfway through an evaluation: unknown references, duplicate bids or scores,
 * rules that can award more than their criterion allows. Fields this file does not know are allowed,
 * since the product may add fields.
 *
 * Not errors here: a bid above a cap, with wrong fixed components or with figures that contradict each
 * other. Those are facts of the procurement, judged at review (domain/bids/validity.ts).
 */

export interface ValidationError {
  path: string;
  message: string;
}

export type DossierValidation = { ok: true; dossier: Dossier } | { ok: false; errors: ValidationError[] };

export function validateDossier(input: unknown): DossierValidation {
  const issues = new Issues();
  const root = issues.object(input, '$');
  if (root && shallowEnough(input, issues)) checkDossier(root);
  return issues.found.length === 0 ? { ok: true, dossier: input as Dossier } : { ok: false, errors: issues.found };
}

// ---------------------------------------------------------------------------------------------------
// Messages: English, then the Chinese the users read.

const MESSAGES = {
  required: 'is required / 必填',
  object: 'must be an object / 必须是对象',
  array: 'must be an array / 必须是数组',
  nonEmptyArray: 'must be a non-empty array / 必须是非空数组',
  text: 'must be a non-empty string / 必须是非空字符串',
  string: 'must be a string / 必须是字符串',
  boolean: 'must be true or false / 必须是true或false',
  amount: 'must be a decimal string such as "4870000.00" / 必须是十进制数字字符串，如"4870000.00"',
  amountNotNumber:
    'must be a decimal string such as "4870000.00", not a number (binary floats lose 分) / 金额必须写成字符串，如"4870000.00"',
  number: 'must be a number or a decimal string / 必须是数字或十进制数字字符串',
  positive: 'must be > 0 / 必须大于0',
  nonNegative: 'must be ≥ 0 / 不得为负数',
  fraction: 'must be between 0 and 1 / 必须在0到1之间',
  belowOne: 'must be below 1 / 必须小于1',
  toTheFen: 'must have at most 2 decimals (to the 分) / 最多两位小数（精确到分）',
  inTenths: 'must be in steps of 0.1 (at most one decimal) / 须以0.1为单位（最多一位小数）',
  dateTime:
    'must be an ISO 8601 date-time with offset, e.g. "2022-09-28T09:30:00+08:00" / ' +
    '须为带时区的ISO 8601时间，如"2022-09-28T09:30:00+08:00"',
  formatVersion: 'must be 1 / 必须为1',
  openingBeforeDeadline: 'must not be before tender.bidDeadline / 开标时间不得早于投标截止时间',
  tieBreaker: 'must be "price", "draw" or {"category": …} / 须为"price"、"draw"或{"category": …}',
  ruleRequired: 'is required for an objective criterion / 客观评分项必须有计分规则',
  ruleNotAllowed: 'only objective criteria have a rule / 只有客观评分项才有计分规则',
  perUnitCap: 'is required: without a cap the rule has no maximum / 必填：无上限则该规则没有最高分',
  bandCondition: 'must have exactly one of min, gt, max, lt / 须有且仅有min、gt、max、lt之一',
  priceScore: 'price scores are computed, not entered / 价格分由系统计算，不得录入',
  lowestBand: 'the lowest band must start at 0 so that every score has a grade / 最低一档须从0分起，使每个得分都有等级',
  notForPoints: 'is not used by a points scheme / 得分制考核不使用扣分',
  notForDeduction: 'is not used by a deduction scheme / 扣分制考核不使用得分',
  parentSelf: 'must not be the bidder itself / 不能是投标人自身',
  factValue: 'must be a number or true/false / 必须是数字或true/false',
  factNumber: 'must be a number: the scoring rules count it / 须为数字：计分规则按数值计算',
  factBoolean: 'must be true or false: the scoring rules use it as yes/no / 须为true或false：计分规则按是否计算',
  seed: 'must be a non-empty string or a number / 必须是非空字符串或数字',
  tooDeep: 'is nested more than 32 levels deep / 嵌套超过32层',
  amountLimit: 'must be below 1000000000000 (one trillion) / 须小于1万亿',
  storedSize: 'is too large: at most 65535 bytes as JSON / 内容过大：JSON最多65535字节',
} as const;

const tooLongMessage = (max: number) => `must be at most ${max} characters / 最多${max}个字符`;
const belowMessage = (limit: Dec) => `must be below ${limit} / 须小于${limit}`;

const oneOfMessage = (values: readonly string[]) =>
  `must be one of ${values.map((v) => `"${v}"`).join(', ')} / 必须是${values.join('、')}之一`;
const integerMessage = (min: number, max: number) =>
  max === INT_MAX
    ? `must be an integer ≥ ${min} (at most ${INT_MAX}) / 必须是不小于${min}的整数（最大${INT_MAX}）`
    : `must be an integer from ${min} to ${max} / 必须是${min}至${max}之间的整数`;
const atMostMessage = (max: Dec, what: Label) => `must be at most ${max} (${what.en}) / 不得超过${max}（${what.zh}）`;
const unknownMessage = (what: Label, code: string) => `unknown ${what.en} "${code}" / 未知的${what.zh}“${code}”`;
const duplicateMessage = (what: Label, key: string, firstPath: string) =>
  `duplicate ${what.en} "${key}" (first at ${firstPath}) / 重复的${what.zh}“${key}”（首次出现于${firstPath}）`;

interface Label {
  en: string;
  zh: string;
}

const LABELS = {
  scheme: { en: 'scheme', zh: '评分表' },
  criterion: { en: 'criterion', zh: '评分项' },
  lot: { en: 'lot', zh: '标包' },
  evaluationOrder: { en: 'evaluation order', zh: '评审顺序' },
  component: { en: 'fixed component', zh: '固定报价项' },
  bidder: { en: 'bidder', zh: '投标人' },
  bid: { en: 'bid (bidder, lot)', zh: '投标（投标人, 标包）' },
  expert: { en: 'expert', zh: '评审专家' },
  score: { en: 'score (expert, bidder, lot, criterion)', zh: '评分（专家, 投标人, 标包, 评分项）' },
  draw: { en: 'draw for lot', zh: '标包抽签' },
  category: { en: 'category', zh: '评分类别' },
  assessmentScheme: { en: 'assessment scheme', zh: '考核方案' },
  assessmentItem: { en: 'assessment item', zh: '考核项' },
  assessment: { en: 'assessment (lot, year)', zh: '考核（标包, 年度）' },
  hundredPoints: { en: 'of 100 points', zh: '总分100分' },
  criterionMax: { en: 'the criterion maximum', zh: '该项满分' },
  itemMax: { en: 'the item maximum', zh: '该项满分' },
} satisfies Record<string, Label>;

// ---------------------------------------------------------------------------------------------------
// What the database can hold. MySQL/MariaDB refuse a longer string, a larger number or a bigger TEXT (and
// SQLite would keep what the other cannot), so a dossier beyond these limits is refused here, by path,
// rather than failing halfway through the import.

/** Largest INT. */
const INT_MAX = 2_147_483_647;
/** Amounts below one trillion 元: every digit kept by DECIMAL(18, 2) and by SQLite alike. */
const AMOUNT_LIMIT = new D('1e12');
/** A TEXT column holding a part of the dossier as JSON. Named in MESSAGES.storedSize. */
const STORED_JSON_BYTES = 65_535;
/** Deeper than any real dossier (rules nest a few levels); deeper input would exhaust the stack. Named in MESSAGES.tooDeep. */
const MAX_DEPTH = 32;

/** Length as MySQL counts it (characters, not UTF-16 units). */
const characters = (v: string) => [...v].length;

/** The first place nested deeper than MAX_DEPTH, found without recursion; reported, and nothing else is checked. */
function shallowEnough(input: unknown, issues: Issues): boolean {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '$', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      issues.report(path, MESSAGES.tooDeep);
      return false;
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    for (const [key, v] of entries) stack.push({ value: v, path: pathOf(path, key), depth: depth + 1 });
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Parsers: each yields a value or says what is wrong with it.

type Parsed<T> = { value: T } | { message: string };
type Parser<T> = (value: unknown) => Parsed<T>;
type DecimalCheck = (value: Dec) => string | undefined;

const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

const fail = (message: string): Parsed<never> => ({ message });

const text: Parser<string> = (v) => (typeof v === 'string' && v.trim() !== '' ? { value: v } : fail(MESSAGES.text));
const string: Parser<string> = (v) => (typeof v === 'string' ? { value: v } : fail(MESSAGES.string));
/** A `text` or `string` that fits its column of `max` characters. */
const upTo =
  (max: number, parse: Parser<string> = text): Parser<string> =>
  (v) => {
    const parsed = parse(v);
    return 'value' in parsed && characters(parsed.value) > max ? fail(tooLongMessage(max)) : parsed;
  };
const boolean: Parser<boolean> = (v) => (typeof v === 'boolean' ? { value: v } : fail(MESSAGES.boolean));

const integer =
  (min: number, max = INT_MAX): Parser<number> =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? { value: v } : fail(integerMessage(min, max));

const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (v) =>
    values.includes(v as T) ? { value: v as T } : fail(oneOfMessage(values));

/** Money: decimal strings only, because a binary float cannot hold every amount to the 分. */
const amount =
  (...checks: DecimalCheck[]): Parser<Dec> =>
  (v) =>
    typeof v === 'string' && DECIMAL_STRING.test(v)
      ? checked(new D(v), [belowAmountLimit, ...checks])
      : fail(typeof v === 'number' ? MESSAGES.amountNotNumber : MESSAGES.amount);

/** Points, weights and ratios: numbers or decimal strings, as DOSSIER.md allows. */
const number =
  (...checks: DecimalCheck[]): Parser<Dec> =>
  (v) =>
    (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && DECIMAL_STRING.test(v))
      ? checked(new D(v), checks)
      : fail(MESSAGES.number);

function checked(value: Dec, checks: DecimalCheck[]): Parsed<Dec> {
  const message = checks.map((check) => check(value)).find((m) => m !== undefined);
  return message === undefined ? { value } : fail(message);
}

const positive: DecimalCheck = (v) => (v.gt(0) ? undefined : MESSAGES.positive);
/** Checked as stored: rounded to 6 decimals, the finest amount column (a bid's unit price). */
const belowAmountLimit: DecimalCheck = (v) => (new D(v.abs().toFixed(6)).lt(AMOUNT_LIMIT) ? undefined : MESSAGES.amountLimit);
/** Fits a DECIMAL column with `digits` digits before the point. */
const below =
  (digits: number): DecimalCheck =>
  (v) =>
    v.abs().lt(new D(10).pow(digits)) ? undefined : belowMessage(new D(10).pow(digits));
const nonNegative: DecimalCheck = (v) => (v.gte(0) ? undefined : MESSAGES.nonNegative);
const fraction: DecimalCheck = (v) => (v.gte(0) && v.lte(1) ? undefined : MESSAGES.fraction);
const belowOne: DecimalCheck = (v) => (v.lt(1) ? undefined : MESSAGES.belowOne);
const toTheFen: DecimalCheck = (v) => (v.decimalPlaces() <= 2 ? undefined : MESSAGES.toTheFen);
const inTenths: DecimalCheck = (v) => (v.decimalPlaces() <= 1 ? undefined : MESSAGES.inTenths);
const atMost =
  (max: Dec, what: Label): DecimalCheck =>
  (v) =>
    v.lte(max) ? undefined : atMostMessage(max, what);

/** A date-time with its offset: without one, a bid deadline is ambiguous by hours. Yields epoch ms. */
const dateTime: Parser<number> = (v) => {
  const parts = typeof v === 'string' ? ISO_DATE_TIME.exec(v) : null;
  if (!parts) return fail(MESSAGES.dateTime);
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = parts
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  // Date.UTC rolls 30 February over into March; a real calendar day survives the round trip.
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  const valid =
    calendarDay.getUTCMonth() === month - 1 &&
    calendarDay.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    offsetHours <= 14 &&
    offsetMinutes < 60;
  return valid ? { value: Date.parse(v as string) } : fail(MESSAGES.dateTime);
};

/** Capitals must be readable: price correction compares them with the figures. */
const capitals: Parser<string> = (v) => {
  if (typeof v !== 'string') return fail(MESSAGES.string);
  try {
    parseCapitals(v);
    return { value: v };
  } catch (error) {
    return fail((error as Error).message);
  }
};

const seed: Parser<string | number> = (v) =>
  (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v)) ? { value: v } : fail(MESSAGES.seed);

const tieBreakerCategory: Parser<string | undefined> = (v) => {
  if (v === 'price' || v === 'draw') return { value: undefined };
  const category = typeof v === 'object' && v !== null ? (v as { category?: unknown }).category : undefined;
  return typeof category === 'string' && category.trim() !== '' ? { value: category } : fail(MESSAGES.tieBreaker);
};

// ---------------------------------------------------------------------------------------------------
// Walking the document: a Reader knows its path, so every report names the exact field.

const pathOf = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path === '$' ? key : `${path}.${key}`;

/** Collects every problem found. */
class Issues {
  readonly found: ValidationError[] = [];

  report(path: string, message: string): undefined {
    this.found.push({ path, message });
    return undefined;
  }

  check<T>(value: unknown, path: string, parse: Parser<T>): T | undefined {
    const parsed = parse(value);
    return 'message' in parsed ? this.report(path, parsed.message) : parsed.value;
  }

  /** Whether `check` found nothing to report, i.e. what it checked is well-formed. */
  nothingReportedBy(check: () => void): boolean {
    const before = this.found.length;
    check();
    return this.found.length === before;
  }

  object(value: unknown, path: string): Reader | undefined {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? new Reader(this, path, value as Record<string, unknown>)
      : this.report(path, MESSAGES.object);
  }
}

interface ListOptions {
  optional?: boolean;
  nonEmpty?: boolean;
}

class Reader {
  constructor(
    readonly issues: Issues,
    readonly path: string,
    /** The object read; once its checks report nothing, it has the shape they checked. */
    readonly value: Record<string, unknown>,
  ) {}

  /** A missing field and an explicit null are the same: nothing was given. */
  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  required<T>(key: string, parse: Parser<T>): T | undefined {
    return this.has(key) ? this.optional(key, parse) : this.report(key, MESSAGES.required);
  }

  optional<T>(key: string, parse: Parser<T>): T | undefined {
    return this.has(key) ? this.issues.check(this.value[key], this.at(key), parse) : undefined;
  }

  /** The entries of an array field with their paths; an absent optional array has none. */
  items(key: string, { optional = false, nonEmpty = false }: ListOptions = {}): { value: unknown; path: string }[] {
    if (!this.has(key)) {
      if (!optional) this.report(key, MESSAGES.required);
      return [];
    }
    const list = this.value[key];
    if (!Array.isArray(list) || (nonEmpty && list.length === 0)) {
      this.report(key, nonEmpty ? MESSAGES.nonEmptyArray : MESSAGES.array);
      return [];
    }
    return list.map((value, index) => ({ value, path: pathOf(this.at(key), index) }));
  }

  /** The entries of an array of objects; entries that are not objects are reported and skipped. */
  objects(key: string, options: ListOptions = {}): Reader[] {
    return this.items(key, options).flatMap(({ value, path }) => this.issues.object(value, path) ?? []);
  }

  child(key: string, { optional = false } = {}): Reader | undefined {
    if (!this.has(key)) return optional ? undefined : this.report(key, MESSAGES.required);
    return this.issues.object(this.value[key], this.at(key));
  }

  /** A field stored as JSON in a TEXT column (unknown fields included) must fit it. */
  fitsStored(key: string): void {
    if (!this.has(key)) return;
    if (Buffer.byteLength(JSON.stringify(this.value[key]), 'utf8') > STORED_JSON_BYTES) this.report(key, MESSAGES.storedSize);
  }

  /** The fields of a free-form map such as `facts`. */
  entries(): { key: string; value: unknown; path: string }[] {
    return Object.entries(this.value).map(([key, value]) => ({ key, value, path: this.at(key) }));
  }

  at(key: string | number): string {
    return pathOf(this.path, key);
  }

  /** Report at one of this object's fields, or at the object itself without a key. */
  report(key: string | undefined, message: string): undefined {
    return this.issues.report(key === undefined ? this.path : this.at(key), message);
  }
}

/** Codes seen so far, with where each was first seen, for duplicates and references. */
class Registry<T> {
  private readonly seen = new Map<string, { path: string; value: T }>();

  constructor(readonly label: Label) {}

  /** Register a key; a duplicate is reported at `reader`'s `field` (or the object) and ignored. */
  claim(key: string | undefined, value: T, reader: Reader, field?: string, shown = key): void {
    if (key === undefined) return;
    const first = this.seen.get(key);
    if (first) reader.report(field, duplicateMessage(this.label, shown ?? key, first.path));
    else this.seen.set(key, { path: field === undefined ? reader.path : reader.at(field), value });
  }

  has(key: string | undefined): boolean {
    return key !== undefined && this.seen.has(key);
  }

  get(key: string | undefined): T | undefined {
    return key === undefined ? undefined : this.seen.get(key)?.value;
  }

  values(): T[] {
    return [...this.seen.values()].map((entry) => entry.value);
  }

  /** Check a reference held in `reader[field]`; an unknown one is reported there. */
  resolve(reader: Reader, field: string, code: string | undefined): T | undefined {
    if (code !== undefined && !this.has(code)) reader.report(field, unknownMessage(this.label, code));
    return this.get(code);
  }
}

/** Registry keys built from several codes; JSON keeps codes containing separators apart. */
const compositeKey = (...codes: (string | number | undefined)[]): string | undefined =>
  codes.includes(undefined) ? undefined : JSON.stringify(codes);

// ---------------------------------------------------------------------------------------------------
// The dossier, section by section.

type FactKind = 'number' | 'boolean';
type CriterionKind = (typeof CRITERION_KINDS)[number];

interface CriterionInfo {
  kind: CriterionKind;
  max: Dec;
  category: string;
}

interface SchemeInfo {
  /** Criteria by number; a malformed criterion is known (for references) but has no info. */
  criteria: Registry<CriterionInfo | undefined>;
  /** How the scheme's rules use each fact, to check the bids' facts against. */
  factKinds: Map<string, FactKind>;
}

interface LotInfo {
  scheme: SchemeInfo | undefined;
}

interface TenderInfo {
  priceWeight?: Dec;
  firstContractYear?: number;
  contractYears?: number;
}

interface AssessmentSchemeInfo {
  kind?: 'points' | 'deduction';
  itemMax: Registry<Dec | undefined>;
}

const PRICE_BASES = ['service', 'total'] as const;
const AWARD_RULES = ['independent', 'sequential-exclusive'] as const;
const CRITERION_KINDS = ['price', 'objective', 'subjective'] as const;
const RULE_TYPES = ['perUnit', 'bands', 'deductPerUnit', 'boolean', 'const', 'gate', 'sum'] as const;
const BAND_CONDITIONS = ['min', 'gt', 'max', 'lt'] as const;
const ASSESSMENT_KINDS = ['points', 'deduction'] as const;

function checkDossier(root: Reader): void {
  root.required('formatVersion', (v) => (v === 1 ? { value: 1 } : fail(MESSAGES.formatVersion)));
  const tender = root.child('tender');
  const tenderInfo = tender ? checkTender(tender) : {};
  const schemes = checkSchemes(root, tenderInfo.priceWeight);
  if (tender) checkTieBreakers(tender, schemes);
  const lots = checkLots(root, schemes);
  const bidders = checkBidders(root);
  const bids = checkBids(root, lots, bidders);
  checkScores(root, { panel: checkPanel(root), lots, bidders, bids });
  checkDraws(root, lots);
  checkAssessments(root, lots, checkAssessmentSchemes(root), tenderInfo);
}

function checkTender(tender: Reader): TenderInfo {
  const lengths = { code: 64, name: 300, purchaser: 200, agency: 200 };
  for (const [key, max] of Object.entries(lengths)) tender.required(key, upTo(max));
  const deadline = tender.required('bidDeadline', dateTime);
  const opening = tender.required('openingTime', dateTime);
  if (deadline !== undefined && opening !== undefined && opening < deadline) {
    tender.report('openingTime', MESSAGES.openingBeforeDeadline);
  }
  tender.required('bidValidityDays', integer(1));
  const contractYears = tender.required('contractYears', integer(1));
  const firstContractYear = tender.required('firstContractYear', integer(1900, 9999));
  tender.required('minQualifiedBidders', integer(1));
  const priceWeight = tender.required('priceWeight', number(positive, atMost(new D(100), LABELS.hundredPoints)));
  tender.optional('priceBasis', oneOf(PRICE_BASES));
  // A deduction of 100% would make an SME's evaluated price 0 and its price score undefined.
  tender.optional('smeDeduction', number(nonNegative, belowOne));
  tender.optional('abnormalLowRatio', number(fraction));
  tender.optional('outlierRatio', number(fraction));
  tender.optional('trimExtremes', boolean);
  tender.optional('scoreDecimals', integer(0, 10));
  tender.required('awardRule', oneOf(AWARD_RULES));
  tender.optional('oneBranchPerGroup', boolean);
  tender.fitsStored('tieBreakers');
  return { priceWeight, firstContractYear, contractYears };
}

/**
 * A category tie-breaker must name a category of the schemes, or it could never break a tie. Without
 * the schemes (a tender still being set up, whose schemes come later) only the form is checked.
 */
function checkTieBreakers(tender: Reader, schemes?: Registry<SchemeInfo>): void {
  const categories =
    schemes && new Set(schemes.values().flatMap((scheme) => scheme.criteria.values().flatMap((c) => (c ? [c.category] : []))));
  for (const { value, path } of tender.items('tieBreakers', { optional: true })) {
    const category = tender.issues.check(value, path, tieBreakerCategory);
    if (category !== undefined && categories && !categories.has(category)) {
      tender.issues.report(`${path}.category`, unknownMessage(LABELS.category, category));
    }
  }
}

function checkSchemes(root: Reader, priceWeight: Dec | undefined): Registry<SchemeInfo> {
  const schemes = new Registry<SchemeInfo>(LABELS.scheme);
  for (const scheme of root.objects('schemes', { nonEmpty: true })) {
    const { code, info } = checkScheme(scheme, priceWeight);
    schemes.claim(code, info, scheme, 'code');
  }
  return schemes;
}

function checkScheme(scheme: Reader, priceWeight: Dec | undefined): { code?: string; info: SchemeInfo } {
  const code = scheme.required('code', upTo(64));
  scheme.required('name', upTo(200));
  scheme.fitsStored('criteria');
  const info: SchemeInfo = { criteria: new Registry(LABELS.criterion), factKinds: new Map() };
  const criteria = scheme.objects('criteria', { nonEmpty: true }).map((criterion) => {
    const found = checkCriterion(criterion, info.factKinds);
    info.criteria.claim(found.no, found.info, criterion, 'no');
    return { criterion, info: found.info };
  });
  checkPriceCriterion(scheme, criteria, priceWeight);
  return { code, info };
}

function checkCriterion(criterion: Reader, factKinds: Map<string, FactKind>): { no?: string; info?: CriterionInfo } {
  const no = criterion.required('no', upTo(16));
  const category = criterion.required('category', text);
  criterion.required('name', text);
  // Scores are stored as DECIMAL(6, 1) and never exceed their criterion's max.
  const max = criterion.required('max', number(positive, below(4)));
  const kind = criterion.required('kind', oneOf(CRITERION_KINDS));
  if (kind === 'objective') checkObjectiveRule(criterion, max, factKinds);
  else if (kind !== undefined && criterion.has('rule')) criterion.report('rule', MESSAGES.ruleNotAllowed);
  return { no, info: category !== undefined && max && kind ? { kind, max, category } : undefined };
}

/** Objective points come from a rule; a rule able to award more than the criterion's max is a mistake. */
function checkObjectiveRule(criterion: Reader, max: Dec | undefined, factKinds: Map<string, FactKind>): void {
  if (!criterion.has('rule')) {
    criterion.report('rule', MESSAGES.ruleRequired);
    return;
  }
  const rule = criterion.child('rule');
  if (!rule || !criterion.issues.nothingReportedBy(() => checkRule(rule, factKinds)) || !max) return;
  const ruleMax = ruleMaximum(rule.value as unknown as Rule);
  if (ruleMax.gt(max)) {
    criterion.report(
      'rule',
      `can award up to ${ruleMax}, above the criterion maximum ${max} / 规则最高可得${ruleMax}分，超过该项满分${max}分`,
    );
  }
}

/** Price is scored by formula, with the tender's price weight as its maximum. */
function checkPriceCriterion(scheme: Reader, criteria: { criterion: Reader; info?: CriterionInfo }[], priceWeight: Dec | undefined): void {
  const prices = criteria.filter(({ info }) => info?.kind === 'price');
  if (prices.length !== 1) {
    scheme.report(
      'criteria',
      `must have exactly one price criterion (found ${prices.length}) / 须有且仅有一个价格评分项（现有${prices.length}个）`,
    );
  } else if (priceWeight && !prices[0].info!.max.eq(priceWeight)) {
    prices[0].criterion.report('max', `must equal tender.priceWeight (${priceWeight}) / 须等于价格权重${priceWeight}`);
  }
}

function checkRule(rule: Reader, factKinds: Map<string, FactKind>): void {
  const type = rule.required('type', oneOf(RULE_TYPES));
  if (type) RULE_CHECKS[type](rule, factKinds);
}

type RuleCheck = (rule: Reader, factKinds: Map<string, FactKind>) => void;

const RULE_CHECKS: Record<(typeof RULE_TYPES)[number], RuleCheck> = {
  perUnit: (rule, factKinds) => {
    useFact(rule, factKinds, 'number');
    rule.required('points', number(nonNegative));
    if (rule.has('cap')) rule.required('cap', number(nonNegative));
    else rule.report('cap', MESSAGES.perUnitCap);
  },
  bands: (rule, factKinds) => {
    useFact(rule, factKinds, 'number');
    rule.objects('bands', { nonEmpty: true }).forEach(checkBand);
    rule.optional('else', number(nonNegative));
  },
  deductPerUnit: (rule, factKinds) => {
    useFact(rule, factKinds, 'number');
    rule.required('from', number(nonNegative));
    rule.required('per', number(positive));
  },
  boolean: (rule, factKinds) => {
    useFact(rule, factKinds, 'boolean');
    rule.required('points', number(nonNegative));
  },
  const: (rule) => {
    rule.required('points', number(nonNegative));
  },
  gate: (rule, factKinds) => {
    useFact(rule, factKinds, 'number');
    rule.required('min', number());
    const then = rule.child('then');
    if (then) checkRule(then, factKinds);
  },
  sum: (rule, factKinds) => {
    rule.objects('parts', { nonEmpty: true }).forEach((part) => checkRule(part, factKinds));
    rule.optional('cap', number(nonNegative));
  },
};

/** A band's condition is exactly one of ≥ min, > gt, ≤ max, < lt. */
function checkBand(band: Reader): void {
  const conditions = BAND_CONDITIONS.filter((condition) => band.has(condition));
  if (conditions.length === 1) band.required(conditions[0], number());
  else band.report(undefined, MESSAGES.bandCondition);
  band.required('points', number(nonNegative));
}

/** Record how a rule uses its fact; one fact used both as a count and as yes/no cannot be supplied. */
function useFact(rule: Reader, factKinds: Map<string, FactKind>, kind: FactKind): void {
  const fact = rule.required('fact', text);
  if (fact === undefined) return;
  const usedAs = factKinds.get(fact);
  if (usedAs === undefined) factKinds.set(fact, kind);
  else if (usedAs !== kind) {
    const [english, chinese] = usedAs === 'number' ? ['a number', '数值'] : ['a yes/no fact', '是否'];
    rule.report('fact', `"${fact}" is used elsewhere in the scheme as ${english} / 事实“${fact}”在本评分表其他规则中按${chinese}使用`);
  }
}

function checkLots(root: Reader, schemes: Registry<SchemeInfo>): Registry<LotInfo> {
  const lots = new Registry<LotInfo>(LABELS.lot);
  // Sequential exclusion needs one order, so two lots may not share an evaluation order.
  const orders = new Registry<null>(LABELS.evaluationOrder);
  for (const lot of root.objects('lots', { nonEmpty: true })) {
    const { no, info } = checkLot(lot, schemes, orders);
    lots.claim(no, info, lot, 'no');
  }
  return lots;
}

/** One lot; `orders` holds the evaluation orders of the lots before it. */
function checkLot(lot: Reader, schemes: Registry<SchemeInfo>, orders: Registry<null>): { no?: string; info: LotInfo } {
  const no = lot.required('no', upTo(16));
  lot.required('name', upTo(200));
  lot.fitsStored('regions');
  lot.fitsStored('fixedComponents');
  for (const { value, path } of lot.items('regions')) lot.issues.check(value, path, text);
  lot.required('basePopulation', integer(1));
  lot.required('maxUnitPrice', amount(positive));
  lot.required('maxBudget', amount(positive, toTheFen));
  checkFixedComponents(lot);
  orders.claim(lot.required('evaluationOrder', integer(1))?.toString(), null, lot, 'evaluationOrder');
  const scheme = schemes.resolve(lot, 'scheme', lot.required('scheme', text));
  lot.optional('rewardBudget', amount(nonNegative, toTheFen));
  lot.optional('minStaff', integer(0));
  return { no, info: { scheme } };
}

function checkFixedComponents(owner: Reader): void {
  const names = new Registry<null>(LABELS.component);
  for (const component of owner.objects('fixedComponents')) {
    names.claim(component.required('name', text), null, component, 'name');
    component.required('amount', amount(nonNegative, toTheFen));
  }
}

interface ParentReference {
  bidder: Reader;
  code?: string;
  parent?: string;
}

function checkBidders(root: Reader): Registry<null> {
  const bidders = new Registry<null>(LABELS.bidder);
  const parents = root.objects('bidders').map((bidder) => {
    const reference = checkBidder(bidder);
    bidders.claim(reference.code, null, bidder, 'code');
    return reference;
  });
  // Parents are resolved once every bidder is known: a parent may be listed after its subsidiary.
  for (const reference of parents) checkParent(reference, bidders);
  return bidders;
}

function checkBidder(bidder: Reader): ParentReference {
  const code = bidder.required('code', upTo(64));
  bidder.required('name', upTo(200));
  bidder.required('sme', boolean);
  const lengths = { legalRepresentative: 100, groupCode: 64, contactPerson: 100 };
  for (const [key, max] of Object.entries(lengths)) bidder.optional(key, upTo(max, string));
  return { bidder, code, parent: bidder.optional('parentCode', upTo(64, string)) };
}

function checkParent({ bidder, code, parent }: ParentReference, bidders: Registry<null>): void {
  if (!parent?.trim()) return;
  if (parent === code) bidder.report('parentCode', MESSAGES.parentSelf);
  else bidders.resolve(bidder, 'parentCode', parent);
}

function checkBids(root: Reader, lots: Registry<LotInfo>, bidders: Registry<null>): Registry<null> {
  const bids = new Registry<null>(LABELS.bid);
  for (const bid of root.objects('bids')) {
    const bidder = bid.required('bidder', text);
    bidders.resolve(bid, 'bidder', bidder);
    const lotNo = bid.required('lot', text);
    const lot = lots.resolve(bid, 'lot', lotNo);
    // One bidder submits at most one bid per lot (DOMAIN.md §3).
    bids.claim(compositeKey(bidder, lotNo), null, bid, undefined, `${bidder}, ${lotNo}`);
    checkBidPrices(bid);
    checkBidReview(bid, lot?.scheme);
  }
  return bids;
}

/** What the review adds to a bid: the checklists, the bidder's and the panel's decisions, the facts. */
function checkBidReview(bid: Reader, scheme: SchemeInfo | undefined): void {
  for (const key of ['qualification', 'compliance']) bid.objects(key, { optional: true }).forEach(checkReviewCheck);
  bid.optional('priceCorrectionAccepted', boolean);
  bid.optional('abnormalLowRejected', boolean);
  checkFacts(bid, scheme);
  for (const key of ['qualification', 'compliance', 'facts']) bid.fitsStored(key);
}

/**
 * A bid's figures must be well-formed amounts; whether they agree with each other or with the caps is
 * for price correction and review. The unit price may have any decimals: a misplaced decimal point
 * (0.116 for 1.16) is exactly what price correction repairs.
 */
function checkBidPrices(bid: Reader): void {
  bid.required('unitPrice', amount(positive));
  bid.required('serviceTotal', amount(nonNegative, toTheFen));
  checkFixedComponents(bid);
  bid.required('total', amount(nonNegative, toTheFen));
  bid.optional('totalCapitals', capitals);
  if (typeof bid.value.totalCapitals === 'string') bid.optional('totalCapitals', upTo(200, string));
  bid.fitsStored('fixedComponents');
  bid.fitsStored('itemised');
  const itemised = bid.child('itemised', { optional: true });
  itemised?.optional('unitPrice', amount(positive));
  itemised?.optional('serviceTotal', amount(nonNegative, toTheFen));
  itemised?.optional('total', amount(nonNegative, toTheFen));
  bid.optional('submittedFromIp', upTo(64, string));
}

function checkReviewCheck(check: Reader): void {
  check.required('check', text);
  check.required('pass', boolean);
  check.optional('note', string);
}

/** Facts feed the objective rules, so each must have the type its lot's rules read it as. */
function checkFacts(bid: Reader, scheme: SchemeInfo | undefined): void {
  const facts = bid.child('facts', { optional: true });
  for (const { key, value, path } of facts?.entries() ?? []) {
    const kind = typeof value === 'boolean' ? 'boolean' : Number.isFinite(value) ? 'number' : undefined;
    const usedAs = scheme?.factKinds.get(key);
    if (kind === undefined) bid.issues.report(path, MESSAGES.factValue);
    else if (usedAs !== undefined && usedAs !== kind) {
      bid.issues.report(path, usedAs === 'number' ? MESSAGES.factNumber : MESSAGES.factBoolean);
    }
  }
}

function checkPanel(root: Reader): Registry<null> {
  const panel = new Registry<null>(LABELS.expert);
  for (const expert of root.objects('panel', { optional: true })) {
    panel.claim(expert.required('code', upTo(64)), null, expert, 'code');
    expert.required('name', upTo(100));
  }
  return panel;
}

interface ScoreReferences {
  panel: Registry<null>;
  lots: Registry<LotInfo>;
  bidders: Registry<null>;
  bids: Registry<null>;
}

/** Experts score non-price criteria of bids that exist, once each, within the criterion's range. */
function checkScores(root: Reader, { panel, lots, bidders, bids }: ScoreReferences): void {
  const scores = new Registry<null>(LABELS.score);
  for (const score of root.objects('scores', { optional: true })) {
    const expert = score.required('expert', text);
    panel.resolve(score, 'expert', expert);
    const bidder = score.required('bidder', text);
    bidders.resolve(score, 'bidder', bidder);
    const lotNo = score.required('lot', text);
    const lot = lots.resolve(score, 'lot', lotNo);
    if (bidders.has(bidder) && lot && !bids.has(compositeKey(bidder, lotNo))) {
      score.report(undefined, `bidder ${bidder} has no bid on lot ${lotNo} / 投标人${bidder}未投标包${lotNo}`);
    }
    const criterionNo = score.required('criterion', text);
    const criterion = lot?.scheme?.criteria.resolve(score, 'criterion', criterionNo);
    if (criterion?.kind === 'price') score.report('criterion', MESSAGES.priceScore);
    score.required('value', number(...scoreChecks(criterion)));
    const key = compositeKey(expert, bidder, lotNo, criterionNo);
    scores.claim(key, null, score, undefined, [expert, bidder, lotNo, criterionNo].join(', '));
  }
}

/** 0..max for every score; experts' own judgements (subjective) also come in steps of 0.1. */
function scoreChecks(criterion: CriterionInfo | undefined): DecimalCheck[] {
  if (!criterion) return [nonNegative];
  const range = [nonNegative, atMost(criterion.max, LABELS.criterionMax)];
  return criterion.kind === 'subjective' ? [...range, inTenths] : range;
}

function checkDraws(root: Reader, lots: Registry<LotInfo>): void {
  const draws = new Registry<null>(LABELS.draw);
  for (const draw of root.objects('draws', { optional: true })) {
    const lot = draw.required('lot', text);
    lots.resolve(draw, 'lot', lot);
    draws.claim(lot, null, draw, 'lot');
    draw.required('seed', seed);
    if (typeof draw.value.seed === 'string') draw.optional('seed', upTo(64));
  }
}

function checkAssessmentSchemes(root: Reader): Registry<AssessmentSchemeInfo> {
  const schemes = new Registry<AssessmentSchemeInfo>(LABELS.assessmentScheme);
  for (const scheme of root.objects('assessmentSchemes', { optional: true })) {
    const code = scheme.required('code', upTo(64));
    scheme.required('name', upTo(300));
    scheme.fitsStored('bands');
    scheme.fitsStored('items');
    const kind = scheme.required('kind', oneOf(ASSESSMENT_KINDS));
    if (kind === 'points') {
      // DECIMAL(6, 2), stored rounded to 2 decimals.
      scheme.required('passMark', number(nonNegative, below(3)));
      scheme.required('failDeductionRate', number(fraction));
    }
    if (kind === 'deduction') checkGradeBands(scheme);
    const itemMax = new Registry<Dec | undefined>(LABELS.assessmentItem);
    for (const item of scheme.objects('items', { nonEmpty: true })) {
      const no = item.required('no', text);
      item.required('name', text);
      itemMax.claim(no, item.required('max', number(positive)), item, 'no');
    }
    schemes.claim(code, { kind, itemMax }, scheme, 'code');
  }
  return schemes;
}

/** Grades are found by the first band whose min the score reaches, so bands must run downwards to 0. */
function checkGradeBands(scheme: Reader): void {
  const bands = scheme.objects('bands', { nonEmpty: true });
  const mins = bands.map((band) => {
    const min = band.required('min', number(nonNegative));
    band.required('grade', text);
    band.required('rewardRate', number(fraction));
    band.optional('terminate', boolean);
    return min;
  });
  mins.forEach((min, index) => {
    const previous = mins[index - 1];
    if (min && previous && !min.lt(previous)) {
      bands[index].report('min', `must be below the previous band's min ${previous} / 须低于上一档的下限${previous}`);
    }
  });
  const lowest = mins[mins.length - 1];
  if (lowest && !lowest.isZero()) bands[bands.length - 1].report('min', MESSAGES.lowestBand);
}

function checkAssessments(root: Reader, lots: Registry<LotInfo>, schemes: Registry<AssessmentSchemeInfo>, tender: TenderInfo): void {
  const assessments = new Registry<null>(LABELS.assessment);
  for (const assessment of root.objects('assessments', { optional: true })) {
    const lot = assessment.required('lot', text);
    lots.resolve(assessment, 'lot', lot);
    const year = assessment.required('year', integer(1900, 9999));
    checkContractYear(assessment, year, tender);
    const code = assessment.required('scheme', text);
    const scheme = schemes.resolve(assessment, 'scheme', code);
    assessment.optional('operatingCost', amount(nonNegative, toTheFen));
    assessment.optional('maxReward', amount(nonNegative, toTheFen));
    // One assessment per lot and contract year, whatever its scheme (the database holds one).
    assessments.claim(compositeKey(lot, year), null, assessment, undefined, `${lot}, ${year}`);
    assessment.fitsStored('items');
    checkAssessmentItems(assessment, scheme);
  }
}

/** An assessment is of a contract year: the years from firstContractYear for contractYears years. */
function checkContractYear(assessment: Reader, year: number | undefined, tender: TenderInfo): void {
  const { firstContractYear: first, contractYears } = tender;
  if (year === undefined || first === undefined || contractYears === undefined) return;
  const last = first + contractYears - 1;
  if (year < first || year > last) {
    assessment.report('year', `must be a contract year of the tender (${first}–${last}) / 须为本项目的合同年度（${first}–${last}年）`);
  }
}

/** Points schemes record points (0..max); deduction schemes record deductions (≥ 0, capped later). */
function checkAssessmentItems(assessment: Reader, scheme: AssessmentSchemeInfo | undefined): void {
  const items = new Registry<null>(LABELS.assessmentItem);
  for (const item of assessment.objects('items')) {
    const no = item.required('no', text);
    items.claim(no, null, item, 'no');
    const max = scheme?.itemMax.resolve(item, 'no', no);
    if (scheme?.kind === 'points') {
      item.required('points', number(nonNegative, ...(max ? [atMost(max, LABELS.itemMax)] : [])));
      if (item.has('deduction')) item.report('deduction', MESSAGES.notForPoints);
    }
    if (scheme?.kind === 'deduction') {
      item.required('deduction', number(nonNegative));
      if (item.has('points')) item.report('points', MESSAGES.notForDeduction);
    }
    item.optional('note', string);
  }
}

// ---------------------------------------------------------------------------------------------------
// One part at a time, for the API that builds a tender piece by piece: the same checks as an import,
// with paths relative to the part (`criteria[3].rule.cap`). What a part refers to is given as the
// tender's stored parts. Whether a code is already taken is the caller's to check against the rows.

export const validatePart = {
  /** The tender's fields; category tie-breakers are checked against the schemes at publication. */
  tender: (input: unknown) =>
    partErrors(input, (tender) => {
      checkTender(tender);
      checkTieBreakers(tender);
    }),
  scheme: (input: unknown, priceWeight: Num) => partErrors(input, (scheme) => checkScheme(scheme, new D(priceWeight))),
  lot: (input: unknown, schemes: Scheme[]) =>
    partErrors(input, (lot) => checkLot(lot, storedSchemes(schemes), new Registry(LABELS.evaluationOrder))),
  bidder: (input: unknown, bidders: DossierBidder[]) =>
    partErrors(input, (bidder) => checkParent(checkBidder(bidder), storedBidders(bidders))),
  /** A bid as submitted: its lot, its bidder and its figures (the review comes after opening). */
  bid: (input: unknown, tender: { schemes: Scheme[]; lots: DossierLot[]; bidders: DossierBidder[] }) =>
    partErrors(input, (bid) => {
      storedBidders(tender.bidders).resolve(bid, 'bidder', bid.required('bidder', text));
      storedLots(tender.lots, tender.schemes).resolve(bid, 'lot', bid.required('lot', text));
      checkBidPrices(bid);
    }),
  /** The review of a bid on a lot scored by `scheme`. */
  bidReview: (input: unknown, scheme: Scheme) => partErrors(input, (bid) => checkBidReview(bid, storedSchemes([scheme]).get(scheme.code))),
};

function partErrors(input: unknown, check: (part: Reader) => void): ValidationError[] {
  const issues = new Issues();
  const part = issues.object(input, '$');
  if (part && shallowEnough(input, issues)) check(part);
  return issues.found;
}

/** Registries of stored parts: they passed these checks when stored, so what they report is dropped. */
const stored = (value: object) => new Reader(new Issues(), '$', value as Record<string, unknown>);
const storedSchemes = (schemes: Scheme[]) => checkSchemes(stored({ schemes }), undefined);
const storedLots = (lots: DossierLot[], schemes: Scheme[]) => checkLots(stored({ lots }), storedSchemes(schemes));
const storedBidders = (bidders: DossierBidder[]) => checkBidders(stored({ bidders }));
