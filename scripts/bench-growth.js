#!/usr/bin/env node
// The evaluation's growth curve: the large tender with 60, 240 and 960 bidders per lot (9 experts, every
// subjective criterion scored: up to ~155k scores), each step timed with its peak memory, in one process
// on one database. Not a test: it prints one JSON line per size (read by scripts/bench.js) and a table.
//
//   npm run build:backend && node scripts/bench-growth.js DATABASE_URL [bidders…]
//
// Steps, each in the built product's own code: import (DossiersService.import: validation and writes,
// one transaction), load (loadDossier: the tender's rows read back), evaluate (the pure evaluateDossier),
// store (EvaluationService.confirm: load, evaluate and the award written). Each step's CPU time is the
// process's (process.cpuUsage), which the machine's other work does not inflate as it does the wall clock. Peak memory is the process's
// peak resident set during the step (Linux: VmHWM, reset before each step through /proc/self/clear_refs),
// less the resident set when the step began.
'use strict';

const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = (p) => join(root, 'dist', 'backend', p);
const url = process.argv[2];
const sizes = process.argv.slice(3).map(Number);
if (!url) {
  console.error('usage: bench-growth.js DATABASE_URL [bidders…]');
  process.exit(2);
}

const { NestFactory } = require('@nestjs/core');
const { AppModule } = require(dist('app.module'));
const { loadConfig } = require(dist('config/config'));
const { DossiersService } = require(dist('dossiers/dossiers.service'));
const { EvaluationService } = require(dist('evaluation/evaluation.service'));
const { loadDossier } = require(dist('dossiers/dossier-store'));
const { evaluateDossier } = require(dist('domain/evaluation/evaluate-dossier'));
const { formatCapitals } = require(dist('domain/bids/capitals'));
const { largeDossier } = require('./large-dossier');
const { DataSource } = require('typeorm');

const kib = (line) => Number(/(\d+)/.exec(line)[1]);
const status = () =>
  Object.fromEntries(
    readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .map((l) => [l.split(':')[0], l]),
  );

/** Times one step (wall clock and this process's CPU time) and its peak resident memory above where it started. */
async function step(work) {
  global.gc?.();
  writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM to the current resident set
  const before = kib(status().VmRSS);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const peak = kib(status().VmHWM);
  return { value, ms, cpuMs: (user + system) / 1000, peakMiB: (peak - before) / 1024 };
}

async function main() {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    JWT_SECRET: require('node:crypto').randomBytes(32).toString('hex'),
    AUDIT_KEY: process.env.AUDIT_KEY || 'bench-audit-key-0123456789abcdef0123456789',
    SEED_DEMO: 'true',
    DEMO_MODE: 'false',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    const dossiers = app.get(DossiersService);
    const evaluation = app.get(EvaluationService);
    const m = app.get(DataSource).manager;
    const actor = { id: 1, username: 'clerk', role: 'procurement', organizationId: null };
    for (const bidders of sizes.length ? sizes : [60, 240, 960]) {
      const dossier = largeDossier(`GROWTH-${bidders}`, formatCapitals, { bidders, experts: 9 });
      const imported = await step(() => dossiers.import(actor, JSON.parse(JSON.stringify(dossier))));
      const tenderId = imported.value.tenderId;
      const loaded = await step(() => loadDossier(m, tenderId));
      const evaluated = await step(() => evaluateDossier(loaded.value));
      const stored = await step(() => evaluation.confirm(actor, tenderId));
      const row = {
        bidders,
        bids: dossier.bids.length,
        scores: dossier.scores.length,
        winners: evaluated.value.lots.map((l) => l.winner ?? '—').join('/'),
        loadAverage: require('node:os').loadavg()[0].toFixed(1),
        steps: Object.fromEntries(
          Object.entries({ import: imported, load: loaded, evaluate: evaluated, store: stored }).map(([k, s]) => [
            k,
            { ms: Math.round(s.ms), cpuMs: Math.round(s.cpuMs), peakMiB: Math.round(s.peakMiB) },
          ]),
        ),
      };
      console.log(`GROWTH ${JSON.stringify(row)}`);
    }
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
