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

/** The demo insurers' names: organisation A (user `insurer`) and B (`insurer2`). */
export const INSURER_A = '甲安人寿保险股份有限公司宁波市分公司';
export const INSURER_B = '乙和财产保险股份有限公司宁波分公司';

/**
 * The example dossier under a code of its own, with names swapped so that the demo insurers win:
 * bidder E (winner of lot 1) carries organisation A's name, so user `insurer` sees lot 1; bidder C
 * (winner of lot 2) carries B's, so `insurer2` sees lot 2. Names play no part in the evaluation.
 */
export function demoInsurersWin(code: string): Dossier {
  const d = loadExampleDossier();
  d.tender.code = code;
  const swap = (x: string, y: string) => {
    const [bx, by] = [d.bidders.find((b) => b.code === x)!, d.bidders.find((b) => b.code === y)!];
    [bx.name, by.name] = [by.name, bx.name];
  };
  swap('A', 'E');
  swap('B', 'C');
  return d;
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
