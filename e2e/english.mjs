// The English words of the API's messages and status codes, which no page nor printed document may
// show (users read Chinese only). Read from the built backend (dist/), so `npm run build` comes first.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { ERRORS, SUBJECTS, CAPITALS_REASONS, PASSWORD_RULES, PATTERN_RULES } = require('../dist/backend/domain/errors.js');
const { labelOptions } = require('../dist/backend/domain/labels.js');

const words = (text) => (text.match(/[A-Za-z]{4,}/g) ?? []).map((w) => w.toLowerCase());

/**
 * The English words of the error catalogue and the raw codes of the status tables, less those that also
 * appear in the Chinese halves (ISO, JSON, Excel, true/false: product names and units) and in the demo
 * users' login names, which pages show as they are.
 */
function englishWords() {
  const sample = {
    what: 'scheme',
    of: 'scheme',
    reason: 'twoDigits',
    rule: 'username',
    failed: Object.keys(PASSWORD_RULES),
    pricing: 'rate',
  };
  // Any other param reads as a one-element list, which also prints as a text or number would.
  const params = new Proxy(sample, { get: (t, key) => t[key] ?? ['1'] });
  const en = [];
  const zh = [];
  for (const t of Object.values(ERRORS)) {
    en.push(t.en(params));
    zh.push(t.zh(params));
  }
  for (const t of [...Object.values(SUBJECTS), ...Object.values(PASSWORD_RULES), ...Object.values(PATTERN_RULES)]) {
    en.push(t.en);
    zh.push(t.zh);
  }
  for (const t of Object.values(CAPITALS_REASONS)) en.push(t.en(params));
  const statusKinds = [
    'tenderStatus',
    'lotOpening',
    'lotResult',
    'contractStatus',
    'assessmentStatus',
    'milestoneStatus',
    'challengeStatus',
  ];
  for (const kind of statusKinds) en.push(...labelOptions(kind).map((o) => o.value));
  const users = JSON.parse(readFileSync(join(root, 'seed', 'demo-users.json'), 'utf8')).users.map((u) => u.username);
  const allowed = new Set(words([...zh, ...users].join(' ')));
  return new Set(words(en.join(' ')).filter((w) => !allowed.has(w)));
}
const ENGLISH = englishWords();
/** The English words of the API's messages found in a text, each once. */
export const leaks = (text) => [...new Set(words(text).filter((w) => ENGLISH.has(w)))];

/**
 * The native file inputs a page shows: Chromium draws "Choose File / No file chosen" on them in English,
 * outside the DOM text that `leaks` reads, so every file input must stay hidden behind the Chinese
 * upload button of app-file-upload. Each found is named by its id, its aria-label or its markup.
 */
export const visibleFileInputs = (page) =>
  page
    .locator('input[type=file]')
    .evaluateAll((inputs) =>
      inputs.filter((i) => i.checkVisibility()).map((i) => i.id || i.getAttribute('aria-label') || i.outerHTML.slice(0, 80)),
    );
