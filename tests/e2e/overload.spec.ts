/**
 * The production server under a hostile client's load: clients that read nothing are let go,
 * one address holds so many connections, exports and expensive requests beyond their limits are
 * fast 503s with Retry-After, and meanwhile a cheap search and the health check are answered.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { buildIndexWith, startServer } from '@/scripts/server-process';

const PORT = 3231;
const base = `http://127.0.0.1:${PORT}`;

/** A long made-up report: 20,000 paragraphs saying 政 four times, so a concordance is tens of megabytes. */
function longReport(): string {
  const paragraphs = Array.from(
    { length: 20_000 },
    (_, k) =>
      `第${k}段：政协委员围绕中心工作建言献策，政协组织深入基层调研，形成政情民意报告${k % 97}份，推动政策落地见效。`,
  );
  return `---\ntitle: 某市政协二〇二三年长篇工作报告\ndate: 2024-01-15\n---\n\n${paragraphs.join('\n\n')}\n`;
}

/** A report of a series, `n` paragraphs, a tenth of them reworded from the year before and a tenth with a figure changed. */
function seriesReport(year: number, n: number): string {
  const paragraphs = Array.from({ length: n }, (_, k) =>
    k % 10 === 0 && year > 2022
      ? `第${k}项：${year}年改写的段落，委员提出新的建议${k}条。`
      : `第${k}项：政协委员围绕第${(k * 7) % 113}号课题深入调研，提出建议${(k % 17) + (k % 10 === 5 && year > 2022 ? 100 : 0)}条。`,
  );
  return `---\ntitle: 某县政协${year}年工作报告\ndate: ${year + 1}-01-10\n---\n\n${paragraphs.join('\n\n')}\n`;
}

/** A content folder with the long report, a series of two, and its index, built. */
function workspace(): Record<string, string> {
  const root = mkdtempSync(path.join(tmpdir(), 'overload-'));
  const content = path.join(root, 'content');
  mkdirSync(content);
  writeFileSync(path.join(content, 'long-2023.md'), longReport());
  for (const year of [2022, 2023]) writeFileSync(path.join(content, `series-${year}.md`), seriesReport(year, 700));
  const env = { CONTENT_DIR: content, SEARCH_INDEX: path.join(root, 'index', 'search-index'), LIVE_INDEX: '0' };
  buildIndexWith(env);
  return env;
}

/** A connection that sends a request and then reads nothing: its socket paused, its buffers left to fill. */
function stalled(request: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(PORT, '127.0.0.1', () => {
      socket.write(`GET ${request} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

/**
 * The status line a new connection is answered with for GET /api/health, or 'refused' when the
 * server closes it first (a connection of its own: fetch would reuse one from its pool).
 */
function healthOnNewConnection(): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(PORT, '127.0.0.1', () =>
      socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
    );
    let head = '';
    socket.on('data', (chunk) => (head += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 'refused'));
  });
}

/** Whether a plain request is answered now (a connection the server closes at once is not). */
async function answered(url: string): Promise<number | 'refused'> {
  try {
    const res = await fetch(`${base}${url}`);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'refused';
  }
}

const KWIC = `/api/export?q=${encodeURIComponent('政')}&view=kwic&width=100`;

test.describe('the server under a hostile client', () => {
  test.describe.configure({ timeout: 180_000 });
  let env: Record<string, string>;
  let server: ChildProcess | null = null;
  test.beforeAll(() => {
    env = workspace();
  });
  test.afterEach(() => {
    server?.kill('SIGKILL');
    server = null;
  });
  const start = async (limits: Record<string, string>) => {
    server = (await startServer(PORT, '/api/health', { ...env, ...limits }, 120_000)).server;
  };

  test('lets go of clients that read nothing, and holds only so many connections from one address', async () => {
    // The probe's kept-alive connection would count against the address: closed after 0.1 s idle.
    await start({
      IDLE_TIMEOUT_SECONDS: '2',
      MAX_CLIENT_CONNECTIONS: '3',
      MAX_CLIENT_EXPORTS: '3',
      KEEP_ALIVE_SECONDS: '0.1',
    });
    await new Promise((r) => setTimeout(r, 300));
    const held = [await stalled(KWIC), await stalled(KWIC), await stalled(KWIC)];
    await new Promise((r) => setTimeout(r, 300));
    // Three connections from 127.0.0.1 are open: a fourth is closed at once.
    expect(await healthOnNewConnection()).toBe('refused');
    // Nothing moved on the three for 2 s: the server closed them, and takes new connections again.
    await expect.poll(healthOnNewConnection, { timeout: 10_000, intervals: [500] }).toBe('200');
    for (const socket of held) socket.destroy();
  });

  test('answers exports beyond the limit with a fast 503 and Retry-After, and takes one again once a slot is free', async () => {
    await start({ IDLE_TIMEOUT_SECONDS: '2', MAX_EXPORTS: '1' });
    const held = await stalled(KWIC);
    await new Promise((r) => setTimeout(r, 300));
    const refused = await fetch(`${base}${KWIC}`);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_exports');
    expect(await answered(`/api/search?q=${encodeURIComponent('政协')}`)).toBe(200);
    // Once the reader that read nothing is let go, the slot is free.
    await expect
      .poll(() => answered(`/api/export?q=${encodeURIComponent('调研')}&format=jsonl`), {
        timeout: 10_000,
        intervals: [500],
      })
      .toBe(200);
    held.destroy();
  });

  test('sheds expensive requests beyond the budget with fast 503s, while cheap searches and health are answered', async () => {
    await start({ MAX_EXPENSIVE_REQUESTS: '1', EXPENSIVE_BURST_MS: '1' });
    const trend = `/api/trend?q=${encodeURIComponent('政协 NEAR/5 调研')}&q=${encodeURIComponent('委员 SENT 政策')}&by=report`;
    const page = `/?q=${encodeURIComponent('政协 SENT 报告')}`;
    const expensive = [...Array.from({ length: 10 }, () => trend), page, page].map(async (url) => {
      const res = await fetch(`${base}${url}`);
      const body = await res.text();
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
    });
    const cheap = [answered(`/api/search?q=${encodeURIComponent('委员')}&limit=1`), answered('/api/health')];
    const results = await Promise.all(expensive);
    expect(await Promise.all(cheap)).toEqual([200, 200]);
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    const shed = results.filter((r) => r.status === 503);
    expect(shed.length).toBeGreaterThan(0);
    for (const r of shed) {
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(r.body).toMatch(/server_busy|检索服务正忙/);
    }
  });

  test('shows a long comparison a page of pairs at a time, and refuses a report too long to compare', async ({
    page,
  }) => {
    await start({});
    await page.goto(base + '/compare?a=series-2022&b=series-2023');
    const pagesNav = page.getByRole('navigation', { name: '对比分页' }).first();
    // 700 paragraphs a side, 70 reworded beyond pairing: 630 pairs, 70 new and 70 dropped.
    await expect(pagesNav).toContainText('第 1–300 对，共 770 对');
    expect(await page.locator('li.compare-pair').count()).toBe(300);
    await pagesNav.getByRole('link', { name: '下一页' }).click();
    await expect(page.locator('li.compare-pair').first()).toHaveAttribute('id', 'pair-301');
    // A changed figure's link goes to the page its pair is on.
    await page.goto(base + '/compare?a=series-2022&b=series-2023');
    const far = page.locator('[data-testid="compare-figures"] a[href*="from=600"]').first();
    await far.click();
    await expect(page).toHaveURL(/from=600#pair-6\d\d$/);
    await page.goto(base + '/compare?a=series-2023&b=long-2023');
    await expect(page.locator('body')).toContainText('过长，无法整篇对比');
    const api = await fetch(`${base}/api/compare?a=series-2023&b=long-2023`);
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('report_too_long');
  });
});
