/**
 * The faults and hostile inputs a public server meets, each tried against the production server
 * (scripts/serve.ts) or the real build, and answered as a user or an operator would see it: the
 * status, the message, what health says, what is left on disk.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { readManifest, strayFiles } from '@/lib/index/segments';
import { BUILD_COMMAND_FILE } from '@/lib/indexer/command';
import { processStart } from '@/lib/util/lock';
import { buildIndexWith, startServer } from '@/scripts/server-process';

/** What the live index's build process has on its command line. */
const BUILD_COMMAND = path.relative(process.cwd(), BUILD_COMMAND_FILE);

const SEED = 'content/ziyang-cppcc-2022.md';
const report = (title: string, paragraph: string) => `---\ntitle: ${title}\ndate: 2024-01-01\n---\n\n${paragraph}\n`;

/** A content folder and an index path of their own, the seed report in it. */
function workspace(name: string): { root: string; dir: string; index: string; env: Record<string, string> } {
  const root = mkdtempSync(path.join(tmpdir(), `faults-${name}-`));
  const dir = path.join(root, 'content');
  mkdirSync(dir);
  cpSync(SEED, path.join(dir, path.basename(SEED)));
  const index = path.join(root, 'index', 'search-index');
  return { root, dir, index, env: { CONTENT_DIR: dir, SEARCH_INDEX: index } };
}

/** Starts the server, under a file-size limit (KiB) when given; resolves once liveness answers. */
async function serve(port: number, env: Record<string, string>, fileLimitKb?: number): Promise<ChildProcess> {
  return (await startServer(port, '/api/health?probe=live', env, 90_000, fileLimitKb)).server;
}

async function until(done: () => Promise<boolean> | boolean, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Health {
  status: string;
  builtAt?: string;
  problem?: { message: string };
  skipped?: { file: string; reason: string }[];
  error?: { code: string; message: string };
}
const healthOf = async (port: number) => {
  const res = await fetch(`http://127.0.0.1:${port}/api/health`);
  return { status: res.status, body: (await res.json()) as Health };
};
const totalOf = async (port: number, q: string) => {
  const res = await fetch(`http://127.0.0.1:${port}/api/search?q=${encodeURIComponent(q)}`);
  return ((await res.json()) as { total: number }).total;
};

/** Sends raw bytes, resolves with what came back when the server closed or `ms` passed. */
function raw(port: number, chunks: string[], gapMs = 0, ms = 8_000): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ text, closedAfterMs: Date.now() - started });
    };
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('close', finish);
    socket.on('error', finish);
    setTimeout(finish, ms);
    void (async () => {
      for (const chunk of chunks) {
        if (done) return;
        socket.write(chunk);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    })();
  });
}

/** Files of the index folder no manifest names: what a stopped build left. */
const leftovers = (index: string) => strayFiles(index, readManifest(index));

/** The index folder's files and their bytes. */
const snapshot = (index: string) =>
  Object.fromEntries(readdirSync(index).map((name) => [name, readFileSync(path.join(index, name))]));

/** The file of the index's first segment. */
const firstSegment = (index: string) => path.join(index, `${readManifest(index)!.segments[0]!.name}.bin`);

test.describe('a server facing hostile input', () => {
  const PORT = 3120;
  let server: ChildProcess;
  let ws: ReturnType<typeof workspace>;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    ws = workspace('hostile');
    spawnSync('mkfifo', [path.join(ws.dir, 'pipe.md')]);
    // A line with a million spaces inside: with the old regexes, the build never finished.
    writeFileSync(path.join(ws.dir, 'spaces.md'), report('空格报告', `甲${' '.repeat(1_000_000)}乙丙丁戊。`));
    buildIndexWith(ws.env);
    server = await serve(PORT, { ...ws.env, HEADERS_TIMEOUT_SECONDS: '1', REQUEST_TIMEOUT_SECONDS: '2' });
  });
  test.afterAll(() => server?.kill('SIGKILL'));

  test('a FIFO in the content folder is skipped, and health says so', async () => {
    const { status, body } = await healthOf(PORT);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.skipped).toEqual([{ file: 'pipe.md', reason: 'a named pipe (FIFO), not a regular file' }]);
  });

  test('a report with a million spaces in a line is indexed and found', async () => {
    expect(await totalOf(PORT, '乙丙丁戊')).toBe(1);
  });

  test('a long Latin term is answered, not read as pinyin without end', async () => {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/search?q=${'sz'.repeat(99)}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(0);
  });

  test('a malformed Host gets a 400 in the API error shape on every route, never a 500', async () => {
    for (const route of [
      '/api/health',
      '/api/cite?report=ziyang-cppcc-2022',
      '/api/openapi.json',
      '/',
      '/robots.txt',
    ]) {
      for (const host of ['x:99999', 'a b', '"><x>']) {
        const { text } = await raw(PORT, [`GET ${route} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`]);
        expect(text).toMatch(/^HTTP\/1\.1 400/);
        expect(text).toContain('"code":"bad_host"');
      }
    }
  });

  test('a client’s X-Forwarded-Host never reaches robots.txt, the sitemap or OpenSearch', async () => {
    const headers = { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' };
    for (const route of ['/robots.txt', '/sitemap.xml', '/opensearch.xml']) {
      const body = await (await fetch(`http://127.0.0.1:${PORT}${route}`, { headers })).text();
      expect(body).not.toContain('evil.example');
      expect(body).toContain(`http://127.0.0.1:${PORT}/`);
    }
  });

  test('a client sending its headers a byte at a time is cut off with 408', async () => {
    const request = 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'a'.repeat(40);
    const { text, closedAfterMs } = await raw(PORT, [...request], 200, 20_000);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(15_000); // far below the 40 × 200 ms it would take to finish
  });

  test('a GET with a body is refused with 413, before anything reads it', async () => {
    const { text } = await raw(PORT, [
      `GET /api/search?q=x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000000\r\n\r\n`,
      'x'.repeat(1000),
    ]);
    expect(text).toMatch(/^HTTP\/1\.1 413/);
    expect(text).toContain('"code":"body_not_accepted"');
  });
});

test('a port held by another program: the server exits non-zero instead of running deaf', async () => {
  test.setTimeout(90_000);
  const blocker = createServer().listen(3121, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  try {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
      env: { ...process.env, PORT: '3121', HOST: '127.0.0.1', LIVE_INDEX: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(
      result.stderr
        .trim()
        .split('\n')
        .filter((l) => l.includes('cannot listen')),
    ).toHaveLength(1);
  } finally {
    blocker.close();
  }
});

test('a corrupted segment is refused at load, answered 503 meanwhile, and rebuilt in the background', async () => {
  test.setTimeout(180_000);
  const ws = workspace('corrupt');
  buildIndexWith(ws.env);
  const segment = firstSegment(ws.index);
  const bytes = readFileSync(segment);
  bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
  writeFileSync(segment, bytes);
  const server = await serve(3122, { ...ws.env, LIVE_INDEX: '0' });
  try {
    // Liveness answers at once; the rebuild (a process loading jieba) takes seconds: readiness says why meanwhile.
    const first = await healthOf(3122);
    expect(first.status).toBe(503);
    expect(first.body.error?.message ?? first.body.status).toMatch(/damaged|still loading|loading/);
    await until(async () => (await healthOf(3122)).status === 200);
    expect((await healthOf(3122)).body.status).toBe('ok');
    expect(await totalOf(3122, '书香政协')).toBe(1);
    expect(leftovers(ws.index)).toEqual([]);
  } finally {
    server.kill('SIGKILL');
  }
});

test.describe('builds that die', () => {
  test('kill -9 during a build: the old index still loads, the next build takes the lock and cleans up', async () => {
    test.setTimeout(240_000);
    const ws = workspace('kill-build');
    buildIndexWith(ws.env);
    const good = snapshot(ws.index);
    // Enough text that the build takes a while; killed as soon as its temporary file appears, or mid-way.
    const lines = readFileSync(SEED, 'utf8')
      .split('\n')
      .filter((l) => l.length > 20);
    const many = Array.from({ length: 40_000 }, (_, i) =>
      JSON.stringify({ id: `r${i}`, title: `报告${i}`, paragraphs: [`${lines[i % lines.length]}${i}`] }),
    );
    writeFileSync(path.join(ws.dir, 'many.jsonl'), many.join('\n'));
    // Killed as soon as a file no manifest names appears (a segment mid-write); one too quick to catch is tried again.
    for (let attempt = 0; attempt < 3 && leftovers(ws.index).length === 0; attempt++) {
      writeFileSync(path.join(ws.dir, 'attempt.md'), report(`第${attempt}次`, `第${attempt}次的段落。`));
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build-index.ts'], {
        env: { ...process.env, ...ws.env },
        stdio: 'ignore',
      });
      while (leftovers(ws.index).length === 0 && child.exitCode === null) await new Promise((r) => setTimeout(r, 1));
      child.kill('SIGKILL');
      await new Promise((r) =>
        child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r),
      );
      if (child.exitCode === 0) {
        // Finished first: put the old index back and try again.
        rmSync(ws.index, { recursive: true });
        mkdirSync(ws.index);
        for (const [name, bytes] of Object.entries(good)) writeFileSync(path.join(ws.index, name), bytes);
      }
    }
    expect(leftovers(ws.index).length).toBeGreaterThan(0); // what the kill left
    const named = snapshot(ws.index);
    for (const name of leftovers(ws.index)) delete named[name];
    expect(named).toEqual(good); // the last good index, untouched
    expect(existsSync(`${ws.index}.lock`)).toBe(true); // and the killed build's lock
    // The next start: it takes the lock over, removes the leftover, builds, and serves.
    const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, ...ws.env, PORT: '3124', HOST: '127.0.0.1', LIVE_INDEX: '0' },
      stdio: 'ignore',
    });
    try {
      await until(async () => (await fetch('http://127.0.0.1:3124/api/health').catch(() => null))?.status === 200);
      expect(await totalOf(3124, '第')).toBeGreaterThan(0);
      expect(leftovers(ws.index)).toEqual([]);
      expect(existsSync(`${ws.index}.lock`)).toBe(false);
    } finally {
      server.kill('SIGKILL');
    }
  });

  test('a lock left by pid 1 of an earlier container does not stop the next build', async () => {
    const ws = workspace('pid1');
    mkdirSync(path.dirname(ws.index), { recursive: true });
    const owner = { pid: 1, start: (processStart(1) ?? 0) + 777, host: hostname(), token: 'crashed' };
    writeFileSync(`${ws.index}.lock`, JSON.stringify(owner));
    expect(buildIndexWith(ws.env)).not.toContain('waiting'); // and it did not fail: buildIndexWith throws then
  });

  test('the live index: a build killed mid-swap and a full disk leave the last good index serving, and health says why', async () => {
    test.setTimeout(300_000);
    const ws = workspace('live');
    buildIndexWith(ws.env);
    const limitKb = Math.ceil(readFileSync(firstSegment(ws.index)).length / 1024) * 4; // room for this index, not for a big one
    const PORT = 3123;
    const server = await serve(PORT, ws.env, limitKb);
    try {
      await until(async () => (await healthOf(PORT)).status === 200);
      // A change, and the build it starts killed with SIGKILL.
      writeFileSync(path.join(ws.dir, 'a.md'), report('新报告', '新加的段落提到甲乙丙。'));
      let child = '';
      await until(() => {
        child = spawnSync('pgrep', ['-P', String(server.pid), '-f', BUILD_COMMAND], { encoding: 'utf8' }).stdout.trim();
        return child !== '';
      });
      spawnSync('kill', ['-9', ...child.split('\n')]);
      await until(async () => (await healthOf(PORT)).body.status === 'degraded');
      expect((await healthOf(PORT)).body.problem?.message).toBe('the build was stopped by SIGKILL');
      expect(await totalOf(PORT, '书香政协')).toBe(1); // still serving
      // The next change builds again: the killed build's lock is taken over.
      writeFileSync(path.join(ws.dir, 'a.md'), report('新报告', '改过的段落提到丁戊己。'));
      await until(async () => (await totalOf(PORT, '丁戊己')) === 1);
      expect((await healthOf(PORT)).body.status).toBe('ok');
      // A report too large for the disk: the build fails to write, the old index stays.
      const big = Array.from(
        { length: 4000 },
        (_, i) => `第${i}段，${'资阳市政协委员围绕中心工作建言资政。'.repeat(3)}`,
      );
      writeFileSync(path.join(ws.dir, 'big.md'), `---\ntitle: 大报告\n---\n\n${big.join('\n\n')}\n`);
      await until(async () => (await healthOf(PORT)).body.status === 'degraded');
      expect((await healthOf(PORT)).body.problem?.message).toMatch(/EFBIG|ENOSPC|too large|no space/i);
      expect(await totalOf(PORT, '丁戊己')).toBe(1);
      expect(leftovers(ws.index)).toEqual([]);
    } finally {
      server.kill('SIGKILL');
    }
  });
});
