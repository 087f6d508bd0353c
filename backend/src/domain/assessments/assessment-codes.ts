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

/**
 * The insurer's annual operation report, the bureau's evidence for an item, or the insurer's evidence
 * for an item of its self-assessment (佐证材料, `self-evidence`).
 */
export const FILE_KINDS = ['report', 'evidence', 'self-evidence'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
/** The files kept per item: the bureau's evidence and the insurer's. */
export type EvidenceKind = Exclude<FileKind, 'report'>;
