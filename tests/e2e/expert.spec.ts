import { expect, test } from '@playwright/test';

test.describe('expert queries on the search page', () => {
  test('OR, groups and NOT find and mark what they say, and the page shows how the query was read', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('searchbox').fill('(书香 OR 双助) 品牌');
    await page.getByRole('searchbox').press('Enter');
    await expect(page.getByTestId('summary')).toContainText('找到 2 个段落');
    await expect(page.getByTestId('reading')).toContainText('((书香 OR 双助) AND 品牌)');
    const marked = await page.getByTestId('hit').locator('mark').allTextContents();
    expect(new Set(marked)).toEqual(new Set(['书香', '双助', '品牌']));
  });

  test('a malformed query is explained under the box, its place marked, with and without JavaScript', async ({
    page,
    browser,
  }) => {
    await page.goto('/');
    await page.getByRole('searchbox').fill('(政协 OR 委员');
    await page.getByRole('searchbox').press('Enter');
    await expect(page.getByTestId('error')).toContainText('查询语法有误：第 1 个字符处的括号没有配对的右括号');
    await expect(page.getByTestId('error-place').locator('mark')).toHaveText('(');

    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await noScript.goto('/?q=' + encodeURIComponent('政协 OR'));
    await expect(noScript.getByTestId('error')).toContainText('第 4 个字符处缺少 OR 右边的词');
    await expect(noScript.getByTestId('error-place')).toContainText('政协 OR');
    await plain.close();
  });

  test('the advanced form writes its rows into the box and runs them', async ({ page }) => {
    await page.goto('/');
    await page.getByText('高级检索').click();
    await page.getByLabel('第 1 行的检索词').fill('森林城市');
    await page.getByLabel('第 2 行与上面的关系').selectOption('OR');
    await page.getByLabel('第 2 行的检索词').fill('汉字文化');
    await expect(page.getByTestId('advanced-query')).toHaveText('森林城市 OR 汉字文化');
    await page.getByRole('form', { name: '高级检索' }).getByRole('button', { name: '检索' }).click();
    await expect(page.getByRole('searchbox')).toHaveValue('森林城市 OR 汉字文化');
    await expect(page.getByTestId('summary')).toContainText('找到 1 个段落');
  });

  test('searching within results adds a chip, and one click on it undoes the narrowing', async ({ page }) => {
    await page.goto('/?q=' + encodeURIComponent('品牌'));
    const count = /找到 \d+ 个段落/.exec((await page.getByTestId('summary').textContent()) ?? '')![0];
    await page.getByLabel('在结果中检索的词').fill('书香');
    await page.getByLabel('在结果中检索的词').press('Enter');
    await expect(page.getByRole('searchbox')).toHaveValue('品牌 书香');
    await expect(page.getByTestId('summary')).toContainText('找到 1 个段落');
    await expect(page.getByTestId('chip')).toHaveText(/书香/);
    await page.getByRole('button', { name: '去掉 书香' }).click();
    await expect(page.getByRole('searchbox')).toHaveValue('品牌');
    await expect(page.getByTestId('chip')).toHaveCount(0);
    await expect(page.getByTestId('summary')).toContainText(count);
  });
});
