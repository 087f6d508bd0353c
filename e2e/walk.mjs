// The pieces of a browser walk through the UI (e2e/main-path.test.mjs, e2e/premium-contract.test.mjs):
// a logged-in page per role, steps that each need the ones before, the file a click downloads, the text
// of a PDF, and an NG-ZORRO select worked by keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFParse } from 'pdf-parse';
import { loginInBrowser } from './api.mjs';

const failures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');

/**
 * The steps of a walk on `product` (server.mjs `useProduct`). `pageOf(user)` opens a 1280×800 page
 * logged in as `user` that accepts the confirmation dialogs; `step(name, fn)` is a test that fails at
 * once after an earlier step failed, saves what each open page showed when it fails (as
 * test-results/screenshots/<walk>-failed-<n>.png) and closes the step's pages when it ends.
 */
export function walk(product, name) {
  const open = new Set();
  let failed = '';

  async function pageOf(user) {
    const page = await product.browser.newPage({ viewport: { width: 1280, height: 800 } });
    open.add(page);
    page.on('dialog', (d) => d.accept());
    await loginInBrowser(page, product.server.url, user);
    return page;
  }

  function step(title, fn) {
    test(title, async () => {
      assert.equal(failed, '', `an earlier step failed: ${failed}`);
      try {
        await fn();
      } catch (err) {
        failed = title;
        mkdirSync(failures, { recursive: true });
        await Promise.all([...open].map((p, i) => p.screenshot({ path: join(failures, `${name}-failed-${i}.png`), fullPage: true })));
        throw err;
      } finally {
        await Promise.all([...open].map((p) => p.close()));
        open.clear();
      }
    });
  }

  return { pageOf, step };
}

/** The file a click downloads (a document printed in the background may take a while). */
export async function download(page, selector, timeout = 60_000) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout }), page.click(selector)]);
  return readFileSync(await file.path());
}

/** The text of a PDF. */
export async function pdfText(buffer) {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/**
 * Ticks an NG-ZORRO checkbox (`label[nz-checkbox]`) and waits for it to show ticked. Playwright's
 * `check` asserts the state right after its click, before a busy machine's change detection has run.
 */
export async function tick(page, selector) {
  await page.click(selector);
  // `selector` names the label or, through nzId, the input itself.
  await page.waitForFunction((s) => {
    const el = document.querySelector(s);
    return (el?.matches('input') ? el : el?.querySelector('input[type=checkbox]'))?.checked === true;
  }, selector);
}

/**
 * Picks an option of an NG-ZORRO select by keyboard alone, as a user can: once the select is enabled
 * (a scheme waits for its contract's schemes) and no other list is open, focus its `input`, open it
 * with Enter (into a searchable select then type `option`, so that the option is within the list
 * shown), arrow down to the first option whose title starts with `option`, Enter.
 */
export async function choose(page, input, option) {
  const list = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';
  const listClosed = () => page.waitForFunction((open) => !document.querySelector(open), list);
  const select = input.locator('xpath=ancestor::nz-select');
  await listClosed();
  await select.and(page.locator('nz-select:not(.ant-select-disabled)')).waitFor();
  await input.focus();
  await page.keyboard.press('Enter');
  if (await select.evaluate((el) => el.classList.contains('ant-select-show-search'))) await page.keyboard.type(option);
  // The list shows its first options (a long one renders the rest as the highlight moves down).
  await page.locator(`${list} .ant-select-item-option`).first().waitFor();
  const active = page.locator(`${list} .ant-select-item-option-active`);
  // A select whose value is '' (such as 整个项目) opens with no option highlighted: an arrow highlights one.
  if (!(await active.count())) await page.keyboard.press('ArrowDown');
  let title = await active.getAttribute('title');
  for (let i = 0; i < 40 && !title.startsWith(option); i++) {
    await page.keyboard.press('ArrowDown');
    // The highlight moves after the key is handled: read it once it has moved (a loaded machine lags).
    await page.waitForFunction(
      ([highlight, before]) => document.querySelector(highlight)?.getAttribute('title') !== before,
      [`${list} .ant-select-item-option-active`, title],
    );
    title = await active.getAttribute('title');
  }
  assert.ok(title.startsWith(option), `${title} ≠ ${option}…`);
  await page.keyboard.press('Enter');
  // Closed before the next pick, whose highlight would otherwise be looked for in this list too.
  await listClosed();
}

/** Sets an NG-ZORRO date-time picker as a user can by keyboard: its text ("2099-06-30 09:30"), then Enter. */
export async function typeDateTime(page, selector, text) {
  await page.click(selector);
  await page.fill(selector, text);
  await page.press(selector, 'Enter');
  await page.waitForSelector('.ant-picker-dropdown', { state: 'hidden' });
  assert.equal(await page.inputValue(selector), text);
}
