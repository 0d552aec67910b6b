import type { Page } from '@playwright/test';

/** Opens paragraph `ordinal`'s actions (the ⋯ control) and gives the one named `name`. */
export async function paragraphAction(page: Page, ordinal: number, name: string) {
  const actions = page.locator(`details:has(> summary[aria-label="段落操作：第 ${ordinal} 段"])`);
  if (!(await actions.evaluate((d) => (d as HTMLDetailsElement).open))) await actions.locator('summary').click();
  return page.getByRole('link', { name: `${name}：第 ${ordinal} 段` });
}
