// Small API client for browser tests: set up data through the API, then act through the UI.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { daysAgo } from './server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The shared example, or the demo seed (the same file) where the shared folder is not beside the clone.
const shared = join(root, '..', 'shared', 'examples', 'ningbo-ltc-2022.json');
export const exampleDossier = () => JSON.parse(readFileSync(existsSync(shared) ? shared : join(root, 'seed', 'demo-tender.json'), 'utf8'));

export async function apiLogin(url, username, password = 'Demo#2026') {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const { accessToken } = await res.json();
  return async (method, path, body) => {
    // A form (multipart) goes as it is; any other body as JSON.
    const json = body !== undefined && !(body instanceof FormData);
    const r = await fetch(`${url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(json && { 'content-type': 'application/json' }) },
      body: json ? JSON.stringify(body) : body,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

export async function loginInBrowser(page, url, username, password = 'Demo#2026') {
  await page.goto(`${url}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login-button');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.waitForSelector('h1');
}

/** The figures of an electronic bid as its bidder submits them (the review comes after opening). */
const SUBMITTED = ['unitPrice', 'serviceTotal', 'fixedComponents', 'total', 'totalCapitals', 'rate', 'deficitShare'];
/** The demo insurers' staff of the example's bidders A, B and C. */
const STAFF = { A: 'insurer', B: 'insurer2', C: 'insurer-c' };

/**
 * A tender of the example (its schemes, lots and bidders) set up and published by the clerk through the
 * API, with the electronic bids of A, B and C on `lots` submitted by their own staff; then time passes
 * on the product's database: the deadline and the opening time are behind us, the bids ready to open.
 * `tender` overrides the example's tender fields (its code at least). Returns its id and the clerk's API.
 */
export async function tenderReadyToOpen(server, tender, lots) {
  const clerk = await apiLogin(server.url, 'clerk');
  const d = exampleDossier();
  const { id } = await clerk('POST', '/tenders', {
    ...d.tender,
    bidDeadline: '2099-03-01T09:30:00+08:00',
    openingTime: '2099-03-01T10:00:00+08:00',
    ...tender,
  });
  for (const scheme of d.schemes) await clerk('POST', `/tenders/${id}/schemes`, scheme);
  for (const lot of d.lots) await clerk('POST', `/tenders/${id}/lots`, lot);
  for (const bidder of d.bidders) await clerk('POST', `/tenders/${id}/bidders`, bidder);
  await clerk('POST', `/tenders/${id}/publish`);
  for (const bid of d.bids.filter((b) => b.bidder in STAFF && lots.includes(b.lot))) {
    const form = new FormData();
    form.append('bid', JSON.stringify(Object.fromEntries(SUBMITTED.filter((k) => k in bid).map((k) => [k, bid[k]]))));
    const insurer = await apiLogin(server.url, STAFF[bid.bidder]);
    await insurer('POST', `/tenders/${id}/lots/${bid.lot}/electronic-bid`, form);
  }
  const ago = (ms) => new Date(Date.now() - ms).toISOString();
  await server.sql('UPDATE tenders SET bidDeadline = ?, openingTime = ? WHERE id = ?', [ago(120_000), ago(60_000), id]);
  return { tenderId: id, clerk };
}

/**
 * The clerk (`clerk`, apiLogin's) confirms the award of tender `tenderId`, and time passes on the
 * product's database: confirmed two months ago, its challenge period (质疑期) has run out unchallenged,
 * so contracts may be drawn up.
 */
export async function awardConfirmedLongAgo(server, clerk, tenderId) {
  await clerk('POST', `/tenders/${tenderId}/evaluation/confirm`);
  await server.sql('UPDATE awards SET confirmedAt = ? WHERE tenderId = ?', [daysAgo(60), tenderId]);
}

/**
 * The bureau's (`bureau`, apiLogin's) contract for lot 1 of tender `tenderId`, drawn up on `terms`
 * (year, schedule, ...), with its insured population entered, signed. Returns it as drawn up.
 */
export async function signedContract(bureau, tenderId, terms) {
  const contract = await bureau('POST', `/tenders/${tenderId}/lots/1/contracts`, terms);
  const withPopulation = await bureau('PATCH', `/contracts/${contract.id}`, { version: contract.version, population: 4012345 });
  await bureau('PATCH', `/contracts/${contract.id}`, { version: withPopulation.version, status: 'signed' });
  return contract;
}

/** A minimal valid PDF named `name`, as `page.setInputFiles` takes a file from memory: a report for a test to upload. */
export function pdfFile(name) {
  return {
    name,
    mimeType: 'application/pdf',
    buffer: Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    ),
  };
}

/** Clicks `selector`, then the OK button of the NG-ZORRO popconfirm it opens (a destructive action is asked first). */
export async function clickConfirmed(page, selector) {
  await page.click(selector);
  await page.locator('.ant-popover .ant-btn-primary:visible').click();
}
