import { SHEET_STATUSES, type SheetStatus } from '../lifecycles';

/** The evaluation panel's codes (评标委员会, DOMAIN.md §4): declarations and the progress of score sheets. */

/** 回避声明, made before a member sees any bid: a declared conflict removes the member from the panel. */
export const DECLARATIONS = ['no-conflict', 'conflict'] as const;
export type Declaration = (typeof DECLARATIONS)[number];

/** A member's sheet for one lot as the panel's progress reports it: `not-started` while no sheet exists yet. */
export const SHEET_PROGRESS = ['not-started', ...SHEET_STATUSES] as const;
export type SheetProgress = (typeof SHEET_PROGRESS)[number];
export type { SheetStatus };
