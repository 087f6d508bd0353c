// Issue 15 in the browser: every role's main pages of the demo data walked on a 1024×768 tablet. Users
// read Chinese only, so no word of the API's English messages (nor a raw status code) may show on a
// page or in a printed PDF; no page scrolls sideways (wide tables scroll inside their container); the
// score sheet is usable there by keyboard with every input labelled. Each page is saved as a
// screenshot under test-results/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser } from './server.mjs';
import { apiLogin, awardConfirmedLongAgo, exampleDossier, loginInBrowser, signedContract } from './api.mjs';
import { leaks, visibleFileInputs } from './english.mjs';
import { pdfText } from './walk.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shots = join(root, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });

let server;
let browser;
let demoTenderId;
let panelTenderId;
let contractId;
let assessmentId;
const tokens = {};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const clerk = await apiLogin(server.url, 'clerk');
  const bureau = await apiLogin(server.url, 'bureau');
  Object.assign(tokens, { clerk, bureau });
  const demoCode = exampleDossier().tender.code;
  demoTenderId = (await clerk('GET', '/tenders')).find((t) => t.code === demoCode).id;
  await awardConfirmedLongAgo(server, clerk, demoTenderId);
  const contract = await signedContract(bureau, demoTenderId, { year: 2024, scheduleTemplate: 'ningbo' });
  contractId = contract.id;
  // A published assessment with a deduction and its note: its report is printed.
  const assessment = await bureau('POST', `/contracts/${contractId}/assessments`, { schemeCode: 'NB-PERF' });
  assessmentId = assessment.id;
  const items = assessment.scheme.items.map((i) =>
    i.no === '3' ? { no: i.no, deduction: '2', note: '经办人员到岗延迟' } : { no: i.no, deduction: '0' },
  );
  await bureau('PUT', `/assessments/${assessmentId}/items`, { items });
  await bureau('POST', `/assessments/${assessmentId}/publish`);
  // A tender whose panel has not scored yet: the score sheet is open for input.
  const dossier = { ...exampleDossier(), scores: [] };
  dossier.tender.code = 'E2E-WALK';
  ({ tenderId: panelTenderId } = await clerk('POST', '/dossiers', dossier));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Each role's main pages, as paths after login. */
const PAGES = () => ({
  admin: ['/admin', '/admin/organizations', '/admin/holidays', '/password'],
  secadmin: ['/security'],
  auditor: ['/audit'],
  clerk: [
    '/procurement',
    `/procurement/tenders/${demoTenderId}`,
    `/procurement/tenders/${demoTenderId}/results`,
    `/procurement/tenders/${panelTenderId}`,
    '/procurement/tenders/new',
    '/procurement/evaluation',
    '/procurement/import',
  ],
  expert1: ['/expert', `/expert/tenders/${demoTenderId}`, `/expert/tenders/${demoTenderId}/lots/1`],
  bureau: ['/bureau', `/bureau/contracts/${contractId}`, '/bureau/assessments', `/bureau/assessments/${assessmentId}`, '/bureau/reports'],
  'insurer-e': ['/insurer', '/insurer/contracts', '/insurer/reports', '/insurer/assessments', `/insurer/assessments/${assessmentId}`],
});

/** The page's text with every tab shown in turn (tabs render their content only when selected). */
async function pageTexts(page) {
  const texts = [await page.innerText('body')];
  const tabs = await page.$$('.ant-tabs-tab, [role="tab"]');
  for (const tab of tabs) {
    await tab.click();
    await page.waitForLoadState('networkidle');
    texts.push(await page.innerText('body'));
  }
  return texts.join('\n');
}

const shotName = (user, path) => `${user}${path.replace(/\//g, '_')}.png`;

for (const user of ['admin', 'secadmin', 'auditor', 'clerk', 'expert1', 'bureau', 'insurer-e']) {
  test(`${user}: Chinese only and no sideways scrolling at 1024×768`, async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    page.on('dialog', (d) => d.dismiss());
    try {
      await loginInBrowser(page, server.url, user);
      const found = {};
      const overflowing = [];
      const nativeInputs = {};
      for (const path of PAGES()[user]) {
        await page.goto(`${server.url}${path}`);
        await page.waitForSelector('h1');
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: join(shots, shotName(user, path)), fullPage: true });
        const width = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (width > 1) overflowing.push(`${path} (+${width}px)`);
        const leaked = leaks(await pageTexts(page));
        if (leaked.length) found[path] = leaked;
        const native = await visibleFileInputs(page);
        if (native.length) nativeInputs[path] = native;
      }
      assert.deepEqual(found, {}, 'English words on the pages');
      assert.deepEqual(overflowing, [], 'pages wider than the tablet');
      assert.deepEqual(nativeInputs, {}, 'native file inputs (English "Choose File")');
    } finally {
      await page.close();
    }
  });
}

async function printedText(call, path) {
  // A printed document answers 202 while it is being printed.
  for (let i = 0; i < 480; i++) {
    const res = await call(path);
    if (res.status === 200) {
      return pdfText(await res.arrayBuffer());
    }
    assert.equal(res.status, 202, `${path}: ${res.status} ${await res.text()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${path} was not printed in time`);
}

async function rawCaller(username) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo#2026' }),
  });
  const { accessToken } = await res.json();
  return (path) => fetch(`${server.url}/api${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
}

test('the contract, the evaluation report and the assessment reports are in Chinese only', async () => {
  const clerk = await rawCaller('clerk');
  const bureau = await rawCaller('bureau');
  const found = {};
  for (const [call, path] of [
    [bureau, `/contracts/${contractId}/pdf`],
    [clerk, `/tenders/${demoTenderId}/evaluation-report.pdf`],
    [bureau, `/assessments/${assessmentId}/report.pdf`],
  ]) {
    const leaked = leaks(await printedText(call, path));
    if (leaked.length) found[path] = leaked;
  }
  assert.deepEqual(found, {});
});

test('a failed request shows the Chinese message of each field, and the banner clears after a later success', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await loginInBrowser(page, server.url, 'admin');
    await page.goto(`${server.url}/admin/holidays`);
    await page.waitForSelector('h1');
    await page.click('#add-holiday');
    await page.waitForSelector('.form-error');
    const messages = await page.locator('.field-error').allInnerTexts();
    assert.ok(messages.length > 0, 'each bad field has its message');
    for (const m of messages) assert.match(m, /[\u4e00-\u9fff]/);
    const banner = await page.innerText('.form-error');
    assert.deepEqual(leaks(banner), [], banner);
    await page.screenshot({ path: join(shots, 'admin_holidays-error-1280.png'), fullPage: true });
    // A day no holiday schedule has: the add succeeds.
    await page.fill('#holiday-date', `${new Date().getFullYear()}-08-18`);
    await page.fill('#holiday-name', '演练假日');
    await page.click('#add-holiday');
    await page.waitForFunction(() => document.querySelector('[role="status"], .form-error'));
    assert.equal(await page.$('.form-error'), null, 'the banner is gone after the success');
    assert.match(await page.innerText('[role="status"]'), /已添加/);
    assert.deepEqual(await page.locator('.field-error').allInnerTexts(), []);
  } finally {
    await page.close();
  }
});

test('the expert scores on a tablet: the sheet fits, every input is labelled and Tab goes from score to score', async () => {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  try {
    await loginInBrowser(page, server.url, 'expert1');
    await page.goto(`${server.url}/expert/tenders/${panelTenderId}`);
    await page.click('#declare-none');
    await page.click('#submit-declaration');
    await page.click('#confirm-declaration');
    await page.waitForSelector('a.sheet-link');
    await page.goto(`${server.url}/expert/tenders/${panelTenderId}/lots/1`);
    await page.waitForSelector('input.score-input');
    await page.screenshot({ path: join(shots, 'expert1_score-sheet-tablet.png'), fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(width <= 1, `the sheet is ${width}px wider than the tablet`);
    const unlabelled = await page.$$eval('main input, main textarea, main select', (inputs) =>
      inputs
        .filter((i) => i.type !== 'hidden' && !i.closest('label') && !i.getAttribute('aria-label') && !i.getAttribute('aria-labelledby'))
        .filter((i) => !(i.id && document.querySelector(`label[for="${i.id}"]`)))
        .map((i) => i.outerHTML.slice(0, 120)),
    );
    assert.deepEqual(unlabelled, []);
    const first = page.locator('input.score-input').first();
    await first.focus();
    await first.fill('3');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('score-input')), true);
    // Enter goes down the column, as on the desktop: the nz-input scores keep the sheet's keyboard model.
    await first.focus();
    await page.keyboard.press('Enter');
    const at = () =>
      page.evaluate(() => [document.activeElement?.getAttribute('data-row'), document.activeElement?.getAttribute('data-col')]);
    assert.deepEqual(await at(), ['1', '0']);
    await page.keyboard.press('ArrowUp');
    assert.deepEqual(await at(), ['0', '0']);
  } finally {
    await page.close();
  }
});

test('the tender page shows the procedure: its steps, where the tender stands and who acts next', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await loginInBrowser(page, server.url, 'clerk');
    await page.goto(`${server.url}/procurement/tenders/${demoTenderId}`);
    await page.waitForSelector('#procedure-steps');
    const titles = await page.locator('#procedure-steps .ant-steps-item-title').allInnerTexts();
    assert.deepEqual(
      titles.map((t) => t.trim()),
      ['起草', '发布', '截止', '开标', '资格审查', '评标', '定标'],
    );
    // The demo tender's award is confirmed: the last step is reached, the bureau signs the contracts next.
    assert.equal((await page.innerText('#procedure-steps .ant-steps-item-finish:last-child .ant-steps-item-title')).trim(), '定标');
    assert.match(await page.innerText('#procedure-next'), /医保局/);
    await page.screenshot({ path: join(shots, 'clerk_procedure-1280.png'), fullPage: false });
  } finally {
    await page.close();
  }
});
