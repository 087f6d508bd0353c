// Issue 13 in the browser: an insurer submits an encrypted electronic bid on its tender page and gets
// its receipt; before the opening the clerk cannot read the figures — not on the page, not through the
// API, and no table of the database holds them (SELECT); the clock opens the tender and they appear.
// The deadline is set far enough ahead for a slow machine to submit in time; once the bids are in, the
// test moves it (and the opening time) into the past rather than waiting for it, as the clock would see
// after the real wait.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { startServer, launchBrowser, daysAgo } from './server.mjs';
import { apiLogin, exampleDossier, loginInBrowser, clickConfirmed } from './api.mjs';

/** A's unit price on lot 1 and what it makes (× 3,994,965 + 800,000 fixed): figures found nowhere else. */
const UNIT_PRICE = '1.11';
const SERVICE_TOTAL = '4434411.15';
const TOTAL = '5234411.15';
const FIGURES = [SERVICE_TOTAL, TOTAL, '4,434,411.15', '5,234,411.15'];

let server;
let browser;
let tenderId;
let deadline;

/** An electronic bid submitted through the API by the bidder's staff, as the browser's form would. */
async function submitAs(username, bid) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo#2026' }),
  });
  const { accessToken } = await res.json();
  const form = new FormData();
  const {
    bidder: _b,
    lot,
    submittedFromIp: _ip,
    qualification: _q,
    compliance: _c,
    facts: _f,
    priceCorrectionAccepted: _p,
    ...figures
  } = bid;
  form.append('bid', JSON.stringify(figures));
  const r = await fetch(`${server.url}/api/tenders/${tenderId}/lots/${lot}/electronic-bid`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    body: form,
  });
  assert.equal(r.status, 201, await r.text());
}

before(async () => {
  server = await startServer({ TENDER_CLOCK_SECONDS: '1' });
  browser = await launchBrowser();
  const clerk = await apiLogin(server.url, 'clerk');
  const d = exampleDossier();
  // Deadline and opening a little ahead: the bids go in before, the clock opens the tender after.
  deadline = Date.now() + 75_000;
  const tender = {
    ...d.tender,
    code: 'E2E-ELECTRONIC',
    bidDeadline: new Date(deadline).toISOString(),
    openingTime: new Date(deadline + 5_000).toISOString(),
  };
  ({ id: tenderId } = await clerk('POST', '/tenders', tender));
  for (const scheme of d.schemes) await clerk('POST', `/tenders/${tenderId}/schemes`, scheme);
  for (const lot of d.lots) await clerk('POST', `/tenders/${tenderId}/lots`, lot);
  for (const bidder of d.bidders) await clerk('POST', `/tenders/${tenderId}/bidders`, bidder);
  await clerk('POST', `/tenders/${tenderId}/publish`);
  for (const code of ['B', 'C']) {
    await submitAs(
      code === 'B' ? 'insurer2' : 'insurer-c',
      d.bids.find((b) => b.bidder === code && b.lot === '1'),
    );
  }
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the insurer submits its bid in the browser, sealed, and gets the receipt', async () => {
  const page = await browser.newPage();
  page.on('dialog', (dialog) => dialog.accept());
  try {
    await loginInBrowser(page, server.url, 'insurer');
    await page.click('.bid-link');
    const lot = '.lot-bid[data-lot="1"]';
    await page.waitForSelector(`${lot} .bid-unit-price`);
    await page.fill(`${lot} .bid-unit-price`, UNIT_PRICE);
    // The capitals are prefilled from the figures (and stay editable).
    assert.equal(await page.inputValue(`${lot} .bid-service-total`), SERVICE_TOTAL);
    assert.equal(await page.inputValue(`${lot} .bid-total`), TOTAL);
    assert.equal(await page.inputValue(`${lot} .bid-capitals`), '伍佰贰拾叁万肆仟肆佰壹拾壹元壹角伍分');
    await page.setInputFiles(`${lot} .bid-documents input[type=file]`, [
      { name: '投标文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% e2e-bid-document\n') },
    ]);
    await clickConfirmed(page, `${lot} .submit-bid`);
    await page.waitForSelector('.bid-receipt .receipt-hash');
    assert.match(await page.textContent('.bid-receipt .receipt-hash'), /^[0-9a-f]{64}$/);
    assert.match(await page.textContent('.bid-receipt .receipt-status'), /已递交（密封）/);
    await page.waitForSelector(`${lot} .current-bid`);
    assert.ok(Date.now() < deadline, 'submitted before the deadline');
  } finally {
    await page.close();
  }
});

test('before the opening the clerk sees the receipt but no figure: page, API, database', async () => {
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'clerk');
    await page.goto(`${server.url}/procurement/tenders/${tenderId}`);
    await page.click('#tab-bids');
    await page.waitForSelector('.received-envelope[data-bidder="A"]');
    const shown = await page.textContent('main');
    for (const figure of [UNIT_PRICE, ...FIGURES]) assert.ok(!shown.includes(figure), `the page shows ${figure}`);
  } finally {
    await page.close();
  }
  const clerk = await apiLogin(server.url, 'clerk');
  assert.deepEqual(await clerk('GET', `/tenders/${tenderId}/bids`), []);
  const received = JSON.stringify(await clerk('GET', `/tenders/${tenderId}/received-bids`));
  for (const figure of FIGURES) assert.ok(!received.includes(figure));
  const db = new Database(server.dbFile, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}"`).all();
      const text = JSON.stringify(rows, (_k, v) => (v && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v));
      for (const figure of [...FIGURES, 'e2e-bid-document']) assert.ok(!text.includes(figure), `table ${name} holds ${figure}`);
    }
  } finally {
    db.close();
  }
});

test('the clock opens the tender and the figures appear to the clerk', async () => {
  await server.sql('UPDATE tenders SET bidDeadline = ?, openingTime = ? WHERE id = ?', [daysAgo(2 / 1440), daysAgo(1 / 1440), tenderId]);
  const clerk = await apiLogin(server.url, 'clerk');
  for (let i = 0; i < 150; i++) {
    if ((await clerk('GET', `/tenders/${tenderId}`)).status === 'opened') break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'clerk');
    await page.goto(`${server.url}/procurement/tenders/${tenderId}`);
    await page.click('#tab-bids');
    await page.waitForSelector('.opened-bid[data-bidder="A"]');
    const row = await page.textContent('.opened-bid[data-bidder="A"]');
    assert.match(row, new RegExp(UNIT_PRICE.replace('.', '\\.')));
    assert.match(row, /5,234,411\.15/);
  } finally {
    await page.close();
  }
});
