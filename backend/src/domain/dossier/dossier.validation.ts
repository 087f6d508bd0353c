import { D } from '../decimal';
import type { FieldError } from '../errors';
import { errorAt, failure, fieldErrors, isRecord, issue, on, pathText, shallow, tooDeep, z } from '../validation';
import { CreateBidderSchema, CreateBidSchema, PaperReceiptSchema, type PaperReceiptFields } from '../wire/bids';
import { version } from '../wire/common';
import { CreateLotSchema, CreateSchemeSchema, CreateTenderSchema } from '../wire/tenders';
import { BID_REVIEW_FIELDS, BidReviewSchema, DOSSIER_FIELDS, DossierStructure, LOT_FIELDS, TENDER_FIELDS } from './dossier.schema';
import {
  bidRules,
  biddersRules,
  contractAwardRules,
  dossierRules,
  dossierRuleSteps,
  factRules,
  lotRules,
  lotsRules,
  membersRule,
  parentRule,
  Pass,
  Registry,
  ROWS_PER_STEP,
  schemeRules,
  schemesRules,
  silent,
} from './dossier.rules';
import { evaluateAward } from '../evaluation/evaluate-dossier';
import type { EvaluatedTender } from '../contracts/contract-status';
import type { Dossier, DossierBidder, DossierLot, Num, Scheme } from './dossier.types';

/**
 * Validation of a dossier (../shared/spec/DOSSIER.md). An import is all or nothing, so the user gets
 * every offending path at once (`lots[1].maxUnitPrice: must be > 0 / 必须大于0`) and can fix the file
 * in one pass: first each part against its schema (dossier.schema.ts), then the rules across parts
 * (dossier.rules.ts) over whatever is well-formed.
 */

/**
 * The whole format: the parts' schemas, then the rules across them, which run even when a part is
 * malformed. Input nested deeper than any dossier is refused first, and alone. The contracts' rules
 * that need the tender evaluated (a winner, the winning bid's rates) are `checkContracts`'.
 */
export const DossierSchema = shallow(
  DossierStructure.superRefine(
    (dossier, ctx) => dossierRules(dossier, { report: (f, path) => ctx.addIssue(issue(f, path)), trusted: ctx.issues.length === 0 }),
    {
      when: () => true,
    },
  ),
).meta({
  id: 'Dossier',
  title: '招标项目档案 / tender dossier',
  description: 'A whole procurement as one JSON document (DOSSIER.md). Fields not listed here are allowed and ignored.',
});

export type ValidationError = FieldError;
/** A valid dossier with, when it has contracts, the evaluation they were judged on (and are written from). */
export type DossierValidation = { ok: true; dossier: Dossier; evaluated?: EvaluatedTender } | { ok: false; errors: FieldError[] };

/** The form and the rules across the parts (DossierSchema): every problem, or the dossier. */
export function checkDossier(input: unknown): { ok: true; dossier: Dossier } | { ok: false; errors: FieldError[] } {
  const parsed = DossierSchema.safeParse(input);
  return parsed.success ? { ok: true, dossier: parsed.data } : { ok: false, errors: fieldErrors(parsed.error.issues) };
}

/** The lists whose entries are a dossier's rows: what an import counts as it checks and writes. */
const ROW_LISTS = ['bidders', 'bids', 'scores'] as const;

/**
 * checkDossier a step at a time, for an import that reports its progress and lets other requests in
 * between steps: the bidders, bids and scores against their schemas ROWS_PER_STEP at a time, then the
 * rules across the parts (dossierRuleSteps). `step` hears the rows checked so far of those to check —
 * each row twice, its form and then the rules — and is awaited between steps. The answer is
 * checkDossier's: a dossier found malformed is checked again in one pass, for its errors exactly as
 * checkDossier names them (a refused dossier's cost, not a good one's).
 */
export async function checkDossierInSteps(
  input: unknown,
  step: (checked: number, toCheck: number) => Promise<void>,
): Promise<{ ok: true; dossier: Dossier } | { ok: false; errors: FieldError[] }> {
  if (!isRecord(input) || tooDeep(input)) return checkDossier(input);
  const lists = ROW_LISTS.filter((key) => Array.isArray(input[key])).map((key) => ({ key, rows: input[key] as unknown[] }));
  const toCheck = 2 * lists.reduce((n, { rows }) => n + rows.length, 0);
  // Everything but the rows past each list's first step, in one parse: the dossier the rest is added to.
  const head = DossierStructure.safeParse({
    ...input,
    ...Object.fromEntries(lists.map(({ key, rows }) => [key, rows.slice(0, ROWS_PER_STEP)])),
  });
  if (!head.success) return checkDossier(input);
  const dossier: Dossier = head.data;
  let checked = lists.reduce((n, { rows }) => n + Math.min(rows.length, ROWS_PER_STEP), 0);
  await step(checked, toCheck);
  for (const { key, rows } of lists) {
    for (let from = ROWS_PER_STEP; from < rows.length; from += ROWS_PER_STEP) {
      const chunk = DOSSIER_FIELDS[key].safeParse(rows.slice(from, from + ROWS_PER_STEP));
      if (!chunk.success) return checkDossier(input);
      (dossier[key] as unknown[]).push(...(chunk.data ?? []));
      await step((checked += chunk.data?.length ?? 0), toCheck);
    }
  }
  const issues: ReturnType<typeof issue>[] = [];
  for (const rows of dossierRuleSteps(dossier, { report: (f, path) => issues.push(issue(f, path)), trusted: true })) {
    await step((checked += rows), toCheck);
  }
  return issues.length ? { ok: false, errors: fieldErrors(issues) } : { ok: true, dossier };
}

/**
 * Contracts are of awarded lots: judged on the tender's evaluation, once the rest holds (checkDossier).
 * The evaluation is run once, here, and given back for the contracts to be drawn from.
 */
export function checkContracts(dossier: Dossier): { ok: true; evaluated?: EvaluatedTender } | { ok: false; errors: FieldError[] } {
  if (!dossier.contracts?.length) return { ok: true };
  const { evaluated } = evaluateAward(dossier);
  const issues: ReturnType<typeof issue>[] = [];
  contractAwardRules(dossier, evaluated, (f, path) => issues.push(issue(f, path)));
  return issues.length ? { ok: false, errors: fieldErrors(issues) } : { ok: true, evaluated };
}

export function validateDossier(input: unknown): DossierValidation {
  const form = checkDossier(input);
  if (!form.ok) return form;
  const award = checkContracts(form.dossier);
  return award.ok ? { ...form, ...award } : award;
}

// ---------------------------------------------------------------------------------------------------
// One part at a time, for the API that builds a tender piece by piece: the same schemas and rules as
// an import, with paths relative to the part (`criteria[3].rule.cap`), and what a part refers to given
// as the tender's stored parts — so that one 400 names every problem, the body's form and its
// references alike. Here a field the part does not have is refused (a misspelt field would otherwise be
// dropped without a word). Whether a code is already taken is the caller's to check against the rows.

/** A part that passed, as parsed, or every problem found. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** The part's schema, then its rules over whatever is well-formed; every problem once. */
function checkPart<S extends z.ZodType>(schema: S, input: unknown, rules?: (pass: Pass) => void): Checked<z.output<S>> {
  const parsed = schema.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues);
  if (!errors.some((e) => e.code === 'tooDeep')) {
    rules?.({ report: (f, path) => errors.push(errorAt(pathText(path), f)), trusted: parsed.success });
  }
  const once = errors.filter((e, index) => errors.findIndex((o) => o.path === e.path && o.message === e.message) === index);
  return parsed.success && once.length === 0 ? { ok: true, value: parsed.data } : { ok: false, errors: once };
}

/** Registries of stored parts: they passed these rules when stored, so what they report is dropped. */
const at = <T>(list: readonly T[], section: string) => list.map((value, index) => ({ value, path: [section, index] }));
const storedSchemes = (schemes: readonly Scheme[]) => schemesRules(at(schemes, 'schemes'), silent);
const storedLots = (lots: readonly DossierLot[], schemes: readonly Scheme[]) => lotsRules(at(lots, 'lots'), silent, storedSchemes(schemes));
const storedBidders = (bidders: readonly DossierBidder[]) => biddersRules(at(bidders, 'bidders'), silent);

/**
 * The form of a change (PATCH): an object with fields of the part only, and the version last read.
 * The values are checked once merged with the stored part, which is what the change would leave.
 */
const changeForm = <K extends string>(fields: Record<K, unknown>) =>
  shallow(
    z.strictObject(
      {
        ...(Object.fromEntries(Object.keys(fields).map((key) => [key, z.unknown().optional()])) as Record<K, z.ZodOptional<z.ZodUnknown>>),
        version: version(),
      },
      on('object'),
    ),
  );

export const validatePart = {
  /** The tender's fields; category tie-breakers are checked against the schemes at publication. */
  tender: (input: unknown) => checkPart(CreateTenderSchema, input),
  tenderChange: (input: unknown) => checkPart(changeForm(TENDER_FIELDS), input),
  scheme: (input: unknown, priceWeight: Num) =>
    checkPart(CreateSchemeSchema, input, (pass) => schemeRules(input, [], pass, new D(priceWeight))),
  lot: (input: unknown, schemes: readonly Scheme[]) =>
    checkPart(CreateLotSchema, input, (pass) =>
      lotRules(input, [], pass, storedSchemes(schemes), new Registry('evaluationOrder', pass.report)),
    ),
  lotChange: (input: unknown) => checkPart(changeForm(LOT_FIELDS), input),
  bidder: (input: unknown, bidders: readonly DossierBidder[]) =>
    checkPart(CreateBidderSchema, input, (pass) => {
      const stored = storedBidders(bidders);
      parentRule(input, [], pass, stored);
      membersRule(input, [], pass, stored, new Set(bidders.filter((b) => b.members?.length).map((b) => b.code)));
    }),
  /** A bid as submitted: its lot, its bidder and its figures (the review comes after opening). */
  bid: (input: unknown, tender: { schemes: readonly Scheme[]; lots: readonly DossierLot[]; bidders: readonly DossierBidder[] }) =>
    checkPart(CreateBidSchema, input, (pass) =>
      bidRules(input, [], pass, storedLots(tender.lots, tender.schemes), storedBidders(tender.bidders)),
    ),
  /**
   * A paper envelope's receipt: a registered bidder, a lot of the tender, and a time of receipt neither
   * after the bid deadline nor in the future.
   */
  paperReceipt: (input: unknown, tender: { lots: readonly string[]; bidders: readonly string[]; deadline: string; now: Date }) =>
    checkPart(PaperReceiptSchema, input, (pass) => {
      if (!pass.trusted) return;
      const receipt = input as PaperReceiptFields;
      if (!tender.lots.includes(receipt.lot)) pass.report(failure('notOneOfKnown', { what: 'lot', known: tender.lots }), ['lot']);
      if (!tender.bidders.includes(receipt.bidder)) {
        pass.report(failure('notOneOfKnown', { what: 'bidder', known: tender.bidders }), ['bidder']);
      }
      const at = Date.parse(receipt.receivedAt);
      if (at > Date.parse(tender.deadline) || at > tender.now.getTime()) pass.report(failure('receivedAfterDeadline'), ['receivedAt']);
    }),
  reviewChange: (input: unknown) => checkPart(changeForm(BID_REVIEW_FIELDS), input),
  /** The review of a bid on a lot scored by `scheme`. */
  bidReview: (input: unknown, scheme: Scheme) =>
    checkPart(BidReviewSchema, input, (pass) => factRules(input, [], pass, storedSchemes([scheme]).get(scheme.code))),
};
