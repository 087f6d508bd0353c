// Issue 15 in the browser: the opening tells the bidders. The insurer's bell shows the unread
// notification, its home page's desk the opening line to confirm; opening the notification marks it
// read and goes to its bids.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './server.mjs';
import { loginInBrowser, tenderReadyToOpen } from './api.mjs';

let server;
let browser;
let tenderId;

before(async () => {
  server = await startServer({ TENDER_CLOCK_SECONDS: '3600' });
  browser = await launchBrowser();
  const { tenderId: id, clerk } = await tenderReadyToOpen(server, { code: 'E2E-DESK', name: '桌面测试长期护理保险经办项目' }, ['1']);
  tenderId = id;
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
