// Issue 6 in the browser: the bureau starts the lot-1 assessment of a signed contract, the insurer
// submits its self-assessment with its annual report and an item's evidence (issue 15), the bureau sees
// that evidence, scores and publishes, and the insurer sees the published result and objects, which the
// bureau answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './server.mjs';
import { apiLogin, awardConfirmedLongAgo, clickConfirmed, exampleDossier, loginInBrowser, pdfFile, signedContract } from './api.mjs';
import { choose } from './walk.mjs';

let server;
let browser;
let assessmentId;
// The insurer's annual operation report.
const report = pdfFile('年度运营报告.pdf');

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const clerk = await apiLogin(server.url, 'clerk');
  const bureau = await apiLogin(server.url, 'bureau');
  const dossier = exampleDossier();
  dossier.tender.code = 'E2E-ASSESS';
  delete dossier.assessments;
  const { tenderId } = await clerk('POST', '/dossiers', dossier);
  await awardConfirmedLongAgo(server, clerk, tenderId);
  await signedContract(bureau, tenderId, { year: 2023, scheduleTemplate: 'ningbo' });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the bureau starts the assessment of a signed contract', async () => {
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'bureau');
    await page.goto(`${server.url}/bureau/assessments`);
    await choose(page, page.locator('#assessment-contract'), 'E2E-ASSESS 标包1 ');
    await choose(page, page.locator('#assessment-scheme'), '宁波市长期护理保险第三方经办服务绩效考核评价表');
    await page.click('#start-assessment');
    await page.waitForURL(/\/bureau\/assessments\/\d+$/);
    assessmentId = Number(new URL(page.url()).pathname.split('/').pop());
    assert.ok(assessmentId > 0);
  } finally {
    await page.close();
  }
});

test('the insurer submits its self-assessment with its annual report', async () => {
  const page = await browser.newPage();
  page.on('dialog', (d) => d.accept());
  try {
    await loginInBrowser(page, server.url, 'insurer-e');
    await page.goto(`${server.url}/insurer/assessments/${assessmentId}`);
    await page.waitForSelector('input.self-score');
    // Evidence (佐证材料) for item 3, uploaded on its own with its progress, listed under the item.
    await page.setInputFiles('#self-evidence-file-3', report);
    await page.fill('input.evidence-desc[data-item="3"]', '经办人员到岗记录');
    await page.click('button.upload-evidence[data-item="3"]');
    await page.waitForSelector('tr.self-item[data-item="3"] .evidence-file-entry:has-text("年度运营报告.pdf")');
    for (const input of await page.$$('input.self-score')) await input.fill('0');
    await page.setInputFiles('#report-file', report);
    await clickConfirmed(page, '#submit-self-assessment');
    await page.waitForSelector('text=已提交自评');
  } finally {
    await page.close();
  }
});

test('the bureau scores with deductions, publishes, and the insurer sees the result and objects', async () => {
  const bureauPage = await browser.newPage();
  const insurerPage = await browser.newPage();
  try {
    await loginInBrowser(insurerPage, server.url, 'insurer-e');
    await insurerPage.goto(`${server.url}/insurer/assessments/${assessmentId}`);
    await insurerPage.waitForSelector('h1');
    assert.equal(await insurerPage.$('.result-panel .outcome'), null, "nothing of the bureau's scoring before publication");

    await loginInBrowser(bureauPage, server.url, 'bureau');
    await bureauPage.goto(`${server.url}/bureau/assessments/${assessmentId}`);
    await bureauPage.waitForSelector('input.item-score[data-item="3"]');
    // The insurer's evidence, read-only beside the item.
    const ownEvidence = await bureauPage.textContent('tr.item[data-item="3"] .self-evidence');
    assert.match(ownEvidence, /年度运营报告\.pdf/);
    assert.match(ownEvidence, /经办人员到岗记录/);
    for (const input of await bureauPage.$$('input.item-score')) await input.fill('0');
    await bureauPage.fill('input.item-score[data-item="3"]', '2');
    await bureauPage.fill('input.item-note[data-item="3"]', '经办人员到岗延迟');
    await bureauPage.fill('input.item-score[data-item="9"]', '12');
    await bureauPage.fill('input.item-note[data-item="9"]', '巡查覆盖不足');
    await bureauPage.click('#save-items');
    // 100 − 2 − 10 (item 9's weight caps the 12): 88 → 良好, 80% of the reward.
    await bureauPage.waitForFunction(() => document.querySelector('.outcome-score')?.textContent?.includes('88'));
    await clickConfirmed(bureauPage, '#publish');
    await bureauPage.waitForSelector('#finalise');

    await insurerPage.reload();
    await insurerPage.waitForSelector('.result-panel .outcome');
    const outcome = await insurerPage.textContent('.result-panel .outcome');
    assert.match(outcome, /88/);
    assert.match(outcome, /良好/);
    await insurerPage.fill('#objection-text', '第9项巡查已按计划完成，附巡查台账');
    await insurerPage.click('#raise-objection');
    await insurerPage.waitForSelector('text=第9项巡查已按计划完成');

    await bureauPage.reload();
    await bureauPage.waitForSelector('textarea.answer-text');
    await bureauPage.fill('textarea.answer-text', '经复核，维持原评分');
    await bureauPage.click('button.answer-objection');
    await bureauPage.waitForSelector('text=经复核，维持原评分');
    // Finalising waits for the objection period to end (tested in the backend suite).
    assert.equal(await bureauPage.isDisabled('#finalise'), true);
  } finally {
    await bureauPage.close();
    await insurerPage.close();
  }
});
