/**
 * `npm run load`: autocannon against a production server on this machine — LOAD_SECONDS (60) at
 * LOAD_CONNECTIONS (64) over the query mix, after LOAD_WARMUP_SECONDS (45) at the same concurrency — and the
 * server's RSS before and after. Exits non-zero
 * on any error or non-2xx answer, or RSS growth over 10%.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import autocannon from 'autocannon';
import path from 'node:path';
import { loadIndex } from '@/lib/index/load';
import { indexPath, MANIFEST } from '@/lib/index/segments';
import { queryMix } from './query-mix';
import { serverRssMb, startServer } from './server-process';

const PORT = Number(process.env.LOAD_PORT ?? 3200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 64);
const WARMUP_SECONDS = Number(process.env.LOAD_WARMUP_SECONDS ?? 45);
const base = `http://127.0.0.1:${PORT}`;

async function main(): Promise<void> {
  if (!existsSync(path.join(indexPath(), MANIFEST)) || !existsSync('.next/BUILD_ID')) {
    spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  }
  const index = loadIndex(indexPath());
  const queries = queryMix(index.paragraphs.norms.all(), 1000);
  const { server } = await startServer(PORT, '/api/health', {}, 60_000);
  try {
    const requests = queries.map((q) => ({
      method: 'GET' as const,
      path: `/api/search?q=${encodeURIComponent(q)}&limit=10`,
    }));
    // Warm up at full concurrency first: V8 grows the heap to its working size under load (measured
    // here: 516 → 655 MB over the first 40 s, then flat for the next 50 s). That is sizing, not a
    // leak; "before" is the steady state, and "after" tells whether it keeps growing.
    await autocannon({ url: base, connections: CONNECTIONS, duration: WARMUP_SECONDS, requests });
    const before = serverRssMb(server.pid!);
    const result = await autocannon({ url: base, connections: CONNECTIONS, duration: SECONDS, requests });
    const after = serverRssMb(server.pid!);
    const growth = (after - before) / before;
    const summary = {
      seconds: SECONDS,
      connections: CONNECTIONS,
      requests: result.requests.total,
      reqPerSec: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      rssBeforeMb: Math.round(before),
      rssAfterMb: Math.round(after),
      rssGrowthPct: Math.round(growth * 1000) / 10,
    };
    console.log(`load: ${summary.requests} requests in ${SECONDS} s at ${CONNECTIONS} connections`);
    console.log(
      `load: ${summary.reqPerSec} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, ${summary.errors} errors, ${summary.non2xx} non-2xx`,
    );
    console.log(
      `load: server RSS ${summary.rssBeforeMb} MB before, ${summary.rssAfterMb} MB after (${summary.rssGrowthPct}%)`,
    );
    console.log(JSON.stringify(summary));
    if (summary.errors > 0 || summary.non2xx > 0 || growth > 0.1) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
