// Browser test: the built UI served by the backend, a real Chromium, each demo role logs in and
// lands on its own home page, and a deep link survives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './server.mjs';

const HOMES = {
  admin: ['/admin', '用户管理'],
  auditor: ['/audit', '日志审计'],
  clerk: ['/procurement', '招标项目'],
  expert1: ['/expert', '我的评审'],
  bureau: ['/bureau', '合同管理'],
  insurer: ['/insurer', '我的投标'],
};

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function login(page, username, password = 'Demo#2026') {
  await page.goto(`${server.url}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login-button');
}

for (const [username, [path, heading]] of Object.entries(HOMES)) {
  test(`${username} logs in and lands on ${path}`, async () => {
    const page = await browser.newPage();
    try {
      await login(page, username);
      await page.waitForURL(`${server.url}${path}`);
      assert.equal((await page.textContent('h1')).trim(), heading);
      // Deep link: reloading keeps the user on the page, signed in.
      await page.reload();
      await page.waitForSelector('h1');
      assert.equal(new URL(page.url()).pathname, path);
      assert.equal((await page.textContent('h1')).trim(), heading);
    } finally {
      await page.close();
    }
  });
}

test('a wrong password shows the error on the login page', async () => {
  const page = await browser.newPage();
  try {
    await login(page, 'clerk', 'wrong-password');
    await page.waitForSelector('.login-error');
    assert.match(await page.textContent('.login-error'), /用户名或密码错误/);
  } finally {
    await page.close();
  }
});

test("a role cannot open another role's area", async () => {
  const page = await browser.newPage();
  try {
    await login(page, 'insurer');
    await page.waitForURL(`${server.url}/insurer`);
    await page.goto(`${server.url}/admin`);
    await page.waitForSelector('h1');
    assert.equal(new URL(page.url()).pathname, '/insurer');
  } finally {
    await page.close();
  }
});
