import type { Band, Rule } from '@domain/dossier/dossier.types';

export type RuleType = Rule['type'];
export type BandOp = 'min' | 'gt' | 'max' | 'lt';

/** A band as the form holds it: one condition and its bound, and the points. */
export interface BandDraft {
  op: BandOp;
  value: string;
  points: string;
}

/**
 * A rule as the builder's inputs hold it: every number as typed (a decimal string, blank when not
 * entered), every field of every type, so switching the type keeps what was typed.
 */
export interface RuleDraft {
  type: RuleType | '';
  fact: string;
  points: string;
  cap: string;
  from: string;
  per: string;
  min: string;
  else: string;
  bands: BandDraft[];
  then: RuleDraft | null;
  parts: RuleDraft[];
}

export const emptyDraft = (type: RuleType | '' = ''): RuleDraft => ({
  type,
  fact: '',
  points: '',
  cap: '',
  from: '',
  per: '',
  min: '',
  else: '',
  bands: [],
  then: null,
  parts: [],
});

export const emptyBand = (): BandDraft => ({ op: 'min', value: '', points: '' });

const OPS: BandOp[] = ['min', 'gt', 'max', 'lt'];
const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** The draft of a stored rule (any fact, catalogued or not). */
export function toDraft(rule: Rule | null | undefined): RuleDraft {
  const draft = emptyDraft();
  if (!rule) return draft;
  draft.type = rule.type;
  if ('fact' in rule) draft.fact = rule.fact;
  switch (rule.type) {
    case 'perUnit':
      return { ...draft, points: text(rule.points), cap: text(rule.cap) };
    case 'bands':
      return {
        ...draft,
        else: text(rule.else),
        bands: rule.bands.map((band: Band) => {
          const op = OPS.find((o) => band[o] != null) ?? 'min';
          return { op, value: text(band[op]), points: text(band.points) };
        }),
      };
    case 'deductPerUnit':
      return { ...draft, from: text(rule.from), per: text(rule.per) };
    case 'boolean':
    case 'const':
      return { ...draft, points: text(rule.points) };
    case 'gate':
      return { ...draft, min: text(rule.min), then: toDraft(rule.then) };
    case 'sum':
      return { ...draft, cap: text(rule.cap), parts: rule.parts.map((part) => toDraft(part)) };
  }
}

/** A typed number, or absent when blank (the schema then says it is required, or leaves it out). */
const num = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());

/**
 * The rule a draft spells, to be checked by the dossier schema: blanks are left out, numbers stay as
 * typed (decimal strings), so what is wrong is reported by the same schema that checks the 400.
 */
export function fromDraft(d: RuleDraft): unknown {
  const fact = num(d.fact);
  switch (d.type) {
    case '':
      return {};
    case 'perUnit':
      return { type: d.type, fact, points: num(d.points), cap: num(d.cap) };
    case 'bands':
      return {
        type: d.type,
        fact,
        bands: d.bands.map((b) => ({ [b.op]: num(b.value), points: num(b.points) })),
        else: num(d.else),
      };
    case 'deductPerUnit':
      return { type: d.type, fact, from: num(d.from), per: num(d.per) };
    case 'boolean':
      return { type: d.type, fact, points: num(d.points) };
    case 'const':
      return { type: d.type, points: num(d.points) };
    case 'gate':
      return { type: d.type, fact, min: num(d.min), then: d.then ? fromDraft(d.then) : undefined };
    case 'sum':
      return { type: d.type, parts: d.parts.map((part) => fromDraft(part)), cap: num(d.cap) };
  }
}
