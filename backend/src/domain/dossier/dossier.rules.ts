import { allowance, annual, contractKindOf, contractTerm, premiumFund } from '../contracts/amounts';
import { contractContext, type EvaluatedTender, premiumRates } from '../contracts/contract-status';
import { scheduleCovers, scheduleFitsKind, type Schedule } from '../contracts/payment-schedule';
import { parsePeriod } from '../contracts/periodic-reports';
import { approvable } from '../contracts/retentions';
import { D, Dec, fen } from '../decimal';
import type { Subject } from '../errors';
import { entries, Failure, failure, field, isRecord, pathText, z } from '../validation';
import { MilestoneSpecSchema, normalised, ScheduleSchema } from './schedule.schema';
import {
  ASSESSMENT_FIELDS,
  AssessmentItemSchema,
  AssessmentSchemeItemSchema,
  AssessmentSchemeSchema,
  BID_FIELDS,
  BID_REVIEW_FIELDS,
  BIDDER_FIELDS,
  ComponentSchema,
  CONTRACT_FIELDS,
  ContractSchema,
  CRITERION_FIELDS,
  DrawSchema,
  factUses,
  FactKind,
  LOT_FIELDS,
  lotPricing,
  type LotPricing,
  PanelMemberSchema,
  SCHEME_FIELDS,
  SCORE_FIELDS,
  TENDER_FIELDS,
  TieBreakerSchema,
  DOSSIER_FIELDS,
} from './dossier.schema';
import type { ContractKind, Dossier, DossierItemRule } from './dossier.types';
import { decisionProblems } from '../evaluation/repeated-failure';
import { RULE_INPUT } from '../assessments/assessment';

/**
 * The rules across the parts of a dossier (DOSSIER.md), as a refinement pass after the parts' own
 * schemas: unknown references, duplicates, a price criterion at the tender's price weight, facts of
 * the type their rules read, scores within their criterion, assessments within the contract years and
 * their scheme. The whole dossier is checked by `dossierRules`; the tender set-up API checks one part
 * at a time against the tender's stored parts with the same functions (dossier.validation.ts).
 *
 * The pass also runs when a part is malformed, so that the user gets every offending path at once; it
 * then reads each field only if that field is well-formed, and leaves the rest to the schemas' reports.
 */

export type Path = PropertyKey[];
export type Report = (f: Failure, path: Path) => void;

/** One run of the pass. `trusted`: the value passed its schemas as a whole, so fields need no re-checking. */
export interface Pass {
  report: Report;
  trusted: boolean;
}

/** The field `key` of `value` as its schema in `shape` reads it; undefined when absent or malformed. */
function read<S extends z.ZodRawShape, K extends keyof S & string>(
  pass: Pass,
  shape: S,
  value: unknown,
  key: K,
): z.output<S[K]> | undefined {
  if (!pass.trusted) return field(shape, value, key);
  return isRecord(value) ? ((value[key] as z.output<S[K]>) ?? undefined) : undefined;
}

/** Given at all: a missing field and an explicit null are the same. */
const given = (value: unknown, key: string) => isRecord(value) && value[key] !== undefined && value[key] !== null;

/** Registry keys built from several codes; JSON keeps codes containing separators apart. */
const compositeKey = (...codes: (string | number | undefined)[]): string | undefined =>
  codes.includes(undefined) ? undefined : JSON.stringify(codes);

/** Codes seen so far, with where each was first seen, for duplicates and references. */
export class Registry<T> {
  private readonly seen = new Map<string, { path: Path; value: T }>();

  constructor(
    private readonly what: Subject,
    private readonly report: Report,
  ) {}

  /** Register a key; a repeat is reported at `path` and ignored. */
  claim(key: string | undefined, value: T, path: Path, shown = key): void {
    if (key === undefined) return;
    const first = this.seen.get(key);
    if (first) this.report(failure('duplicate', { what: this.what, key: shown ?? key, first: pathText(first.path) }), path);
    else this.seen.set(key, { path, value });
  }

  has(key: string | undefined): boolean {
    return key !== undefined && this.seen.has(key);
  }

  get(key: string | undefined): T | undefined {
    return key === undefined ? undefined : this.seen.get(key)?.value;
  }

  keys(): string[] {
    return [...this.seen.keys()];
  }

  values(): T[] {
    return [...this.seen.values()].map((entry) => entry.value);
  }

  /**
   * A reference held at `path`; an unknown one is reported there, to the pass that reads it. `path` may
   * be given as a function, called only to report: a dossier's 100,000s of scores then build none.
   */
  resolve(code: string | undefined, path: Path | (() => Path), report: Report): T | undefined {
    if (code !== undefined && !this.has(code))
      report(failure('unknown', { what: this.what, code }), typeof path === 'function' ? path() : path);
    return this.get(code);
  }
}

export interface CriterionInfo {
  kind: 'price' | 'objective' | 'subjective';
  max: Dec;
  category: string;
}

export interface SchemeInfo {
  /** Criteria by number; a malformed criterion is known (for references) but has no info. */
  criteria: Registry<CriterionInfo | undefined>;
  /** How the scheme's rules read each fact, to check the bids' facts against. */
  factKinds: Map<string, FactKind>;
}

export interface LotInfo {
  scheme: SchemeInfo | undefined;
  pricing: LotPricing;
}

interface AssessmentSchemeInfo {
  kind?: 'points' | 'deduction';
  /** Items by number; a malformed item is known (for references) but has no info. */
  items: Registry<{ max: Dec; rule: DossierItemRule } | undefined>;
}

/** Does nothing: the registries of stored parts, which passed these rules when they were stored. */
export const silent: Pass = { report: () => undefined, trusted: false };

// ---------------------------------------------------------------------------------------------------
// The parts, each at its path `at`.

/** Criterion numbers once each, and a price criterion whose max is the tender's price weight. */
export function schemeRules(scheme: unknown, at: Path, pass: Pass, priceWeight?: Dec): { code?: string; info: SchemeInfo } {
  const info: SchemeInfo = { criteria: new Registry('criterion', pass.report), factKinds: new Map() };
  const prices: { path: Path; max: Dec }[] = [];
  for (const { value: criterion, path } of entries(scheme, 'criteria', at)) {
    const kind = read(pass, CRITERION_FIELDS, criterion, 'kind');
    const max = read(pass, CRITERION_FIELDS, criterion, 'max');
    const category = read(pass, CRITERION_FIELDS, criterion, 'category');
    const known = kind !== undefined && max !== undefined && category !== undefined ? { kind, max: new D(max), category } : undefined;
    info.criteria.claim(read(pass, CRITERION_FIELDS, criterion, 'no'), known, [...path, 'no']);
    const rule = read(pass, CRITERION_FIELDS, criterion, 'rule');
    for (const use of rule ? factUses(rule) : []) if (!info.factKinds.has(use.fact)) info.factKinds.set(use.fact, use.kind);
    if (known?.kind === 'price') prices.push({ path, max: known.max });
  }
  if (priceWeight && prices.length === 1 && !prices[0].max.eq(priceWeight)) {
    pass.report(failure('priceWeight', { weight: priceWeight.toString() }), [...prices[0].path, 'max']);
  }
  return { code: read(pass, SCHEME_FIELDS, scheme, 'code'), info };
}

export function schemesRules(list: { value: unknown; path: Path }[], pass: Pass, priceWeight?: Dec): Registry<SchemeInfo> {
  const schemes = new Registry<SchemeInfo>('scheme', pass.report);
  for (const { value, path } of list) {
    const { code, info } = schemeRules(value, path, pass, priceWeight);
    schemes.claim(code, info, [...path, 'code']);
  }
  return schemes;
}

/** A category tie-breaker must name a category of the schemes, or it could never break a tie. */
export function tieBreakerRules(tender: unknown, at: Path, pass: Pass, schemes: Registry<SchemeInfo>): void {
  const categories = new Set(schemes.values().flatMap((s) => s.criteria.values().flatMap((c) => (c ? [c.category] : []))));
  for (const { value, path } of entries(tender, 'tieBreakers', at)) {
    if (!isRecord(value) || !TieBreakerSchema.safeParse(value).success) continue;
    const category = value['category'] as string;
    if (!categories.has(category)) pass.report(failure('unknown', { what: 'category', code: category }), [...path, 'category']);
  }
}

/** Fixed components once each by name. */
function componentRules(owner: unknown, at: Path, pass: Pass): void {
  const names = new Registry<null>('component', pass.report);
  for (const { value, path } of entries(owner, 'fixedComponents', at)) {
    names.claim(read(pass, ComponentSchema.shape, value, 'name'), null, [...path, 'name']);
  }
}

/**
 * Which figures each pricing needs and refuses: fields a pricing needs are required, the others must
 * be absent (a stray figure would be a price nobody competes on).
 */
const PRICING_FIELDS = {
  lot: {
    'unit-price': { needs: ['basePopulation', 'maxUnitPrice', 'maxBudget'], refuses: ['maxRate'] },
    'lump-sum': { needs: ['maxBudget'], refuses: ['basePopulation', 'maxUnitPrice', 'maxRate'] },
    rate: { needs: ['maxRate'], refuses: ['maxUnitPrice', 'maxBudget'] },
  },
  bid: {
    'unit-price': { needs: ['unitPrice', 'serviceTotal', 'total'], refuses: ['rate', 'deficitShare'] },
    'lump-sum': { needs: ['serviceTotal', 'total'], refuses: ['unitPrice', 'rate', 'deficitShare'] },
    rate: { needs: ['rate', 'deficitShare'], refuses: ['unitPrice', 'serviceTotal', 'total', 'totalCapitals', 'itemised'] },
  },
} satisfies Record<'lot' | 'bid', Record<LotPricing, { needs: string[]; refuses: string[] }>>;

function pricingFields(value: unknown, at: Path, pass: Pass, part: 'lot' | 'bid', pricing: LotPricing): void {
  const { needs, refuses } = PRICING_FIELDS[part][pricing];
  for (const key of needs) if (!given(value, key)) pass.report(failure('required'), [...at, key]);
  for (const key of refuses) if (given(value, key)) pass.report(failure('forPricing', { pricing }), [...at, key]);
}

/** A lot's scheme exists, and (sequential exclusion needs one order) its evaluation order is its own. */
export function lotRules(lot: unknown, at: Path, pass: Pass, schemes: Registry<SchemeInfo>, orders: Registry<null>): LotInfo {
  componentRules(lot, at, pass);
  orders.claim(read(pass, LOT_FIELDS, lot, 'evaluationOrder')?.toString(), null, [...at, 'evaluationOrder']);
  const pricing = lotPricing(isRecord(lot) ? { ...lot, pricing: read(pass, LOT_FIELDS, lot, 'pricing') } : {});
  pricingFields(lot, at, pass, 'lot', pricing);
  return { scheme: schemes.resolve(read(pass, LOT_FIELDS, lot, 'scheme'), [...at, 'scheme'], pass.report), pricing };
}

export function lotsRules(list: { value: unknown; path: Path }[], pass: Pass, schemes: Registry<SchemeInfo>): Registry<LotInfo> {
  const lots = new Registry<LotInfo>('lot', pass.report);
  const orders = new Registry<null>('evaluationOrder', pass.report);
  for (const { value, path } of list) {
    const info = lotRules(value, path, pass, schemes, orders);
    lots.claim(read(pass, LOT_FIELDS, value, 'no'), info, [...path, 'no']);
  }
  return lots;
}

/** A parent is another bidder of the tender (it may be listed after its subsidiary). */
export function parentRule(bidder: unknown, at: Path, pass: Pass, bidders: Registry<null>): void {
  const parent = read(pass, BIDDER_FIELDS, bidder, 'parentCode');
  if (parent?.trim() && parent !== read(pass, BIDDER_FIELDS, bidder, 'code')) bidders.resolve(parent, [...at, 'parentCode'], pass.report);
}

/**
 * A consortium's members are other bidders of the tender, each once, each a single company (its
 * qualification and relations are judged member by member, DOMAIN.md §3).
 */
export function membersRule(bidder: unknown, at: Path, pass: Pass, bidders: Registry<null>, consortia: Set<string>): void {
  const code = read(pass, BIDDER_FIELDS, bidder, 'code');
  const members = new Registry<null>('bidder', pass.report);
  for (const { value, path } of entries(bidder, 'members', at)) {
    if (typeof value !== 'string') continue;
    members.claim(value, null, path);
    if (value === code) pass.report(failure('memberSelf'), path);
    else if (consortia.has(value)) pass.report(failure('memberConsortium'), path);
    else bidders.resolve(value, path, pass.report);
  }
}

export function biddersRules(list: { value: unknown; path: Path }[], pass: Pass): Registry<null> {
  const bidders = new Registry<null>('bidder', pass.report);
  for (const { value, path } of list) bidders.claim(read(pass, BIDDER_FIELDS, value, 'code'), null, [...path, 'code']);
  const consortia = new Set(list.flatMap(({ value }) => (given(value, 'members') ? [read(pass, BIDDER_FIELDS, value, 'code') ?? ''] : [])));
  for (const { value, path } of list) {
    parentRule(value, path, pass, bidders);
    membersRule(value, path, pass, bidders, consortia);
  }
  return bidders;
}

/** A bid's bidder and lot exist, its fixed components are named once each, and it gives the figures of its lot's pricing. */
export function bidRules(bid: unknown, at: Path, pass: Pass, lots: Registry<LotInfo>, bidders: Registry<null>) {
  const bidder = read(pass, BID_FIELDS, bid, 'bidder');
  bidders.resolve(bidder, [...at, 'bidder'], pass.report);
  const lotNo = read(pass, BID_FIELDS, bid, 'lot');
  const lot = lots.resolve(lotNo, [...at, 'lot'], pass.report);
  componentRules(bid, at, pass);
  if (lot) pricingFields(bid, at, pass, 'bid', lot.pricing);
  return { bidder, lotNo, lot };
}

/** Facts feed the objective rules, so each must have the type its lot's rules read it as. */
export function factRules(bid: unknown, at: Path, pass: Pass, scheme: SchemeInfo | undefined): void {
  const facts = isRecord(bid) ? bid['facts'] : undefined;
  if (!scheme || !isRecord(facts)) return;
  for (const [key, value] of Object.entries(facts)) {
    const kind = typeof value === 'boolean' ? 'boolean' : typeof value === 'number' && Number.isFinite(value) ? 'number' : undefined;
    const usedAs = scheme.factKinds.get(key);
    if (kind !== undefined && usedAs !== undefined && usedAs !== kind) {
      pass.report(failure(usedAs === 'number' ? 'factNumber' : 'factBoolean'), [...at, 'facts', key]);
    }
  }
}

/** Rows (bidders, bids, scores) checked between two steps of a dossier's validation (dossierRuleSteps). */
export const ROWS_PER_STEP = 10_000;

/** `list`'s entries, yielding ROWS_PER_STEP after every ROWS_PER_STEP of them and the rest at the end. */
function* inSteps<T>(list: T[], check: (entry: T, index: number) => void): Generator<number, void> {
  for (let i = 0; i < list.length; i++) {
    check(list[i], i);
    if ((i + 1) % ROWS_PER_STEP === 0) yield ROWS_PER_STEP;
  }
  if (list.length % ROWS_PER_STEP) yield list.length % ROWS_PER_STEP;
}

function* bidsRules(d: unknown, pass: Pass, lots: Registry<LotInfo>, bidders: Registry<null>): Generator<number, Registry<null>> {
  const bids = new Registry<null>('bid', pass.report);
  // A decision on the repeated-failure deduction needs the deduction the tender proposes, and a reason.
  const deduction = read(pass, TENDER_FIELDS, isRecord(d) ? d['tender'] : undefined, 'repeatedFailureDeduction');
  yield* inSteps(entries(d, 'bids', []), ({ value, path }) => {
    const { bidder, lotNo, lot } = bidRules(value, path, pass, lots, bidders);
    // One bidder submits at most one bid per lot (DOMAIN.md §3).
    bids.claim(compositeKey(bidder, lotNo), null, path, `${bidder}, ${lotNo}`);
    factRules(value, path, pass, lot?.scheme);
    for (const p of decisionProblems(
      read(pass, BID_REVIEW_FIELDS, value, 'repeatedFailureDecision'),
      read(pass, BID_REVIEW_FIELDS, value, 'repeatedFailureNote'),
      deduction,
    )) {
      pass.report(p.failure, [...path, p.field]);
    }
  });
  return bids;
}

interface ScoreReferences {
  panel: Registry<null>;
  lots: Registry<LotInfo>;
  bidders: Registry<null>;
  bids: Registry<null>;
}

/** The entry of `map` under `key`, made when missing. */
const entryOf = <K, V>(map: Map<K, V>, key: K, make: () => V): V => map.get(key) ?? map.set(key, make()).get(key)!;

/** Experts score non-price criteria of bids that exist, once each, within the criterion's range. */
function* scoresRules(d: unknown, pass: Pass, { panel, lots, bidders, bids }: ScoreReferences): Generator<number, void> {
  // By the 100,000: paths are built only to report, each bid's key once, each distinct value checked
  // against each criterion once, and where each score was first seen (its index) is kept by bid, expert
  // and criterion, not under a key built per score.
  const bidKeys = new Map<string, Map<string, string>>();
  const bidKey = (bidder: string, lotNo: string) =>
    entryOf(
      entryOf(bidKeys, lotNo, () => new Map()),
      bidder,
      () => compositeKey(bidder, lotNo)!,
    );
  const valueChecks = new Map<CriterionInfo, Map<string | number, Failure | false>>();
  // Experts' own judgements (subjective) come in steps of 0.1.
  const valueCheck = (criterion: CriterionInfo, value: string | number): Failure | false => {
    const v = new D(value);
    if (v.gt(criterion.max)) return failure('atMost', { max: criterion.max.toString(), of: 'criterionMax' });
    return criterion.kind === 'subjective' && v.decimalPlaces() > 1 && failure('inTenths');
  };
  const firsts = new Map<string, Map<string, Map<string, number>>>();
  const list = isRecord(d) && Array.isArray(d['scores']) ? (d['scores'] as unknown[]) : [];
  yield* inSteps(list, (score, index) => {
    const path = (...keys: PropertyKey[]): Path => ['scores', index, ...keys];
    const at = (key: string) => () => path(key);
    const expert = read(pass, SCORE_FIELDS, score, 'expert');
    panel.resolve(expert, at('expert'), pass.report);
    const bidder = read(pass, SCORE_FIELDS, score, 'bidder');
    bidders.resolve(bidder, at('bidder'), pass.report);
    const lotNo = read(pass, SCORE_FIELDS, score, 'lot');
    const lot = lots.resolve(lotNo, at('lot'), pass.report);
    const bid = bidder === undefined || lotNo === undefined ? undefined : bidKey(bidder, lotNo);
    if (bidders.has(bidder) && lot && !bids.has(bid)) pass.report(failure('noBid', { bidder: bidder!, lot: lotNo! }), path());
    const criterionNo = read(pass, SCORE_FIELDS, score, 'criterion');
    const criterion = lot?.scheme?.criteria.resolve(criterionNo, at('criterion'), pass.report);
    if (criterion?.kind === 'price') pass.report(failure('priceScore'), path('criterion'));
    const value = read(pass, SCORE_FIELDS, score, 'value');
    if (value !== undefined && criterion) {
      const found = entryOf(
        entryOf(valueChecks, criterion, () => new Map()),
        value,
        () => valueCheck(criterion, value),
      );
      if (found) pass.report(found, path('value'));
    }
    if (bid === undefined || expert === undefined || criterionNo === undefined) return;
    const seen = entryOf(
      entryOf(firsts, bid, () => new Map()),
      expert,
      () => new Map(),
    );
    const first = seen.get(criterionNo);
    if (first === undefined) seen.set(criterionNo, index);
    else {
      const key = [expert, bidder, lotNo, criterionNo].join(', ');
      pass.report(failure('duplicate', { what: 'score', key, first: pathText(['scores', first]) }), path());
    }
  });
}

function assessmentSchemesRules(d: unknown, pass: Pass): Registry<AssessmentSchemeInfo> {
  const schemes = new Registry<AssessmentSchemeInfo>('assessmentScheme', pass.report);
  for (const { value: scheme, path } of entries(d, 'assessmentSchemes', [])) {
    const shape = AssessmentSchemeSchema.shape;
    const kind = read(pass, shape, scheme, 'kind');
    const items = new Registry<{ max: Dec; rule: DossierItemRule } | undefined>('assessmentItem', pass.report);
    for (const { value: item, path: itemPath } of entries(scheme, 'items', path)) {
      const max = read(pass, AssessmentSchemeItemSchema.shape, item, 'max');
      const rule = read(pass, AssessmentSchemeItemSchema.shape, item, 'rule');
      // A deduction scheme's items are judged (DOSSIER.md: they take only `deduction`).
      if (kind === 'deduction' && rule && rule.kind !== 'judgement') pass.report(failure('judgementOnly'), [...itemPath, 'rule']);
      const wellFormed = max !== undefined && (rule !== undefined || !given(item, 'rule'));
      const info = wellFormed ? { max: new D(max), rule: rule ?? JUDGEMENT } : undefined;
      items.claim(read(pass, AssessmentSchemeItemSchema.shape, item, 'no'), info, [...itemPath, 'no']);
    }
    schemes.claim(read(pass, shape, scheme, 'code'), { kind, items }, [...path, 'code']);
  }
  return schemes;
}

/** One assessment per lot and contract year, of a known scheme; its items scored as the scheme's kind records them. */
function assessmentsRules(d: unknown, pass: Pass, lots: Registry<LotInfo>): void {
  const schemes = assessmentSchemesRules(d, pass);
  const tender = isRecord(d) ? d['tender'] : undefined;
  const first = read(pass, TENDER_FIELDS, tender, 'firstContractYear');
  const years = read(pass, TENDER_FIELDS, tender, 'contractYears');
  // Format 2: a points assessment scores every item (DOSSIER.md, format 2 precisions).
  const everyItem = read(pass, DOSSIER_FIELDS, d, 'formatVersion') === 2;
  const assessments = new Registry<null>('assessment', pass.report);
  for (const { value: assessment, path } of entries(d, 'assessments', [])) {
    const lot = read(pass, ASSESSMENT_FIELDS, assessment, 'lot');
    lots.resolve(lot, [...path, 'lot'], pass.report);
    const year = read(pass, ASSESSMENT_FIELDS, assessment, 'year');
    if (year !== undefined && first !== undefined && years !== undefined && (year < first || year > first + years - 1)) {
      pass.report(failure('contractYear', { first, last: first + years - 1 }), [...path, 'year']);
    }
    const scheme = schemes.resolve(read(pass, ASSESSMENT_FIELDS, assessment, 'scheme'), [...path, 'scheme'], pass.report);
    // One assessment per lot and contract year, whatever its scheme (the database holds one).
    assessments.claim(compositeKey(lot, year), null, path, `${lot}, ${year}`);
    assessmentItemsRules(assessment, path, pass, scheme, everyItem);
  }
}

const JUDGEMENT: DossierItemRule = { kind: 'judgement' };
const ITEM_INPUTS = ['points', 'deduction', 'met', 'achieved', 'cases'] as const;

/**
 * Each item takes exactly the input its rule needs: a deduction scheme's items `deduction` (≥ 0, capped
 * later); a points scheme's items their rule's input (ITEM_RULE: `points` 0..max for judgement, `met`,
 * `achieved` 0..n, `cases`); anything else given is refused at its path.
 */
function assessmentItemsRules(
  assessment: unknown,
  at: Path,
  pass: Pass,
  scheme: AssessmentSchemeInfo | undefined,
  everyItem: boolean,
): void {
  const items = new Registry<null>('assessmentItem', pass.report);
  for (const { value: item, path } of entries(assessment, 'items', at)) {
    const no = read(pass, AssessmentItemSchema.shape, item, 'no');
    items.claim(no, null, [...path, 'no']);
    const info = scheme?.items.resolve(no, [...path, 'no'], pass.report);
    // A malformed scheme item is reported where it is; what its rule would take is unknown.
    if (!scheme?.kind || (scheme.items.has(no) && !info)) continue;
    const rule = info?.rule ?? JUDGEMENT;
    const entered = scheme.kind === 'points' ? RULE_INPUT[rule.kind] : 'deduction';
    if (!given(item, entered)) pass.report(failure('required'), [...path, entered]);
    for (const input of ITEM_INPUTS.filter((f) => f !== entered && given(item, f))) {
      const refusal: Failure =
        input === 'deduction'
          ? failure('notForPoints')
          : scheme.kind === 'deduction'
            ? failure('notForDeduction')
            : failure('ruleInput', { no: no ?? '', rule: rule.kind, field: input });
      pass.report(refusal, [...path, input]);
    }
    if (!info || scheme.kind !== 'points') continue;
    const points = read(pass, AssessmentItemSchema.shape, item, 'points');
    if (entered === 'points' && points != null && new D(points).gt(info.max)) {
      pass.report(failure('atMost', { max: info.max.toString(), of: 'itemMax' }), [...path, 'points']);
    }
    const achieved = read(pass, AssessmentItemSchema.shape, item, 'achieved');
    if (rule.kind === 'k-of-n' && achieved != null && achieved > rule.n) {
      pass.report(failure('integer', { min: 0, max: rule.n }), [...path, 'achieved']);
    }
  }
  if (scheme?.kind !== 'points' || !everyItem) return;
  for (const no of scheme.items.keys()) {
    if (!items.has(no)) pass.report(failure('itemUnscored', { no }), [...at, 'items']);
  }
}

// ---------------------------------------------------------------------------------------------------
// The whole dossier.

/** Every rule across the parts of a dossier, in the order of its sections. */
export function dossierRules(d: unknown, pass: Pass): void {
  const steps = dossierRuleSteps(d, pass);
  while (!steps.next().done);
}

/**
 * dossierRules a step at a time, for an import that lets the event loop in between: each step yields
 * the rows (bidders, bids, scores) it checked, at most ROWS_PER_STEP.
 */
export function* dossierRuleSteps(d: unknown, pass: Pass): Generator<number, void> {
  const tender = isRecord(d) ? d['tender'] : undefined;
  const weight = read(pass, TENDER_FIELDS, tender, 'priceWeight');
  const schemes = schemesRules(entries(d, 'schemes', []), pass, weight === undefined ? undefined : new D(weight));
  tieBreakerRules(tender, ['tender'], pass, schemes);
  const lots = lotsRules(entries(d, 'lots', []), pass, schemes);
  const bidderList = entries(d, 'bidders', []);
  const bidders = biddersRules(bidderList, pass);
  if (bidderList.length) yield bidderList.length;
  const bids = yield* bidsRules(d, pass, lots, bidders);
  const panel = new Registry<null>('expert', pass.report);
  for (const { value, path } of entries(d, 'panel', []))
    panel.claim(read(pass, PanelMemberSchema.shape, value, 'code'), null, [...path, 'code']);
  yield* scoresRules(d, pass, { panel, lots, bidders, bids });
  const draws = new Registry<null>('draw', pass.report);
  for (const { value, path } of entries(d, 'draws', [])) {
    const lot = read(pass, DrawSchema.shape, value, 'lot');
    lots.resolve(lot, [...path, 'lot'], pass.report);
    draws.claim(lot, null, [...path, 'lot']);
  }
  assessmentsRules(d, pass, lots);
  schedulesRules(d, pass, lots);
  contractsRules(d, pass, lots);
}

/**
 * Payment schedules: each code once, each lot named a lot of the tender; on a premium tender a schedule
 * settles under a deficit rule and takes the §7 deduction only through the settlement (DOSSIER.md
 * "Format 2 precisions"), so `less-deduction` is refused there.
 */
function schedulesRules(d: unknown, pass: Pass, lots: Registry<LotInfo>): void {
  const premium = read(pass, TENDER_FIELDS, isRecord(d) ? d['tender'] : undefined, 'contractKind') === 'premium';
  const codes = new Registry<null>('scheduleTemplate', pass.report);
  const shape = ScheduleSchema.shape;
  for (const { value: schedule, path } of entries(d, 'paymentSchedules', [])) {
    codes.claim(read(pass, shape, schedule, 'code'), null, [...path, 'code']);
    for (const { value: lot, path: lotPath } of entries(schedule, 'lots', path)) {
      if (typeof lot === 'string') lots.resolve(lot, lotPath, pass.report);
    }
    if (!premium) continue;
    if (!given(schedule, 'deficitRule')) pass.report(failure('required'), [...path, 'deficitRule']);
    for (const { value: milestone, path: at } of entries(schedule, 'milestones', path)) {
      if (read(pass, MilestoneSpecSchema.shape, milestone, 'amountRule') === 'less-deduction') {
        pass.report(failure('lessDeductionOnPremium'), [...at, 'amountRule']);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Contracts (format 2).

type ParsedContract = z.output<typeof ContractSchema>;

/** A well-formed part as its schema reads it; undefined when malformed (its schema reports it). */
const parsed = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined => {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
};

/** Premium-fund milestones: a fund or deposit base, or the settlement's payment (DOMAIN.md §6.1–§6.2). */
/**
 * Each CONTRACT (DOSSIER.md "SCHEDULE and CONTRACT", "Format 2 precisions"): one per lot and year, within
 * the tender's contract years; a schedule of the dossier that covers its lot and fits its kind; the
 * fields of its kind and none of another's; milestone names of its schedule, each paid once; events on
 * a signed contract, not before its signature nor its term; approvals within the fund net of retentions;
 * a settlement only on a premium contract whose year is assessed. The rules that need the tender's
 * evaluation (a winner, the winning bid's rates) are `contractAwardRules`.
 */
function contractsRules(d: unknown, pass: Pass, lots: Registry<LotInfo>): void {
  const tender = isRecord(d) ? d['tender'] : undefined;
  const first = read(pass, TENDER_FIELDS, tender, 'firstContractYear');
  const years = read(pass, TENDER_FIELDS, tender, 'contractYears');
  const tenderKind = read(pass, TENDER_FIELDS, tender, 'contractKind');
  const schedules = new Map<string, Schedule>();
  for (const { value } of entries(d, 'paymentSchedules', [])) {
    const schedule = parsed(ScheduleSchema, value);
    if (schedule && !schedules.has(schedule.code)) schedules.set(schedule.code, normalised(schedule));
  }
  const assessed = new Set<string>();
  for (const { value } of entries(d, 'assessments', [])) {
    assessed.add(compositeKey(read(pass, ASSESSMENT_FIELDS, value, 'lot'), read(pass, ASSESSMENT_FIELDS, value, 'year')) ?? '');
  }
  const contracts = new Registry<null>('contract', pass.report);
  for (const { value, path } of entries(d, 'contracts', [])) {
    const lot = lots.resolve(read(pass, CONTRACT_FIELDS, value, 'lot'), [...path, 'lot'], pass.report);
    const c = parsed(ContractSchema, value);
    if (!c) continue;
    contracts.claim(compositeKey(c.lot, c.year), null, path, `${c.lot}, ${c.year}`);
    if (!lot) continue;
    const kind = contractKindOf(tenderKind, { pricing: lot.pricing });
    if (first !== undefined && years !== undefined) {
      const last = annual(kind) ? first + years - 1 : first;
      if (c.year < first || c.year > last) pass.report(failure('contractYear', { first, last }), [...path, 'year']);
    }
    const at = (...keys: PropertyKey[]) => [...path, ...keys];
    kindFields(c, kind, at, pass);
    const schedule = schedules.get(c.schedule);
    if (!schedule) {
      if (!entries(d, 'paymentSchedules', []).some(({ value: s }) => read(pass, ScheduleSchema.shape, s, 'code') === c.schedule))
        pass.report(failure('unknown', { what: 'scheduleTemplate', code: c.schedule }), at('schedule'));
      continue;
    }
    if (!scheduleCovers(schedule, c.lot))
      pass.report(failure('scheduleNotForLot', { lot: c.lot, lots: schedule.lots ?? [] }), at('schedule'));
    const premium = kind === 'premium';
    if (!scheduleFitsKind(schedule, kind)) pass.report(failure('scheduleForKind', { kind }), at('schedule'));
    const term = contractTerm(kind, c.year, c.effectiveDate ?? null, years ?? 1);
    contractEventRules(c, kind, schedule, term, at, pass);
    if (c.settlement != null) {
      if (!premium) pass.report(failure('notForKind', { kind }), at('settlement'));
      else if (!assessed.has(compositeKey(c.lot, c.year)!))
        pass.report(failure('settlementWithoutAssessment', { lot: c.lot, year: c.year }), at('settlement'));
    }
  }
}

/** What each kind needs (DOSSIER.md CONTRACT): a population but per-capita and premium, a fund standard a premium fund. */
const KIND_FIELDS = {
  'per-capita': { needs: ['population'], refuses: ['fundStandard', 'allowanceRate', 'policyDeficitShare', 'settlement'] },
  premium: { needs: ['population', 'fundStandard'], refuses: [] },
  'fixed-price': { needs: [], refuses: ['population', 'fundStandard', 'allowanceRate', 'policyDeficitShare', 'settlement'] },
} as const satisfies Record<ContractKind, { needs: (keyof ParsedContract)[]; refuses: (keyof ParsedContract)[] }>;

function kindFields(c: ParsedContract, kind: ContractKind, at: (...keys: PropertyKey[]) => Path, pass: Pass): void {
  for (const key of KIND_FIELDS[kind].needs) if (c[key] == null) pass.report(failure('required'), at(key));
  // The settlement on a non-premium contract is reported with the settlement's own rule.
  for (const key of KIND_FIELDS[kind].refuses)
    if (c[key] != null && key !== 'settlement') pass.report(failure('notForKind', { kind }), at(key));
  if (c.effectiveDate != null && Number(c.effectiveDate.slice(0, 4)) !== c.year)
    pass.report(failure('effectiveDateYear', { year: c.year }), at('effectiveDate'));
}

/** The contract's events against its schedule, its signature and its term. */
function contractEventRules(
  c: ParsedContract,
  kind: ContractKind,
  schedule: Schedule,
  term: { start: string; end: string },
  at: (...keys: PropertyKey[]) => Path,
  pass: Pass,
): void {
  const names = new Map(schedule.milestones.map((m) => [m.name, m]));
  /** An event's day: on a signed contract, not before the signature, and where `inTerm`, not before the term starts. */
  const dated = (day: string | null | undefined, path: Path, inTerm = false) => {
    if (day == null) return;
    if (c.signedOn == null) return pass.report(failure('notSigned'), path);
    if (day < c.signedOn) return pass.report(failure('beforeSigning', { signedOn: c.signedOn }), path);
    if (inTerm && day < term.start) pass.report(failure('outsideTerm', { start: term.start, end: term.end }), path);
  };
  const paid = new Registry<null>('milestone', pass.report);
  (c.payments ?? []).forEach((p, i) => {
    if (!names.has(p.milestone)) pass.report(failure('unknown', { what: 'milestone', code: p.milestone }), at('payments', i, 'milestone'));
    paid.claim(p.milestone, null, at('payments', i, 'milestone'));
    dated(p.paidOn, at('payments', i, 'paidOn'));
  });
  const applied = new Registry<null>('milestone', pass.report);
  const fund = kind === 'premium' && c.fundStandard != null && c.population != null ? premiumFund(fen(c.fundStandard), c.population) : null;
  const approved: string[] = [];
  (c.applications ?? []).forEach((a, i) => {
    const m = names.get(a.milestone);
    if (!m) pass.report(failure('unknown', { what: 'milestone', code: a.milestone }), at('applications', i, 'milestone'));
    else if (m.trigger !== 'on-application') pass.report(failure('notOnApplication'), at('applications', i, 'milestone'));
    applied.claim(a.milestone, null, at('applications', i, 'milestone'));
    dated(a.appliedOn, at('applications', i, 'appliedOn'));
    if (a.approved == null || fund === null) return;
    // Henan art. 21–22: each approval within what remains of the fund net of retentions after the earlier ones.
    const max = approvable(fund, schedule.retentions ?? [], approved);
    if (new D(a.approved).gt(max)) pass.report(failure('overApprovable', { max }), at('applications', i, 'approved'));
    approved.push(fen(a.approved));
  });
  const periods = new Set(schedule.milestones.flatMap((m) => (m.trigger === 'after-service-evaluation' && m.period ? [m.period] : [])));
  (c.serviceEvaluations ?? []).forEach((e, i) => {
    if (!periods.has(e.period)) pass.report(failure('noMilestoneForPeriod', { period: e.period }), at('serviceEvaluations', i, 'period'));
    dated(e.on, at('serviceEvaluations', i, 'on'), true);
  });
  if (c.acceptance) dated(c.acceptance.on, at('acceptance', 'on'), true);
  (c.reports ?? []).forEach((r, i) => {
    const period = parsePeriod(r.kind, r.period);
    if (!period) return;
    const month = `${period.year}-${String(period.lastMonth).padStart(2, '0')}`;
    if (month < term.start.slice(0, 7) || month > term.end.slice(0, 7))
      pass.report(failure('outsideTerm', { start: term.start, end: term.end }), at('reports', i, 'period'));
  });
}

/**
 * The contract rules that need the tender's evaluation, on a dossier that passed every other rule: a
 * contract only of a lot with a winner; a premium contract's rates (a, and s under `shared`) stated or
 * bid; and the assessment's operating cost, when given, the allowance A = a × F (DOSSIER.md "Format 2
 * precisions": for a premium contract the operating cost is A).
 */
export function contractAwardRules(d: Dossier, evaluated: EvaluatedTender, report: Report): void {
  (d.contracts ?? []).forEach((c, i) => {
    const at = (...keys: PropertyKey[]) => ['contracts', i, ...keys];
    const winner = evaluated.winners.get(c.lot);
    if (!winner) return report(failure('noWinner', { lot: c.lot }), at('lot'));
    const ctx = contractContext(d, c, evaluated);
    if (!ctx || ctx.kind !== 'premium') return;
    const { allowanceRate, policyDeficitShare } = premiumRates(c, ctx.bid);
    if (allowanceRate === null) report(failure('required'), at('allowanceRate'));
    if (ctx.schedule.deficitRule === 'shared' && policyDeficitShare === null) report(failure('required'), at('policyDeficitShare'));
    if (allowanceRate === null) return;
    const A = allowance(premiumFund(fen(c.fundStandard!), c.population!), allowanceRate);
    (d.assessments ?? []).forEach((a, k) => {
      if (a.lot === c.lot && a.year === c.year && a.operatingCost != null && !new D(a.operatingCost).eq(A))
        report(failure('operatingCostIsAllowance', { allowance: A }), ['assessments', k, 'operatingCost']);
    });
  });
}
