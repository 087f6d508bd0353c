/**
 * How far a dossier import has come (GET /api/dossiers/imports/:importId): validation first (no
 * counts), then the rows written of those the dossier brings (bidders, bids, scores); `done` once
 * committed, `refused` when nothing was imported.
 */
export interface ImportProgress {
  phase: 'validating' | 'writing' | 'done' | 'refused';
  written: number;
  total: number;
}
