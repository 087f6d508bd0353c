// Issue 13 in the browser: the clerk opens the bids (开标) at the opening time; the insurer confirms its
// line of lot 1 and disputes its line of lot 2 within the window; the clerk answers the dispute and
// corrects the line, the figures before and after kept on the record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { startServer, launchBrowser } from './server.mjs';
import { apiLogin, exampleDossier, loginInBrowser, clickConfirmed } from './api.mjs';

/** The figures of an electronic bid as its bidder submits them (the review comes after opening). */
const SUBMITTED = ['unitPrice', 'serviceTotal', 'fixedComponents', 'total', 'totalCapitals', 'rate', 'deficitShare'];

let server;
let browser;
let tenderId;

before(async () => {
  // The clock stays out of it: the clerk opens.
  server = await startServer({ TENDER_CLOCK_SECONDS: '3600' });
  browser = await launchBrowser();
  const clerk = await apiLogin(server.url, 'clerk');
  const d = exampleDossier();
  ({ id: tenderId } = await clerk('POST', '/tenders', {
    ...d.tender,
    code: 'E2E-OPENING',
    bidDeadline: '2099-03-01T09:30:00+08:00',
    openingTime: '2099-03-01T10:00:00+08:00',
  }));
  for (const scheme of d.schemes) await clerk('POST', `/tenders/${tenderId}/schemes`, scheme);
  for (const lot of d.lots) await clerk('POST', `/tenders/${tenderId}/lots`, lot);
  for (const bidder of d.bidders) await clerk('POST', `/tenders/${tenderId}/bidders`, bidder);
  await clerk('POST', `/tenders/${tenderId}/publish`);
  // Each bidder's own staff submit their electronic bids (the demo insurers of A, B and C).
  const staff = { A: 'insurer', B: 'insurer2', C: 'insurer-c' };
  for (const bid of d.bids.filter((b) => ['A', 'B', 'C'].includes(b.bidder) && ['1', '2'].includes(b.lot))) {
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
    const r = await fetch(`${server.url}/api/tenders/${tenderId}/lots/${bid.lot}/electronic-bid`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    });
    assert.equal(r.status, 201, await r.text());
  }
  // Time passes: the deadline and the opening time are behind us.
  const db = new Database(server.dbFile);
  const ago = (ms) => new Date(Date.now() - ms).toISOString();
  db.prepare('UPDATE tenders SET bidDeadline = ?, openingTime = ? WHERE id = ?').run(ago(120_000), ago(60_000), tenderId);
  db.close();
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
    await page.check(`${disputed} .correct-line`);
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
    await page.waitForSelector('.alert');
    assert.match(await page.textContent('.alert'), /开标记录确认期至/);
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
