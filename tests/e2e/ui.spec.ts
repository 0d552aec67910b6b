import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import { expect, test, type Page } from '@playwright/test';
import { paragraphAction } from './paragraph-actions';

const searchRequests = (page: Page) => {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/search')) seen.push(new URL(r.url()).searchParams.get('q') ?? '');
  });
  return seen;
};

test.describe('search as you type', () => {
  test('results follow the input without Enter, and the URL follows without new history entries', async ({ page }) => {
    await page.goto('/');
    const historyBefore = await page.evaluate(() => history.length);
    await page.getByRole('searchbox').pressSequentially('书香政协', { delay: 30 });
    await expect(page.getByTestId('hit').first().locator('mark').first()).toHaveText('书香政协');
    await expect(page).toHaveURL(/\?q=%E4%B9%A6%E9%A6%99%E6%94%BF%E5%8D%8F$/);
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  });

  test('an answer that arrives late never overwrites a newer one', async ({ page }) => {
    await page.route('**/api/search?q=%E5%85%9A*', async (route) => {
      await new Promise((r) => setTimeout(r, 1200)); // the answer for 党 is slow
      await route.continue();
    });
    await page.goto('/');
    const box = page.getByRole('searchbox');
    await box.fill('党');
    await page.waitForTimeout(300);
    await box.fill('天然气');
    await expect(page.getByTestId('summary')).toContainText('找到 1 个段落');
    await page.waitForTimeout(1500);
    await expect(page.getByTestId('summary')).toContainText('找到 1 个段落');
    await expect(page.getByTestId('hit').first()).toContainText('天然气');
  });

  test('no search is sent while an input method is composing, one when characters are committed', async ({ page }) => {
    await page.goto('/');
    const seen = searchRequests(page);
    await page.getByRole('searchbox').focus();
    const cdp = await page.context().newCDPSession(page);
    for (const text of ['s', 'sh', 'shu', 'shux', 'shuxi', 'shuxiang']) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(400);
    expect(seen).toEqual([]);
    await cdp.send('Input.insertText', { text: '书香' });
    await expect(page.getByTestId('summary')).toBeVisible();
    expect(seen).toEqual(['书香']);
  });
});

test.describe('keyboard', () => {
  test('/ and Ctrl+K focus the box; ↓/↑ move through results; Enter opens; Esc clears', async ({ page }) => {
    await page.goto('/?q=' + encodeURIComponent('品牌'));
    const box = page.getByRole('searchbox');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    await expect(box).toBeFocused();
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    await page.keyboard.press('Control+k');
    await expect(box).toBeFocused();

    const hits = page.getByTestId('hit');
    await page.keyboard.press('ArrowDown');
    await expect(hits.nth(0)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(hits.nth(1)).toBeFocused();
    const outline = await hits.nth(1).evaluate((el) => getComputedStyle(el).boxShadow);
    expect(outline).not.toBe('none'); // focus is visible
    await page.keyboard.press('ArrowUp');
    await expect(hits.nth(0)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(box).toBeFocused();

    await page.keyboard.press('Escape');
    await expect(box).toHaveValue('');
    await expect(page.getByTestId('hit')).toHaveCount(0);
    await expect(page).toHaveURL(/\/$/);

    await box.fill('江西');
    await expect(hits).toHaveCount(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/reports\/ziyang-cppcc-2022\?q=.*#p-/);
  });
});

test.describe('results', () => {
  test('"加载更多" appends the next page', async ({ page }) => {
    await page.goto('/?q=' + encodeURIComponent('政协'));
    const total = Number(await page.getByTestId('summary').locator('strong').textContent());
    expect(total).toBeGreaterThan(10);
    await expect(page.getByTestId('hit')).toHaveCount(10);
    await page.getByTestId('more').click();
    await expect(page.getByTestId('hit')).toHaveCount(Math.min(20, total));
  });

  test('filters by section with counts', async ({ page }) => {
    await page.goto('/?q=' + encodeURIComponent('品牌'));
    const chip = page.getByTestId('facets').getByRole('link', { name: /创先争优树品牌/ });
    const count = Number(/\((\d+)\)/.exec((await chip.textContent())!)![1]);
    await chip.click();
    await expect(page.getByTestId('summary')).toContainText(`找到 ${count} 个段落`);
    await expect(page).toHaveURL(/section=/);
    for (const meta of await page.locator('li p').allTextContents()) expect(meta).toContain('创先争优树品牌');
  });

  test("an empty result offers the report's key terms as searches", async ({ page }) => {
    await page.goto('/?q=' + encodeURIComponent('火星探测'));
    const empty = page.getByTestId('empty');
    await expect(empty).toContainText('没有找到');
    const suggestion = empty.getByRole('link').first();
    const word = (await suggestion.textContent())!;
    expect(word).toMatch(/^[\u4e00-\u9fff]{2,}$/);
    await suggestion.click();
    await expect(page.getByRole('searchbox')).toHaveValue(word);
    await expect(page.getByTestId('hit').first()).toBeVisible();
  });
});

test.describe('reading', () => {
  test('the find bar counts matches and steps through them by button and key', async ({ page }) => {
    await page.goto('/reports/ziyang-cppcc-2022?q=' + encodeURIComponent('书香'));
    const bar = page.getByTestId('find-bar');
    await expect(bar).toContainText('共 3 处匹配');
    await page.getByRole('button', { name: '下一处匹配' }).click();
    await expect(bar).toContainText('第 1 处');
    const current = page.locator('mark[data-current]');
    await expect(current).toHaveCount(1);
    await expect(current).toBeInViewport();
    await page.locator('h1').click();
    await page.keyboard.press('n');
    await expect(bar).toContainText('第 2 处');
    await page.keyboard.press('Shift+N');
    await expect(bar).toContainText('第 1 处');
    await page.keyboard.press('Shift+N');
    await expect(bar).toContainText('第 3 处');
  });

  test('copy-citation copies 《标题》, 章节, 第N段, URL', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/reports/ziyang-cppcc-2022');
    await (await paragraphAction(page, 22, '复制引用')).click();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(
      /^《百舸争流万山过——资阳市政协2022年工作综述》, 创先争优树品牌, 第22段, http:\/\/127\.0\.0\.1:\d+\/reports\/ziyang-cppcc-2022\/p-[0-9a-f]{10}$/,
    );
  });

  test('the table of contents links to each section', async ({ page }) => {
    await page.goto('/reports/ziyang-cppcc-2022');
    const toc = page.getByRole('navigation', { name: '目录' });
    await expect(toc.getByRole('link')).toHaveCount(4);
    await toc.getByRole('link', { name: '激情履职显担当' }).click();
    await expect(page.getByRole('heading', { name: '激情履职显担当' })).toBeInViewport();
  });
});

test.describe('looks', () => {
  for (const url of ['/', '/?q=%E6%94%BF%E5%8D%8F', '/reports/ziyang-cppcc-2022?q=%E6%94%BF%E5%8D%8F']) {
    test(`no horizontal scrolling at 390 px: ${url}`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(url);
      const [scroll, client] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      expect(scroll).toBeLessThanOrEqual(client);
    });
  }

  test('the dark theme follows prefers-color-scheme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/?q=' + encodeURIComponent('政协'));
    // Tailwind's colours are oklch(); a canvas turns whatever the browser computed into RGB.
    const brightness = () =>
      page.evaluate(() => {
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
        return r! + g! + b!;
      });
    expect(await brightness()).toBeLessThan(150);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await brightness()).toBeGreaterThan(600);
  });

  test('arriving results cause no layout shift', async ({ page }) => {
    await page.goto('/');
    await page.evaluate(() => {
      (window as unknown as { cls: number }).cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number }[])
          (window as unknown as { cls: number }).cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.getByRole('searchbox').fill('品牌');
    await expect(page.getByTestId('hit').first()).toBeVisible();
    await page.waitForTimeout(300);
    const box = await page.getByRole('searchbox').boundingBox();
    await page.getByRole('searchbox').fill('政协');
    await expect(page.getByTestId('summary')).toContainText('找到');
    expect(await page.getByRole('searchbox').boundingBox()).toEqual(box);
    // Shifts right after typing count as expected (hadRecentInput); none may happen on their own.
    expect(await page.evaluate(() => (window as unknown as { cls: number }).cls)).toBeLessThan(0.05);
  });
});

test.describe('accessibility', () => {
  for (const [name, url] of [
    ['home', '/'],
    ['results', '/?q=%E4%B9%A6%E9%A6%99'],
    ['report', '/reports/ziyang-cppcc-2022?q=%E4%B9%A6%E9%A6%99#p-5ba58209ce'],
    ['paragraph', '/reports/ziyang-cppcc-2022/p-5ba58209ce?q=%E4%B9%A6%E9%A6%99'],
  ]) {
    for (const scheme of ['light', 'dark'] as const) {
      test(`axe finds no violations on the ${name} page (${scheme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(url!);
        await page.waitForLoadState('networkidle');
        // Experimental rules too (label-content-name-mismatch among them): off by default in axe.
        const experimental = Object.fromEntries(
          axe.getRules(['experimental']).map((r) => [r.ruleId, { enabled: true }]),
        );
        const results = await new AxeBuilder({ page }).options({ rules: experimental }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
          [],
        );
      });
    }
  }

  test('the sticky header hides the text scrolled under it', async ({ page }) => {
    await page.goto('/reports/ziyang-cppcc-2022#p-5ba58209ce');
    const background = await page.locator('body > header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toMatch(/^rgb\(/); // rgb(), not rgba() with some transparency
  });

  test('result updates are announced and the box has a label', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('[aria-live="polite"]').first()).toBeAttached();
    await expect(page.getByRole('searchbox', { name: '搜索报告' })).toBeVisible();
  });
});
