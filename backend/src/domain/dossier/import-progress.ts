/**
 * How far a dossier import has come (GET /api/dossiers/imports/:importId): validation first (no
 * counts), then, for a dossier with contracts, the tender's evaluation they are judged on and drawn from
 * (no counts), then the rows written of those the dossier brings (bidders, bids, scores); `done` once
 * committed, `refused` when nothing was imported.
 */
export const IMPORT_PHASES = ['validating', 'evaluating', 'writing', 'done', 'refused'] as const;

export interface ImportProgress {
  phase: (typeof IMPORT_PHASES)[number];
  written: number;
  total: number;
}
