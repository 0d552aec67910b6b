/**
 * `npm run screenshot`: pictures of the running app for the README (start it first with `npm start`).
 * BASE_URL defaults to http://localhost:3000.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '@/tests/e2e/browser';

const base = process.env.BASE_URL ?? 'http://localhost:3000';

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1100, height: 820 }, deviceScaleFactor: 1 });
  await page.goto(`${base}/?q=${encodeURIComponent('书香政协')}`);
  await page.screenshot({ path: 'docs/screenshot-search.png' });
  const href = await page.getByTestId('hit').first().getAttribute('href');
  await page.goto(new URL(href!, base).toString());
  await page.screenshot({ path: 'docs/screenshot-report.png' });
  await browser.close();
  console.log('screenshot: wrote docs/screenshot-search.png, docs/screenshot-report.png');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
