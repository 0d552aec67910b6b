import { expect, test } from '@playwright/test';
import { paragraphAction } from './paragraph-actions';

const HOSTILE = [
  '<img src=x onerror="window.__xss=1">',
  '"><script>window.__xss=1</script>',
  "'><svg onload=window.__xss=1>",
];

test.describe('hostile input in the real page', () => {
  for (const q of HOSTILE) {
    test(`renders ${q} as text on the results and report pages`, async ({ page }) => {
      for (const url of [`/?q=${encodeURIComponent(q)}`, `/reports/ziyang-cppcc-2022?q=${encodeURIComponent(q)}`]) {
        await page.goto(url);
        await expect(page.locator('body')).toContainText(q.slice(0, 10));
        expect(await page.locator('main img, main svg, main script').count()).toBe(0);
        expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      }
      await page.goto(`/?q=${encodeURIComponent(q)}`);
      await expect(page.getByRole('searchbox')).toHaveValue(q);
    });
  }

  test('a malformed percent-encoding gets a friendly message on the page and a 400 from the API', async ({
    page,
    request,
  }) => {
    const response = await page.goto('/?q=%E4%B8');
    expect(response!.status()).toBe(200);
    await expect(page.getByTestId('error')).toContainText('编码有误');
    for (const q of ['%ZZ', '%E4%B8', '%ED%A0%80']) {
      const api = await request.get(`/api/search?q=${q}`);
      expect(api.status()).toBe(400);
      expect((await api.json()).error.code).toBe('bad_encoding');
    }
  });
});

test.describe('security headers', () => {
  test('pages carry a nonce CSP without unsafe-eval, and scripts run under it', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto('/reports/ziyang-cppcc-2022');
    const csp = response!.headers()['content-security-policy']!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');
    expect(response!.headers()['referrer-policy']).toBeTruthy();
    // Hydration ran under the policy: the copy button's click handler works.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const copy = await paragraphAction(page, 1, '复制链接');
    await copy.click();
    await expect(copy).toHaveText('已复制');
    expect(violations).toEqual([]);
  });

  test('the API and static files carry headers too', async ({ request }) => {
    const html = await (await request.get('/')).text();
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
    for (const url of ['/api/search?q=x', '/api/health', '/api/openapi.json', script]) {
      const res = await request.get(url);
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
      expect(res.headers()['content-security-policy']).toContain("default-src 'none'");
    }
  });
});
