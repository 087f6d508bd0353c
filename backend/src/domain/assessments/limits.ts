import type { ErrorCode } from '../errors';

/**
 * What one party may pile onto one assessment (issue 12 §11, §14): an insurer once filed 1,480
 * objections in 15 s, each reprinting a 50-page report. Far above what a year's work needs.
 */
export const ASSESSMENT_LIMITS = {
  /** Objections to one assessment, answered or not. */
  objections: 20,
  /** Self-assessment submissions (each stores its report file) until publication. */
  reportFiles: 5,
  /** Evidence files for one item. */
  evidencePerItem: 10,
} as const;

export type LimitRefusal = { code: ErrorCode; params: Record<string, string | number> };

/**
 * Whether an objection may be raised: at most one open (unanswered) objection per item — or on the
 * result as a whole (no item) — and at most ASSESSMENT_LIMITS.objections in all.
 */
export function objectionRefusal(
  existing: readonly { itemNo: string | null; open: boolean }[],
  itemNo: string | null,
): LimitRefusal | null {
  if (existing.some((o) => o.open && o.itemNo === itemNo)) return { code: 'objectionOpen', params: { item: itemNo ?? '' } };
  if (existing.length >= ASSESSMENT_LIMITS.objections) return { code: 'objectionLimit', params: { max: ASSESSMENT_LIMITS.objections } };
  return null;
}

/** Whether one more file may be stored where `count` are already (a limit of ASSESSMENT_LIMITS). */
export function fileRefusal(count: number, max: number): LimitRefusal | null {
  return count >= max ? { code: 'fileLimit', params: { max } } : null;
}
