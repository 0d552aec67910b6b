import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { teaCollection } from '@/tests/fixtures/tea-collection';
import { serveCollection } from './collection-server';
import { FIGURES_2023, MOVED, NEW, PLANTED, TITLE_2022, TITLE_NEIGHBOUR, twoYears } from '@/tests/fixtures/two-years';

const base = 'http://127.0.0.1:3140';
let stop = () => {};

test.beforeAll(async () => {
  test.setTimeout(180_000);
  ({ stop } = await serveCollection(3140, [...twoYears(), ...teaCollection()], ['青溪绿茶']));
});

test.afterAll(() => stop());

const box = async (l: Locator) => (await l.boundingBox())!;
/** The two sides of the pair whose b paragraph says `text`. */
const sidesOf = (page: Page, text: string) =>
  page.locator('.compare-pair', { has: page.locator('.compare-side', { hasText: text }) }).locator('.compare-side');

test.describe('comparing two reports', () => {
  test("the report page offers last year's report; the comparison sums up and marks what changed, side by side", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/reports/qingxi-2023`);
    await expect(
      page.getByText('发布时间：2023-02-18 · 地区：某省青溪县 · 级别：县 · 类别：政府工作报告'),
    ).toBeVisible();
    await page.getByRole('link', { name: `对比上一年：${TITLE_2022}` }).click();
    await expect(page).toHaveURL(`${base}/compare?a=qingxi-2022&b=qingxi-2023`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE_2022);
    await expect(page.getByTestId('compare-counts')).toHaveText(/新增 1 段\s*删去 1 段\s*修改 5 段\s*未变 3 段/);
    const figures = page.getByTestId('compare-figures');
    await expect(figures.locator('li').first()).toHaveText(/地区生产总值增长\s*7\.5%\s*→\s*7%/);
    await expect(page.locator('del.diff-removed', { hasText: '412件' })).toHaveCount(2); // the summary and the pair
    await expect(page.locator('.compare-pair ins.diff-added', { hasText: '455件' })).toHaveCount(1);
    await expect(page.locator('.compare-pair', { hasText: MOVED }).getByText('移至他节')).toBeVisible();
    await expect(page.locator('.compare-pair[data-status="new"]', { hasText: NEW })).toHaveCount(1);
    // Side by side: the two paragraphs of a pair start on one line, the earlier on the left.
    const [a, b] = [await box(sidesOf(page, MOVED).first()), await box(sidesOf(page, MOVED).last())];
    expect(Math.abs(a.y - b.y)).toBeLessThan(2);
    expect(a.x + a.width).toBeLessThanOrEqual(b.x);
    // A figure in the summary leads to its pair; a paragraph to its place in its report.
    await figures.getByRole('link').first().click();
    await expect(page).toHaveURL(/#pair-\d+$/);
    await page.getByRole('link', { name: `${TITLE_2022}第 7 段` }).click();
    await expect(page).toHaveURL(new RegExp(`/reports/qingxi-2022/p-[0-9a-f]{10}$`));
    await expect(page.locator('.paragraph[data-linked]')).toContainText(MOVED);
  });

  test('on a phone the earlier paragraph sits above the later one, and an unchanged one shows once', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/compare?a=qingxi-2022&b=qingxi-2023`);
    await expect(sidesOf(page, MOVED).first()).toBeHidden();
    await expect(sidesOf(page, MOVED).last()).toBeVisible();
    const [a, b] = [await box(sidesOf(page, FIGURES_2023).first()), await box(sidesOf(page, FIGURES_2023).last())];
    expect(b.y).toBeGreaterThanOrEqual(a.y + a.height - 1);
    expect(Math.abs(a.x - b.x)).toBeLessThan(2);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });

  test('prints side by side, without the controls, on paper narrower than a wide screen', async ({ page }) => {
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await page.goto(`${base}/compare?a=qingxi-2022&b=qingxi-2023`);
    await page.emulateMedia({ media: 'print' });
    await expect(sidesOf(page, MOVED).first()).toBeVisible();
    const columns = await sidesOf(page, MOVED)
      .first()
      .evaluate((el) => getComputedStyle(el.parentElement!).gridTemplateColumns.split(' ').length);
    expect(columns).toBe(2);
    await expect(page.getByRole('link', { name: '交换左右' })).toBeHidden();
  });

  test('works without JavaScript: any report found by its title can be compared', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/reports/qingxi-2023`);
    await page.getByRole('link', { name: '与其他报告对比' }).click();
    await page.getByLabel('按标题查找报告').fill('石桥');
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByRole('link', { name: TITLE_NEIGHBOUR }).click();
    await expect(page).toHaveURL(`${base}/compare?a=shiqiao-2023&b=qingxi-2023`);
    await expect(page.getByTestId('compare-counts')).toContainText('修改 1 段');
    await page.goto(`${base}/compare?a=qingxi-2022&b=qingxi-2023`);
    await expect(page.locator('.compare-pair[data-status="same"]')).toHaveCount(3);
    await page.getByRole('link', { name: '只看变化' }).click();
    await expect(page.locator('.compare-pair[data-status="same"]')).toHaveCount(0);
    await expect(page.locator('.compare-pair[data-status="changed"]')).toHaveCount(5);
    await context.close();
  });

  test('answers 404 for a report or paragraph that does not exist', async ({ request }) => {
    expect((await request.get(`${base}/compare?a=nowhere&b=qingxi-2023`)).status()).toBe(404);
    expect((await request.get(`${base}/similar?report=qingxi-2023&paragraph=p-0000000000`)).status()).toBe(404);
    const api = await request.get(`${base}/api/compare?a=nowhere&b=qingxi-2023`);
    expect(api.status()).toBe(404);
    expect((await api.json()).error.code).toBe('not_found');
  });

  test('axe finds no violations on the comparison and similar pages', async ({ page }) => {
    const compared = (await (await page.request.get(`${base}/api/compare?a=qingxi-2023&b=qingxi-2023`)).json()) as {
      paragraphs: { a: { id: string; text: string }[] };
    };
    const moved = compared.paragraphs.a.find((p) => p.text === MOVED)!.id;
    for (const url of [
      `/similar?report=qingxi-2023&paragraph=${moved}`,
      '/compare?a=qingxi-2022&b=qingxi-2023',
      '/compare?b=qingxi-2023&find=%E9%9D%92%E6%BA%AA',
      '/reports/qingxi-2023',
    ]) {
      await page.goto(`${base}${url}`);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${url} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    }
  });
});

test.describe("a paragraph's actions", () => {
  test('hide behind one control that shows on hover and focus, opens from the keyboard, and leads to similar paragraphs', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/reports/qingxi-2023`);
    const control = page.locator('summary[aria-label="段落操作：第 5 段"]');
    await expect(control).toHaveCSS('opacity', '0');
    await expect(page.getByRole('link', { name: '复制链接：第 5 段' })).toBeHidden();
    await page.locator('.paragraph', { hasText: MOVED }).hover();
    await expect(control).toHaveCSS('opacity', '1');
    await page.mouse.move(0, 0);
    await control.focus();
    await expect(control).toHaveCSS('opacity', '1');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: '复制链接：第 5 段' })).toBeFocused();
    await page.getByRole('link', { name: '相似段落：第 5 段' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('相似段落');
    const hits = page.locator('ol > li');
    await expect(hits).toHaveCount(2);
    await expect(hits.nth(0)).toContainText(TITLE_2022);
    await expect(hits.nth(1)).toContainText(TITLE_NEIGHBOUR);
    await expect(hits.nth(1)).toContainText(PLANTED);
  });

  test('show on the paragraph a link landed on, and never in print', async ({ page }) => {
    const id = (
      (await (await page.request.get(`${base}/api/compare?a=qingxi-2023&b=qingxi-2023`)).json()) as {
        paragraphs: { a: { id: string; text: string }[] };
      }
    ).paragraphs.a.find((p) => p.text === MOVED)!.id;
    await page.goto(`${base}/reports/qingxi-2023/${id}`);
    await page.mouse.move(0, 0);
    await expect(page.locator('summary[aria-label="段落操作：第 5 段"]')).toHaveCSS('opacity', '1');
    await expect(page.locator('summary[aria-label="段落操作：第 4 段"]')).toHaveCSS('opacity', '0');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('summary[aria-label="段落操作：第 5 段"]')).toBeHidden();
  });
});

test('a report names the words it uses far more than the rest of the collection, each a search', async ({ page }) => {
  await page.goto(`${base}/reports/report-0`);
  const terms = page.getByTestId('distinctive');
  await expect(terms).toContainText('本报告特色词');
  await terms.getByRole('link', { name: '青溪绿茶' }).click();
  await expect(page).toHaveURL(`${base}/?q=${encodeURIComponent('青溪绿茶')}`);
  await page.goto(`${base}/reports/report-1`);
  await expect(page.getByTestId('distinctive')).toHaveCount(0);
});
