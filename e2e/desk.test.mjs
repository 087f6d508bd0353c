// Issue 15 in the browser: the opening tells the bidders. The insurer's bell shows the unread
// notification, its home page's desk the opening line to confirm; opening the notification marks it
// read and goes to its bids.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { startServer, launchBrowser } from './server.mjs';
import { apiLogin, exampleDossier, loginInBrowser } from './api.mjs';

/** The figures of an electronic bid as its bidder submits them. */
const SUBMITTED = ['unitPrice', 'serviceTotal', 'fixedComponents', 'total', 'totalCapitals', 'rate', 'deficitShare'];

let server;
let browser;
let tenderId;

before(async () => {
  server = await startServer({ TENDER_CLOCK_SECONDS: '3600' });
  browser = await launchBrowser();
  const clerk = await apiLogin(server.url, 'clerk');
  const d = exampleDossier();
  ({ id: tenderId } = await clerk('POST', '/tenders', {
    ...d.tender,
    code: 'E2E-DESK',
    name: '桌面测试长期护理保险经办项目',
    bidDeadline: '2099-03-01T09:30:00+08:00',
    openingTime: '2099-03-01T10:00:00+08:00',
  }));
  for (const scheme of d.schemes) await clerk('POST', `/tenders/${tenderId}/schemes`, scheme);
  for (const lot of d.lots) await clerk('POST', `/tenders/${tenderId}/lots`, lot);
  for (const bidder of d.bidders) await clerk('POST', `/tenders/${tenderId}/bidders`, bidder);
  await clerk('POST', `/tenders/${tenderId}/publish`);
  const staff = { A: 'insurer', B: 'insurer2', C: 'insurer-c' };
  for (const bid of d.bids.filter((b) => ['A', 'B', 'C'].includes(b.bidder) && b.lot === '1')) {
    const figures = Object.fromEntries(SUBMITTED.filter((k) => k in bid).map((k) => [k, bid[k]]));
    const form = new FormData();
    form.append('bid', JSON.stringify(figures));
    const { accessToken } = await (
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: staff[bid.bidder], password: 'Demo#2026' }),
      })
    ).json();
    const r = await fetch(`${server.url}/api/tenders/${tenderId}/lots/1/electronic-bid`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    });
    assert.equal(r.status, 201, await r.text());
  }
  const db = new Database(server.dbFile);
  const ago = (ms) => new Date(Date.now() - ms).toISOString();
  db.prepare('UPDATE tenders SET bidDeadline = ?, openingTime = ? WHERE id = ?').run(ago(120_000), ago(60_000), tenderId);
  db.close();
  await clerk('POST', `/tenders/${tenderId}/open`);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the insurer sees the opening on its bell and its desk; opening the notification marks it read', async () => {
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'insurer');
    const bell = '#notification-bell';
    await page.waitForSelector(`${bell}[aria-label="站内消息，1条未读"]`);
    const task = '.desk-item[data-kind="opening-line-to-confirm"]';
    await page.waitForSelector(task);
    assert.match(await page.textContent(task), /开标记录待确认.*桌面测试长期护理保险经办项目/s);
    assert.equal(await page.getAttribute(`${task} a`, 'href'), '/insurer/bids');

    await page.click(bell);
    const item = '.notification[data-kind="opening-done"]';
    await page.waitForSelector(`${item}.unread`);
    assert.match(await page.textContent(item), /已开标\s*桌面测试长期护理保险经办项目/);
    await page.click(`${item} .notification-link`);
    await page.waitForURL((u) => u.pathname === '/insurer/bids');
    await page.waitForSelector(`${bell}[aria-label="站内消息，0条未读"]`);
  } finally {
    await page.close();
  }
});

test('the clerk who opened is not told; its desk has no opening due for the tender', async () => {
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'clerk');
    await page.waitForSelector('#notification-bell[aria-label="站内消息，0条未读"]');
    await page.waitForSelector('.desk');
    assert.doesNotMatch(await page.textContent('.desk'), /待开标[^]*桌面测试/);
  } finally {
    await page.close();
  }
});
