// Issue 15 in the browser: the README's main path walked role by role through the UI alone — no API
// call, no JSON typed. The clerk creates a tender from the empty form (its scheme with an objective
// criterion built in the rule builder, its lot and bidders) and publishes it; the insurers submit
// electronic bids; the clerk opens them; the insurers confirm their lines; the clerk reviews each bid
// (qualification, compliance, the facts the rule scores), moves to the review and forms the panel; the
// experts score on their sheets; the clerk confirms the award and downloads the evaluation report; the
// bureau draws up, signs, prints and pays the contract and starts the year's assessment; the insurer
// submits its self-assessment; the bureau scores and publishes; the insurer objects and the bureau
// answers. Each step is saved as <role>-<nn>-<step>.png (1280×800; docs/screenshots with
// E2E_SCREENSHOTS=docs/screenshots), and no page nor downloaded PDF may show a word of the API's English
// messages. Only the passing of time (the bid deadline, the opening record's window, the challenge
// period) is done in the database, which may be MariaDB (E2E_DATABASE_URL).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useProduct, daysAgo } from './server.mjs';
import { clickConfirmed } from './api.mjs';
import { leaks, visibleFileInputs } from './english.mjs';
import { choose, download, pdfText, tick, typeDateTime, walk } from './walk.mjs';

// The committed set is replaced only when asked (E2E_SCREENSHOTS=docs/screenshots); a plain run keeps its own.
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const shots = process.env.E2E_SCREENSHOTS ? join(repo, process.env.E2E_SCREENSHOTS) : mkdtempSync(join(tmpdir(), 'hcp-shots-'));
mkdirSync(shots, { recursive: true });

/**
 * The bidders, their staff, their unit prices on the one lot (元/人/年, under the 1.23 cap) and their
 * relevant certificates (资质证书, the objective criterion's fact: 2 points each, at most 10).
 */
const BIDDERS = [
  { code: 'A', user: 'insurer', name: '甲安人寿保险股份有限公司宁波市分公司', unitPrice: '1.15', certificates: '6' },
  { code: 'B', user: 'insurer2', name: '乙和财产保险股份有限公司宁波分公司', unitPrice: '1.20', certificates: '3' },
  { code: 'C', user: 'insurer-c', name: '丙泰健康保险股份有限公司宁波分公司', unitPrice: '1.18', certificates: '2' },
];
const EXPERTS = ['expert1', 'expert2', 'expert3'];

// The clock stays out of it: the clerk opens.
const product = useProduct({ TENDER_CLOCK_SECONDS: '3600' });
const { pageOf, step } = walk(product, 'main-path');
const url = (path) => `${product.server.url}${path}`;
let tenderId;
let assessmentId;

/** Fails on English words of the API's messages in a page or a document. */
function assertChinese(text, where) {
  assert.deepEqual(leaks(text), [], `English in ${where}`);
}

/**
 * Saves the page as a step of the walk, after checking it shows no English word of the API; scrolled
 * to the top of the element `at` when given.
 */
async function shot(page, name, at) {
  await page.waitForLoadState('networkidle');
  if (at) await page.locator(at).evaluate((element) => element.scrollIntoView());
  assertChinese(await page.innerText('body'), name);
  assert.deepEqual(await visibleFileInputs(page), [], `native file inputs in ${name}`);
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

step('procurement creates the tender from the empty form, with its scheme, lot and bidders, and publishes it', async () => {
  const page = await pageOf('clerk');
  await page.click('#new-tender');
  await page.fill('#tender-code', 'NB-2027-LTC-01');
  await page.fill('#tender-name', '2027年度长期护理保险委托经办服务采购项目');
  await page.fill('#tender-purchaser', '宁波市医疗保障局');
  await page.fill('#tender-agency', '宁波市政府采购中心');
  await typeDateTime(page, '#tender-deadline', '2099-06-30 09:30');
  await typeDateTime(page, '#tender-opening', '2099-06-30 09:30');
  await page.fill('#tender-price-weight', '10');
  await choose(page, page.locator('#tender-bid-submission'), '电子投标');
  await shot(page, 'procurement-01-new-tender');
  await page.click('#save-tender');
  await page.waitForSelector('#tender-status');
  tenderId = Number(new URL(page.url()).pathname.split('/').pop());
  assert.ok(tenderId > 0);

  // Price 10, the service plan 80 by the experts, the certificates 10 by a rule built from choices.
  await page.click('#tab-schemes');
  await page.fill('#scheme-code', 'S1');
  await page.fill('#scheme-name', '综合评分表');
  const row = page.locator('tr.criterion-row').nth(1);
  await row.locator('.criterion-category').fill('服务方案');
  await row.locator('.criterion-name').fill('总体服务方案');
  await row.locator('.criterion-max').fill('80');
  await choose(page, row.locator('.criterion-kind input'), '主观分');
  await page.click('#add-criterion');
  const objective = page.locator('tr.criterion-row').nth(2);
  await objective.locator('.criterion-category').fill('企业资质');
  await objective.locator('.criterion-name').fill('相关资质证书');
  await objective.locator('.criterion-max').fill('10');
  await choose(page, objective.locator('.criterion-kind input'), '客观分');
  const builder = page.locator('tr.criterion-rule-row app-rule-builder');
  await choose(page, builder.getByLabel('计分方式'), '按数量计分');
  await choose(page, builder.getByLabel('评分事实'), '资质证书数量（个）');
  await builder.getByLabel('每单位得分').fill('2');
  await builder.getByLabel('最高得分').fill('10');
  assert.equal((await builder.locator('.rule-sentence').innerText()).trim(), '每个资质证书得 2 分，最高 10 分');
  await builder.getByLabel('资质证书数量（个）').fill('3');
  assert.equal((await builder.locator('.preview-points').innerText()).trim(), '得 6 分');
  // The screenshot once the fact's list has closed and the messages of the unfinished rule have faded.
  await page.waitForFunction(
    () =>
      !document.querySelector('app-rule-builder .ant-form-item-explain-error') &&
      [...document.querySelectorAll('.ant-select-dropdown')].every((d) => d.getClientRects().length === 0),
  );
  await shot(page, 'procurement-02-rule-builder', '.scheme-form');
  await page.click('#save-scheme');
  await page.waitForSelector('text=总体服务方案');
  assert.match(await page.textContent('.criteria'), /每个资质证书得 2 分，最高 10 分/);
  await shot(page, 'procurement-03-scheme');

  await page.click('#tab-lots');
  await page.fill('#lot-no', '1');
  await page.fill('#lot-name', '中心片区');
  await page.fill('#lot-regions', '海曙区、江北区、鄞州区');
  await page.fill('#lot-population', '3994965');
  await page.fill('#lot-max-unit', '1.23');
  await page.fill('#lot-max-budget', '4913806.95');
  await page.fill('#lot-order', '1');
  await page.fill('#lot-reward', '500000.00');
  await choose(page, page.locator('#lot-scheme'), 'S1 综合评分表');
  await page.click('#save-lot');
  await page.waitForSelector('text=中心片区');
  await shot(page, 'procurement-04-lot');

  await page.click('#tab-bidders');
  for (const b of BIDDERS) {
    await page.fill('#bidder-code', b.code);
    await page.fill('#bidder-name', b.name);
    await page.click('#save-bidder');
    await page.waitForSelector(`text=${b.name}`);
  }
  await shot(page, 'procurement-05-bidders');

  await page.click('#publish');
  await page.waitForFunction(() => document.querySelector('#tender-status')?.textContent?.includes('已发布'));
  await shot(page, 'procurement-06-published');
});

for (const [i, b] of BIDDERS.entries()) {
  step(`bidder ${b.code}'s staff submit an electronic bid and get the receipt`, async () => {
    const page = await pageOf(b.user);
    await page.goto(url(`/insurer/tenders/${tenderId}/bid`));
    const lot = '.lot-bid[data-lot="1"]';
    await page.waitForSelector(`${lot} .bid-unit-price`);
    await page.fill(`${lot} .bid-unit-price`, b.unitPrice);
    await page.setInputFiles(`${lot} .bid-documents input[type=file]`, [
      { name: '投标文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${b.code}\n`) },
    ]);
    await clickConfirmed(page, `${lot} .submit-bid`);
    await page.waitForSelector('.bid-receipt .receipt-hash');
    assert.match(await page.textContent('.bid-receipt .receipt-status'), /已递交（密封）/);
    await shot(page, `insurer-${String(i + 1).padStart(2, '0')}-bid-${b.code}`);
  });
}

step('procurement opens the bids once the deadline has passed', async () => {
  // Time passes: the deadline and the opening time are behind us.
  const ago = (ms) => new Date(Date.now() - ms).toISOString();
  await product.server.sql('UPDATE tenders SET bidDeadline = ?, openingTime = ? WHERE id = ?', [ago(120_000), ago(60_000), tenderId]);
  const page = await pageOf('clerk');
  await page.goto(url(`/procurement/tenders/${tenderId}`));
  await clickConfirmed(page, '#open-bids');
  await page.waitForSelector('.opening-line[data-bidder="C"][data-lot="1"]');
  assert.match(await page.textContent('#tender-status'), /已开标/);
  await shot(page, 'procurement-07-opened');
});

for (const [i, b] of BIDDERS.entries()) {
  step(`bidder ${b.code} confirms its line of the opening record`, async () => {
    const page = await pageOf(b.user);
    const line = `.opening-record[data-tender="${tenderId}"] .opening-line[data-bidder="${b.code}"][data-lot="1"]`;
    await clickConfirmed(page, `${line} .confirm-line`);
    await page.waitForSelector(`${line}[data-status="confirmed"]`);
    await shot(page, `insurer-${String(i + 4).padStart(2, '0')}-opening-confirmed-${b.code}`);
  });
}

step('procurement reviews each bid: qualification, compliance and the facts the rules score', async () => {
  const page = await pageOf('clerk');
  await page.goto(url(`/procurement/tenders/${tenderId}`));
  await page.click('#tab-bids');
  const lot = '.lot-bids[data-lot="1"]';
  for (const b of BIDDERS) {
    const bid = `${lot} .opened-bid[data-bidder="${b.code}"]`;
    await page.click(`${bid} .review-toggle`);
    await page.waitForSelector(`${lot} .review-row .bid-fact[data-fact="certificates"]`);
    // The checks of DOMAIN.md §4 are offered, each passed unless the clerk says otherwise.
    assert.equal(await page.locator(`${lot} .qualification-check .check-pass input:checked`).count(), 3);
    assert.equal(await page.locator(`${lot} .compliance-check .check-pass input:checked`).count(), 7);
    await page.locator(`${lot} .compliance-check .check-note`).first().fill('授权委托书原件已核验');
    await page.getByLabel('资质证书数量（个）').fill(b.certificates);
    await page.click(`${lot} .review-save`);
    await page.waitForSelector(`${lot} .review-notice`);
    await page.waitForSelector(`${bid} .validity .ant-tag-success`);
    if (b.code === 'A') await shot(page, 'procurement-08-bid-review', `${lot} .review-row`);
  }
});

step('procurement moves to the review once the window is over and forms the panel', async () => {
  // Time passes: the bidders' window on the opening record has ended.
  await product.server.sql('UPDATE tender_openings SET windowEndsAt = ? WHERE tenderId = ?', [daysAgo(1), tenderId]);
  const page = await pageOf('clerk');
  await page.goto(url(`/procurement/tenders/${tenderId}`));
  await page.click('#advance');
  await page.waitForFunction(() => /评标/.test(document.querySelector('#tender-status')?.textContent ?? ''));
  await shot(page, 'procurement-09-review');
  await page.click('#tab-panel');
  for (const [i, username] of EXPERTS.entries()) {
    await choose(page, page.locator('#panel-candidate'), `评审专家${i + 1}（${username}）`);
    if (i === 0) await tick(page, '#panel-leader');
    await page.click('#add-panel-member');
    await page.waitForFunction((n) => document.querySelectorAll('tr.panel-member').length === n, i + 1);
  }
  await shot(page, 'procurement-10-panel');
});

for (const [i, username] of EXPERTS.entries()) {
  step(`${username} declares no conflict, scores on the sheet and submits`, async () => {
    const page = await pageOf(username);
    await page.goto(url(`/expert/tenders/${tenderId}`));
    await page.click('#declare-none');
    await page.click('#submit-declaration');
    await page.click('#confirm-declaration');
    await page.waitForSelector('a.sheet-link');
    await page.click('a.sheet-link');
    await page.waitForSelector('input.score-input');
    // Each expert's view of the three service plans: A's the best, C's the weakest.
    const points = { A: 70 + i, B: 65 + i, C: 60 + i };
    const bidOf = Object.fromEntries(
      await page.$$eval('th.bid-head', (ths) => ths.map((th) => [th.querySelector('.code').textContent.trim(), th.dataset.bid])),
    );
    for (const [code, value] of Object.entries(points)) await page.fill(`input.score-input[data-bid="${bidOf[code]}"]`, String(value));
    await page.click('#save-sheet');
    await shot(page, `expert-${String(i + 1).padStart(2, '0')}-sheet-${username}`);
    await page.click('#submit-sheet');
    await page.click('#confirm-submit');
    await page.waitForFunction(() => document.querySelector('#sheet-status')?.textContent?.includes('已提交'));
  });
}

step('procurement confirms the award: A wins the lot; the evaluation report is in Chinese', async () => {
  const page = await pageOf('clerk');
  await page.goto(url(`/procurement/tenders/${tenderId}/results`));
  await page.waitForSelector('.lot-result[data-lot="1"]');
  // The certificates scored by the rule from the facts of the review: 6 × 2 capped at 10, 3 × 2, 2 × 2.
  const result = '.lot-result[data-lot="1"]';
  const column = (await page.locator(`${result} .ranking thead th`).allInnerTexts()).map((t) => t.trim()).indexOf('企业资质');
  assert.notEqual(column, -1, 'the certificates have a column');
  for (const [code, points] of [
    ['A', '10.00'],
    ['B', '6.00'],
    ['C', '4.00'],
  ]) {
    const cell = page.locator(`${result} .ranked-bid[data-bidder="${code}"] td`).nth(column);
    assert.equal((await cell.innerText()).trim(), points, `${code}'s certificates`);
  }
  await shot(page, 'procurement-11-results');
  await clickConfirmed(page, '#confirm-award');
  await page.waitForSelector('.results-title nz-tag:has-text("已确认定标")');
  assert.match(await page.textContent('.lot-result[data-lot="1"] .lot-winner'), /甲安人寿/);
  await shot(page, 'procurement-12-awarded');
  // The report is printed in the background and downloaded when ready.
  const report = await pdfText(await download(page, '#evaluation-report-pdf'));
  assert.match(report, /2027年度长期护理保险委托经办服务采购项目/);
  assertChinese(report, 'the evaluation report PDF');
});

step('the bureau draws up the contract, enters the population, signs it and records the first payment', async () => {
  // Time passes: the challenge period (质疑期) has run out unchallenged.
  await product.server.sql('UPDATE awards SET confirmedAt = ? WHERE tenderId = ?', [daysAgo(60), tenderId]);
  const page = await pageOf('bureau');
  await page.goto(url(`/bureau`));
  await choose(page, page.locator('#contract-tender'), 'NB-2027-LTC-01 ');
  await choose(page, page.locator('#contract-lot'), '标包1 ');
  await shot(page, 'bureau-01-new-contract');
  await page.click('#create-contract');
  await page.waitForURL(/\/bureau\/contracts\/\d+$/);
  await page.fill('#contract-population', '4012345');
  await page.click('#save-population');
  await page.waitForFunction(() => document.querySelector('.population-value')?.textContent?.includes('4,012,345'));
  await page.click('#sign-contract');
  await page.waitForSelector('.contract-status[data-status="signed"]');
  await shot(page, 'bureau-02-signed');
  // The signed contract's text, printed on demand: in Chinese, no longer a draft.
  await page.click('#generate-pdf');
  const contract = await pdfText(await download(page, '.pdf-version .download-pdf'));
  assert.match(contract, /甲安人寿保险股份有限公司宁波市分公司/);
  assert.doesNotMatch(contract, /草稿/);
  assertChinese(contract, 'the contract PDF');
  const payable = '.ledger-line[data-status="payable"]';
  await page.waitForSelector(payable);
  const seq = await page.getAttribute(payable, 'data-seq');
  await typeDateTime(page, `${payable} .pay-date input`, new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
  await page.fill(`${payable} .pay-voucher`, 'NB2027-001');
  await page.click(`${payable} .pay`);
  await page.waitForSelector(`.ledger-line[data-seq="${seq}"][data-status="paid"]`);
  await shot(page, 'bureau-03-payment', '.ledger');
});

step('the bureau starts the year’s assessment', async () => {
  const page = await pageOf('bureau');
  await page.goto(url('/bureau/assessments'));
  await choose(page, page.locator('#assessment-contract'), 'NB-2027-LTC-01 标包1 ');
  await choose(page, page.locator('#assessment-scheme'), '宁波市长期护理保险第三方经办服务绩效考核评价表');
  await page.click('#start-assessment');
  await page.waitForURL(/\/bureau\/assessments\/\d+$/);
  assessmentId = Number(new URL(page.url()).pathname.split('/').pop());
});

step('the insurer submits its annual report and self-assessment from its desk', async () => {
  const page = await pageOf('insurer');
  await page.click('.desk-item[data-kind="self-assessment-due"] a');
  await page.waitForURL((u) => u.pathname === `/insurer/assessments/${assessmentId}`);
  await page.waitForSelector('input.self-score[data-item="3"]');
  // Deduction scheme: no deduction claimed on any item.
  for (const input of await page.$$('input.self-score')) await input.fill('0');
  await page.fill('input.self-note[data-item="3"]', '经办人员均按时到岗');
  await page.fill('#self-summary', '全年受理长护险待遇申请12,486件，均按时办结');
  await page.setInputFiles('#report-file', [
    { name: '2027年度运行报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% report\n') },
  ]);
  await clickConfirmed(page, '#submit-self-assessment');
  await page.waitForSelector('.self-result');
  assert.match(await page.textContent('.self-result'), /100/);
  await shot(page, 'insurer-07-self-assessment', '.self-panel');
});

step('the bureau scores the assessment against the self-assessment and publishes it', async () => {
  const page = await pageOf('bureau');
  await page.goto(url(`/bureau/assessments/${assessmentId}`));
  await page.waitForSelector('input.item-score[data-item="3"]');
  for (const input of await page.$$('input.item-score')) await input.fill('0');
  await page.fill('input.item-score[data-item="3"]', '2');
  await page.fill('input.item-note[data-item="3"]', '经办人员到岗延迟');
  await page.click('#save-items');
  await page.waitForFunction(() => document.querySelector('.outcome-score')?.textContent?.includes('98'));
  await shot(page, 'bureau-04-assessment');
  await clickConfirmed(page, '#publish');
  await page.waitForSelector('#finalise');
  await shot(page, 'bureau-05-published');
});

step('the insurer objects to the result', async () => {
  const page = await pageOf('insurer');
  await page.goto(url(`/insurer/assessments/${assessmentId}`));
  await page.waitForSelector('.result-panel .outcome');
  await page.fill('#objection-text', '第3项人员已按时到岗，附考勤记录');
  await page.click('#raise-objection');
  await page.waitForSelector('text=第3项人员已按时到岗');
  await shot(page, 'insurer-08-objection');
});

step('the bureau answers the objection', async () => {
  const page = await pageOf('bureau');
  await page.goto(url(`/bureau/assessments/${assessmentId}`));
  await page.waitForSelector('textarea.answer-text');
  await page.fill('textarea.answer-text', '经复核，维持原评分');
  await page.click('button.answer-objection');
  await page.waitForSelector('text=经复核，维持原评分');
  await shot(page, 'bureau-06-objection-answered');
});
