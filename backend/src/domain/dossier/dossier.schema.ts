import { SCHEME_KINDS } from '../assessments/assessment-codes';
import { BID_SUBMISSIONS } from '../bids/intake';
import { parsePeriod, REPORT_KINDS, reportPeriods } from '../contracts/periodic-reports';
import { ScheduleSchema } from './schedule.schema';
import { CapitalsError, parseCapitals } from '../bids/capitals';
import { D } from '../decimal';
import type { Subject } from '../errors';
import { factUses, type FactKind, ruleMaximum } from '../evaluation/rule-engine';
import {
  amount,
  below,
  belowOne,
  bool,
  dateTime,
  day,
  decimal,
  DecimalCheck,
  decimalCheck,
  failure,
  fails,
  fraction,
  integer,
  issue,
  list,
  nonNegative,
  on,
  oneOf,
  positive,
  refined,
  type Report,
  shallow,
  stored,
  string,
  text,
  toTheFen,
  z,
} from '../validation';

/**
 * The tender dossier (../shared/spec/DOSSIER.md) as a zod schema: one JSON document holding a whole
 * procurement. Each part's schema holds its structure, types, formats and ranges, and the rules that
 * need nothing but the part itself (an objective criterion's rule within its max, a band's one
 * condition, …); the rules across parts (references, duplicates, scores within their criterion) are
 * the refinement pass of dossier.rules.ts. The types of dossier.types.ts are inferred from here.
 *
 * Fields the format does not know are allowed (the product may add fields) and dropped from the
 * parsed value, so what is stored is what was checked. An optional field may be absent or null: both
 * mean nothing was given.
 *
 * Not errors here: a bid above a cap, with wrong fixed components or with figures that contradict each
 * other. Those are facts of the procurement, judged at review (domain/bids/validity.ts).
 */

export const PRICE_BASES = ['service', 'total'] as const;
export const AWARD_RULES = ['independent', 'sequential-exclusive'] as const;
export const CRITERION_KINDS = ['price', 'objective', 'subjective'] as const;
export const RULE_TYPES = ['perUnit', 'bands', 'deductPerUnit', 'boolean', 'const', 'gate', 'sum'] as const;
export const BAND_CONDITIONS = ['min', 'gt', 'max', 'lt'] as const;
/** Format 2: the panel's decision on a proposed repeated-failure deduction. */
export const REPEATED_FAILURE_DECISIONS = ['applied', 'waived'] as const;
/** Format 2: how an assessment item earns its points (ITEM_RULE). */
export const ITEM_RULE_KINDS = ['judgement', 'binary', 'k-of-n', 'per-case-deduction'] as const;
/** Format 2: the contract's kind (DOMAIN.md §6). */
export const CONTRACT_KINDS = ['per-capita', 'premium', 'fixed-price'] as const;
/**
 * How a lot is priced (DOMAIN.md §3–§4, DOSSIER.md format 2): a unit price per insured person, a lump
 * sum, or an operating-cost-and-profit rate. A lot states `"pricing": "rate"`; without it, a lot with
 * neither basePopulation nor maxUnitPrice is a lump sum (see `lotPricing`).
 */
export const LOT_PRICINGS = ['unit-price', 'lump-sum', 'rate'] as const;
/** Format 2: what a fixed component is (DOSSIER.md SCHEDULE and CONTRACT). */
export const COMPONENT_KINDS = ['fee', 'reward'] as const;

/** Absent or null: nothing was given. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

const atMost = (max: number, of: Subject): DecimalCheck =>
  decimalCheck(`≤ ${max}`, (v) => (v.lte(max) ? undefined : failure('atMost', { max: String(max), of })));

// ---------------------------------------------------------------------------------------------------
// tender

/** A tie-breaker: the lower evaluated price, a category's score, or a recorded draw. */
export const TieBreakerSchema = z.union([z.literal('price'), z.literal('draw'), z.object({ category: text() })], on('tieBreaker'));

export const TENDER_FIELDS = {
  code: text(64),
  name: text(300),
  purchaser: text(200),
  agency: text(200),
  bidDeadline: dateTime(),
  openingTime: dateTime(),
  bidValidityDays: integer(1),
  contractYears: integer(1),
  firstContractYear: integer(1900, 9999),
  minQualifiedBidders: integer(1),
  priceWeight: decimal(positive, atMost(100, 'hundredPoints')),
  priceBasis: optional(oneOf(PRICE_BASES)),
  // A deduction of 100% would make an SME's evaluated price 0 and its price score undefined.
  smeDeduction: optional(decimal(nonNegative, belowOne)),
  abnormalLowRatio: optional(decimal(fraction)),
  outlierRatio: optional(decimal(fraction)),
  trimExtremes: optional(bool()),
  scoreDecimals: optional(integer(0, 10)),
  awardRule: oneOf(AWARD_RULES),
  tieBreakers: optional(stored(list(TieBreakerSchema))),
  oneBranchPerGroup: optional(bool()),
  /** How the tender takes bids (DOMAIN.md §3): electronic envelopes (the default) or paper ones. */
  bidSubmission: optional(oneOf(BID_SUBMISSIONS)),
  /** Whether the open-data export (OCDS) shows the bidders' per-criterion scores after the award. */
  publishScores: optional(bool()),
  /** Format 2: bids from consortia (联合体) accepted (DOMAIN.md §3). */
  consortiaAllowed: optional(bool()),
  contractKind: optional(oneOf(CONTRACT_KINDS)),
  /** The challenge period (质疑期) after the results are published, in working days (seed 000: 7). */
  challengeDays: optional(integer(1, 60)),
  /**
   * Format 2: the points proposed as a deduction from the final score of a bidder that failed its annual
   * assessment in two or more years (DOMAIN.md §7); the panel applies or waives it per bid. Absent = none.
   */
  repeatedFailureDeduction: optional(decimal(nonNegative, atMost(100, 'hundredPoints'), toTheFen)),
  /** The minutes the bidders have to confirm or dispute the opening record (政采云: 30). */
  openingConfirmMinutes: optional(integer(1, 1440)),
};

export const TenderSchema = refined(
  z.object(TENDER_FIELDS, on('object')),
  (t, report) => {
    if (Date.parse(t.openingTime) < Date.parse(t.bidDeadline)) report(failure('openingBeforeDeadline'), ['openingTime']);
  },
  ['bidDeadline', 'openingTime'],
);

// ---------------------------------------------------------------------------------------------------
// scoring schemes: criteria and their objective rules

const fact = text();

export const BandSchema = refined(
  z.object(
    {
      min: optional(decimal()),
      gt: optional(decimal()),
      max: optional(decimal()),
      lt: optional(decimal()),
      points: decimal(nonNegative),
    },
    on('object'),
  ),
  (band, report) => {
    if (BAND_CONDITIONS.filter((condition) => band[condition] != null).length !== 1) report(failure('bandCondition'));
  },
);

/** A rule that is not an object, or whose discriminating `key` is missing or not one of `values`. */
const unionError = (key: string, values: readonly string[]) => ({
  error: (i: { code: string; input?: unknown; note?: string }) => {
    if (i.input === undefined || i.input === null) return JSON.stringify(failure('required'));
    if (i.code === 'invalid_type') return JSON.stringify(failure('object'));
    const type = (i.input as Record<string, unknown>)[key];
    return JSON.stringify(type === undefined || type === null ? failure('required') : failure('oneOf', { values }));
  },
});
const ruleError = unionError('type', RULE_TYPES);

const PerUnitRuleSchema = refined(
  z.object({ type: z.literal('perUnit'), fact, points: decimal(nonNegative), cap: optional(decimal(nonNegative)) }, on('object')),
  (rule, report) => {
    if (rule.cap == null) report(failure('perUnitCap'), ['cap']);
  },
  ['cap'],
);

/** RULE (DOSSIER.md): how an objective criterion's points follow from a bid's facts. */
export const RuleSchema: z.ZodType<Rule> = z
  .discriminatedUnion(
    'type',
    [
      PerUnitRuleSchema,
      z.object(
        { type: z.literal('bands'), fact, bands: list(BandSchema, { nonEmpty: true }), else: optional(decimal(nonNegative)) },
        on('object'),
      ),
      z.object({ type: z.literal('deductPerUnit'), fact, from: decimal(nonNegative), per: decimal(positive) }, on('object')),
      z.object({ type: z.literal('boolean'), fact, points: decimal(nonNegative) }, on('object')),
      z.object({ type: z.literal('const'), points: decimal(nonNegative) }, on('object')),
      z.object(
        {
          type: z.literal('gate'),
          fact,
          min: decimal(),
          get then() {
            return RuleSchema;
          },
        },
        on('object'),
      ),
      z.object(
        {
          type: z.literal('sum'),
          get parts() {
            return list(RuleSchema, { nonEmpty: true });
          },
          cap: optional(decimal(nonNegative)),
        },
        on('object'),
      ),
    ],
    ruleError,
  )
  .meta({ id: 'Rule', description: 'RULE (DOSSIER.md): the points of an objective criterion from a bid’s facts' });

type Num = string | number;
type Nullish<T> = T | null | undefined;
export type Band = z.output<typeof BandSchema>;
export type Rule =
  | { type: 'perUnit'; fact: string; points: Num; cap?: Nullish<Num> }
  | { type: 'bands'; fact: string; bands: Band[]; else?: Nullish<Num> }
  | { type: 'deductPerUnit'; fact: string; from: Num; per: Num }
  | { type: 'boolean'; fact: string; points: Num }
  | { type: 'const'; points: Num }
  | { type: 'gate'; fact: string; min: Num; then: Rule }
  | { type: 'sum'; parts: Rule[]; cap?: Nullish<Num> };

/** What a rule reads of a bid's facts: rule-engine.ts, beside the rules' arithmetic. */
export { factUses, type FactKind } from '../evaluation/rule-engine';

export const CRITERION_FIELDS = {
  no: text(16),
  category: text(),
  name: text(),
  // Scores are stored as DECIMAL(6, 1) and never exceed their criterion's max.
  max: decimal(positive, below(4)),
  kind: oneOf(CRITERION_KINDS),
  rule: optional(RuleSchema),
};

/** Objective points come from a rule; a rule able to award more than the criterion's max is a mistake. */
export const CriterionSchema = refined(
  z.object(CRITERION_FIELDS, on('object')),
  (c, report) => {
    if (c.kind !== 'objective') {
      if (c.rule != null) report(failure('ruleNotAllowed'), ['rule']);
      return;
    }
    if (c.rule == null) return report(failure('ruleRequired'), ['rule']);
    const most = ruleMaximum(c.rule);
    if (most.gt(c.max)) report(failure('ruleMaximum', { ruleMax: most.toString(), max: new D(c.max).toString() }), ['rule']);
  },
  ['max', 'kind', 'rule'],
);

export const SCHEME_FIELDS = {
  code: text(64),
  name: text(200),
  criteria: stored(list(CriterionSchema, { nonEmpty: true })),
};

/**
 * Within a scheme: exactly one price criterion (scored by formula), and every fact read one way — as a count or as yes/no — since a bid supplies one value for it.
 */
export const SchemeSchema = refined(
  z.object(SCHEME_FIELDS, on('object')),
  (scheme, report) => {
    const kinds = new Map<string, FactKind>();
    scheme.criteria.forEach((c, i) => {
      for (const use of c.rule ? factUses(c.rule, ['criteria', i, 'rule']) : []) {
        const usedAs = kinds.get(use.fact);
        if (usedAs === undefined) kinds.set(use.fact, use.kind);
        else if (usedAs !== use.kind) report(failure('factUsage', { fact: use.fact, usedAs }), use.path);
      }
    });
    const prices = scheme.criteria.filter((c) => c.kind === 'price').length;
    if (prices !== 1) report(failure('priceCriteria', { found: prices }), ['criteria']);
  },
  ['criteria'],
);

// ---------------------------------------------------------------------------------------------------
// lots, bidders, bids

export const ComponentSchema = z.object(
  { name: text(), amount: amount(nonNegative, toTheFen), kind: optional(oneOf(COMPONENT_KINDS)) },
  on('object'),
);

/** The fixed components (固定报价项) of a lot or a bid; each name once (dossier.rules.ts). */
const components = () => stored(list(ComponentSchema));

/** Which fields a lot of each pricing takes is a rule across its fields (dossier.rules.ts `lotPricingRules`). */
export const LOT_FIELDS = {
  no: text(16),
  name: text(200),
  regions: stored(list(text())),
  pricing: optional(oneOf(LOT_PRICINGS)),
  basePopulation: optional(integer(1)),
  maxUnitPrice: optional(amount(positive)),
  maxBudget: optional(amount(positive, toTheFen)),
  /** Rate-priced lots: the highest operating-cost-and-profit rate, a fraction of the fund. */
  maxRate: optional(decimal(positive, fraction)),
  fixedComponents: components(),
  evaluationOrder: integer(1),
  scheme: text(),
  rewardBudget: optional(amount(nonNegative, toTheFen)),
  minStaff: optional(integer(0)),
};

export const LotSchema = z.object(LOT_FIELDS, on('object'));

/** A lot's pricing: as stated, else a lump sum when it has neither a base population nor a unit cap. */
export const lotPricing = (lot: { pricing?: string | null; basePopulation?: unknown; maxUnitPrice?: unknown }): LotPricing =>
  (lot.pricing as LotPricing | null | undefined) ?? (lot.basePopulation == null && lot.maxUnitPrice == null ? 'lump-sum' : 'unit-price');
export type LotPricing = (typeof LOT_PRICINGS)[number];

export const BIDDER_FIELDS = {
  code: text(64),
  name: text(200),
  sme: bool(),
  legalRepresentative: optional(string(100)),
  parentCode: optional(string(64)),
  groupCode: optional(string(64)),
  contactPerson: optional(string(100)),
  /** Format 2: a consortium (联合体) names its members, each another bidder entry, the lead first. */
  members: optional(stored(list(text(64), { nonEmpty: true }))),
  /** Format 2: the panel found this bidder colluding (串通投标, seed 002 §16.6), with its reason. */
  collusionFound: optional(bool()),
  collusionNote: optional(string(500)),
};

/** A bidder is not its own parent. */
export const notOwnParent = (bidder: { code: string; parentCode?: string | null }, report: Report) => {
  if (bidder.parentCode === bidder.code) report(failure('parentSelf'), ['parentCode']);
};

export const BidderSchema = refined(z.object(BIDDER_FIELDS, on('object')), notOwnParent, ['code', 'parentCode']);

/** Capitals must be readable: price correction compares them with the figures. */
export const capitals = () =>
  string(200).superRefine((text, ctx) => {
    try {
      parseCapitals(text);
    } catch (error) {
      if (!(error instanceof CapitalsError)) throw error;
      ctx.addIssue(issue(failure('capitals', error.params)));
    }
  });

/**
 * A bid's figures must be well-formed amounts; whether they agree with each other or with the caps is
 * for price correction and review. The unit price may have any decimals: a misplaced decimal point
 * (0.116 for 1.16) is exactly what price correction repairs (DOMAIN.md §3 step 3).
 */
export const BID_FIELDS = {
  bidder: text(),
  lot: text(),
  /** Which figures a bid gives follows its lot's pricing (dossier.rules.ts `bidPricingRules`). */
  unitPrice: optional(amount(positive)),
  serviceTotal: optional(amount(nonNegative, toTheFen)),
  fixedComponents: components(),
  total: optional(amount(nonNegative, toTheFen)),
  /** Rate-priced lots: the operating-cost-and-profit rate and the share of a policy-caused deficit. */
  rate: optional(decimal(positive, fraction)),
  deficitShare: optional(decimal(fraction)),
  totalCapitals: optional(capitals()),
  /** The figures of the itemised price table (分项报价表) when they differ from the opening sheet. */
  itemised: optional(
    stored(
      z.object(
        {
          unitPrice: optional(amount(positive)),
          serviceTotal: optional(amount(nonNegative, toTheFen)),
          total: optional(amount(nonNegative, toTheFen)),
        },
        on('object'),
      ),
    ),
  ),
  submittedFromIp: optional(string(64)),
};

export const CheckSchema = z.object({ check: text(), pass: bool(), note: optional(string()) }, on('object'));

/** Facts feed the objective rules: a count or a yes/no, by name. */
export const FactsSchema = z.record(
  z.string(),
  z.union([z.number(on('factValue')), z.boolean(on('factValue'))], on('factValue')),
  on('object'),
);

/** What the review adds to a bid after opening: the checklists, the bidder's and the panel's decisions, the facts. */
export const BID_REVIEW_FIELDS = {
  qualification: optional(stored(list(CheckSchema))),
  compliance: optional(stored(list(CheckSchema))),
  priceCorrectionAccepted: optional(bool()),
  /** The panel's below-cost finding (DOMAIN.md §4), whether or not the price was flagged, with its reason. */
  abnormalLowRejected: optional(bool()),
  abnormalLowNote: optional(string(500)),
  facts: optional(stored(FactsSchema)),
  /** Format 2: the panel's decision on the tender's repeated-failure deduction for this bid (DOMAIN.md §7), with its reason. */
  repeatedFailureDecision: optional(oneOf(REPEATED_FAILURE_DECISIONS)),
  repeatedFailureNote: optional(string(500)),
};

export const BidReviewSchema = z.object(BID_REVIEW_FIELDS, on('object'));
export const BidSchema = z.object({ ...BID_FIELDS, ...BID_REVIEW_FIELDS }, on('object'));

// ---------------------------------------------------------------------------------------------------
// the panel and its scores, draws

export const PanelMemberSchema = z.object({ code: text(64), name: text(100) }, on('object'));

export const SCORE_FIELDS = {
  expert: text(),
  bidder: text(),
  lot: text(),
  criterion: text(),
  /** 0..the criterion's max, subjective ones in steps of 0.1: checked against the criterion (dossier.rules.ts). */
  value: decimal(nonNegative),
};

export const ScoreSchema = z.object(SCORE_FIELDS, on('object'));

export const DrawSchema = z.object(
  {
    lot: text(),
    seed: z.union(
      [
        z
          .string(on('seed'))
          .regex(/\S/, on('seed'))
          .max(64, on('tooLong', { max: 64 })),
        z.number(on('seed')),
      ],
      on('seed'),
    ),
  },
  on('object'),
);

// ---------------------------------------------------------------------------------------------------
// annual assessments

export const AssessmentBandSchema = z.object(
  { min: decimal(nonNegative), grade: text(), rewardRate: decimal(fraction), terminate: optional(bool()) },
  on('object'),
);

/**
 * ITEM_RULE (DOSSIER.md format 2): how a points-scheme item earns its points from the input an
 * assessment gives it (DOMAIN.md §7). Absent = judgement.
 */
export const ItemRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('judgement') }, on('object')),
    z.object({ kind: z.literal('binary') }, on('object')),
    z.object({ kind: z.literal('k-of-n'), n: integer(1, 1000), pointsEach: decimal(positive) }, on('object')),
    z.object({ kind: z.literal('per-case-deduction'), perCase: decimal(positive) }, on('object')),
  ],
  unionError('kind', ITEM_RULE_KINDS),
);

/** k of n sub-items at pointsEach reach the item's max exactly when all n are achieved. */
export const AssessmentSchemeItemSchema = refined(
  z.object(
    {
      no: text(),
      name: text(),
      // A part of the scheme's points: four digits at most, to the hundredth (stored in the scheme's JSON,
      // where a number such as 1e308 or 5e-324 would not come back as written).
      max: decimal(positive, below(4), toTheFen),
      rule: optional(ItemRuleSchema),
      indicator: optional(string()),
      basis: optional(string()),
    },
    on('object'),
  ),
  (item, report) => {
    const rule = item.rule;
    if (rule?.kind === 'k-of-n' && !new D(rule.pointsEach).times(rule.n).eq(item.max)) {
      report(failure('kOfNMax', { n: rule.n, pointsEach: new D(rule.pointsEach).toString(), max: new D(item.max).toString() }), [
        'rule',
        'pointsEach',
      ]);
    }
  },
  ['max', 'rule'],
);

/**
 * When the assessment is due (format 2, DOMAIN.md §7): by the end of `month`, `yearOffset` years after the
 * contract year (Henan art. 36: May of the next year). Absent: 3 months after the contract year.
 */
export const SchemeDueSchema = z.object({ month: integer(1, 12), yearOffset: integer(0, 5) }, on('object'));

/**
 * A periodic report the insurer submitted (format 2, DOMAIN.md §8): its period is one of the contract
 * year's for its kind (2026-03, 2026-H1, 2026); the contract's year is checked across parts.
 */
export const ContractReportSchema = refined(
  z.object({ kind: oneOf(REPORT_KINDS), period: text(16), submittedOn: day() }, on('object')),
  (r, report) => {
    if (!parsePeriod(r.kind, r.period))
      report(failure('reportPeriod', { kind: r.kind, example: reportPeriods(r.kind, 2026)[0] }), ['period']);
  },
);

/**
 * The CONTRACT fields of periodic reports, kept apart so that the CONTRACT part of format 2 extends
 * its object with them (`z.object({ ...CONTRACT_FIELDS, ...CONTRACT_REPORT_FIELDS })`).
 */
export const CONTRACT_REPORT_FIELDS = { reports: optional(list(ContractReportSchema)) };

/** The buyer's evaluation of one period's service (`after-service-evaluation`); the latest by `on` counts. */
export const ServiceEvaluationSchema = z.object({ period: text(16), on: day(), passed: bool(), note: optional(string(500)) }, on('object'));

/** The buyer's acceptance (验收) of the service (`after-acceptance`). */
export const AcceptanceSchema = z.object({ on: day(), passed: bool(), note: optional(string(500)) }, on('object'));

/**
 * An `on-application` milestone's application: the amount the insurer asked for and, once the bureau
 * approved it, the approved amount (absent = not yet approved). `appliedOn` is optional.
 */
export const ApplicationSchema = z.object(
  {
    milestone: text(100),
    requested: amount(nonNegative, toTheFen),
    approved: optional(amount(nonNegative, toTheFen)),
    appliedOn: optional(day()),
  },
  on('object'),
);

/** A payment of a milestone as the bureau records it: the day and the voucher number (凭证号). */
export const PaymentSchema = z.object({ milestone: text(100), paidOn: day(), voucher: text(64) }, on('object'));

/** A premium fund's settlement (DOMAIN.md §6.2): the claims C and the bureau's finding; F and the rest come from the contract. */
export const SettlementFindingSchema = z.object({ claims: amount(nonNegative, toTheFen), policyDeficit: bool() }, on('object'));

/**
 * CONTRACT (DOSSIER.md format 2): one contract of an awarded lot, its events, and the day `asOf` its
 * milestones' statuses stand on. Which kind fields it needs, and every reference and date, are rules
 * across parts (dossier.rules.ts `contractsRules`).
 */
export const CONTRACT_FIELDS = {
  lot: text(16),
  year: integer(1900, 9999),
  schedule: text(32),
  asOf: day(),
  population: optional(integer(1)),
  fundStandard: optional(amount(positive, toTheFen)),
  allowanceRate: optional(decimal(positive, fraction)),
  policyDeficitShare: optional(decimal(fraction)),
  effectiveDate: optional(day()),
  signedOn: optional(day()),
  serviceEvaluations: optional(list(ServiceEvaluationSchema)),
  acceptance: optional(AcceptanceSchema),
  applications: optional(list(ApplicationSchema)),
  payments: optional(list(PaymentSchema)),
  settlement: optional(SettlementFindingSchema),
  ...CONTRACT_REPORT_FIELDS,
};

export const ContractSchema = z.object(CONTRACT_FIELDS, on('object'));

/**
 * A points scheme passes at its pass mark and withholds a share of the operating cost on a fail; a
 * deduction scheme grades by bands, found by the first band whose min the score reaches, so the
 * bands run downwards to 0.
 */
export const AssessmentSchemeSchema = refined(
  z.object(
    {
      code: text(64),
      name: text(300),
      kind: oneOf(SCHEME_KINDS),
      // DECIMAL(6, 2), stored rounded to 2 decimals.
      passMark: optional(decimal(nonNegative, below(3))),
      failDeductionRate: optional(decimal(fraction)),
      bands: optional(stored(list(AssessmentBandSchema, { nonEmpty: true }))),
      items: stored(list(AssessmentSchemeItemSchema, { nonEmpty: true })),
      due: optional(SchemeDueSchema),
    },
    on('object'),
  ),
  (scheme, report) => {
    if (scheme.kind === 'points') {
      if (scheme.passMark == null) report(failure('required'), ['passMark']);
      if (scheme.failDeductionRate == null) report(failure('required'), ['failDeductionRate']);
      return;
    }
    const bands = scheme.bands ?? [];
    if (bands.length === 0) return report(failure('required'), ['bands']);
    bands.forEach((band, index) => {
      const previous = bands[index - 1];
      if (previous && !new D(band.min).lt(previous.min)) {
        report(failure('bandsDescending', { previous: new D(previous.min).toString() }), ['bands', index, 'min']);
      }
    });
    if (!new D(bands[bands.length - 1].min).isZero()) report(failure('lowestBand'), ['bands', bands.length - 1, 'min']);
  },
  ['kind', 'passMark', 'failDeductionRate', 'bands'],
);

export const AssessmentItemSchema = z.object(
  {
    no: text(),
    points: optional(decimal(nonNegative)),
    deduction: optional(decimal(nonNegative)),
    // format 2: the inputs of the item's rule (ITEM_RULE), checked against it in dossier.rules.ts
    met: optional(bool()),
    achieved: optional(integer(0)),
    cases: optional(integer(0)),
    note: optional(string()),
  },
  on('object'),
);

export const ASSESSMENT_FIELDS = {
  lot: text(),
  year: integer(1900, 9999),
  scheme: text(),
  operatingCost: optional(amount(nonNegative, toTheFen)),
  maxReward: optional(amount(nonNegative, toTheFen)),
  items: stored(list(AssessmentItemSchema)),
};

export const AssessmentSchema = z.object(ASSESSMENT_FIELDS, on('object'));

// ---------------------------------------------------------------------------------------------------
// the whole dossier

export const DOSSIER_FIELDS = {
  formatVersion: z.union([z.literal(1), z.literal(2)], fails(failure('formatVersion'))),
  tender: TenderSchema,
  schemes: list(SchemeSchema, { nonEmpty: true }),
  lots: list(LotSchema, { nonEmpty: true }),
  bidders: list(BidderSchema),
  bids: list(BidSchema),
  panel: optional(list(PanelMemberSchema)),
  scores: optional(list(ScoreSchema)),
  draws: optional(list(DrawSchema)),
  assessmentSchemes: optional(list(AssessmentSchemeSchema)),
  assessments: optional(list(AssessmentSchema)),
  /** Format 2: the buyer's payment schedules (DOSSIER.md SCHEDULE). */
  paymentSchedules: optional(list(ScheduleSchema)),
  /** Format 2: the contracts of the awarded lots, with their events (DOSSIER.md CONTRACT). */
  contracts: optional(list(ContractSchema)),
};

/** The structure of a dossier, part by part; dossier.rules.ts adds the rules across parts. */
export const DossierStructure = z.object(DOSSIER_FIELDS, on('object'));

/** Deeper input is refused before anything else is read (domain/validation.ts `shallow`). */
export { shallow };
