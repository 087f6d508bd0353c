import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT_DIR } from '../src/config/config';
import type { Dossier } from '../src/dossiers/dossier.types';

/** The shared example dossier (../shared/examples), read fresh for each test so tests can alter their copy. */
export const EXAMPLE_DOSSIER_PATH = resolve(ROOT_DIR, '..', 'shared', 'examples', 'ningbo-ltc-2022.json');

export function loadExampleDossier(): Dossier {
  return JSON.parse(readFileSync(EXAMPLE_DOSSIER_PATH, 'utf8')) as Dossier;
}
