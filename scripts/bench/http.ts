/** HTTP against the server with autocannon: the mix at 32 and 64 connections, health, a soak, and two server processes. */
import autocannon from 'autocannon';
import { serverRssMb, startServer } from '../server-process';
import { round, scaled } from './common';

/** Seconds of each timed run (and of the warm-up before them). */
const RUN_SECONDS = scaled(10, 2);
const WARM_SECONDS = scaled(3, 1);

/** The same mix against SEARCH_PROCESSES=2 (two servers on the port, one index each): req/s and memory. */
export async function measureTwoProcesses(port: number, env: Record<string, string>, mix: string[], engine: number) {
  const { server } = await startServer(port, '/api/health', {
    ...env,
    SEARCH_PROCESSES: '2',
    LIVE_INDEX: '0',
    DRAIN_SECONDS: '0',
  });
  try {
    await new Promise((r) => setTimeout(r, 3000)); // the second process loads its index too
    const requests = mix.map((q) => ({ method: 'GET' as const, path: `/api/search?q=${encodeURIComponent(q)}` }));
    await autocannon({ url: `http://127.0.0.1:${port}`, connections: 32, duration: WARM_SECONDS, requests });
    const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 32, duration: RUN_SECONDS, requests });
    const reqPerSec = Math.round(r.requests.average);
    return {
      reqPerSec,
      ratio: round(reqPerSec / Math.max(engine, 1), 2),
      p99Ms: r.latency.p99,
      errors: r.errors + r.non2xx,
      rssMb: serverRssMb(server.pid!),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

/** autocannon against the server: the mix at 32 and 64 connections, and health. */
export async function measureHttp(port: number, mix: string[], engine: number, pid: number, soakSeconds: number) {
  const base = `http://127.0.0.1:${port}`;
  const requests = mix.map((q) => ({ method: 'GET' as const, path: `/api/search?q=${encodeURIComponent(q)}` }));
  const run = (connections: number, duration: number, r = requests) =>
    autocannon({ url: base, connections, duration, requests: r });
  await run(32, WARM_SECONDS);
  const at32 = await run(32, RUN_SECONDS);
  const at64 = await run(64, RUN_SECONDS);
  const health = await run(32, RUN_SECONDS / 2, [{ method: 'GET', path: '/api/health' }]);
  let soak = null;
  if (soakSeconds) {
    const r = await run(32, soakSeconds);
    soak = {
      seconds: soakSeconds,
      reqPerSec: Math.round(r.requests.average),
      errors: r.errors + r.non2xx,
      rssAfterMb: serverRssMb(pid),
    };
  }
  const reqPerSec = Math.round(at32.requests.average);
  return {
    engineQps: engine,
    search: { reqPerSec, p50Ms: at32.latency.p50, p99Ms: at32.latency.p99, errors: at32.errors, non2xx: at32.non2xx },
    at64: {
      reqPerSec: Math.round(at64.requests.average),
      p99Ms: at64.latency.p99,
      errors: at64.errors,
      non2xx: at64.non2xx,
    },
    health: { reqPerSec: Math.round(health.requests.average) },
    ratio: round(reqPerSec / Math.max(engine, 1), 2),
    soak,
  };
}
