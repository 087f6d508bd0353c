#!/usr/bin/env node
// Contract PDFs per second: the product's shared Chromium with its page pool, against a bare Chromium
// launched for every PDF printing the same HTML with the same options. Not a test: it prints a table.
//
//   npm run build:backend && node scripts/bench-pdf.js [PDFs per run, default 12]
//
// The contract is lot 1 of the shared example dossier for 2023, drawn up the way the API does it, in a
// throwaway in-memory database. CHROMIUM_PATH names the browser as for the server.
const { existsSync, readFileSync } = require('node:fs');
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
const { DocumentsService, CHROMIUM_ARGS, PAGE_POOL_SIZE, pdfOptions } = require(dist('documents/documents.service'));

const count = Number(process.argv[2] || 12);

async function timed(label, work) {
  const started = process.hrtime.bigint();
  const pdfs = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { label, pdfs: pdfs.length, seconds, bytes: pdfs[0].length };
}

const times = (n, make) => Array.from({ length: n }, make);

async function main() {
  const config = loadConfig({ ...process.env, DATABASE_URL: 'sqlite::memory:', JWT_SECRET: 'bench', SEED_DEMO: 'false' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    const dossier = JSON.parse(readFileSync(join(root, '..', 'shared', 'examples', 'ningbo-ltc-2022.json'), 'utf8'));
    const { tenderId } = await app.get(DossiersService).import(null, dossier);
    const contract = await app.get(ContractsService).create(null, tenderId, '1', 2023, 'ningbo');
    const data = await app.get(ContractPdfsService).contractData(contract.id);
    const documents = app.get(DocumentsService);
    const html = documents.templates.render('contract', data);
    const options = pdfOptions(documents.templates.escape(data.title));

    const first = await timed('shared: first PDF (starts the browser)', async () => [await documents.renderPdf('contract', data)]);
    const sequential = await timed('shared browser, one at a time', async () => {
      const pdfs = [];
      for (let i = 0; i < count; i++) pdfs.push(await documents.renderPdf('contract', data));
      return pdfs;
    });
    const pooled = await timed(`shared browser, ${PAGE_POOL_SIZE}-page pool, all at once`, () =>
      Promise.all(times(count, () => documents.renderPdf('contract', data))),
    );
    const bare = await timed('bare Chromium launched per PDF, one at a time', async () => {
      const pdfs = [];
      for (let i = 0; i < count; i++) {
        const browser = await puppeteer.launch({ executablePath: config.chromiumPath, headless: true, args: CHROMIUM_ARGS });
        try {
          const page = await browser.newPage();
          await page.setContent(html, { waitUntil: 'load' });
          await page.evaluate(() => document.fonts.ready.then(() => undefined));
          pdfs.push(Buffer.from(await page.pdf(options)));
        } finally {
          await browser.close();
        }
      }
      return pdfs;
    });

    const rows = [first, sequential, pooled, bare];
    const fmt = (r) =>
      [
        r.label.padEnd(48),
        String(r.pdfs).padStart(4),
        r.seconds.toFixed(1).padStart(8),
        (r.pdfs / r.seconds).toFixed(2).padStart(7),
        ((r.seconds * 1000) / r.pdfs).toFixed(0).padStart(8),
      ].join(' │ ');
    console.log(
      `contract PDF: ${(first.bytes / 1024).toFixed(0)} KB; ${os.cpus().length} cores (${os.cpus()[0].model.trim()}); load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(['mode'.padEnd(48), 'PDFs', ' seconds', '  PDF/s', 'ms/PDF'.padStart(8)].join(' │ '));
    console.log('─'.repeat(90));
    for (const r of rows) console.log(fmt(r));
    console.log(`shared pool vs bare: ${(pooled.pdfs / pooled.seconds / (bare.pdfs / bare.seconds)).toFixed(1)}× the PDFs per second`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
