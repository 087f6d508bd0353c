import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT_DIR } from '../src/config/config';
import type { AssessmentScheme, Dossier } from '../src/domain/dossier/dossier.types';

/**
 * The shared example dossier (../shared/examples), read fresh for each test so tests can alter their
 * copy. Where the shared folder is not beside the clone, the demo seed (the same file) stands in.
 */
const SHARED_EXAMPLE = resolve(ROOT_DIR, '..', 'shared', 'examples', 'ningbo-ltc-2022.json');
export const EXAMPLE_DOSSIER_PATH = existsSync(SHARED_EXAMPLE) ? SHARED_EXAMPLE : resolve(ROOT_DIR, 'seed', 'demo-tender.json');

export function loadExampleDossier(): Dossier {
  return JSON.parse(readFileSync(EXAMPLE_DOSSIER_PATH, 'utf8')) as Dossier;
}

/** A scheme of the shipped seed/assessment-schemes.json (e.g. SY-17 with its item rules), read fresh. */
export function shippedAssessmentScheme(code: string): AssessmentScheme {
  const schemes = JSON.parse(readFileSync(resolve(ROOT_DIR, 'seed', 'assessment-schemes.json'), 'utf8')) as AssessmentScheme[];
  return schemes.find((s) => s.code === code)!;
}

/** Drop what a dossier may leave out (nulls, empty lists) and read decimal strings as numbers. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== null && x !== undefined && !(Array.isArray(x) && x.length === 0))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}
