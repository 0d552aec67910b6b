/**
 * Readiness and liveness on a port of their own (HEALTH_PORT), answered by a worker thread, so a
 * balancer's checks never queue behind the event loop's page renders and searches: a busy replica
 * answers them at once, and sheds its load itself (admission.ts) instead of being taken out.
 *
 * The event loop and the thread share two numbers: the readiness state, written whenever it
 * changes, and a heartbeat the loop ticks every 100 ms. Readiness says what the server says
 * (`ok`/`degraded` 200; `loading`/`draining`/`unavailable` 503), and 503 `stalled` when the loop
 * has not ticked for READY_STALL_SECONDS (default 5: it is not serving, whatever its state);
 * liveness is 200 until the loop has not ticked for LIVE_STALL_SECONDS (default 30), then 503, so
 * that a wedged process is restarted and a busy one is not.
 */
import { Worker } from 'node:worker_threads';
import type { HealthResponse } from '../api/health';

const STATES = ['loading', 'ok', 'degraded', 'draining', 'unavailable'] as const;
type State = (typeof STATES)[number];

/** The thread's server, as plain JavaScript: it runs outside the bundle and the TypeScript loader. */
const THREAD = `
const { workerData } = require('node:worker_threads');
const http = require('node:http');
const shared = new Int32Array(workerData.buffer);
const { states, readyStallMs, liveStallMs } = workerData;
let beat = Atomics.load(shared, 1);
let seen = Date.now();
setInterval(() => {
  const now = Atomics.load(shared, 1);
  if (now !== beat) { beat = now; seen = Date.now(); }
}, 50);
const json = (res, status, body) => {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(JSON.stringify(body));
};
const server = http.createServer((req, res) => {
  const [path, query] = (req.url || '').split('?');
  if (path !== '/api/health' || (req.method !== 'GET' && req.method !== 'HEAD'))
    return json(res, 404, { error: { code: 'not_found', message: 'this port answers GET /api/health only' } });
  const stalledMs = Date.now() - seen;
  if (query === 'probe=live')
    return stalledMs < liveStallMs ? json(res, 200, { status: 'live' }) : json(res, 503, { status: 'stalled', stalledMs });
  if (stalledMs >= readyStallMs) return json(res, 503, { status: 'stalled', stalledMs });
  const status = states[Atomics.load(shared, 0)];
  json(res, status === 'ok' || status === 'degraded' ? 200 : 503, { status });
});
server.keepAliveTimeout = 5000;
server.headersTimeout = 5000;
// Thrown, it ends the thread with an 'error' the server sees (process.exit here would end the thread alone).
server.on('error', (err) => { throw err; });
server.listen(workerData.port, workerData.hostname);
`;

const seconds = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`serve: ${name} is not a positive number of seconds`);
  return value * 1000;
};

/** The health port's two numbers, and how the event loop writes them. */
export interface HealthPort {
  /** Records the readiness state the thread answers with: the server's, or `unavailable` when it has no index. */
  set(status: HealthResponse['status'] | 'unavailable'): void;
}

/**
 * Starts the thread answering readiness and liveness on `port`; the caller keeps its state current
 * with set(). The heartbeat is ticked here, from the event loop.
 */
export function startHealthPort(port: number, hostname: string): HealthPort {
  const buffer = new SharedArrayBuffer(8);
  const shared = new Int32Array(buffer);
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: {
      buffer,
      port,
      hostname,
      states: STATES,
      readyStallMs: seconds('READY_STALL_SECONDS', 5),
      liveStallMs: seconds('LIVE_STALL_SECONDS', 30),
    },
  });
  worker.unref();
  // A health port that cannot listen (taken) must end the server: its balancer would never see it ready.
  worker.on('error', (err) => {
    console.error(`serve: health port ${port}: ${err.message}`);
    process.exit(1);
  });
  setInterval(() => Atomics.add(shared, 1, 1), 100).unref();
  return {
    set(status: State) {
      Atomics.store(shared, 0, STATES.indexOf(status));
    },
  };
}
