import { formatCapitals } from '../bids/capitals';
import { ROWS_PER_STEP } from './dossier.rules';
import { checkDossier, checkDossierInSteps } from './dossier.validation';

// Plain CommonJS shared with the benchmark.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { largeDossier } = require('../../../../scripts/large-dossier');

/* The variants are deliberately malformed JSON, hence `any`. */

/** A dossier of 3 lots × 120 bidders × 9 experts: 19,440 scores, more than one step's rows. */
const large = (): any => largeDossier('STEPS-1', formatCapitals, { bidders: 120, experts: 9 });

/** checkDossierInSteps' answer and every step it reported. */
async function inSteps(input: unknown) {
  const steps: { checked: number; toCheck: number }[] = [];
  const result = await checkDossierInSteps(input, async (checked, toCheck) => void steps.push({ checked, toCheck }));
  return { result, steps };
}

describe('checkDossierInSteps', () => {
  it('checks a large dossier in steps of at most ROWS_PER_STEP rows, each row twice, and answers what checkDossier does', async () => {
    const d = large();
    const rows = d.bidders.length + d.bids.length + d.scores.length;
    expect(d.scores.length).toBeGreaterThan(ROWS_PER_STEP);
    const { result, steps } = await inSteps(d);
    expect(result).toEqual(checkDossier(d));
    expect(result.ok).toBe(true);
    expect(steps.every((s) => s.toCheck === 2 * rows)).toBe(true);
    const checked = steps.map((s) => s.checked);
    expect(checked.at(-1)).toBe(2 * rows);
    // Form: the first step of each list, then the scores' other steps; rules: the bidders, the bids, the scores' steps.
    const scoreSteps = Math.ceil(d.scores.length / ROWS_PER_STEP);
    expect(steps.length).toBe(1 + (scoreSteps - 1) + 2 + scoreSteps);
    checked.forEach((n, i) => expect(n - (checked[i - 1] ?? 0)).toBeGreaterThan(0));
    checked.slice(1).forEach((n, i) => expect(n - checked[i]).toBeLessThanOrEqual(ROWS_PER_STEP));
  });

  it('names a malformed row past the first step as checkDossier does, with the rest of the dossier’s faults', async () => {
    const d = large();
    d.scores[ROWS_PER_STEP + 7].value = 'x';
    d.scores[d.scores.length - 1].expert = 42;
    d.lots[0].maxUnitPrice = '-1';
    const { result } = await inSteps(d);
    expect(result).toEqual(checkDossier(d));
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      'lots[0].maxUnitPrice',
      `scores[${ROWS_PER_STEP + 7}].value`,
      `scores[${d.scores.length - 1}].expert`,
    ]);
  });

  it('names a rule broken past the first step as checkDossier does', async () => {
    const d = large();
    d.scores[ROWS_PER_STEP + 3] = { ...d.scores[3] }; // the same expert, bid and criterion again
    d.scores[ROWS_PER_STEP + 9].expert = 'nobody';
    const { result } = await inSteps(d);
    expect(result).toEqual(checkDossier(d));
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.code])).toEqual([
      [`scores[${ROWS_PER_STEP + 3}]`, 'duplicate'],
      [`scores[${ROWS_PER_STEP + 9}].expert`, 'unknown'],
    ]);
  });

  it('answers what checkDossier does for what is not a dossier at all', async () => {
    for (const input of [[], 'text', null, {}, { scores: 'none' }]) expect((await inSteps(input)).result).toEqual(checkDossier(input));
  });
});
