/**
 * The codes of the annual assessment (年度考核, DOMAIN.md §7–§8) that travel to the UI, kept here so
 * that the backend, the UI and the label table share one list (its statuses are in lifecycles.ts).
 */

/** `points`: a pass mark over summed item points; `deduction`: 100 less capped deductions, graded in bands. */
export const SCHEME_KINDS = ['points', 'deduction'] as const;
export type SchemeKind = (typeof SCHEME_KINDS)[number];

/**
 * The deadlines of DOMAIN.md §8: the insurer's annual report, the assessment, the reward payment, and the
 * periodic reports a contract asks for (one deadline per period).
 */
export const DEADLINE_KINDS = ['report', 'assessment', 'reward-payment', 'monthly-report', 'half-year-report', 'annual-report'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The insurer's annual operation report, or the bureau's evidence for an item. */
export const FILE_KINDS = ['report', 'evidence'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
