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

  test('a malformed percent-encoding gets a friendly message with a 400 on the page, and a 400 from the API', async ({
    page,
    request,
  }) => {
    for (const q of ['%E4%B8', '%ED%A0%80']) {
      const response = await page.goto(`/?q=${q}`);
      expect(response!.status()).toBe(400);
      await expect(page.getByTestId('error')).toContainText('编码有误');
    }
    for (const q of ['%ZZ', '%E4%B8', '%ED%A0%80']) {
      const api = await request.get(`/api/search?q=${q}`);
      expect(api.status()).toBe(400);
      expect((await api.json()).error.code).toBe('bad_encoding');
      expect(api.headers()['cache-control']).toBe('no-store');
    }
  });

  test('a page path that does not decode is the not-found page with a 400, never a 500', async ({ page }) => {
    for (const path of ['/reports/%ED%A0%80', '/reports/%', '/reports/%C0%AE%C0%AE', '/sitemaps/%ED%A0%80.xml']) {
      const response = await page.goto(path);
      expect(response!.status(), path).toBe(400);
      await expect(page.getByRole('heading', { name: '没有找到这个页面' })).toBeVisible();
    }
  });

  test('API errors are never cached by a shared cache', async ({ request }) => {
    for (const url of ['/api/cite?report=no-such-report', '/api/search', '/api/similar?report=x&paragraph=y']) {
      const res = await request.get(url);
      expect(res.status(), url).toBeGreaterThanOrEqual(400);
      expect(res.headers()['cache-control'], url).toBe('no-store');
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
