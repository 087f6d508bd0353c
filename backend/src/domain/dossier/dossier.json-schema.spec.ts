import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOSSIER_JSON_SCHEMA_FILE, dossierJsonSchema } from './dossier.json-schema';

describe('docs/dossier.schema.json', () => {
  it('is the JSON Schema generated from the dossier schema (npm run schema writes it)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', '..', DOSSIER_JSON_SCHEMA_FILE), 'utf8');
    expect(committed).toBe(dossierJsonSchema());
  });

  it('describes every section, the recursive rules and the decimal checks', () => {
    const schema = JSON.parse(dossierJsonSchema());
    const dossier = schema.$defs.Dossier;
    expect(Object.keys(dossier.properties)).toEqual([
      'formatVersion',
      'tender',
      'schemes',
      'lots',
      'bidders',
      'bids',
      'panel',
      'scores',
      'draws',
      'assessmentSchemes',
      'assessments',
      'paymentSchedules',
      'contracts',
    ]);
    expect(dossier.required).toEqual(['formatVersion', 'tender', 'schemes', 'lots', 'bidders', 'bids']);
    const rule = schema.$defs.Rule;
    expect(rule.oneOf.map((r: { properties: { type: { const: string } } }) => r.properties.type.const)).toEqual([
      'perUnit',
      'bands',
      'deductPerUnit',
      'boolean',
      'const',
      'gate',
      'sum',
    ]);
    expect(dossier.properties.tender.properties.priceWeight.description).toBe('a number or a decimal string; > 0; ≤ 100');
    // Unknown fields are allowed: the product may add fields (DOSSIER.md).
    expect(dossier.additionalProperties).toBeUndefined();
  });
});
