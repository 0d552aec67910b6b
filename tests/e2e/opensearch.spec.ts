/**
 * The service on an OpenSearch cluster (SEARCH_BACKEND=opensearch), end to end: a server started
 * on a copy of the seed content sends it to a one-node cluster of its own, then answers the API as
 * the embedded server of these tests does, shows results and report pages in the browser, makes a
 * new report searchable while it runs (and a second replica, without the live index, serves it too), and survives the cluster going away — readiness and searches
 * answer 503 in the error shape, the page says so in Chinese — and recovers by itself when it is back.
 *
 * Needs Java 17 and the launcher built (`cd opensearch && mvn package`): without them it fails, never skips.
 */
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startCluster, type Cluster } from '@/scripts/opensearch/cluster';
import { startServer } from '@/scripts/server-process';

const PORT = 3171;
const BASE = `http://127.0.0.1:${PORT}`;
/** A replica without the live index, serving what the first one sends. */
const FOLLOWER = `http://127.0.0.1:${PORT + 1}`;
let cluster: Cluster;
let server: ChildProcess;
let follower: ChildProcess;
let dir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = mkdtempSync(path.join(tmpdir(), 'opensearch-e2e-'));
  cpSync('content', dir, { recursive: true });
  cluster = await startCluster({ nodes: 1, httpPort: 9271, transportPort: 9371, heapMb: 512 });
  ({ server } = await startServer(
    PORT,
    '/api/health',
    {
      SEARCH_BACKEND: 'opensearch',
      OPENSEARCH_URL: cluster.url,
      OPENSEARCH_PREFIX: 'e2e',
      OPENSEARCH_SHARDS: '2',
      OPENSEARCH_REPLICAS: '0',
      CONTENT_DIR: dir,
      LIVE_INDEX: '1',
    },
    180_000,
  ));
  ({ server: follower } = await startServer(
    PORT + 1,
    '/api/health',
    {
      SEARCH_BACKEND: 'opensearch',
      OPENSEARCH_URL: cluster.url,
      OPENSEARCH_PREFIX: 'e2e',
      CONTENT_DIR: dir,
      LIVE_INDEX: '0',
    },
    180_000,
  ));
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  follower?.kill('SIGTERM');
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The JSON of a GET. */
async function json(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('the API answers as the embedded server does', async ({ baseURL }) => {
  let compared = 0;
  for (const q of ['委员', '政协 委员', '"书香政协"', '43户', '提案 -优秀', '履职 OR 协商', '的', '推進高質量發展']) {
    const path = `/api/search?q=${encodeURIComponent(q)}&limit=20`;
    const want = await json(`${baseURL}${path}`);
    const terms = want.body.terms as { expansions: unknown[] }[];
    if (terms.some((t) => t.expansions.length > 0)) continue; // pinyin and synonyms: not yet on the cluster
    const got = await json(`${BASE}${path}`);
    expect(got.status, q).toBe(200);
    // Everything but the time it took.
    expect({ ...got.body, tookMs: 0 }, q).toEqual({ ...want.body, tookMs: 0 });
    compared++;
  }
  expect(compared).toBeGreaterThanOrEqual(5);
  const health = await json(`${BASE}/api/health`);
  expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
});

test('the search page and a report page show what the cluster found', async ({ page }) => {
  await page.goto(`${BASE}/?q=${encodeURIComponent('书香政协')}`);
  await expect(page.getByTestId('summary')).toContainText('找到 1 个段落');
  const hit = page.getByTestId('hit').first();
  await expect(hit.locator('mark').first()).toHaveText('书香政协');
  const href = await hit.getAttribute('href');
  await page.goto(`${BASE}${href}`);
  const id = new URL(`${BASE}${href}`).hash.slice(1);
  await expect(page.locator(`[id="${id}"]`).locator('mark').first()).toHaveText('书香政协');
});

test('a report added to the content folder is searchable while the server runs', async () => {
  writeFileSync(
    path.join(dir, 'qingxi-cppcc-2023.md'),
    [
      '---',
      'title: 青溪市政协2023年工作报告',
      'date: 2024-01-20',
      '---',
      '',
      '青溪市政协围绕鹭鸶湾湿地保护开展专题协商。',
      '',
    ].join('\n'),
  );
  const started = performance.now();
  let total = 0;
  while (total === 0 && performance.now() - started < 30_000) {
    const { body } = await json(`${BASE}/api/search?q=${encodeURIComponent('鹭鸶湾湿地')}`);
    total = (body.total as number | undefined) ?? 0;
    if (total === 0) await new Promise((r) => setTimeout(r, 50));
  }
  console.log(`opensearch e2e: the added report searchable after ${Math.round(performance.now() - started)} ms`);
  expect(total).toBe(1);
  // The replica without the live index serves it too, once it sees the cluster's content moved.
  let followed = 0;
  while (followed === 0 && performance.now() - started < 30_000) {
    const { body } = await json(`${FOLLOWER}/api/search?q=${encodeURIComponent('鹭鸶湾湿地')}`);
    followed = (body.total as number | undefined) ?? 0;
    if (followed === 0) await new Promise((r) => setTimeout(r, 50));
  }
  console.log(`opensearch e2e: and on the other replica after ${Math.round(performance.now() - started)} ms`);
  expect(followed).toBe(1);
});

test('the cluster gone: 503 in the error shape, a Chinese message on the page, and back by itself', async ({
  page,
}) => {
  test.setTimeout(180_000);
  cluster.kill(0, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 500));
  for (const url of [`${BASE}/api/health`, `${BASE}/api/search?q=${encodeURIComponent('委员')}`]) {
    const { status, body } = await json(url);
    expect(status, url).toBe(503);
    const error = body.error as { code: string; message: string };
    expect(error.code).toBe('index_unavailable');
    expect(error.message).toMatch(/OpenSearch/);
  }
  const res = await page.goto(`${BASE}/?q=${encodeURIComponent('委员')}`);
  expect(res!.status()).toBeLessThan(500);
  await expect(page.locator('body')).toContainText('请稍后再试');
  await expect(page.locator('body')).not.toContainText(/at \S+ \(.*:\d+:\d+\)/);

  cluster.restart(0);
  await cluster.waitFor('yellow', 120_000);
  const back = performance.now();
  let status = 0;
  while (status !== 200 && performance.now() - back < 60_000) {
    status = (await fetch(`${BASE}/api/search?q=${encodeURIComponent('委员')}`)).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 200));
  }
  expect(status).toBe(200);
  expect((await json(`${BASE}/api/health`)).status).toBe(200);
});
