/**
 * The HTTP server's limits, chosen for a server on the public internet rather than Node's
 * defaults (a 60 s wait for headers and 300 s for a request let a slow client hold a connection
 * for minutes; no cap on connections or on requests waiting for the index). Each can be set from
 * the environment; SECURITY.md lists them.
 */
import type { IncomingMessage, ServerOptions } from 'node:http';

/** A limit: its environment variable, its default, and what it bounds. */
interface Limit {
  env: string;
  fallback: number;
  /** Seconds, turned into milliseconds, or a count. */
  unit: 'seconds' | 'count';
}

const LIMITS = {
  /** Time a client has to send a request's headers (slowloris sends them a byte at a time). */
  headersTimeoutMs: { env: 'HEADERS_TIMEOUT_SECONDS', fallback: 10, unit: 'seconds' },
  /** Time a client has to send a whole request. */
  requestTimeoutMs: { env: 'REQUEST_TIMEOUT_SECONDS', fallback: 30, unit: 'seconds' },
  /** An idle kept-alive connection is closed after this long. */
  keepAliveTimeoutMs: { env: 'KEEP_ALIVE_SECONDS', fallback: 5, unit: 'seconds' },
  /** Open connections at once; more are refused by the kernel's backlog, then closed. */
  maxConnections: { env: 'MAX_CONNECTIONS', fallback: 1024, unit: 'count' },
  /** Requests waiting for the first index to load; more are answered 503 at once. */
  maxWaiting: { env: 'MAX_WAITING_REQUESTS', fallback: 256, unit: 'count' },
  /**
   * A connection that moves no byte either way for this long is closed: a client that asked for
   * an export and reads nothing is let go, with the buffers it held.
   */
  idleTimeoutMs: { env: 'IDLE_TIMEOUT_SECONDS', fallback: 30, unit: 'seconds' },
  /** Open connections from one address; more are closed at once (not applied behind TRUST_PROXY: the proxy limits them). */
  maxClientConnections: { env: 'MAX_CLIENT_CONNECTIONS', fallback: 64, unit: 'count' },
  /** Requests in progress at once (health aside); more are answered 503 with Retry-After at once. */
  maxInFlight: { env: 'MAX_IN_FLIGHT', fallback: 64, unit: 'count' },
  /** Expensive requests (admission.ts) in progress at once, and from one client. */
  maxExpensive: { env: 'MAX_EXPENSIVE_REQUESTS', fallback: 4, unit: 'count' },
  maxClientExpensive: { env: 'MAX_CLIENT_EXPENSIVE_REQUESTS', fallback: 2, unit: 'count' },
  /** Exports being sent at once, and to one client. */
  maxExports: { env: 'MAX_EXPORTS', fallback: 4, unit: 'count' },
  maxClientExports: { env: 'MAX_CLIENT_EXPORTS', fallback: 2, unit: 'count' },
  /**
   * Time expensive requests may take at once (a budget refilled at half a second each second):
   * beyond it they are answered 503 with Retry-After, so a cheap search and the health check never
   * wait behind more than this much of them.
   */
  expensiveBurstMs: { env: 'EXPENSIVE_BURST_MS', fallback: 250, unit: 'count' },
} satisfies Record<string, Limit>;

/** The server's limits, in milliseconds and counts. */
export type ServerLimits = Record<keyof typeof LIMITS, number>;

/** The limits from the environment, or their defaults; a value that is not a positive number is refused by name. */
export function serverLimits(env: NodeJS.ProcessEnv = process.env): ServerLimits {
  const out = {} as ServerLimits;
  for (const [key, limit] of Object.entries(LIMITS) as [keyof ServerLimits, Limit][]) {
    const raw = env[limit.env];
    const value = raw === undefined || raw === '' ? limit.fallback : Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`serve: ${limit.env}=${raw} is not a positive number of ${limit.unit}`);
    out[key] = limit.unit === 'seconds' ? Math.round(value * 1000) : Math.floor(value);
  }
  return out;
}

/** Options for http.createServer that apply the limits. */
export function serverOptions(limits: ServerLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the two timeouts above only this often (30 s by default).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    maxHeaderSize: 16 * 1024,
  };
}

/** Headers a request may carry; Node's default is 2,000. */
export const MAX_HEADERS_COUNT = 100;

/**
 * Whether a request carries a body. Every route is a GET: a body is never read, and a large one
 * would only hold the connection while Node discards it, so it is refused before anything else.
 */
export function hasBody(req: Pick<IncomingMessage, 'headers'>): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
