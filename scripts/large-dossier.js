// The large tender of the benchmark and the crash tests: the example's tender, schemes and lots; 60
// bidders bidding on every lot; 9 experts scoring every subjective criterion of every bid. Seeded, so
// every call builds the same dossier. Plain CommonJS, so the benchmark (built code) and the backend
// tests (TypeScript sources) share it.
'use strict';

const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

/** The shared example dossier, or its copy in the demo seed where ../shared is not beside the clone. */
const SHARED_EXAMPLE = join(root, '..', 'shared', 'examples', 'ningbo-ltc-2022.json');
const EXAMPLE_PATH = existsSync(SHARED_EXAMPLE) ? SHARED_EXAMPLE : join(root, 'seed', 'demo-tender.json');

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param {string} code the tender code
 * @param {(amount: string) => string} formatCapitals the product's capital-numeral rule (domain/bids/capitals)
 * @param {{ bidders?: number, experts?: number }} size
 */
function largeDossier(code, formatCapitals, { bidders: bidderCount = 60, experts = 9 } = {}) {
  const example = JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8'));
  const random = rng(2026);
  const pick = (lo, hi) => lo + random() * (hi - lo);
  const fen = (x) => (Math.round(x * 100) / 100).toFixed(2);
  const addFen = (...xs) => (xs.reduce((s, x) => s + Math.round(Number(x) * 100), 0) / 100).toFixed(2);

  // The range of each fact over the example's bids, to draw plausible facts from.
  const factRange = new Map();
  for (const bid of example.bids) {
    for (const [k, v] of Object.entries(bid.facts ?? {})) {
      const r = factRange.get(k) ?? { min: Infinity, max: -Infinity, bool: typeof v === 'boolean', int: true };
      if (typeof v === 'number') {
        r.min = Math.min(r.min, v);
        r.max = Math.max(r.max, v);
        r.int &&= Number.isInteger(v);
      }
      factRange.set(k, r);
    }
  }
  const facts = () =>
    Object.fromEntries(
      [...factRange].map(([k, r]) => {
        if (r.bool) return [k, random() < 0.6];
        const v = pick(r.min, r.max + (r.int ? 1 : 0));
        return [k, r.int ? Math.floor(v) : Math.round(v * 10) / 10];
      }),
    );

  const bidders = Array.from({ length: bidderCount }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return {
      code: `B${n}`,
      name: `压测投标人${n}保险股份有限公司`,
      sme: random() < 0.2,
      legalRepresentative: `法定代表人${n}`,
      parentCode: null,
      groupCode: `G${n}`,
      contactPerson: `联系人${n}`,
    };
  });
  const template = example.bids[0];
  const quality = new Map(bidders.map((b) => [b.code, pick(0.45, 0.95)]));
  const bids = [];
  for (const lot of example.lots) {
    const cap = Number(lot.maxUnitPrice);
    for (const [i, b] of bidders.entries()) {
      const unitPrice = (Math.round(pick(cap * 0.88, cap) * 100) / 100).toFixed(2);
      const serviceTotal = fen(Number(unitPrice) * lot.basePopulation);
      const total = addFen(serviceTotal, ...lot.fixedComponents.map((c) => c.amount));
      bids.push({
        bidder: b.code,
        lot: lot.no,
        unitPrice,
        serviceTotal,
        fixedComponents: lot.fixedComponents,
        total,
        totalCapitals: formatCapitals(total),
        submittedFromIp: `198.51.${Math.floor(i / 200)}.${(i % 200) + 1}`,
        qualification: template.qualification,
        compliance: template.compliance,
        facts: facts(),
      });
    }
  }
  const panel = Array.from({ length: experts }, (_, i) => ({ code: `E${i + 1}`, name: `评审专家${i + 1}` }));
  const subjective = new Map(example.schemes.map((s) => [s.code, s.criteria.filter((c) => c.kind === 'subjective')]));
  const scores = [];
  for (const bid of bids) {
    const lot = example.lots.find((l) => l.no === bid.lot);
    for (const c of subjective.get(lot.scheme)) {
      const max = Number(c.max);
      for (const e of panel) {
        const v = Math.min(max, Math.max(0, Math.round((quality.get(bid.bidder) + pick(-0.1, 0.1)) * max * 10) / 10));
        scores.push({ expert: e.code, bidder: bid.bidder, lot: bid.lot, criterion: c.no, value: v.toFixed(1) });
      }
    }
  }
  const { assessments: _a, assessmentSchemes: _s, draws: _d, ...rest } = example;
  return { ...rest, tender: { ...example.tender, code }, bidders, bids, panel, scores };
}

module.exports = { EXAMPLE_PATH, largeDossier };
