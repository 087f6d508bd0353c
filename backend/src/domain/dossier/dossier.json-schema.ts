import { z } from '../validation';
import { DossierSchema } from './dossier.validation';

/**
 * The dossier format as a JSON Schema (docs/dossier.schema.json), generated from its zod schema for
 * people and tools outside the product: `npm run schema` writes it, a test keeps it current. It holds
 * the structure, types, formats and ranges; the rules across parts (references, duplicates, scores
 * within their criterion) are the product's to check (DOSSIER.md).
 */
export const DOSSIER_JSON_SCHEMA_FILE = 'docs/dossier.schema.json';

export function dossierJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(DossierSchema, { io: 'input', target: 'draft-2020-12' }), null, 2)}\n`;
}
