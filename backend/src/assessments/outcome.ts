import type { AssessmentScheme as DossierAssessmentScheme } from '../domain/dossier/dossier.types';
import type { AssessmentScheme } from './assessment-scheme.entity';
import type { ItemScore } from './item-scores';
import { evaluateAssessment, ruleInputFor, type AssessmentResult } from '../domain/assessments';

/**
 * The result of an assessment as it stands (DOMAIN.md §7, computed by the pure rules), and whether it
 * can be published: every item scored and nothing the rules need missing (the operating cost of a
 * failed points assessment, the maximum reward of a deduction one).
 */
export type Outcome = AssessmentResult & { complete: boolean; unscored: string[] };

/** What the outcome is computed from: the scores and the money they apply to. */
export interface OutcomeInput {
  lotNo: string;
  year: number;
  operatingCost: string | null;
  maxReward: string | null;
  items: ItemScore[];
}

/** A stored scheme as the dossier format (and so the pure rules) has it. */
export function dossierScheme(s: AssessmentScheme): DossierAssessmentScheme {
  return {
    code: s.code,
    name: s.name,
    kind: s.kind,
    ...(s.passMark != null && { passMark: s.passMark }),
    ...(s.failDeductionRate != null && { failDeductionRate: s.failDeductionRate }),
    ...(s.bands != null && { bands: s.bands }),
    items: s.items.map(({ no, name, max, rule }) => ({ no, name, max, ...(rule && { rule }) })),
  };
}

/**
 * The scores as the dossier's assessment items (DOSSIER.md ITEM_RULE): a deduction, or what the item's
 * rule takes — the input recorded with the points, else the input that gives the points entered.
 */
export function dossierItems(scheme: AssessmentScheme, items: ItemScore[]) {
  const byNo = new Map(scheme.items.map((i) => [i.no, i]));
  return items.map(({ no, points, deduction, met, achieved, cases, note }) => {
    const item = byNo.get(no);
    const recorded = met ?? achieved ?? cases;
    const input =
      points === undefined || !item
        ? {}
        : recorded !== undefined
          ? { ...(met !== undefined && { met }), ...(achieved !== undefined && { achieved }), ...(cases !== undefined && { cases }) }
          : ruleInputFor(item, points);
    return { no, ...input, ...(deduction !== undefined && { deduction }), ...(note !== undefined && { note }) };
  });
}

export function outcome(scheme: AssessmentScheme, a: OutcomeInput): Outcome {
  const result = evaluateAssessment(dossierScheme(scheme), {
    lot: a.lotNo,
    year: a.year,
    scheme: scheme.code,
    operatingCost: a.operatingCost ?? undefined,
    maxReward: a.maxReward ?? undefined,
    items: a.items,
  });
  const field = scheme.kind === 'points' ? 'points' : 'deduction';
  const scored = new Set(a.items.filter((i) => i[field] !== undefined).map((i) => i.no));
  const unscored = scheme.items.filter((i) => !scored.has(i.no)).map((i) => i.no);
  return { ...result, complete: unscored.length === 0 && result.errors.length === 0, unscored };
}
