import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { factUses, type Rule } from '../dossier/dossier.schema';
import { label } from '../labels';
import { catalogueFact, FACT_CATALOGUE, factsOfKind } from './fact-catalogue';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const DOSSIERS = [
  resolve(ROOT, 'seed', 'demo-tender.json'),
  ...readdirSync(resolve(ROOT, 'backend', 'test', 'fixtures'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => resolve(ROOT, 'backend', 'test', 'fixtures', name)),
];

/** Every fact the rules of the shipped dossiers read, with how they read it. */
function factsRead(): { fact: string; kind: string; file: string }[] {
  return DOSSIERS.flatMap((file) => {
    const dossier = JSON.parse(readFileSync(file, 'utf8')) as { schemes?: { criteria: { rule?: Rule }[] }[] };
    return (dossier.schemes ?? []).flatMap((scheme) =>
      scheme.criteria.flatMap((c) => (c.rule ? factUses(c.rule).map((use) => ({ fact: use.fact, kind: use.kind, file })) : [])),
    );
  });
}

describe('the fact catalogue', () => {
  it('names each fact once, each with a Chinese label and a hint', () => {
    const codes = FACT_CATALOGUE.map((f) => f.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const fact of FACT_CATALOGUE) {
      expect(label('fact', fact.code)).not.toBe(fact.code);
      expect(label('fact', fact.code)).toMatch(/[\u4e00-\u9fff]/);
      expect(fact.hint).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('gives every number a unit, and a yes/no neither unit nor "each"', () => {
    for (const fact of FACT_CATALOGUE) {
      if (fact.kind === 'number') {
        expect(fact).toHaveProperty('unit');
      } else {
        expect(fact).not.toHaveProperty('unit');
        expect(fact).not.toHaveProperty('each');
      }
    }
  });

  it('holds the facts the seeded and fixture dossiers’ rules read, as they read them', () => {
    const read = factsRead();
    expect(read.length).toBeGreaterThan(20);
    for (const use of read) expect({ fact: use.fact, kind: catalogueFact(use.fact)?.kind }).toEqual({ fact: use.fact, kind: use.kind });
  });

  it('offers yes/no facts to boolean rules and numbers to the others', () => {
    expect(factsOfKind('boolean').map((f) => f.code)).toContain('ningboExperience');
    expect(factsOfKind('boolean').map((f) => f.code)).not.toContain('penalties');
    expect(factsOfKind('number').map((f) => f.code)).toEqual(
      expect.arrayContaining(['solvencyRatio', 'certificates', 'penalties', 'branches']),
    );
  });

  it('knows nothing of a fact outside it (a dossier from elsewhere names its own)', () => {
    expect(catalogueFact('localHospitals')).toBeUndefined();
    expect(label('fact', 'localHospitals' as never)).toBe('localHospitals');
  });
});
