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
    const r = await fetch(`${url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
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

/** Clicks `selector`, then the OK button of the NG-ZORRO popconfirm it opens (a destructive action is asked first). */
export async function clickConfirmed(page, selector) {
  await page.click(selector);
  await page.locator('.ant-popover .ant-btn-primary:visible').click();
}
