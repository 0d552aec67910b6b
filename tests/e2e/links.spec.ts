import { load } from 'cheerio';
import { expect, test } from '@playwright/test';
import { paragraphAction } from './paragraph-actions';

const PARAGRAPH = '/reports/ziyang-cppcc-2022/p-5ba58209ce';

test.describe("a paragraph's own URL", () => {
  test('carries the preview tags in the HTML the server sends, before any JavaScript', async ({ request, baseURL }) => {
    const res = await request.get(PARAGRAPH);
    expect(res.status()).toBe(200);
    const $ = load(await res.text());
    const meta = (key: string) => $(`meta[property="${key}"], meta[name="${key}"]`).attr('content');
    const url = `${baseURL}${PARAGRAPH}`;
    expect($('title').text()).toBe('创先争优树品牌 · 百舸争流万山过——资阳市政协2022年工作综述 - 报告检索');
    expect(meta('og:title')).toBe('百舸争流万山过——资阳市政协2022年工作综述 · 创先争优树品牌');
    expect(meta('og:description')).toMatch(/^围绕提升内涵素质,做强“书香政协”品牌。/);
    expect(Array.from(meta('og:description')!).length).toBeLessThanOrEqual(131);
    expect(meta('og:url')).toBe(url);
    expect(meta('og:type')).toBe('article');
    expect($('link[rel="canonical"]').attr('href')).toBe(url);
    expect(meta('twitter:card')).toBe('summary');
    expect(meta('twitter:title')).toBe(meta('og:title'));
    expect(meta('twitter:description')).toBe(meta('og:description'));
    expect($('#p-5ba58209ce').attr('data-linked')).toBe('true');
  });

  test('lands a browser on the paragraph, outlined, with the query marked', async ({ page }) => {
    await page.goto(`${PARAGRAPH}?q=${encodeURIComponent('品牌')}`);
    const paragraph = page.locator('#p-5ba58209ce');
    await expect(paragraph).toBeInViewport();
    await expect(paragraph).toHaveAttribute('data-linked', 'true');
    await expect(paragraph.locator('mark').first()).toHaveText('品牌');
    await expect(paragraph.locator('mark[data-current]')).toHaveCount(1);
  });

  test('is what 复制链接 copies, and a hit in the API points to it', async ({ page, context, request }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/reports/ziyang-cppcc-2022');
    await (await paragraphAction(page, 22, '复制链接')).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
      /\/reports\/ziyang-cppcc-2022\/p-5ba58209ce$/,
    );
    const hit = (await (await request.get('/api/search?q=%E4%B9%A6%E9%A6%99%E6%94%BF%E5%8D%8F')).json()).hits[0];
    expect(hit.paragraphUrl).toMatch(/^\/reports\/ziyang-cppcc-2022\/p-5ba58209ce\?q=/);
  });

  test('answers 404 for a paragraph the report does not have', async ({ request }) => {
    expect((await request.get('/reports/ziyang-cppcc-2022/p-0000000000')).status()).toBe(404);
  });
});

test.describe('titles and the browser search box', () => {
  test('a results page is titled with its query, also after typing', async ({ page }) => {
    await page.goto('/?q=' + encodeURIComponent('书香政协'));
    await expect(page).toHaveTitle('书香政协 - 报告检索');
    await page.getByRole('searchbox').fill('有事来协商');
    await expect(page).toHaveTitle('有事来协商 - 报告检索');
  });

  test('every page links the OpenSearch description', async ({ page }) => {
    for (const url of ['/', '/reports/ziyang-cppcc-2022', PARAGRAPH]) {
      await page.goto(url);
      await expect(page.locator('link[rel="search"][type="application/opensearchdescription+xml"]')).toHaveAttribute(
        'href',
        '/opensearch.xml',
      );
    }
  });
});

test.describe('citing', () => {
  test('复制引用 offers the plain form and GB/T 7714-2015', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/reports/ziyang-cppcc-2022');
    await (await paragraphAction(page, 22, 'GB/T 7714 引用')).click();
    const gbt = await page.evaluate(() => navigator.clipboard.readText());
    expect(gbt).toMatch(
      /^百舸争流万山过——资阳市政协2022年工作综述\[EB\/OL\]\. 主站, 2023-01-01\[\d{4}-\d{2}-\d{2}\]\. http:\/\/[^ ]+\/reports\/ziyang-cppcc-2022\/p-5ba58209ce\.$/,
    );
    await (await paragraphAction(page, 22, '复制引用')).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
      /^《百舸争流万山过——资阳市政协2022年工作综述》, 创先争优树品牌, 第22段, http/,
    );
  });

  test('downloads a paragraph as RIS', async ({ page }) => {
    await page.goto('/reports/ziyang-cppcc-2022');
    const download = page.waitForEvent('download');
    await (await paragraphAction(page, 22, 'RIS 引用文件')).click();
    expect((await download).suggestedFilename()).toBe('ziyang-cppcc-2022-p-5ba58209ce.ris');
  });
});

test.describe('printing a report', () => {
  test('hides the header, find bar and buttons, keeps paragraph numbers, and prints the linked paragraph URL', async ({
    page,
  }, info) => {
    await page.goto(`${PARAGRAPH}?q=${encodeURIComponent('品牌')}`);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: info.outputPath('print.png'), fullPage: true });
    for (const hidden of [
      'body > header',
      '[data-testid="find-bar"]',
      'nav[aria-labelledby="toc"]',
      'summary[aria-label^="段落操作"]',
    ]) {
      await expect(page.locator(hidden).first()).toBeHidden();
    }
    const before = await page
      .locator('#p-5ba58209ce p[data-ordinal]')
      .evaluate((el) => getComputedStyle(el, '::before').content);
    expect(before).toBe('"[22] "');
    const after = await page.locator('#p-5ba58209ce').evaluate((el) => getComputedStyle(el, '::after').content);
    expect(after).toMatch(/^"http:\/\/.+\/reports\/ziyang-cppcc-2022\/p-5ba58209ce"$/);
    const other = await page
      .locator('.paragraph')
      .first()
      .evaluate((el) => getComputedStyle(el, '::after').content);
    expect(other).toBe('none');
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('body > header')).toBeVisible();
  });
});
