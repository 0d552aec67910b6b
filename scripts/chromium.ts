import { existsSync } from 'node:fs';

/**
 * The Chromium to drive: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, else Playwright's
 * own download where one exists (undefined lets Playwright look).
 */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p && existsSync(p)));
}

/** Flags this sandboxed, offline machine needs (no GPU, no network beyond loopback, root). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];
