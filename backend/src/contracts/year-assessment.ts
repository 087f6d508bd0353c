import type { EntityManager } from 'typeorm';

/** What a settlement needs of the year's assessment (DOMAIN.md §6.2, §7). */
export interface YearAssessment {
  /** The result is final (定稿): only then is the year settled. */
  final: boolean;
  passed: boolean;
  /** The scheme's deduction from the allowance on a failed assessment; null when the scheme takes none. */
  failDeductionRate: string | null;
}

/**
 * A contract's assessment as the settlement reads it: assessments (a later stage) keeps it, so
 * contracts owns this port and assessments provides it (backend/src/ports.module.ts).
 */
export abstract class YearAssessments {
  abstract ofContract(m: EntityManager, contractId: number): Promise<YearAssessment | null>;
}
