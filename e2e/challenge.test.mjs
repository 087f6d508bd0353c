// Issue 13 in the browser: after the award is confirmed, an insurer of a bidder files a challenge (质疑)
// on its results page within the challenge period; procurement answers it on the tender's results; the
// insurer reads the answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './server.mjs';
import { apiLogin, clickConfirmed, exampleDossier, loginInBrowser } from './api.mjs';
import { choose } from './walk.mjs';

let server;
let browser;
let tenderId;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const clerk = await apiLogin(server.url, 'clerk');
  const dossier = exampleDossier();
  dossier.tender.code = 'E2E-CHALLENGE';
  ({ tenderId } = await clerk('POST', '/dossiers', dossier));
  await clerk('POST', `/tenders/${tenderId}/evaluation/confirm`);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the insurer files a challenge on a lot during the challenge period', async () => {
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'insurer');
    const section = `.challenges[data-tender="${tenderId}"]`;
    await page.waitForSelector(`${section} .challenge-input`);
    assert.match(await page.textContent(`${section} .challenge-period`), /质疑期内/);
    await choose(page, page.locator(`#challenge-lot-${tenderId}`), '标包 1');
    await page.fill(`${section} .challenge-input`, '第一包中标人业绩材料与事实不符');
    await page.click(`${section} .file-challenge`);
    await page.waitForSelector(`${section} .challenge[data-status="filed"]`);
    assert.match(await page.textContent(`${section} .challenge`), /待答复/);
  } finally {
    await page.close();
  }
});

test('procurement answers it on the results, and the insurer reads the answer', async () => {
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'clerk');
    await page.goto(`${server.url}/procurement/tenders/${tenderId}/results`);
    await page.waitForSelector('.challenge-row[data-status="filed"]');
    assert.match(await page.textContent('.challenges-panel .challenge-period'), /有待答复的质疑/);
    await choose(page, page.locator('.challenge-row .answer-outcome input'), '质疑不成立');
    await page.fill('.challenge-row .answer-reason', '经核实，业绩材料真实有效，质疑不成立');
    // Asked first: the answer cannot be changed.
    await clickConfirmed(page, '.challenge-row .answer-challenge');
    await page.waitForSelector('.challenge-row[data-status="rejected"]');
  } finally {
    await page.close();
  }
  const insurer = await browser.newPage();
  try {
    await loginInBrowser(insurer, server.url, 'insurer');
    await insurer.waitForSelector(`.challenges[data-tender="${tenderId}"] .challenge-answer`);
    assert.match(await insurer.textContent(`.challenges[data-tender="${tenderId}"] .challenge-answer`), /质疑不成立/);
  } finally {
    await insurer.close();
  }
});
