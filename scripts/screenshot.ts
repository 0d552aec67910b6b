/**
 * `npm run screenshot`: pictures of the running app for the README (start it first with `npm start`):
 * desktop and phone, light and dark. BASE_URL defaults to http://localhost:3000. With COMPARE_URL
 * (a path, /compare?a=…&b=…, on a server whose collection has two such reports) it takes the
 * comparison instead, desktop and phone; with COLLECTION_URL (a results path on a collection of
 * several years) the results with their trend and filters, desktop light.
 */
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';

const base = process.env.BASE_URL ?? 'http://localhost:3000';
const DEVICES = { desktop: { width: 1100, height: 760 }, phone: { width: 390, height: 844 } } as const;

/** The search and report pages, desktop and phone, light and dark. */
async function searchAndReport(browser: Browser): Promise<string> {
  for (const [device, viewport] of Object.entries(DEVICES)) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport, colorScheme, deviceScaleFactor: device === 'phone' ? 2 : 1 });
      await page.goto(`${base}/?q=${encodeURIComponent('品牌')}`);
      await page.screenshot({ path: `docs/search-${device}-${colorScheme}.png` });
      const href = await page.getByTestId('hit').first().getAttribute('href');
      await page.goto(new URL(href!, base).toString());
      await page.getByRole('button', { name: '下一处匹配' }).click();
      await page.screenshot({ path: `docs/report-${device}-${colorScheme}.png` });
      await page.close();
    }
  }
  return 'docs/{search,report}-{desktop,phone}-{light,dark}.png';
}

/** A comparison, desktop (wide enough for side by side) and phone. */
async function comparison(browser: Browser, path: string): Promise<string> {
  for (const [device, viewport] of Object.entries({ ...DEVICES, desktop: { width: 1280, height: 900 } })) {
    const page = await browser.newPage({ viewport, deviceScaleFactor: device === 'phone' ? 2 : 1 });
    await page.goto(new URL(path, base).toString());
    await page.screenshot({ path: `docs/compare-${device}-light.png` });
    await page.close();
  }
  return 'docs/compare-{desktop,phone}-light.png';
}

/** The results over a collection: the trend chart, the filters and the first hits. */
async function collection(browser: Browser, path: string): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1100 } });
  await page.goto(new URL(path, base).toString());
  await page.screenshot({ path: 'docs/collection-desktop-light.png' });
  await page.close();
  return 'docs/collection-desktop-light.png';
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const compare = process.env.COMPARE_URL;
  const results = process.env.COLLECTION_URL;
  const wrote = compare
    ? await comparison(browser, compare)
    : results
      ? await collection(browser, results)
      : await searchAndReport(browser);
  await browser.close();
  console.log(`screenshot: wrote ${wrote}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
