// Browser test (issue 12 items 6, 7, 10, 15): the built UI runs under the Content-Security-Policy
// (no inline script: an injected one is refused, nothing the UI does is), logout ends the session on
// the server, a reset password sends the user to /password until changed, and the security
// administrator grants a role on its own desk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useProduct } from './server.mjs';
import { apiLogin, loginInBrowser } from './api.mjs';

const product = useProduct();

/** A page that records every CSP violation and script error. */
async function watchedPage() {
  const page = await product.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}

test('the UI runs under its CSP and an injected inline script does not', async () => {
  const { page, problems } = await watchedPage();
  try {
    const index = await page.goto(`${product.server.url}/login`);
    assert.match(index.headers()['content-security-policy'], /script-src 'self'(;|$)/);
    await loginInBrowser(page, product.server.url, 'clerk');
    await page.click('nav[aria-label="主导航"] >> text=评标');
    await page.waitForURL(`${product.server.url}/procurement/evaluation`);
    assert.deepEqual(problems, []);
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true;';
      document.body.appendChild(s);
      await new Promise((r) => setTimeout(r, 100));
      return window.injected === true;
    });
    assert.equal(ran, false);
    assert.ok(problems.some((p) => /Content Security Policy/i.test(p)));
  } finally {
    await page.close();
  }
});

test('logout ends the session on the server, not only in the browser', async () => {
  const { page } = await watchedPage();
  try {
    await loginInBrowser(page, product.server.url, 'bureau');
    const token = await page.evaluate(() => localStorage.getItem('hcprocure.accessToken'));
    await page.click('#user-menu');
    await page.click('#logout');
    await page.waitForURL(`${product.server.url}/login`);
    await new Promise((r) => setTimeout(r, 300));
    const res = await fetch(`${product.server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 401);
  } finally {
    await page.close();
  }
});

test('after a reset the user changes the password on /password before anything else', async () => {
  const admin = await apiLogin(product.server.url, 'admin');
  const users = await admin('GET', '/users');
  const expert = users.find((u) => u.username === 'expert4');
  await admin('POST', `/users/${expert.id}/reset-password`, { password: 'Given-by-admin-9' });
  const { page, problems } = await watchedPage();
  try {
    await loginInBrowser(page, product.server.url, 'expert4', 'Given-by-admin-9');
    assert.equal(new URL(page.url()).pathname, '/password');
    await page.goto(`${product.server.url}/expert`);
    await page.waitForURL(`${product.server.url}/password`);
    await page.fill('#current-password', 'Given-by-admin-9');
    await page.fill('#new-password', 'password1234');
    await page.fill('#repeat-password', 'password1234');
    await page.click('#change-password');
    // The policy's refusal shows under the new password, as NG-ZORRO's error tip of its form item.
    const tip = 'nz-form-item:has(#new-password) .ant-form-item-explain-error';
    await page.waitForSelector(tip);
    assert.match(await page.textContent(tip), /至少三类/);
    await page.fill('#new-password', 'Own-choice-lamp-5');
    await page.fill('#repeat-password', 'Own-choice-lamp-5');
    await page.click('#change-password');
    await page.waitForURL(`${product.server.url}/expert`);
    assert.equal((await page.textContent('h1')).trim(), '我的评审');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the security administrator grants a role on its desk', async () => {
  const { page, problems } = await watchedPage();
  try {
    await loginInBrowser(page, product.server.url, 'secadmin');
    assert.equal(new URL(page.url()).pathname, '/security');
    assert.equal((await page.textContent('h1')).trim(), '角色与解锁');
    // Each user's role is an NG-ZORRO select: opened, then the role picked from its list.
    const grant = async (username, role) => {
      await page.click(`nz-select[aria-label="${username} 的角色"]`);
      await page.click(`.ant-select-dropdown:visible .ant-select-item-option[title="${role}"]`);
    };
    await grant('expert3', '医保局');
    await page.waitForSelector('[role=status]');
    assert.match(await page.textContent('[role=status]'), /expert3 的角色变更为医保局/);
    await grant('secadmin', '系统管理员');
    await page.waitForSelector('[role=alert]');
    assert.match(await page.textContent('[role=alert]'), /管理员不能停用自己或变更自己的角色/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
