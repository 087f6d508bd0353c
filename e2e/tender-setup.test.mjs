// Issue 3 in the browser: a clerk creates a tender with a scheme, three lots and a bidder,
// publishes it and receives a sealed paper envelope, which shows without any amount.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './server.mjs';
import { loginInBrowser } from './api.mjs';
import { choose, typeDateTime } from './walk.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const LOTS = [
  { no: '1', name: '中心片区', regions: '海曙区、江北区', population: '3994965', maxUnit: '1.23', maxBudget: '4870000.00' },
  { no: '2', name: '北部片区', regions: '慈溪市、余姚市', population: '2244689', maxUnit: '1.23', maxBudget: '2750000.00' },
  { no: '3', name: '南部片区', regions: '奉化区、宁海县、象山县', population: '1618201', maxUnit: '1.48', maxBudget: '2380000.00' },
];

test('a clerk creates a tender with three lots and receives a sealed paper bid', async () => {
  const page = await browser.newPage();
  page.on('dialog', (d) => d.accept());
  try {
    await loginInBrowser(page, server.url, 'clerk');
    await page.click('#new-tender');
    await page.fill('#tender-code', 'E2E-2027-001');
    await page.fill('#tender-name', '2027年度长期护理保险委托经办服务采购项目');
    await page.fill('#tender-purchaser', '宁波市医疗保障局');
    await page.fill('#tender-agency', '宁波市政府采购中心');
    const year = new Date().getFullYear() + 1;
    await typeDateTime(page, '#tender-deadline', `${year}-06-30 09:30`);
    await typeDateTime(page, '#tender-opening', `${year}-06-30 09:30`);
    await page.fill('#tender-price-weight', '10');
    // Paper bids: the clerk receives sealed envelopes; their amounts are read aloud only at the opening.
    await choose(page, page.locator('#tender-bid-submission'), '纸质投标');
    // Enter confirmed the typed times in the pickers; it did not submit the half-filled form.
    await page.waitForLoadState('networkidle');
    assert.equal(await page.$('.form-error'), null);
    await page.click('#save-tender');
    await page.waitForSelector('#tender-status');
    assert.equal((await page.textContent('#tender-status')).trim(), '草稿');

    await page.click('#tab-schemes');
    await page.fill('#scheme-code', 'S1');
    await page.fill('#scheme-name', '评分表');
    const row = page.locator('tr.criterion-row').nth(1);
    await row.locator('.criterion-category').fill('服务方案');
    await row.locator('.criterion-name').fill('总体服务方案');
    await row.locator('.criterion-max').fill('84');
    await choose(page, row.locator('.criterion-kind input'), '主观分');
    // An objective criterion: its rule built from choices, read back in words and tried on a sample.
    await page.click('#add-criterion');
    const objective = page.locator('tr.criterion-row').nth(2);
    await objective.locator('.criterion-category').fill('合规经营');
    await objective.locator('.criterion-name').fill('行政处罚');
    await objective.locator('.criterion-max').fill('6');
    await choose(page, objective.locator('.criterion-kind input'), '客观分');
    const builder = page.locator('tr.criterion-rule-row app-rule-builder');
    await choose(page, builder.getByLabel('计分方式'), '按数量扣分');
    await choose(page, builder.getByLabel('评分事实'), '近三年行政处罚次数（次）');
    await builder.getByLabel('起始分值').fill('6');
    await builder.getByLabel('每单位扣分').fill('0');
    // A message that no longer applies fades out: wait for the ones that stay.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('app-rule-builder .ant-form-item-explain-error')].map((e) => e.textContent.trim()).join() ===
        '必须大于0',
    );
    await builder.getByLabel('每单位扣分').fill('2');
    assert.equal((await builder.locator('.rule-sentence').innerText()).trim(), '6 分起，每项行政处罚扣 2 分，扣完为止');
    await builder.getByLabel('近三年行政处罚次数（次）').fill('1');
    assert.equal((await builder.locator('.preview-points').innerText()).trim(), '得 4 分');
    await page.click('#save-scheme');
    await page.waitForSelector('text=总体服务方案');
    assert.match(await page.textContent('.criteria'), /6 分起，每项行政处罚扣 2 分，扣完为止/);

    await page.click('#tab-lots');
    for (const lot of LOTS) {
      await page.fill('#lot-no', lot.no);
      await page.fill('#lot-name', lot.name);
      await page.fill('#lot-regions', lot.regions);
      await page.fill('#lot-population', lot.population);
      await page.fill('#lot-max-unit', lot.maxUnit);
      await page.fill('#lot-max-budget', lot.maxBudget);
      await page.fill('#lot-order', lot.no);
      await choose(page, page.locator('#lot-scheme'), 'S1 评分表');
      await page.click('#save-lot');
      await page.waitForSelector(`text=${lot.name}`);
    }

    await page.click('#tab-bidders');
    await page.fill('#bidder-code', 'A');
    await page.fill('#bidder-name', '甲安人寿保险股份有限公司宁波市分公司');
    await page.click('#save-bidder');
    await page.waitForSelector('text=甲安人寿保险股份有限公司宁波市分公司');

    await page.click('#publish');
    await page.waitForFunction(() => document.querySelector('#tender-status')?.textContent?.includes('已发布'));

    await page.click('#tab-bids');
    await choose(page, page.locator('#receipt-lot'), '1 中心片区');
    await choose(page, page.locator('#receipt-bidder'), 'A 甲安人寿保险股份有限公司宁波市分公司');
    await page.fill('#receipt-by', '王五');
    await page.click('#save-receipt');
    await page.waitForFunction(() => document.querySelector('.received-bids')?.textContent?.includes('已签收（密封）'));
    const received = await page.textContent('.received-bids');
    assert.match(received, /签收人 王五，密封完好/);
  } finally {
    await page.close();
  }
});
