/**
 * `npm run bench:overload`: the server as a hostile public client meets it, on a made-up collection
 * about forty times the seed (1,440 reports, two of 2,350 paragraphs). What a cheap search and the
 * health check wait for:
 *
 * 1. quiet, the probe alone;
 * 2. beside 8 loops of the most expensive searches, 2 of six-query trends by report and 2 of the
 *    comparison of the two long reports, each sent again as soon as it is answered;
 * 3. sixteen clients that ask for an XLSX concordance and read nothing: the server's memory, and
 *    whether each is let go; then again with all sixteen exports admitted;
 * 4. two replicas behind the shipped HAProxy config at 128 connections of pages and API calls:
 *    how many answers are 200, whether HAProxy ever took a replica out, health's latency.
 *
 * Every loop is bounded in count and time; servers listen on 127.0.0.1 and are stopped by their pid.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { replicaStatus, serverRssMb, startHaproxy, startServer } from '../server-process';
import { buildFigures, CACHE, quantile, scaled } from './common';

const PORT = 3410;
const REPLICAS = [3411, 3412];
const FRONTEND = 3413;
const STATS = 3414;
/** The replicas' HEALTH_PORT, where HAProxy checks them; the first is probed there too. */
const HEALTH = [3421, 3422];
const base = `http://127.0.0.1:${PORT}`;
/** The server's HEALTH_PORT: readiness answered by a thread of its own. */
const HEALTH_BASE = `http://127.0.0.1:3420`;

const REPORTS = scaled(1_440, 60);
const LONG = scaled(2_350, 300);
const PHASE_MS = scaled(20_000, 3_000);
const READERS_MS = scaled(60_000, 4_000);
const HAPROXY_SECONDS = scaled(40, 4);

const WORDS =
  '政协 委员 协商 民主 监督 调研 提案 履职 建言 资政 凝聚 共识 乡村 振兴 营商 环境 生态 文明 教育 医疗 养老 就业 交通 水利 科技 创新 文化 旅游 政府 人大 常委会 代表'.split(
    ' ',
  );
const PLACES = ['青溪', '白石', '清河', '云岭', '东湖', '南山', '西岸', '北原'];

/** A reproducible made-up report: `n` paragraphs of the words above with figures. */
function madeUp(seed: number, n: number): string[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: n }, (_, k) => {
    const words = Array.from({ length: 18 + Math.floor(next() * 40) }, () => WORDS[Math.floor(next() * WORDS.length)]);
    return `${words.join('')}，完成任务${(k * 7 + seed) % 300}项。${next() < 0.5 ? '委员们积极建言，政协工作取得新成效。' : ''}`;
  });
}

/** The collection's content folder, written once. */
function collection(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = (id: string, title: string, date: string, paragraphs: string[]) =>
    writeFileSync(
      path.join(dir, `${id}.md`),
      `---\ntitle: ${title}\ndate: ${date}\n---\n\n${paragraphs.join('\n\n')}\n`,
    );
  for (let r = 0; r < REPORTS; r++) {
    const year = 2005 + (r % 20);
    const place = PLACES[r % PLACES.length]!;
    file(`r${r}-${year}`, `${place}${r}号市政协${year}年工作报告`, `${year + 1}-02-01`, madeUp(r + 1, 6 + (r % 30)));
  }
  const long = madeUp(99, LONG);
  file('long-2023', '长篇市政协2023年工作报告', '2024-01-20', long);
  file(
    'long-2024',
    '长篇市政协2024年工作报告',
    '2025-01-20',
    long.map((p, k) => (k % 4 === 0 ? `${p}另增一句。` : p)),
  );
}

/** The most expensive requests a client may send: NEAR/SENT pairs over common words, six-query trends, the long comparison. */
const EXPENSIVE = {
  search: [
    '政协 SENT 委员',
    '委员 NEAR/20 政协 OR 建言 NEAR/20 成效',
    '政协 OR 委员 OR 协商 OR 民主 OR 监督 OR 调研 OR 提案 OR 履职 OR 建言 OR 资政',
  ].map((q) => `/api/search?q=${encodeURIComponent(q)}`),
  trend: [
    `/api/trend?by=report&${['政协', '委员 SENT 建言', '协商', '监督 NEAR/10 民主', '乡村振兴', '营商环境'].map((q) => `q=${encodeURIComponent(q)}`).join('&')}`,
  ],
  compare: ['/api/compare?a=long-2023&b=long-2024'],
};
const CHEAP = `/api/search?q=${encodeURIComponent('政协')}&limit=1`;

interface Timed {
  ms: number[];
  statuses: Record<string, number>;
}
const timed = (): Timed => ({ ms: [], statuses: {} });
const tally = (t: Timed, status: number | string, ms?: number) => {
  t.statuses[status] = (t.statuses[status] ?? 0) + 1;
  if (ms !== undefined) t.ms.push(ms);
};
const figures = (t: Timed) => ({
  p50: quantile(t.ms, 0.5),
  p95: quantile(t.ms, 0.95),
  p99: quantile(t.ms, 0.99),
  statuses: t.statuses,
});

/** Kept-alive connections per client address (each a client of its own to the server's admission). */
const agents = new Map<string, Agent>();

/**
 * GETs `url` from the loopback address `from` (127.0.0.0/8 is all loopback: each address is a client
 * of its own), reading the whole answer; its status (0 when the connection failed) and milliseconds.
 */
function get(url: string, from = '127.0.0.1'): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  let agent = agents.get(from);
  if (!agent) agents.set(from, (agent = new Agent({ keepAlive: true, localAddress: from })));
  return new Promise((resolve) => {
    const done = (status: number) => resolve({ status, ms: performance.now() - started });
    const req = request(url, { agent, timeout: 60_000 }, (res) => {
      res.on('data', () => {});
      res.on('end', () => done(res.statusCode ?? 0));
      res.on('error', () => done(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(0));
    req.end();
  });
}

/** Loops `urls` from address `from` until `until`, each sent as soon as the last is answered; statuses counted. */
async function hammer(urls: string[], until: number, t: Timed, from: string): Promise<void> {
  for (let i = 0; performance.now() < until && i < 100_000; i++) {
    const { status } = await get(`${base}${urls[i % urls.length]}`, from);
    tally(t, status);
    // A refused client tries again at once (a hostile one would not wait for Retry-After), but not in a spin.
    if (status !== 200) await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every 50 ms until `until`, from a client of its own: the cheap search (unless `search` is false) and health. */
async function probe(origin: string, until: number, search = true) {
  const cheap = timed();
  const health = timed();
  for (let i = 0; performance.now() < until && i < 10_000; i++) {
    const [c, h] = await Promise.all([
      search ? get(`${origin}${CHEAP}`, '127.0.0.2') : null,
      get(`${origin}/api/health`, '127.0.0.2'),
    ]);
    if (c) tally(cheap, c.status, c.ms);
    tally(health, h.status, h.ms);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { cheap: figures(cheap), health: figures(health) };
}

async function expensivePhase() {
  const until = performance.now() + PHASE_MS;
  const kinds = { search: timed(), trend: timed(), compare: timed() };
  // Twelve hostile clients, each from an address of its own.
  const from = (k: number) => `127.0.0.${10 + k}`;
  const loops = [
    ...Array.from({ length: 8 }, (_, k) => hammer(EXPENSIVE.search, until, kinds.search, from(k))),
    ...Array.from({ length: 2 }, (_, k) => hammer(EXPENSIVE.trend, until, kinds.trend, from(8 + k))),
    ...Array.from({ length: 2 }, (_, k) => hammer(EXPENSIVE.compare, until, kinds.compare, from(10 + k))),
  ];
  const [probed, thread] = await Promise.all([probe(base, until), probe(HEALTH_BASE, until, false)]);
  await Promise.all(loops);
  return {
    ...probed,
    healthOnHealthPort: thread.health,
    expensive: Object.fromEntries(Object.entries(kinds).map(([k, t]) => [k, t.statuses])),
  };
}

/** Sixteen clients that ask for an XLSX concordance and read nothing; how many the server let go, and its memory. */
async function readersPhase(pid: number) {
  const before = serverRssMb(pid);
  const request = `/api/export?q=${encodeURIComponent('政协')}&view=kwic&width=100&format=xlsx`;
  let peak = before;
  const closed: number[] = [];
  const started = performance.now();
  const sockets = Array.from({ length: 16 }, (_, k) => {
    const socket = connect(PORT, '127.0.0.1', () => {
      socket.write(`GET ${request} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Client: ${k}\r\n\r\n`);
      socket.pause();
    });
    socket.on('error', () => {});
    // A paused socket still sees the server close it (the kernel's FIN/RST ends it).
    socket.on('close', () => closed.push(performance.now() - started));
    return socket;
  });
  while (performance.now() - started < READERS_MS) {
    peak = Math.max(peak, serverRssMb(pid));
    await new Promise((r) => setTimeout(r, 250));
  }
  for (const s of sockets) s.destroy();
  await new Promise((r) => setTimeout(r, 3000));
  return { rssBeforeMb: before, rssPeakMb: peak, rssAfterMb: serverRssMb(pid), letGo: closed.length, of: 16 };
}

/** Two replicas behind HAProxy at 128 connections of pages and API calls; statuses, checks, health. */
async function haproxyPhase(env: Record<string, string>) {
  const replicas = [];
  for (const [k, port] of REPLICAS.entries())
    replicas.push((await startServer(port, '/api/health', { ...env, HEALTH_PORT: String(HEALTH[k]) })).server);
  const balancer = startHaproxy(FRONTEND, REPLICAS, STATS, HEALTH);
  try {
    for (let k = 1; k <= 2; k++)
      for (let i = 0; i < 200 && (await replicaStatus(STATS, k).catch(() => null)) !== 'UP'; i++)
        await new Promise((r) => setTimeout(r, 100));
    const q = ['政协', '委员', '乡村振兴', '营商环境', '协商 民主', '提案'].map(encodeURIComponent);
    const requests = q.flatMap((x) => [
      { method: 'GET' as const, path: `/api/search?q=${x}` },
      { method: 'GET' as const, path: `/?q=${x}` },
      { method: 'GET' as const, path: `/reports/r${x.length % 7}-${2005 + (x.length % 7)}?q=${x}` },
    ]);
    const seen = new Set<string>();
    let watching = true;
    const watch = (async () => {
      while (watching) {
        for (let k = 1; k <= 2; k++) seen.add(`replica${k} ${await replicaStatus(STATS, k).catch(() => 'stats?')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const until = performance.now() + HAPROXY_SECONDS * 1000;
    const [load, direct, port] = await Promise.all([
      autocannon({ url: `http://127.0.0.1:${FRONTEND}`, connections: 128, duration: HAPROXY_SECONDS, requests }),
      probe(`http://127.0.0.1:${REPLICAS[0]}`, until),
      probe(`http://127.0.0.1:${HEALTH[0]}`, until, false),
    ]);
    watching = false;
    await watch;
    for (const agent of agents.values()) agent.destroy();
    const total = load.requests.total;
    return {
      requests: total,
      ok: load['2xx'],
      okShare: Math.round((load['2xx'] / Math.max(total, 1)) * 1000) / 10,
      non2xx: load.non2xx,
      errors: load.errors,
      p50Ms: load.latency.p50,
      p99Ms: load.latency.p99,
      replicaStates: [...seen].sort(),
      // On the replica's own port, behind its work; on its health port, from the thread.
      healthOnPort: direct.health,
      cheapOnPort: direct.cheap,
      healthOnHealthPort: port.health,
    };
  } finally {
    balancer.kill('SIGTERM');
    for (const r of replicas) r.kill('SIGTERM');
    await Promise.all(replicas.map((r) => new Promise((done) => r.once('exit', done))));
  }
}

async function main() {
  const root = path.join(CACHE, 'overload');
  const content = path.join(root, 'content');
  collection(content);
  const index = path.join(root, 'index', 'search-index');
  const built = buildFigures(content, index);
  console.log(`bench:overload: ${built.reports} reports, ${built.paragraphs} paragraphs`);
  const env = { CONTENT_DIR: content, SEARCH_INDEX: index, LIVE_INDEX: '0', DRAIN_SECONDS: '0' };
  const out: Record<string, unknown> = {};
  const { server } = await startServer(PORT, '/api/health', { ...env, HEALTH_PORT: '3420' });
  try {
    out.quiet = await probe(base, performance.now() + scaled(5_000, 1_000));
    out.expensive = await expensivePhase();
    out.readers = await readersPhase(server.pid!);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  // The sixteen again with the export limits raised, all sixteen exports admitted: what each holds.
  const all = await startServer(PORT, '/api/health', { ...env, MAX_EXPORTS: '16', MAX_CLIENT_EXPORTS: '16' });
  try {
    out.readersAllAdmitted = await readersPhase(all.server.pid!);
  } finally {
    all.server.kill('SIGTERM');
    await new Promise((r) => all.server.once('exit', r));
  }
  out.haproxy = await haproxyPhase({ ...env, TRUST_PROXY: '1' });
  for (const agent of agents.values()) agent.destroy();
  console.log(JSON.stringify(out, null, 2));
}

main().catch((err) => {
  console.error(`bench:overload: ${(err as Error).stack}`);
  process.exit(1);
});
