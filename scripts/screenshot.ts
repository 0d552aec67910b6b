/**
 * `npm run screenshot`: pictures of the running app for the README (start it first with `npm start`):
 * desktop and phone, light and dark. BASE_URL defaults to http://localhost:3000.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';

const base = process.env.BASE_URL ?? 'http://localhost:3000';
const DEVICES = { desktop: { width: 1100, height: 760 }, phone: { width: 390, height: 844 } } as const;

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
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
  await browser.close();
  console.log('screenshot: wrote docs/{search,report}-{desktop,phone}-{light,dark}.png');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
