// Issue 4 in the browser: three experts declare, score every lot and submit; procurement then
// confirms the award and sees the winners and the set-aside bidders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './server.mjs';
import { apiLogin, exampleDossier, loginInBrowser, clickConfirmed } from './api.mjs';

let server;
let browser;
let tenderId;
const example = exampleDossier();

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const clerk = await apiLogin(server.url, 'clerk');
  const dossier = { ...exampleDossier(), scores: [], panel: example.panel.slice(0, 3) };
  dossier.tender.code = 'E2E-PANEL';
  ({ tenderId } = await clerk('POST', '/dossiers', dossier));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const [username, code] of [
  ['expert1', 'E1'],
  ['expert2', 'E2'],
  ['expert3', 'E3'],
]) {
  test(`${username} declares no conflict, scores every lot and submits`, async () => {
    const page = await browser.newPage();
    try {
      await loginInBrowser(page, server.url, username);
      await page.goto(`${server.url}/expert/tenders/${tenderId}`);
      await page.click('#declare-none');
      await page.click('#submit-declaration');
      await page.click('#confirm-declaration');
      await page.waitForSelector('a.sheet-link');
      for (const lot of ['1', '2', '3']) {
        await page.goto(`${server.url}/expert/tenders/${tenderId}/lots/${lot}`);
        await page.waitForSelector('input.score-input');
        // Columns are bids: map each bidder code to its bid id from the column heads.
        const bidOf = Object.fromEntries(
          await page.$$eval('th.bid-head', (ths) => ths.map((th) => [th.querySelector('.code').textContent.trim(), th.dataset.bid])),
        );
        assert.deepEqual(Object.keys(bidOf).sort(), ['A', 'B', 'C', 'D', 'E']);
        for (const s of example.scores.filter((x) => x.expert === code && x.lot === lot)) {
          await page.fill(`input.score-input[data-bid="${bidOf[s.bidder]}"][data-criterion="${s.criterion}"]`, String(s.value));
        }
        await page.click('#save-sheet');
        await page.click('#submit-sheet');
        await page.click('#confirm-submit');
        await page.waitForFunction(() => document.querySelector('#sheet-status')?.textContent?.includes('已提交'));
      }
    } finally {
      await page.close();
    }
  });
}

test('procurement confirms the award and sees winners and set-aside bidders', async () => {
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'clerk');
    await page.goto(`${server.url}/procurement/tenders/${tenderId}/results`);
    await page.waitForSelector('.lot-result[data-lot="1"]');
    page.once('dialog', (d) => d.accept());
    await clickConfirmed(page, '#confirm-award');
    await page.waitForSelector('.results-title nz-tag:has-text("已确认定标")');
    const winners = await page.$$eval('.lot-result', (lots) =>
      lots.map((l) => [l.dataset.lot, l.querySelector('.lot-winner')?.textContent ?? '']),
    );
    assert.deepEqual(
      winners.map(([lot]) => lot),
      ['1', '2', '3'],
    );
    assert.match(winners[0][1], /戊康/);
    assert.match(winners[1][1], /丙泰/);
    assert.match(winners[2][1], /丁盛/);
    const setAside = await page.$$eval('.lot-result[data-lot="3"] .set-aside li', (lis) => lis.map((li) => li.textContent));
    assert.equal(setAside.length, 2);
    assert.ok(setAside.some((t) => t.includes('丙泰') || t.includes('C')));
  } finally {
    await page.close();
  }
});
