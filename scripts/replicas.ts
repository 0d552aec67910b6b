/**
 * `npm run replicas`: search throughput through HAProxy (deploy/haproxy.cfg) with one replica and
 * with two, on this machine, over the seed report's query mix: autocannon, 32 connections, 10 s.
 * On 2 cores two replicas share the cores with HAProxy and autocannon, so this shows the cost of
 * the balancer and the headroom, not the scaling a second machine would give.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadIndex } from '@/lib/index/load';
import { queryMix } from './query-mix';
import { buildIndexWith, startHaproxy, startServer } from './server-process';

const FRONTEND = 3310;
const PORTS = [3311, 3312];

async function measure(replicas: number, env: Record<string, string>, paths: string[]) {
  const servers: ChildProcess[] = [];
  for (const port of PORTS.slice(0, replicas)) servers.push((await startServer(port, '/api/health', env)).server);
  // A replica that is not started fails its checks and gets no traffic.
  const balancer = startHaproxy(FRONTEND, PORTS);
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const requests = paths.map((p) => ({ method: 'GET' as const, path: p }));
    await autocannon({ url: `http://127.0.0.1:${FRONTEND}`, connections: 32, duration: 5, requests }); // warm-up
    const run = await autocannon({ url: `http://127.0.0.1:${FRONTEND}`, connections: 32, duration: 10, requests });
    return {
      replicas,
      reqPerSec: Math.round(run.requests.average),
      p50Ms: run.latency.p50,
      p99Ms: run.latency.p99,
      errors: run.errors,
      non2xx: run.non2xx,
    };
  } finally {
    balancer.kill('SIGTERM');
    for (const s of servers) s.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  if (spawnSync('haproxy', ['-v']).error) throw new Error('replicas: needs HAProxy (apt-get install haproxy)');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'replicas-')), 'index');
  const env = { SEARCH_INDEX: file, LIVE_INDEX: '0' };
  buildIndexWith(env);
  const mix = queryMix(loadIndex(file).paragraphs.norms.all(), 1000).map(
    (q) => `/api/search?q=${encodeURIComponent(q)}`,
  );
  const one = await measure(1, env, mix);
  const two = await measure(2, env, mix);
  for (const r of [one, two]) {
    console.log(
      `replicas: ${r.replicas}: ${r.reqPerSec} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.errors} errors, ${r.non2xx} non-2xx`,
    );
  }
  console.log(JSON.stringify({ one, two, ratio: Math.round((two.reqPerSec / one.reqPerSec) * 100) / 100 }));
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
