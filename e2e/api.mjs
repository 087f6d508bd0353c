// Small API client for browser tests: set up data through the API, then act through the UI.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Clicks `selector`, then the OK button of the NG-ZORRO popconfirm it opens (a destructive action is asked first). */
export async function clickConfirmed(page, selector) {
  await page.click(selector);
  await page.locator('.ant-popover .ant-btn-primary:visible').click();
}

/**
 * Opens the NG-ZORRO select whose input has id `id` (nzId) and picks the option whose title starts
 * with `text`, typing it first into a searchable select so that the option is within the list shown.
 */
export async function pickOption(page, id, text) {
  // The previous pick's list closed, and this select enabled (a scheme waits for its contract's schemes).
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
  const select = page.locator(`nz-select:not(.ant-select-disabled):has(#${id})`);
  await select.click();
  if (await select.evaluate((el) => el.classList.contains('ant-select-show-search'))) await page.keyboard.type(text);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${text}"]`).first().click();
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
}
