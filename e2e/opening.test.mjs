// Issue 13 in the browser: the clerk opens the bids (开标) at the opening time; the insurer confirms its
// line of lot 1 and disputes its line of lot 2 within the window; the clerk answers the dispute and
// corrects the line, the figures before and after kept on the record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './server.mjs';
import { apiLogin, loginInBrowser, tenderReadyToOpen, clickConfirmed } from './api.mjs';
import { tick } from './walk.mjs';

let server;
let browser;
let tenderId;

before(async () => {
  // The clock stays out of it: the clerk opens.
  server = await startServer({ TENDER_CLOCK_SECONDS: '3600' });
  browser = await launchBrowser();
  // Each bidder's own staff submit their electronic bids on lots 1 and 2; the deadline then passes.
  ({ tenderId } = await tenderReadyToOpen(server, { code: 'E2E-OPENING' }, ['1', '2']));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const line = (bidder, lot) => `.opening-line[data-bidder="${bidder}"][data-lot="${lot}"]`;

test('the clerk opens the bids: the opening sheet of each lot, every line pending, the countdown running', async () => {
  const page = await browser.newPage();
  page.on('dialog', (d) => d.accept());
  try {
    await loginInBrowser(page, server.url, 'clerk');
    await page.goto(`${server.url}/procurement/tenders/${tenderId}`);
    await clickConfirmed(page, '#open-bids');
    await page.waitForSelector(`${line('C', '2')}[data-status="pending"]`);
    assert.match(await page.textContent('#tender-status'), /已开标/);
    assert.equal(await page.locator('.opening-line').count(), 6);
    assert.match(await page.textContent('#opening-countdown'), /剩余 (29|30):\d\d/);
    assert.match(await page.textContent(line('A', '2')), /2,893,839\.24/);
  } finally {
    await page.close();
  }
});

test('the insurer confirms its line of lot 1 and disputes its line of lot 2', async () => {
  const page = await browser.newPage();
  page.on('dialog', (d) => d.accept());
  try {
    await loginInBrowser(page, server.url, 'insurer');
    const record = `.opening-record[data-tender="${tenderId}"]`;
    await page.waitForSelector(`${record} ${line('A', '1')} .confirm-line`);
    // Its own lines only.
    assert.equal(await page.locator(`${record} .opening-line`).count(), 2);
    await clickConfirmed(page, `${record} ${line('A', '1')} .confirm-line`);
    await page.waitForSelector(`${record} ${line('A', '1')}[data-status="confirmed"]`);
    await page.fill(`${record} ${line('A', '2')} .dispute-input`, '投标文件单价为1.15元/人/年，开标一览表读作1.16');
    await page.click(`${record} ${line('A', '2')} .dispute-line`);
    await page.waitForSelector(`${record} ${line('A', '2')}[data-status="disputed"]`);
    assert.match(await page.textContent(`${record} ${line('A', '2')}`), /有异议待答复/);
  } finally {
    await page.close();
  }
});

test('the clerk answers the dispute and corrects the line; the correction keeps the figures before and after', async () => {
  const page = await browser.newPage();
  page.on('dialog', (d) => d.accept());
  try {
    await loginInBrowser(page, server.url, 'clerk');
    await page.goto(`${server.url}/procurement/tenders/${tenderId}`);
    await page.click('#tab-opening');
    const disputed = `${line('A', '2')}[data-status="disputed"]`;
    await page.waitForSelector(disputed);
    assert.match(await page.textContent('#opening-unanswered'), /1 项异议待答复/);
    assert.match(await page.textContent(`${line('A', '1')} .line-status`), /已确认/);
    await page.fill(`${disputed} .answer-input`, '经核对投标文件，异议成立，更正单价');
    await tick(page, `${disputed} .correct-line`);
    await page.fill(`${disputed} .correction-unitPrice`, '1.15');
    await page.fill(`${disputed} .correction-serviceTotal`, '2581392.35');
    await page.fill(`${disputed} .correction-total`, '2871392.35');
    await page.fill(`${disputed} .correction-totalCapitals`, '贰佰捌拾柒万壹仟叁佰玖拾贰元叁角伍分');
    await clickConfirmed(page, `${disputed} .answer-line`);
    const answered = `${line('A', '2')}[data-status="answered"]`;
    await page.waitForSelector(answered);
    assert.match(await page.textContent(`${answered} .line-correction`), /单价 1\.16 → 1\.15，总价 2,893,839\.24 → 2,871,392\.35/);
    assert.match(await page.textContent(answered), /2,871,392\.35/);
    // The review waits for the window's end.
    await page.click('#advance');
    await page.waitForSelector('nz-alert[role="alert"]');
    assert.match(await page.textContent('nz-alert[role="alert"]'), /开标记录确认期至/);
  } finally {
    await page.close();
  }
});

test('the clerk enters the facts of a bid in the review form, one labelled input per fact of the lot’s scheme', async () => {
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'clerk');
    await page.goto(`${server.url}/procurement/tenders/${tenderId}`);
    await page.click('#tab-bids');
    const lot = '.lot-bids[data-lot="1"]';
    await page.click(`${lot} .opened-bid[data-bidder="A"] .review-toggle`);
    const fact = (code) => `${lot} .bid-fact[data-fact="${code}"]`;
    await page.waitForSelector(fact('penalties'));
    // Labelled from the fact catalogue, with the unit; a yes/no is a switch.
    assert.equal((await page.textContent(`${fact('penalties')} label`)).trim(), '近三年行政处罚次数（次）');
    assert.equal((await page.textContent(`${fact('solvencyRatio')} label`)).trim(), '偿付能力充足率（%）');
    assert.equal((await page.textContent(`${fact('ningboExperience')} label`)).trim(), '具有本市长护险经办经验');
    await page.getByLabel('近三年行政处罚次数（次）').fill('2');
    await page.getByLabel('偿付能力充足率（%）').fill('205.5');
    await page.click(`${fact('ningboExperience')} button.ant-switch`);
    await page.click(`${lot} .review-save`);
    await page.waitForSelector(`${lot} .review-notice`);
    const clerk = await apiLogin(server.url, 'clerk');
    const bid = (await clerk('GET', `/tenders/${tenderId}/bids`)).find((b) => b.bidder === 'A' && b.lot === '1');
    assert.deepEqual(
      { penalties: bid.facts.penalties, solvencyRatio: bid.facts.solvencyRatio, ningboExperience: bid.facts.ningboExperience },
      { penalties: 2, solvencyRatio: 205.5, ningboExperience: true },
    );
  } finally {
    await page.close();
  }
});
