// Contract kinds in the browser: the bureau draws up the premium-fund contract of a rate-priced lot
// (seed 000 style) — the form asks for the funding standard, the allowance rate comes from the winning
// bid — and the contract page shows the fund, the allowance and the schedule's payments.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser } from './server.mjs';
import { apiLogin, awardConfirmedLongAgo, loginInBrowser } from './api.mjs';
import { choose } from './walk.mjs';

let server;
let browser;
let tenderId;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const clerk = await apiLogin(server.url, 'clerk');
  const dossier = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'backend', 'test', 'fixtures', 'shenyang-rate-consortium.json'), 'utf8'),
  );
  // Bought here by the demo bureau's organisation, so that its official (`bureau`) reaches the tender's contracts.
  dossier.tender.purchaser = '宁波市医疗保障局';
  ({ tenderId } = await clerk('POST', '/dossiers', dossier));
  await awardConfirmedLongAgo(server, clerk, tenderId);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the bureau draws up a premium-fund contract: funding standard asked, fund and allowance shown', async () => {
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'bureau');
    await page.goto(`${server.url}/bureau`);
    await choose(page, page.locator('#contract-tender'), 'SYDB-2024-F2 ');
    await page.waitForSelector('#contract-fund-standard');
    assert.match(await page.textContent('.contract-kind'), /保费基金/);
    // The buyer's place would pick its schedule; the tender is bought here by Ningbo's bureau, so 沈阳's is chosen.
    await choose(page, page.locator('#contract-schedule'), '沈阳大病保险');
    await page.click('#create-contract');
    // Without the funding standard the request is refused, the error under that field.
    const fundError = 'nz-form-item:has(#contract-fund-standard) .ant-form-item-explain-error';
    await page.waitForSelector(fundError);
    assert.match(await page.textContent(fundError), /必填/);
    await page.fill('#contract-fund-standard', '90');
    await page.click('#create-contract');
    await page.waitForURL(/\/bureau\/contracts\/\d+$/);
    await page.waitForSelector('.amounts .fund');
    // 90 × 2,040,000 = 183,600,000.00; P's rate 3.5%: 6,426,000.00; 85% in the first quarter: 156,060,000.00.
    assert.equal((await page.textContent('.amounts .fund .num')).trim(), '183,600,000.00');
    assert.equal((await page.textContent('.amounts .fund .capitals')).trim(), '壹亿捌仟叁佰陆拾万元整');
    assert.equal((await page.textContent('.amounts .allowance .num')).trim(), '6,426,000.00');
    assert.equal(await page.$('.unit-price'), null);
    const rows = await page.$$eval('tr.milestone', (trs) =>
      trs.map((tr) => [tr.querySelector('.share')?.textContent?.trim(), tr.querySelector('.amount')?.textContent?.trim()]),
    );
    assert.deepEqual(
      rows.map(([basis, amount]) => [basis, amount.split(/\s/)[0]]),
      [
        ['年度资金的85%', '156,060,000.00'],
        ['按年度清算', '按清算结果'],
      ],
    );
  } finally {
    await page.close();
  }
});
