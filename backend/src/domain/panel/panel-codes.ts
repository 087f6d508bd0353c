/** The evaluation panel's codes (评标委员会, DOMAIN.md §4): declarations and score-sheet states. */

/** 回避声明, made before a member sees any bid: a declared conflict removes the member from the panel. */
export const DECLARATIONS = ['no-conflict', 'conflict'] as const;
export type Declaration = (typeof DECLARATIONS)[number];

/** A member's sheet for one lot; `not-started` is reported while no sheet exists yet. */
export const SHEET_STATUSES = ['not-started', 'draft', 'submitted'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];
