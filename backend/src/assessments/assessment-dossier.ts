import type { AssessmentScheme as DossierAssessmentScheme, DossierAssessment, DossierItemRule } from '../domain/dossier/dossier.types';
import { decimalText, optional, trimZeros } from '../domain/dossier/dossier-values';
import type { AssessmentScheme, ItemRule } from './assessment-scheme.entity';
import type { Assessment } from './assessment.entity';

/** Assessment-scheme and assessment rows ↔ their parts of the dossier (the archive composes the whole). */

/** An item rule as stored and answered: its decimals as text. */
function itemRule(rule: DossierItemRule): ItemRule {
  switch (rule.kind) {
    case 'k-of-n':
      return { kind: rule.kind, n: rule.n, pointsEach: decimalText(rule.pointsEach) };
    case 'per-case-deduction':
      return { kind: rule.kind, perCase: decimalText(rule.perCase) };
    default:
      return { kind: rule.kind };
  }
}

export function assessmentSchemeColumns(s: DossierAssessmentScheme) {
  return {
    code: s.code,
    name: s.name,
    kind: s.kind,
    passMark: s.passMark == null ? null : decimalText(s.passMark),
    failDeductionRate: s.failDeductionRate == null ? null : decimalText(s.failDeductionRate),
    bands: s.bands ?? null,
    items: s.items.map((i) => ({
      no: i.no,
      name: i.name,
      max: decimalText(i.max),
      ...(i.rule != null && { rule: itemRule(i.rule) }),
      ...(i.indicator != null && { indicator: i.indicator }),
      ...(i.basis != null && { basis: i.basis }),
    })),
    due: s.due ? { month: s.due.month, yearOffset: s.due.yearOffset } : null,
  } satisfies Partial<AssessmentScheme>;
}

export function assessmentColumns(a: DossierAssessment) {
  return {
    lotNo: a.lot,
    year: a.year,
    schemeCode: a.scheme,
    operatingCost: a.operatingCost ?? null,
    maxReward: a.maxReward ?? null,
    items: a.items.map((i) => ({
      no: i.no,
      ...(i.points != null && { points: decimalText(i.points) }),
      ...(i.deduction != null && { deduction: decimalText(i.deduction) }),
      ...(i.met != null && { met: i.met }),
      ...(i.achieved != null && { achieved: i.achieved }),
      ...(i.cases != null && { cases: i.cases }),
      ...(i.note != null && { note: i.note }),
    })),
  } satisfies Partial<Assessment>;
}

export function dossierAssessmentScheme(s: AssessmentScheme): DossierAssessmentScheme {
  return {
    code: s.code,
    name: s.name,
    kind: s.kind,
    ...(s.passMark != null && { passMark: trimZeros(s.passMark) }),
    ...(s.failDeductionRate != null && { failDeductionRate: trimZeros(s.failDeductionRate) }),
    ...(s.bands != null && { bands: s.bands }),
    items: s.items,
    ...(s.due != null && { due: s.due }),
  };
}

export function dossierAssessment(a: Assessment): DossierAssessment {
  return {
    lot: a.lotNo,
    year: a.year,
    scheme: a.schemeCode,
    operatingCost: optional(a.operatingCost),
    maxReward: optional(a.maxReward),
    items: a.items,
  };
}
