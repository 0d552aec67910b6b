import { expect, test } from '@playwright/test';
import { paragraphAction } from './paragraph-actions';

test.describe('searching the report', () => {
  test('searching 书香政协 from the box shows marked results and puts the query in the URL', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('searchbox').fill('书香政协');
    await page.getByRole('searchbox').press('Enter');
    await expect(page).toHaveURL(/\/\?q=%E4%B9%A6%E9%A6%99%E6%94%BF%E5%8D%8F$/);
    await expect(page.getByTestId('summary')).toContainText('找到 1 个段落');
    const hit = page.getByTestId('hit').first();
    await expect(hit.locator('mark').first()).toHaveText('书香政协');
    await expect(page.locator('li').first()).toContainText('百舸争流万山过——资阳市政协2022年工作综述');
    await expect(page.locator('li').first()).toContainText('创先争优树品牌');
  });

  test('opening a result lands on its paragraph, in view and marked', async ({ page }) => {
    await page.goto('/?q=' + encodeURIComponent('43户'));
    const hits = page.getByTestId('hit');
    await expect(hits).toHaveCount(2);
    const second = hits.nth(1);
    const href = await second.getAttribute('href');
    const id = href!.split('#')[1]!;
    await second.click();
    await expect(page).toHaveURL(new RegExp(`/reports/ziyang-cppcc-2022\\?q=.*#${id}$`));
    const target = page.locator(`[id="${id}"]`);
    await expect(target).toBeInViewport();
    await expect(target.locator('mark').first()).toHaveText('43户');
    const background = await target.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    await expect(page.getByTestId('match-count')).toContainText('共 2 处匹配');
  });

  test('a shared paragraph link opens scrolled to that paragraph', async ({ page }) => {
    await page.goto('/?q=' + encodeURIComponent('江西'));
    const href = await page.getByTestId('hit').first().getAttribute('href');
    const id = href!.split('#')[1]!;
    await page.goto(`/reports/ziyang-cppcc-2022#${id}`);
    await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
    await expect(page.locator('h1')).not.toBeInViewport();
  });

  test('each paragraph offers a link that copies its URL', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/reports/ziyang-cppcc-2022');
    const copy = await paragraphAction(page, 3, '复制链接');
    await copy.click();
    await expect(copy).toHaveText('已复制');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/reports\/ziyang-cppcc-2022\/p-[0-9a-f]{10}$/);
    await expect(page.locator(`[id="${copied.split('/').at(-1)}"]`)).toContainText('这一年,强大的动力');
  });

  test('a refused query gets a friendly message, not an error page', async ({ page }) => {
    const response = await page.goto('/?q=' + '政'.repeat(201));
    expect(response!.status()).toBe(200);
    await expect(page.getByTestId('error')).toContainText('查询过长');
  });

  test('when no paragraph has every term, partial matches are shown with a notice', async ({ page }) => {
    await page.goto('/?q=' + encodeURIComponent('书香政协 天然气'));
    await expect(page.getByTestId('partial')).toBeVisible();
    await expect(page.getByTestId('hit')).toHaveCount(2);
  });

  test('an unknown report is a 404 page', async ({ page }) => {
    const response = await page.goto('/reports/no-such-report');
    expect(response!.status()).toBe(404);
    await expect(page.locator('h1')).toContainText('没有找到');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('results are rendered on the server, marked, with count and time', async ({ page }) => {
    await page.goto('/?q=' + encodeURIComponent('有事来协商'));
    await expect(page.getByTestId('summary')).toContainText(/找到 1 个段落 · 用时 [\d.]+ 毫秒/);
    await expect(page.getByTestId('hit').first().locator('mark').first()).toHaveText('有事来协商');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });
});

test.describe('browsing the collection', () => {
  test('the home page lists the reports with date and paragraph count, and a report links back', async ({ page }) => {
    await page.goto('/');
    const list = page.getByTestId('report-list');
    await expect(list).toContainText('收录的报告（1 份）');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('listitem').first()).toContainText('2023-01-01 · 28 段');
    await list.getByRole('link', { name: '百舸争流万山过——资阳市政协2022年工作综述' }).click();
    await expect(page).toHaveURL(/\/reports\/ziyang-cppcc-2022$/);
    await page.getByRole('link', { name: '← 全部报告' }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});

test.describe('pinyin and synonyms', () => {
  test('says what pinyin found, marks it, and offers the letters alone', async ({ page }) => {
    await page.goto('/?q=shuxiangzhengxie');
    await expect(page.getByTestId('expanded')).toContainText('按拼音 shuxiangzhengxie 找到 书香政协');
    await expect(page.getByTestId('hit').first().locator('mark').first()).toHaveText('书香政协');
    await page.getByRole('link', { name: '只查找“shuxiangzhengxie”本身' }).click();
    await expect(page.getByTestId('summary')).toContainText('找到 0 个段落');
  });

  test('says which synonyms a term also found', async ({ page }) => {
    await page.goto('/?q=' + encodeURIComponent('新冠'));
    await expect(page.getByTestId('expanded')).toContainText('新冠 的同义词：疫情');
    await expect(page.getByTestId('hit').first().locator('mark').first()).toHaveText('疫情');
  });
});
