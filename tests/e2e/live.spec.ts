import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { buildIndexWith, serverRssMb, startServer } from '@/scripts/server-process';
import { steadyLoad } from '@/tests/load';

const PORT = 3102;
const base = `http://127.0.0.1:${PORT}`;
const report = (title: string, paragraph: string) => `---\ntitle: ${title}\ndate: 2024-01-01\n---\n\n${paragraph}\n`;

async function total(q: string): Promise<number> {
  const res = await fetch(`${base}/api/search?q=${encodeURIComponent(q)}`);
  return ((await res.json()) as { total: number }).total;
}

async function health(): Promise<{
  status: string;
  builtAt?: string;
  problem?: { file: string; line: number; message: string };
}> {
  return (await fetch(`${base}/api/health`)).json();
}

async function until(done: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the live index follows adds, changes, removals and a malformed file under load, failing no request', async () => {
  test.setTimeout(240_000);
  const root = mkdtempSync(path.join(tmpdir(), 'live-e2e-'));
  const dir = path.join(root, 'content');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'seed.md'), readFileSync('content/ziyang-cppcc-2022.md'));
  const env = { CONTENT_DIR: dir, SEARCH_INDEX: path.join(root, 'index.bin') };
  buildIndexWith(env);
  const { server } = await startServer(PORT, '/api/health', env, 120_000);
  const stop = steadyLoad(base, ['书香政协', '政协', '党', '43户', '推進高質量發展', '甲乙丙', '提案 -优秀']);
  try {
    const swapped = async (change: () => void, done: () => Promise<boolean>) => {
      const before = (await health()).builtAt;
      change();
      await until(async () => (await done()) && (await health()).builtAt !== before);
    };
    await swapped(
      () => writeFileSync(path.join(dir, 'a.md'), report('新报告', '新加的段落提到甲乙丙。')),
      async () => (await total('甲乙丙')) === 1,
    );
    const afterOne = serverRssMb(server.pid!);
    await swapped(
      () => writeFileSync(path.join(dir, 'a.md'), report('新报告', '改过的段落提到丁戊己。')),
      async () => (await total('丁戊己')) === 1,
    );
    await swapped(
      () => rmSync(path.join(dir, 'a.md')),
      async () => (await total('丁戊己')) === 0,
    );

    writeFileSync(path.join(dir, 'broken.md'), 'title: no front matter\n');
    await until(async () => (await health()).status === 'degraded');
    expect((await health()).problem).toMatchObject({ line: 1, message: expect.stringMatching(/front matter/) });
    expect(await total('书香政协')).toBe(1);

    await swapped(
      () => writeFileSync(path.join(dir, 'broken.md'), report('修好', '修好的段落庚辛壬。')),
      async () => (await total('庚辛壬')) === 1,
    );
    expect((await health()).status).toBe('ok');
    await swapped(
      () => writeFileSync(path.join(dir, 'b.md'), report('再一份', '再一份癸子丑。')),
      async () => (await total('癸子丑')) === 1,
    );
    const afterFive = serverRssMb(server.pid!);
    console.log(
      `live: server RSS ${Math.round(afterOne)} MB after the first swap, ${Math.round(afterFive)} MB after the fifth`,
    );
    // The old indexes' memory is given back: five swaps hold about what one did.
    expect(afterFive).toBeLessThan(afterOne * 1.2);
  } finally {
    const count = await stop();
    server.kill('SIGKILL');
    console.log(
      `live: ${count.requests} requests during six rebuilds and a malformed file, statuses ${JSON.stringify(count.statuses)}`,
    );
    expect(count.failures).toEqual([]);
    expect(Object.keys(count.statuses)).toEqual(['200']);
    expect(count.requests).toBeGreaterThan(100);
  }
});

test('SIGTERM drains: readiness 503 at once, requests still served with Connection: close, exit within the bound', async () => {
  test.setTimeout(120_000);
  const root = mkdtempSync(path.join(tmpdir(), 'drain-e2e-'));
  const env = {
    SEARCH_INDEX: path.join(root, 'index.bin'),
    DRAIN_SECONDS: '2',
    EXIT_BOUND_SECONDS: '3',
    LIVE_INDEX: '0',
  };
  buildIndexWith(env);
  const { server } = await startServer(PORT, '/api/health', env, 120_000);
  const exited = new Promise<number>((resolve) => server.on('exit', () => resolve(Date.now())));
  const stop = steadyLoad(base, ['政协', '书香政协']);
  await new Promise((r) => setTimeout(r, 500));
  const signalled = Date.now();
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  const ready = await fetch(`${base}/api/health`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ status: 'draining' });
  expect((await fetch(`${base}/api/health?probe=live`)).status).toBe(200);
  const during = await fetch(`${base}/api/search?q=${encodeURIComponent('政协')}`);
  expect(during.status).toBe(200);
  expect(during.headers.get('connection')).toBe('close');
  await new Promise((r) => setTimeout(r, 1000)); // still inside the 2 s window
  const count = await stop();
  expect(count.failures).toEqual([]);
  const ms = (await exited) - signalled;
  expect(ms).toBeGreaterThanOrEqual(2000);
  expect(ms).toBeLessThan(2000 + 3000 + 1000); // the window, the bound, and the process's own exit
});
