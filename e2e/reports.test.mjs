// Issue 14 in the browser: under a Henan contract the insurer uploads a monthly report after its due
// day (it is accepted and marked late), and the bureau sees it among the overdue ones and receives it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './server.mjs';
import { apiLogin, awardConfirmedLongAgo, exampleDossier, loginInBrowser, pdfFile, signedContract } from './api.mjs';

let server;
let browser;
let contractId;
const report = pdfFile('2023年3月月度报表.pdf');

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const clerk = await apiLogin(server.url, 'clerk');
  const bureau = await apiLogin(server.url, 'bureau');
  const dossier = exampleDossier();
  dossier.tender.code = 'E2E-REPORTS';
  // Henan's schedule pays out of a premium fund (DOMAIN.md §6).
  dossier.formatVersion = 2;
  dossier.tender.contractKind = 'premium';
  delete dossier.assessments;
  const { tenderId } = await clerk('POST', '/dossiers', dossier);
  await awardConfirmedLongAgo(server, clerk, tenderId);
  const contract = await signedContract(bureau, tenderId, {
    year: 2023,
    scheduleTemplate: 'henan',
    fundStandard: '90',
    allowanceRate: '0.03',
  });
  contractId = contract.id;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const row = (period) => `.contract-reports[data-contract="${contractId}"] .report-row[data-period="${period}"]`;

test('the insurer sees the reports its contract asks for, and uploads one late', async () => {
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'insurer-e');
    await page.click('text=定期报告');
    await page.waitForSelector(row('2023-03'));
    assert.equal(await page.locator(`.contract-reports[data-contract="${contractId}"] .report-row`).count(), 14);
    const march = await page.textContent(row('2023-03'));
    assert.match(march, /月度报表/);
    assert.match(march, /2023年3月/);
    assert.match(march, /2023-04-05/);
    assert.match(march, /逾期未报/);
    await page.setInputFiles(`${row('2023-03')} .report-input input[type=file]`, report);
    await page.waitForSelector(`${row('2023-03')}[data-status="submitted"]`);
    assert.match(await page.textContent(row('2023-03')), /逾期报送/);
    assert.match(await page.textContent('[role="status"]'), /逾期报送/);
  } finally {
    await page.close();
  }
});

test('the bureau receives it; the rest stay overdue', async () => {
  const page = await browser.newPage();
  try {
    await loginInBrowser(page, server.url, 'bureau');
    await page.goto(`${server.url}/bureau/reports`);
    await page.waitForSelector(`${row('2023-03')} .receive-report`);
    assert.match(await page.textContent(row('2023-04')), /逾期未报/);
    await page.click(`${row('2023-03')} .receive-report`);
    await page.waitForSelector(`${row('2023-03')}[data-status="received"]`);
    assert.match(await page.textContent(row('2023-03')), /已签收/);
    assert.equal(await page.$(`${row('2023-03')} .receive-report`), null);
  } finally {
    await page.close();
  }
});
