#!/usr/bin/env node
// PDFs per second: the product's printing (DocumentsService.renderPdf: the template rendered, the shared
// Chromium's page pool) against its ceiling, bare puppeteer `page.pdf()` on the same HTML with the same
// options in a warm browser of its own with as many pages. Three documents: the contract of lot 1 (4
// pages), the evaluation report and an assessment report with many objections, all from the shared example
// dossier. Not a test: it prints a table, and one `PDF {json}` line per document for scripts/bench.js.
//
//   npm run build:backend && node scripts/bench-pdf.js [PDFs per batch, default 8]
//
// Both sides print a warm-up PDF first; then batches of N, all at once, alternate (product, bare, product,
// bare) so that the machine's other work weighs on both alike. CHROMIUM_PATH names the browser;
// BENCH_PDF_DIR, when set, receives the first PDF of each document, to look at.
'use strict';

const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = (p) => join(root, 'dist', 'backend', p);
if (!existsSync(dist('app.module.js'))) {
  console.error('dist/backend is missing: run `npm run build:backend` first');
  process.exit(1);
}
const { NestFactory } = require('@nestjs/core');
const puppeteer = require('puppeteer-core');
const { AppModule } = require(dist('app.module'));
const { loadConfig } = require(dist('config/config'));
const { DossiersService } = require(dist('dossiers/dossiers.service'));
const { ContractsService } = require(dist('contracts/contracts.service'));
const { ContractPdfsService } = require(dist('contracts/contract-pdfs.service'));
const { evaluationReportData } = require(dist('evaluation/evaluation-report'));
const { assessmentReport } = require(dist('assessments/assessment-report'));
const { evaluateDossier } = require(dist('domain/evaluation/evaluate-dossier'));
const { DocumentsService, CHROMIUM_ARGS, PAGE_POOL_SIZE, pdfOptions } = require(dist('documents/documents.service'));

const BATCH = Number(process.argv[2] || 8);
const ROUNDS = 2;

/** The example's NB-PERF assessment of lot 1, final, with the insurer objecting to many items at length: a long report. */
function assessmentData(dossier) {
  const scheme = dossier.assessmentSchemes.find((s) => s.code === 'NB-PERF');
  const recorded = dossier.assessments[0];
  const result = evaluateDossier(dossier).assessments[0];
  const lot = dossier.lots.find((l) => l.no === recorded.lot);
  const winner = dossier.bidders.find((b) => b.code === 'E');
  const objections = Array.from({ length: 250 }, (_, i) => ({
    raisedAt: new Date(Date.UTC(2025, 2, 1 + (i % 20))),
    text: `对第${(i % scheme.items.length) + 1}项扣分有异议：${'我方已按合同约定完成该项工作，相关台账、影像资料和服务对象签字记录齐全，请求复核并撤销扣分。'.repeat(3)}`,
    answer: `经复核：${'巡查记录显示部分服务未按计划开展，扣分依据充分，维持原扣分；其余部分已核实完成，不再扣分。'.repeat(2)}`,
  }));
  return assessmentReport(
    {
      contract: {
        year: recorded.year,
        lotNo: recorded.lot,
        tender: { code: dossier.tender.code, name: dossier.tender.name, purchaser: dossier.tender.purchaser },
        bidder: { name: winner.name },
      },
      scheme: { name: scheme.name, kind: scheme.kind, items: scheme.items },
      items: recorded.items,
      result,
      maxReward: recorded.maxReward ?? lot.rewardBudget,
      operatingCost: recorded.operatingCost ?? null,
      status: 'final',
      objectionDeadline: '2025-03-31',
    },
    lot.name,
    objections,
  );
}

async function main() {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: 'sqlite::memory:',
    JWT_SECRET: require('node:crypto').randomBytes(32).toString('hex'),
    AUDIT_KEY: process.env.AUDIT_KEY || 'bench-audit-key-0123456789abcdef0123456789',
    SEED_DEMO: 'false',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  let bare;
  try {
    const dossier = JSON.parse(readFileSync(join(root, '..', 'shared', 'examples', 'ningbo-ltc-2022.json'), 'utf8'));
    const { tenderId } = await app.get(DossiersService).import(null, dossier);
    const contract = await app.get(ContractsService).create(null, tenderId, '1', { year: 2023, scheduleTemplate: 'ningbo' });
    const documents = app.get(DocumentsService);
    const contractData = await app.get(ContractPdfsService).contractData(contract.id);
    const docs = [
      { name: 'contract', template: contractData.template, data: contractData }, // contract-per-capita: lot 1's kind
      {
        name: 'evaluation report',
        template: 'evaluation-report',
        data: evaluationReportData(dossier, evaluateDossier(dossier), '2022-12-20'),
      },
      { name: 'assessment report', template: 'assessment-report', data: assessmentData(dossier) },
    ];

    // The ceiling: a browser of its own with as many pages as the pool, each printing the same HTML.
    bare = await puppeteer.launch({ executablePath: config.chromiumPath, headless: true, args: CHROMIUM_ARGS });
    const pages = await Promise.all(Array.from({ length: PAGE_POOL_SIZE }, () => bare.newPage()));
    const barePdf = async (page, html, options) => {
      await page.setContent(html, { waitUntil: 'load' });
      return Buffer.from(await page.pdf(options));
    };
    const bareBatch = (html, options) => {
      let next = 0;
      const out = [];
      return Promise.all(
        pages.map(async (page) => {
          while (next < BATCH) {
            next++;
            out.push(await barePdf(page, html, options));
          }
        }),
      ).then(() => out);
    };
    const timed = async (work) => {
      const started = performance.now();
      const pdfs = await work();
      return { ms: performance.now() - started, pdfs };
    };

    const rows = [];
    for (const doc of docs) {
      const html = documents.templates.render(doc.template, doc.data);
      const options = pdfOptions(documents.templates.escape(doc.data.title));
      const first = await documents.renderPdf(doc.template, doc.data); // warm: the shared browser started, a page made
      if (process.env.BENCH_PDF_DIR) writeFileSync(join(process.env.BENCH_PDF_DIR, `${doc.template}.pdf`), first);
      await barePdf(pages[0], html, options);
      const product = { ms: 0, pdfs: 0 };
      const ceiling = { ms: 0, pdfs: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const p = await timed(() => Promise.all(Array.from({ length: BATCH }, () => documents.renderPdf(doc.template, doc.data))));
        product.ms += p.ms;
        product.pdfs += p.pdfs.length;
        const b = await timed(() => bareBatch(html, options));
        ceiling.ms += b.ms;
        ceiling.pdfs += b.pdfs.length;
      }
      const pagesIn = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      rows.push({
        name: doc.name,
        pages: pagesIn(first),
        bytes: first.length,
        productPerSecond: (product.pdfs * 1000) / product.ms,
        barePerSecond: (ceiling.pdfs * 1000) / ceiling.ms,
        productMs: product.ms / product.pdfs,
        bareMs: ceiling.ms / ceiling.pdfs,
        load: os.loadavg()[0].toFixed(1),
      });
    }

    console.log(
      `${os.cpus().length} cores (${os.cpus()[0].model.trim()}); ${PAGE_POOL_SIZE} pages on each side; ${ROUNDS} × ${BATCH} PDFs each; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(['document'.padEnd(18), 'pages', '    KB', 'product PDF/s', 'bare page.pdf() PDF/s', 'ratio'].join(' │ '));
    for (const r of rows) {
      console.log(
        [
          r.name.padEnd(18),
          String(r.pages).padStart(5),
          (r.bytes / 1024).toFixed(0).padStart(6),
          `${r.productPerSecond.toFixed(2)} (${r.productMs.toFixed(0)} ms)`.padStart(13),
          `${r.barePerSecond.toFixed(2)} (${r.bareMs.toFixed(0)} ms)`.padStart(21),
          `${((100 * r.productPerSecond) / r.barePerSecond).toFixed(0)}%`.padStart(5),
        ].join(' │ '),
      );
    }
    for (const r of rows) console.log(`PDF ${JSON.stringify(r)}`);
  } finally {
    await bare?.close();
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
