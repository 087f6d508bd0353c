// Browser test: the shell on NG-ZORRO — each role's menu, breadcrumbs and page title, logout from the
// user menu — and nothing fetched from outside the product (no CDN, no icon loaded over HTTP).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useProduct } from './server.mjs';
import { loginInBrowser } from './api.mjs';

const MENUS = {
  admin: ['用户管理', '机构管理', '节假日与调休'],
  secadmin: ['角色与解锁'],
  auditor: ['日志审计'],
  clerk: ['招标项目', '评标', '导入档案'],
  expert1: ['我的评审'],
  bureau: ['合同', '定期报告', '年度考核'],
  insurer: ['我的投标', '我的合同', '定期报告', '我的考核'],
};

const product = useProduct();

/** A page that records every request leaving the product or asking for an asset file. */
async function watchedPage() {
  const page = await product.browser.newPage({ viewport: { width: 1024, height: 768 } });
  const strays = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== product.server.url || url.pathname.includes('/assets/')) strays.push(r.url());
  });
  return { page, strays };
}

for (const [username, menu] of Object.entries(MENUS)) {
  test(`${username} sees its own menu and loads nothing from outside`, async () => {
    const { page, strays } = await watchedPage();
    try {
      await loginInBrowser(page, product.server.url, username);
      const items = await page.locator('nav[aria-label="主导航"] li').allTextContents();
      assert.deepEqual(
        items.map((t) => t.trim()),
        menu,
      );
      await page.waitForSelector('nz-breadcrumb');
      assert.match(await page.title(), / - 医保经办服务采购与履约考核系统$/);
      assert.deepEqual(strays, []);
    } finally {
      await page.close();
    }
  });
}

test('the bureau goes by menu and breadcrumb, and logs out from the user menu', async () => {
  const { page, strays } = await watchedPage();
  try {
    await loginInBrowser(page, product.server.url, 'bureau');
    await page.click('nav[aria-label="主导航"] >> text=年度考核');
    await page.waitForURL(`${product.server.url}/bureau/assessments`);
    const crumbs = await page.locator('nz-breadcrumb .ant-breadcrumb-link').allTextContents();
    assert.deepEqual(
      crumbs.map((t) => t.trim()),
      ['医保局', '年度考核'],
    );
    await page.click('nz-breadcrumb >> text=医保局');
    await page.waitForURL(`${product.server.url}/bureau`);
    await page.click('#user-menu');
    await page.click('#logout');
    await page.waitForURL(`${product.server.url}/login`);
    assert.deepEqual(strays, []);
  } finally {
    await page.close();
  }
});
