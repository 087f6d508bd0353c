import { z } from '../validation';
import { reply } from './common';
import { IMPORT_PHASES } from '../dossier/import-progress';

/** Importing and exporting whole tenders: the body and the answer of GET are the dossier (domain/dossier). */
export { DossierSchema } from '../dossier/dossier.validation';

export const ImportedSchema = reply({ tenderId: z.number().int() });
export type Imported = z.output<typeof ImportedSchema>;

/** GET /api/dossiers/imports/:importId: how far an import under that id has come (domain/dossier/import-progress). */
export const ImportProgressSchema = reply({
  phase: z.enum(IMPORT_PHASES),
  checked: z.number().int(),
  toCheck: z.number().int(),
  written: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.output<typeof ImportProgressSchema>;
