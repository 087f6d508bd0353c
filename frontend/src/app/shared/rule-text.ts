/** Objective scoring rules (DOSSIER.md RULE) in words, in the fact catalogue's terms, and checked as the backend checks them. */

import { factUses, RuleSchema, type FactKind } from '@domain/dossier/dossier.schema';
import type { Band, Num, Rule } from '@domain/dossier/dossier.types';
import { catalogueFact } from '@domain/evaluation/fact-catalogue';
import { ruleMaximum } from '@domain/evaluation/rule-engine';
import { errorLabel, label } from '@domain/labels';
import { fieldErrors } from '@domain/validation';

export type { Rule };

const BAND_OPS: Record<string, string> = { min: '≥', gt: '>', max: '≤', lt: '<' };

/** A fact's name: its catalogue label, or its code for a fact outside the catalogue. */
export const factName = (code: string): string => label('fact', code as never);

const unitOf = (code: string): string => catalogueFact(code)?.unit ?? '';

/** "Each one" of a counted fact: 每项行政处罚; outside the catalogue, per unit of the named fact. */
const eachOf = (code: string): string => catalogueFact(code)?.each ?? `${factName(code)}每 1 ${unitOf(code) || '单位'}`;

/** A rule as a Chinese sentence, e.g. "偿付能力充足率 ≥ 200% 得 2 分；≥ 150% 得 1 分；否则 0 分". */
export function describeRule(rule: Rule | null | undefined): string {
  if (!rule) return '';
  switch (rule.type) {
    case 'perUnit':
      return `${eachOf(rule.fact)}得 ${rule.points} 分` + (rule.cap != null ? `，最高 ${rule.cap} 分` : '');
    case 'bands': {
      const unit = unitOf(rule.fact);
      const bands = rule.bands.map((band: Band) => {
        const op = Object.keys(BAND_OPS).find((key) => band[key as keyof Band] != null) as keyof Band;
        return `${BAND_OPS[op]} ${band[op] as Num}${unit} 得 ${band.points} 分`;
      });
      return `${factName(rule.fact)} ${[...bands, `否则 ${rule.else ?? 0} 分`].join('；')}`;
    }
    case 'deductPerUnit':
      return `${rule.from} 分起，${eachOf(rule.fact)}扣 ${rule.per} 分，扣完为止`;
    case 'boolean':
      return catalogueFact(rule.fact) ? `${factName(rule.fact)}得 ${rule.points} 分` : `${rule.fact} 为是得 ${rule.points} 分`;
    case 'const':
      return `固定 ${rule.points} 分`;
    case 'gate':
      return `${factName(rule.fact)} ≥ ${rule.min}${unitOf(rule.fact)} 时：${describeRule(rule.then)}；否则 0 分`;
    case 'sum':
      return `合计（${rule.parts.map((part) => describeRule(part)).join('；')}）` + (rule.cap != null ? `，最高 ${rule.cap} 分` : '');
  }
}

/** The rule, if the dossier schema accepts it as one. */
export function wholeRule(value: unknown): Rule | null {
  const parsed = RuleSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** What is wrong with a rule, in Chinese, by path within it (`$` the rule itself, `then.parts[0].points`). */
export type RuleProblems = Map<string, string[]>;

/**
 * Checks a rule as the dossier schema does (RuleSchema, and for an objective criterion of `max` points
 * the rule's own maximum): the same codes as a 400, rendered in Chinese.
 */
export function ruleProblems(rule: unknown, max?: string): RuleProblems {
  const problems: RuleProblems = new Map();
  const add = (path: string, message: string) => problems.set(path, [...(problems.get(path) ?? []), message]);
  const parsed = RuleSchema.safeParse(rule);
  if (!parsed.success) {
    for (const e of fieldErrors(parsed.error.issues)) add(e.path, errorLabel(e));
    return problems;
  }
  if (max !== undefined && /^\d+(\.\d+)?$/.test(max.trim())) {
    const most = ruleMaximum(parsed.data);
    if (most.gt(max.trim()))
      add('$', errorLabel({ path: '$', message: '', code: 'ruleMaximum', params: { ruleMax: most.toString(), max: max.trim() } }));
  }
  return problems;
}

/** The facts a scheme's objective rules read, each once, in the order the criteria name them. */
export function schemeFacts(criteria: readonly { rule?: Rule | null }[]): { fact: string; kind: FactKind }[] {
  const kinds = new Map<string, FactKind>();
  for (const c of criteria) for (const use of c.rule ? factUses(c.rule) : []) if (!kinds.has(use.fact)) kinds.set(use.fact, use.kind);
  return [...kinds].map(([fact, kind]) => ({ fact, kind }));
}
