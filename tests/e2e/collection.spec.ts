import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { SearchResponse } from '@/lib/api/search';
import type { TrendResponse } from '@/lib/api/trend';
import { archive } from '@/tests/fixtures/archive';
import { serveCollection } from './collection-server';

const base = 'http://127.0.0.1:3150';
let stop = () => {};

test.beforeAll(async () => {
  test.setTimeout(180_000);
  ({ stop } = await serveCollection(3150, archive()));
});

test.afterAll(() => stop());

const api = async <T>(page: Page, query: string) => (await (await page.request.get(`${base}${query}`)).json()) as T;
const e = encodeURIComponent;
const summaryCount = async (page: Page) => Number((await page.getByTestId('summary').locator('strong').textContent())!);

test.describe('the collection: filters, facets, date order, trend, grouping, concordance, export', () => {
  test('a facet narrows the results, its counts are the API’s, and back returns to where the reader was', async ({
    page,
  }) => {
    await page.goto(`${base}/?q=${e('工作')}`);
    const all = await summaryCount(page);
    const regions = page.getByRole('group', { name: '地区' });
    await regions.getByRole('link', { name: /^江南省白山市/ }).click();
    await expect(page).toHaveURL(/region=%E6%B1%9F%E5%8D%97%E7%9C%81%E7%99%BD%E5%B1%B1%E5%B8%82/);
    const answer = await api<SearchResponse>(page, `/api/search?q=${e('工作')}&region=${e('江南省白山市')}`);
    await expect(page.getByTestId('summary').locator('strong')).toHaveText(String(answer.total));
    await expect(regions.getByRole('link', { name: /^江南省白山市/ })).toHaveAttribute('aria-current', 'true');
    for (const place of await page.getByTestId('hit').locator('..').locator('p').allTextContents())
      expect(place).toContain('江南省白山市');
    // Another level is ANDed; a second region is ORed.
    await regions.getByRole('link', { name: /^海东省海北市/ }).click();
    const both = await api<SearchResponse>(
      page,
      `/api/search?q=${e('工作')}&region=${e('江南省白山市')}&region=${e('海东省海北市')}`,
    );
    await expect(page.getByTestId('summary').locator('strong')).toHaveText(String(both.total));
    await page.goBack();
    await expect(page.getByTestId('summary').locator('strong')).toHaveText(String(answer.total));
    await page.getByTestId('clear-filters').click();
    await expect(page.getByTestId('summary').locator('strong')).toHaveText(String(all));
  });

  test('newest first, and a typed date range, kept while a new query is typed', async ({ page }) => {
    await page.goto(`${base}/?q=${e('工作')}`);
    await page.getByRole('group', { name: '排序' }).getByRole('link', { name: '最新' }).click();
    await expect(page).toHaveURL(/sort=newest/);
    await expect(page.getByTestId('hit').first().locator('..')).toContainText('2024-01-25');
    const range = page.getByRole('form', { name: '时间范围' });
    await range.getByLabel('从').fill('2021');
    await range.getByLabel('到').fill('2022-06');
    await range.getByRole('button', { name: '应用' }).click();
    await expect(page).toHaveURL(/from=2021&to=2022-06/);
    const answer = await api<SearchResponse>(page, `/api/search?q=${e('工作')}&from=2021&to=2022-06`);
    await expect(page.getByTestId('summary').locator('strong')).toHaveText(String(answer.total));
    await page.getByRole('searchbox').fill('乡村振兴');
    await expect(page).toHaveURL(/q=%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4.*from=2021&to=2022-06.*sort=newest/);
    const narrowed = await api<SearchResponse>(page, `/api/search?q=${e('乡村振兴')}&from=2021&to=2022-06`);
    await expect(page.getByTestId('summary').locator('strong')).toHaveText(String(narrowed.total));
  });

  test('refuses an impossible date with a friendly message, not an error page', async ({ page }) => {
    await page.goto(`${base}/?q=${e('工作')}&from=2023-02-30`);
    await expect(page.getByTestId('error')).toHaveText(
      '日期有误：请填写确实存在的日期，格式为 2023、2023-05 或 2023-05-31（收到“2023-02-30”）。',
    );
    await page.goto(`${base}/?q=${e('工作')}&from=2024&to=2023`);
    await expect(page.getByTestId('error')).toHaveText('起始日期（2024）晚于结束日期（2023），请调换或改正。');
  });

  test('the trend chart: a bar per year, its numbers in a table, and a click on a year filters to it', async ({
    page,
  }) => {
    await page.goto(`${base}/?q=${e('乡村振兴')}`);
    const chart = page.getByTestId('trend');
    await expect(chart.locator('svg[role="img"]')).toBeVisible();
    const trend = await api<TrendResponse>(page, `/api/trend?q=${e('乡村振兴')}`);
    const buckets = trend.series[0]!.buckets;
    await expect(chart.getByTestId('trend-year')).toHaveCount(buckets.length);
    await chart.getByText('数据表').click();
    const rows = chart.getByTestId('trend-table').locator('tbody tr');
    await expect(rows).toHaveCount(buckets.length);
    const y2022 = buckets.find((b) => b.key === '2022')!;
    await expect(rows.filter({ hasText: '2022' })).toContainText(
      `${y2022.paragraphs}${y2022.occurrences}${y2022.perTenThousand}`,
    );
    await chart.getByRole('link', { name: '只看 2022 年' }).click();
    await expect(page).toHaveURL(/from=2022&to=2022/);
    await expect(page.getByTestId('summary').locator('strong')).toHaveText(String(y2022.paragraphs));
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);
  });

  test('several queries compared are lines with a legend', async ({ page }) => {
    await page.goto(`${base}/?q=${e('乡村振兴')}&vs=${e('脱贫攻坚')}`);
    const chart = page.getByTestId('trend');
    await expect(chart.locator('path.visx-linepath')).toHaveCount(2);
    await expect(chart.getByRole('listitem')).toHaveText(['乡村振兴', '脱贫攻坚']);
  });

  test('grouped by report: each report once with its count, and the rest opened in place', async ({ page }) => {
    await page.goto(`${base}/?q=${e('工作')}`);
    await page.getByRole('group', { name: '显示' }).getByRole('link', { name: '按报告归并' }).click();
    await expect(page).toHaveURL(/group=report/);
    const answer = await api<SearchResponse>(page, `/api/search?q=${e('工作')}&group=report`);
    const groups = page.getByTestId('group');
    await expect(groups).toHaveCount(Math.min(10, answer.groupTotal!));
    const first = groups.first();
    await expect(first.getByRole('heading')).toContainText(`${answer.groups![0]!.count} 段`);
    await expect(first.getByTestId('hit')).toHaveCount(3);
    await first.getByTestId('group-more').click();
    await expect(first.getByTestId('hit')).toHaveCount(answer.groups![0]!.count);
  });

  test('the concordance: a line per occurrence, sortable by its left context, each linking to its paragraph', async ({
    page,
  }) => {
    await page.goto(`${base}/?q=${e('营商环境')}&view=kwic`);
    const answer = await api<SearchResponse>(page, `/api/search?q=${e('营商环境')}&limit=100`);
    const occurrences = answer.hits.reduce((n, h) => n + h.highlights.length, 0);
    const lines = page.getByTestId('kwic-line');
    await expect(lines).toHaveCount(occurrences);
    await page.getByRole('link', { name: '按左侧' }).click();
    await expect(page).toHaveURL(/kwic=left/);
    const lefts = await lines.locator('td:first-child').allTextContents();
    const keys = lefts.map((l) => Array.from(l).reverse().join(''));
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN')));
    await lines.first().getByRole('link').click();
    await expect(page).toHaveURL(/\/reports\/[^?]+\?q=.+#p-/);
  });

  test('the concordance loads the next hundred paragraphs’ lines in place', async ({ page }) => {
    await page.goto(`${base}/?q=${e('工作')}&view=kwic`);
    const all = await api<SearchResponse>(page, `/api/search?q=${e('工作')}`);
    expect(all.total).toBeGreaterThan(100);
    const lines = page.getByTestId('kwic-line');
    const first = await lines.count();
    await page.getByTestId('more').click();
    await expect(page.getByTestId('more')).toHaveCount(0);
    expect(await lines.count()).toBeGreaterThan(first);
    await expect(page.getByTestId('concordance')).toContainText(`出自 ${all.total} 段`);
  });

  test('exports every hit as CSV with a BOM, named for the search', async ({ page }) => {
    await page.goto(`${base}/?q=${e('工作')}&kind=${e('政府工作报告')}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export').getByRole('link', { name: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('检索_工作_政府工作报告.csv');
    const file = readFileSync((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const answer = await api<SearchResponse>(page, `/api/search?q=${e('工作')}&kind=${e('政府工作报告')}`);
    expect(file.toString('utf8').trimEnd().split('\r\n')).toHaveLength(answer.total + 1);
  });

  test('without JavaScript: the chart, its table, the facets and the date form all work', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/?q=${e('乡村振兴')}`);
    await expect(page.getByTestId('trend').locator('svg[role="img"]')).toBeVisible();
    await page.getByTestId('trend').getByText('数据表').click();
    await expect(page.getByTestId('trend-table')).toBeVisible();
    await page
      .getByRole('group', { name: '类型' })
      .getByRole('link', { name: /^政府工作报告/ })
      .click();
    await expect(page).toHaveURL(/kind=/);
    const range = page.getByRole('form', { name: '时间范围' });
    await range.getByLabel('从').fill('2023');
    await range.getByRole('button', { name: '应用' }).click();
    await expect(page).toHaveURL(/from=2023/);
    await expect(page).toHaveURL(/kind=/); // the other filters ride along in the form
    const answer = await api<SearchResponse>(
      page,
      `/api/search?q=${e('乡村振兴')}&kind=${e('政府工作报告')}&from=2023`,
    );
    await expect(page.getByTestId('summary').locator('strong')).toHaveText(String(answer.total));
    await context.close();
  });
});

test('a collection of one year says so instead of drawing a chart', async ({ page }) => {
  await page.goto(`/?q=${e('政协')}`);
  await expect(page.getByTestId('trend-single')).toContainText('2022 年');
  await expect(page.getByTestId('trend')).toHaveCount(0);
});
