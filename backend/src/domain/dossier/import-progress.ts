/**
 * How far a dossier import has come (GET /api/dossiers/imports/:importId): validation first, the rows
 * the dossier brings (bidders, bids, scores) `checked` of `toCheck` (each row twice: its form, then the
 * rules across the parts), then, for a dossier with contracts, the tender's evaluation they are judged on
 * and drawn from (no counts), then the rows `written` of the `total` the dossier brings; `done` once
 * committed, `refused` when nothing was imported.
 */
export const IMPORT_PHASES = ['validating', 'evaluating', 'writing', 'done', 'refused'] as const;

export interface ImportProgress {
  phase: (typeof IMPORT_PHASES)[number];
  checked: number;
  toCheck: number;
  written: number;
  total: number;
}
