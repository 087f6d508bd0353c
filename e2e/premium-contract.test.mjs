// Issue 14 in the browser: one premium-fund contract in the style of Henan (seed 003) walked from its
// signature to its settlement, through the UI only. The clerk imports the tender (the Ningbo example as
// a premium tender) and confirms the award; the bureau draws up and signs the 2025 contract with
// Henan's schedule; the insurer applies for each quarter's funds, the bureau approves and pays them;
// the bureau enters the year's assessment (SY-17 points, a fail), finalises it, enters the settlement
// (a policy-caused deficit), downloads its statement as PDF and Excel, and records the settlement
// payment; the insurer then sees its ledger and the settlement. Only the passing of time (the
// challenge and objection periods) is done in the database.
//
// The figures, by hand (DOMAIN.md §6.2):
//   F  = 90 元 × 4,012,345 人                       = 361,111,050.00
//   A  = 3% × F                                      =  10,833,331.50
//   risk reserve 5% × F = 18,055,552.50; assessment deposit 3% × F = 10,833,331.50
//   four quarters applied, approved and paid: 4 × 80,000,000.00 = 320,000,000.00
//   assessment (SY-17) 83 points < 85: failed; d = 0.5% × A = 54,166.6575 → 54,166.66; A′ = A − d = 10,779,164.84
//   the deposit is forfeited (its milestone withheld)
//   C = 365,000,000.00; B = F − C − A′ = −14,668,114.84: a deficit D = 14,668,114.84, policy-caused
//   within allowance: the insurer bears min(D, A′) = 10,779,164.84; the fund bears 3,888,950.00, all
//   from the risk reserve
//   due = C + A′ − 10,779,164.84 − 10,833,331.50 = 354,166,668.50
//   settlement payment = due − paid 320,000,000.00 = 34,166,668.50
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { useProduct, daysAgo } from './server.mjs';
import { exampleDossier, clickConfirmed } from './api.mjs';
import { choose, walk, download, pdfText, typeDateTime } from './walk.mjs';

const CODE = 'E2E-PREMIUM';
const dir = mkdtempSync(join(tmpdir(), 'hcp-premium-'));
const dossierFile = join(dir, `${CODE}.json`);
after(() => rmSync(dir, { recursive: true, force: true }));

const product = useProduct();
const { pageOf, step } = walk(product, 'premium');
let tenderId;
let contractId;
let assessmentId;

before(() => {
  // The Ningbo example as a premium tender (format 2), without its assessments: the file the clerk imports.
  const dossier = exampleDossier();
  dossier.formatVersion = 2;
  dossier.tender.code = CODE;
  dossier.tender.contractKind = 'premium';
  delete dossier.assessments;
  writeFileSync(dossierFile, JSON.stringify(dossier));
});

// A payment is dated between the signature and today: the contract, signed today, is paid today.
const paidOn = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const line = (seq) => `.ledger-line[data-seq="${seq}"]`;
const cellOf = async (page, column) => (await page.textContent(`.ledger-totals td[data-column="${column}"]`)).trim();

step('the clerk imports the tender and confirms the award', async () => {
  const page = await pageOf('clerk');
  await page.goto(`${product.server.url}/procurement/import`);
  await page.setInputFiles('#dossier-file', dossierFile);
  await page.click('#imported-tender');
  await page.waitForURL(/\/procurement\/tenders\/\d+$/);
  tenderId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.goto(`${product.server.url}/procurement/tenders/${tenderId}/results`);
  await clickConfirmed(page, '#confirm-award');
  await page.waitForSelector('#confirm-award', { state: 'detached' });
  // Confirmed two months ago: the challenge period (质疑期) has run out unchallenged.
  await product.server.sql('UPDATE awards SET confirmedAt = ? WHERE tenderId = ?', [daysAgo(60), tenderId]);
});

step('the bureau draws up the contract with Henan’s schedule, enters the population and signs it', async () => {
  const page = await pageOf('bureau');
  await page.goto(`${product.server.url}/bureau`);
  await choose(page, page.locator('#contract-tender'), `${CODE} `);
  await choose(page, page.locator('#contract-lot'), '标包1 ');
  await page.fill('#contract-year', '2025');
  await choose(page, page.locator('#contract-schedule'), '河南大病保险');
  await page.fill('#contract-fund-standard', '90');
  await page.fill('#contract-allowance-rate', '0.03');
  await page.click('#create-contract');
  await page.waitForURL(/\/bureau\/contracts\/\d+$/);
  contractId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.fill('#contract-population', '4012345');
  await page.click('#save-population');
  await page.waitForFunction(() => document.querySelector('.population-value')?.textContent?.includes('4,012,345'));
  // F = 90 × 4,012,345; A = 3% of F; the reserve 5% and the deposit 3% of F.
  assert.equal((await page.textContent('.amounts .fund .num')).trim(), '361,111,050.00');
  assert.equal((await page.textContent('.amounts .fund .capitals')).trim(), '叁亿陆仟壹佰壹拾壹万壹仟零伍拾元整');
  assert.equal((await page.textContent('.amounts .allowance .num')).trim(), '10,833,331.50');
  assert.deepEqual(
    (await page.locator('.amounts .retention .num').allInnerTexts()).map((t) => t.trim()),
    ['18,055,552.50', '10,833,331.50'],
  );
  assert.match(await page.textContent('.deficit-rule'), /承办方在盈利率范围内承担，其余由风险调节金解决/);
  await page.click('#sign-contract');
  await page.waitForSelector('.contract-status[data-status="signed"]');
  assert.match(await page.textContent('.contract-status'), /已签订/);
  // The milestones: four quarters on application, the deposit after the assessment, the settlement.
  const milestones = await page.$$eval('tr.milestone', (trs) =>
    trs.map((tr) => [tr.children[1].textContent.trim(), tr.querySelector('.amount').textContent.trim().split(/\s/)[0]]),
  );
  assert.deepEqual(milestones, [
    ['第一季度资金', '按核准金额'],
    ['第二季度资金', '按核准金额'],
    ['第三季度资金', '按核准金额'],
    ['第四季度资金', '按核准金额'],
    ['年度考核保证金返还', '10,833,331.50'],
    ['年度清算款', '按清算结果'],
  ]);
  // The ledger's timeline: six lines, nothing paid yet.
  await page.waitForSelector('.ledger-timeline .ledger-line');
  assert.equal(await page.locator('.ledger-timeline .ledger-line').count(), 6);
  assert.equal(await cellOf(page, 'paid'), '0.00');
});

step('each quarter: the insurer applies, the bureau approves and records the payment', async () => {
  const insurer = await pageOf('insurer-e');
  const bureau = await pageOf('bureau');
  await insurer.goto(`${product.server.url}/insurer/contracts`);
  await insurer.click(`tr.my-contract[data-contract="${contractId}"] .show-ledger`);
  await bureau.goto(`${product.server.url}/bureau/contracts/${contractId}`);
  for (const seq of [1, 2, 3, 4]) {
    await insurer.fill(`${line(seq)} .apply-amount`, '80000000');
    await insurer.click(`${line(seq)} .apply`);
    await insurer.waitForSelector(`${line(seq)} .application`);
    assert.match(await insurer.textContent(`${line(seq)} .application`), /申请拨付 80,000,000\.00 元/);

    await bureau.reload();
    await bureau.fill(`${line(seq)} .approve-amount`, '80000000');
    await bureau.click(`${line(seq)} .approve`);
    await bureau.waitForSelector(`${line(seq)}[data-status="payable"]`);
    await typeDateTime(bureau, `${line(seq)} .pay-date input`, paidOn);
    await bureau.fill(`${line(seq)} .pay-voucher`, `HN2025-Q${seq}`);
    await bureau.click(`${line(seq)} .pay`);
    await bureau.waitForSelector(`${line(seq)}[data-status="paid"]`);
    assert.equal((await bureau.textContent(`${line(seq)} .paid-record`)).trim(), `${paidOn} 已支付，凭证号 HN2025-Q${seq}`);
  }
  assert.equal(await cellOf(bureau, 'paid'), '320,000,000.00');
});

/**
 * The SY-17 points as the demo's scheme takes them (each item judged 0..max): 83 points, a fail —
 * item 1 three cases off (7 of 10), items 6 and 7 not met (0 of 5 each), item 16 two complaints (8 of
 * 10), item 17 judged 8 of 10, the rest in full.
 */
const POINTS = { 1: 7, 2: 4, 3: 10, 4: 3, 5: 4, 6: 0, 7: 0, 8: 5, 9: 5, 10: 6, 11: 5, 12: 4, 13: 5, 14: 4, 15: 5, 16: 8, 17: 8 };

async function enterAssessment(page) {
  for (const [no, points] of Object.entries(POINTS)) await page.fill(`input.item-score[data-item="${no}"]`, String(points));
  await page.fill('input.item-note[data-item="6"]', '信息系统改造未按期完成');
  await page.fill('input.item-note[data-item="7"]', '部分案件超过赔付时限');
  await page.fill('#operating-cost', '10833331.50');
}

step('the bureau enters the year’s assessment, publishes and finalises it: a fail, the deposit withheld', async () => {
  const page = await pageOf('bureau');
  await page.goto(`${product.server.url}/bureau/assessments`);
  await choose(page, page.locator('#assessment-contract'), `${CODE} 标包1 `);
  await choose(page, page.locator('#assessment-scheme'), '沈阳市城乡居民大病保险项目执行情况考核标准');
  await page.click('#start-assessment');
  await page.waitForURL(/\/bureau\/assessments\/\d+$/);
  assessmentId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.waitForSelector('input.item-score[data-item="1"]');
  await enterAssessment(page);
  await page.click('#save-items');
  // 100 − 3 (item 1) − 5 (item 6) − 5 (item 7) − 2 (item 16) − 2 (item 17) = 83 < 85.
  await page.waitForFunction(() => document.querySelector('.outcome-score')?.textContent?.includes('83'));
  await clickConfirmed(page, '#publish');
  await page.waitForSelector('#finalise');
  // The objection period has run out without an objection.
  await product.server.sql('UPDATE contract_assessments SET objectionDeadline = ? WHERE id = ?', [daysAgo(2).slice(0, 10), assessmentId]);
  await page.reload();
  await page.waitForSelector('#finalise:not([disabled])');
  await clickConfirmed(page, '#finalise');
  await page.waitForSelector('text=已定稿，考核结果已锁定');

  await page.goto(`${product.server.url}/bureau/contracts/${contractId}`);
  await page.waitForSelector(`${line(5)}[data-status="withheld"]`);
  assert.match(await page.textContent(`${line(5)} .withheld-reason`), /.+/);
});

/** The statement's lines as the settlement shows them, PDF and Excel alike (DOMAIN.md §6.2). */
const STATEMENT = [
  ['年度保费资金总额（F）', '361,111,050.00'],
  ['已支付及已列为应付的资金', '320,000,000.00'],
  ['年度赔付支出（C）', '365,000,000.00'],
  ['运营成本及盈利（A）', '10,833,331.50'],
  ['考核扣减（d）', '54,166.66'],
  ['核定运营成本及盈利（A′ = A − d）', '10,779,164.84'],
  ['收支亏损（F − C − A′ < 0）', '14,668,114.84'],
  ['承办方承担亏损', '10,779,164.84'],
  ['医保基金承担亏损', '3,888,950.00'],
  ['其中：风险调节金弥补', '3,888,950.00'],
  ['其中：基金自身（下年度筹资）解决', '0.00'],
  ['扣留的年度考核保证金', '10,833,331.50'],
  ['承办方年度应得资金', '354,166,668.50'],
  ['清算应付承办方资金', '34,166,668.50'],
];

step('the bureau settles the year: figures on screen, in the PDF and in the Excel statement; the payment recorded', async () => {
  const page = await pageOf('bureau');
  await page.goto(`${product.server.url}/bureau/contracts/${contractId}`);
  await page.waitForSelector('#settlement-claims');
  await page.fill('#settlement-claims', '365000000.00');
  await page.click('#settlement-policy');
  // The preview as typed: a policy-caused deficit within the allowance.
  await page.waitForFunction(() => document.querySelector('.settlement-line[data-line="14"]')?.textContent?.includes('34,166,668.50'));
  await page.click('#settle');
  await page.click('.ant-modal-footer .ant-btn-primary');
  await page.waitForSelector('.settlement-panel .settled');
  const shown = await page.$$eval('.settlement-line', (trs) =>
    trs.map((tr) => [tr.children[1].textContent.trim(), tr.children[2].textContent.trim()]),
  );
  assert.deepEqual(shown, STATEMENT);
  assert.match(
    await page.textContent('.settlement-panel .conclusion'),
    /应向承办方支付清算款 ¥34,166,668\.50（叁仟肆佰壹拾陆万陆仟陆佰陆拾捌元伍角）/,
  );

  const pdf = (await pdfText(await download(page, '#statement-pdf'))).replace(/\s+/g, '');
  for (const [item, amount] of STATEMENT) {
    assert.ok(pdf.includes(item.replace(/\s+/g, '')), `PDF names ${item}`);
    assert.ok(pdf.includes(amount), `PDF shows ${amount} (${item})`);
  }
  assert.ok(pdf.includes('叁仟肆佰壹拾陆万陆仟陆佰陆拾捌元伍角'));

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await download(page, '#statement-xlsx'));
  const sheet = workbook.worksheets[0];
  const rows = [];
  sheet.eachRow((row) => {
    const [no, item, amount] = [row.getCell(1).value, row.getCell(2).value, row.getCell(3).value];
    if (typeof no === 'number') rows.push([item, amount]);
  });
  // Amounts are numbers in the workbook: to the 分 as the statement prints them.
  const money = (v) => Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  assert.deepEqual(
    rows.map(([item, amount]) => [item, money(amount)]),
    STATEMENT,
  );

  // The settlement payment is now payable on the ledger; the bureau records it.
  await page.waitForSelector(`${line(6)}[data-status="payable"]`);
  assert.match(await page.textContent(line(6)), /34,166,668\.50/);
  await typeDateTime(page, `${line(6)} .pay-date input`, paidOn);
  await page.fill(`${line(6)} .pay-voucher`, 'HN2025-QS');
  await page.click(`${line(6)} .pay`);
  await page.waitForSelector(`${line(6)}[data-status="paid"]`);
  // Paid: 4 × 80,000,000.00 + 34,166,668.50; withheld: the deposit.
  assert.equal(await cellOf(page, 'paid'), '354,166,668.50');
  assert.equal(await cellOf(page, 'withheld'), '10,833,331.50');
});

step('the insurer sees its own ledger and the settlement', async () => {
  const page = await pageOf('insurer-e');
  await page.goto(`${product.server.url}/insurer/contracts`);
  await page.click(`tr.my-contract[data-contract="${contractId}"] .show-ledger`);
  await page.waitForSelector(`${line(6)}[data-status="paid"]`);
  assert.equal((await page.textContent(`${line(6)} .paid-record`)).trim(), `${paidOn} 已支付，凭证号 HN2025-QS`);
  assert.equal(await cellOf(page, 'paid'), '354,166,668.50');
  assert.equal(await page.$('.pay-form, .approve-form'), null, 'the insurer records no payment');

  await page.click(`tr.my-contract[data-contract="${contractId}"] .settlement-link`);
  await page.waitForSelector('.settlement-panel .settled');
  const shown = await page.$$eval('.settlement-line', (trs) =>
    trs.map((tr) => [tr.children[1].textContent.trim(), tr.children[2].textContent.trim()]),
  );
  assert.deepEqual(shown, STATEMENT);
  assert.equal(await page.$('#settlement-claims'), null, 'the insurer only reads');
});
