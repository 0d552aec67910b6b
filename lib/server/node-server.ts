/**
 * The production server: one Node http server in front of the pages (Next.js's handler, passed in).
 *
 * - It sees the raw request URL, which Next.js does not: Next.js re-encodes the query before any
 *   handler runs (%ZZ becomes %25ZZ, a cut UTF-8 sequence U+FFFD), so malformed percent-encoding
 *   is detected here and passed on as a header the pages answer with a 400.
 * - It answers the JSON API itself, from the route table (routes.ts) — one handler, one contract,
 *   one set of tests — without Next.js's request pipeline; pages go to Next.js.
 * - It starts the backend (SEARCH_BACKEND; the embedded engine loads its index in the background:
 *   /api/health says `loading` meanwhile, other requests wait for it, so many at most).
 * - It drains on SIGTERM and SIGINT: readiness turns 503 at once, requests are still served for
 *   DRAIN_SECONDS (default 5) with `Connection: close`, then it stops accepting, lets requests in
 *   flight finish, and exits — within EXIT_BOUND_SECONDS (default 5) more at the latest.
 * - It admits work (admission.ts): requests in progress, expensive ones and exports are bounded,
 *   the rest answered at once with a 503 and Retry-After; health is always answered. A connection
 *   that moves no byte for IDLE_TIMEOUT_SECONDS is closed, and one address holds so many at most.
 * - With HEALTH_PORT, readiness and liveness are answered on that port too, by a thread of their
 *   own (health-port.ts): a balancer's checks never wait behind the event loop's work.
 * - A page path whose percent-encoding does not decode is the not-found page with a 400, logged; a
 *   page whose query string does not decode renders its message with a 400.
 * - SEARCH_PROCESSES=N (default 1) runs N such servers on the one port (node:cluster, the kernel
 *   spreads connections), to use more cores; each holds its own index, so memory grows N-fold.
 *   The primary passes SIGTERM/SIGINT on and exits when they have.
 */
import cluster from 'node:cluster';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { BodyRefusedError, ParamError, UnavailableError } from '../api/errors';
import { messageFor } from '../api/messages';
import { decodeQuery } from '../api/params';
import { createBackend } from '../backend/select';
import type { SearchBackend } from '../backend/types';
import { isValidHost } from '../results/links';
import SECURITY from './headers.json';
import { Admission, costOf, isRefusal, type Refusal } from './admission';
import { startHealthPort, type HealthPort } from './health-port';
import { installBackend, isDraining, readiness, startDraining } from './holder';
import { errorReply, type Reply } from './reply';
import { answer, QUERY_ENCODING_HEADER, routeOf } from './routes';
import { hasBody, MAX_HEADERS_COUNT, serverLimits, serverOptions, type ServerLimits } from './socket-limits';

/** Answers a request for a page (anything the route table does not answer here): Next.js's handler. */
export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Where the server listens and what it serves pages with. */
export interface ServeOptions {
  port: number;
  hostname: string;
  /** Prepares the pages (Next.js's production build) and gives their handler. */
  pages: () => Promise<PageHandler>;
}

const DRAIN_MS = Number(process.env.DRAIN_SECONDS ?? 5) * 1000;
const EXIT_BOUND_MS = Number(process.env.EXIT_BOUND_SECONDS ?? 5) * 1000;
const LIVE = process.env.LIVE_INDEX !== '0';
const API_HEADERS = { ...SECURITY.common, ...SECURITY.noScripts };
const TRUST_PROXY = process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true';
/** A port answering readiness and liveness from a thread of their own (health-port.ts), or none. */
const HEALTH_PORT = Number(process.env.HEALTH_PORT ?? 0) || null;
/** Next.js's own route for the not-found page: what a path that does not decode is shown. */
const NOT_FOUND_PAGE = '/_not-found';

/** A query string's parameters, leniently (only to tell a request's cost: the route decodes it strictly). */
function lenientParams(url: string, at: number): URLSearchParams {
  try {
    return new URLSearchParams(at === -1 ? '' : url.slice(at));
  } catch {
    return new URLSearchParams();
  }
}

/** Whether a request's raw query string has malformed percent-encoding. */
function hasMalformedQuery(url: string): boolean {
  const at = url.indexOf('?');
  if (at === -1) return false;
  try {
    decodeQuery(url.slice(at));
    return false;
  } catch {
    return true;
  }
}

/** Writes a reply with the API's headers; a file (an export) is streamed as the client reads it, and a client gone stops it. */
function send(req: IncomingMessage, res: ServerResponse, reply: Reply, extra: Record<string, string> = {}): void {
  res.writeHead(reply.status, { ...reply.headers, ...API_HEADERS, ...extra });
  const { body } = reply;
  if (req.method === 'HEAD' || body === null || typeof body === 'string') {
    if (body instanceof ReadableStream) void body.cancel().catch(() => {});
    return void res.end(req.method === 'HEAD' ? undefined : (body as string | null));
  }
  const stream = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

/**
 * A request refused before any routing: a malformed Host (which would otherwise reach URL parsing
 * and absolute links) or a body (no route reads one). Null when the request may go on.
 */
function refusal(req: IncomingMessage): Reply | null {
  const host = req.headers.host;
  if (host !== undefined && !isValidHost(host)) return errorReply(new ParamError('bad_host', 'malformed Host header'));
  if (hasBody(req)) return errorReply(new BodyRefusedError());
  return null;
}

/** Whether a path's percent-encoding decodes to well-formed UTF-8 (no lone surrogate, no overlong form, no stray %). */
function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Makes whatever status a page would be sent with `status`: the page still renders, under the right code. */
function sendAs(res: ServerResponse, status: number): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((_: number, ...rest: unknown[]) => writeHead(status, ...rest)) as typeof res.writeHead;
}

/** Who sent a request: behind a trusted proxy the address it forwarded, else the peer's. */
function clientOf(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (TRUST_PROXY && typeof forwarded === 'string') return forwarded.split(',').at(-1)!.trim();
  return req.socket.remoteAddress ?? '';
}

/** Requests shed since the log last said so: logged at most once a second, so a flood does not flood the log. */
let shedSince = 0;
let shedLogged = 0;

/** A refusal for load: the API's JSON error, or for a page a short one in Chinese; either with Retry-After. */
function shed(req: IncomingMessage, res: ServerResponse, refusal: Refusal, api: boolean): void {
  shedSince++;
  if (Date.now() - shedLogged >= 1000) {
    console.warn(
      `serve: 503 to ${shedSince} request(s) (${refusal.code}: ${refusal.message}), the last ${req.url?.slice(0, 100)}`,
    );
    shedSince = 0;
    shedLogged = Date.now();
  }
  const headers = { 'Retry-After': String(refusal.retryAfterSeconds), 'Cache-Control': 'no-store' };
  if (api) return send(req, res, errorReply(new UnavailableError(refusal.message, refusal.code)), headers);
  res.writeHead(503, { ...headers, ...API_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>请稍后再试</title>` +
      `<p>${messageFor(refusal.code)}</p><p><a href="/">返回检索首页</a></p></html>`,
  );
}

/** The request handler: the API from the route table, pages from Next.js, everything but readiness after the first index. */
function handler(pages: PageHandler, ready: Promise<boolean>, limits: ServerLimits) {
  const admission = new Admission(limits);
  let loaded = false;
  void ready.finally(() => (loaded = true));
  let waiting = 0;
  const fail = (res: ServerResponse, err: unknown) => {
    console.error('serve: unexpected error', err);
    if (!res.headersSent)
      res.writeHead(500, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...API_HEADERS });
    res.end(JSON.stringify({ error: { code: 'internal_error', message: 'Something went wrong.' } }));
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    // While draining, every answer asks the client to reconnect — to another replica.
    if (isDraining()) res.setHeader('Connection', 'close');
    const refused = refusal(req);
    if (refused) return send(req, res, refused, { Connection: 'close' });
    const url = req.url ?? '/';
    const at = url.indexOf('?');
    const path = at === -1 ? url : url.slice(0, at);
    const route = (req.method === 'GET' || req.method === 'HEAD') && path.startsWith('/api/') ? routeOf(path) : null;
    // An API route decodes the raw query string itself, strictly; a page is told when it is
    // malformed, and answered with a 400. A path that does not decode is the not-found page's 400.
    delete req.headers[QUERY_ENCODING_HEADER];
    if (!route && (!decodes(path) || hasMalformedQuery(url))) {
      console.warn(`serve: 400 malformed percent-encoding: ${JSON.stringify(url.slice(0, 200))}`);
      sendAs(res, 400);
      if (decodes(path)) req.headers[QUERY_ENCODING_HEADER] = 'malformed';
      else req.url = NOT_FOUND_PAGE;
    }
    const prefetch = req.headers['next-router-prefetch'] !== undefined;
    const ticket = admission.admit(costOf(path, lenientParams(url, at), prefetch), clientOf(req));
    if (isRefusal(ticket)) return shed(req, res, ticket, route !== null);
    res.once('finish', () => ticket.worked()).once('close', () => ticket.done());
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : null;
    };
    const respond = route
      ? async () => {
          const reply = await answer(route, path, at === -1 ? '' : url.slice(at), header);
          ticket.worked();
          send(req, res, reply);
        }
      : () => pages(req, res);
    // Readiness answers at once.
    if (route === '/api/health' || loaded) return void respond().catch((err) => fail(res, err));
    // Everything else waits for the first index, as a user would want, but only so many at once.
    if (waiting >= limits.maxWaiting) {
      const loading = new UnavailableError('the index is still loading; try again shortly', 'index_loading');
      return send(req, res, errorReply(loading), { 'Retry-After': '2' });
    }
    waiting++;
    void ready
      .finally(() => waiting--)
      .then(respond)
      .catch((err) => fail(res, err));
  };
}

/** Closes a connection at once when its address already holds `max` (behind a proxy every client has the proxy's). */
function limitPerClient(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) return void socket.destroy();
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** Drains on SIGTERM and SIGINT, then exits (the module comment says how). */
function drainOnSignals(server: Server, backend: SearchBackend, draining: () => void): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    console.log(`serve: ${signal}: draining for ${DRAIN_MS / 1000} s`);
    startDraining();
    draining();
    void backend.close();
    setTimeout(() => {
      server.close(() => {
        console.log(`serve: stopped ${Date.now() - started} ms after ${signal}`);
        process.exit(0);
      });
      server.closeIdleConnections();
      setTimeout(() => {
        console.error('serve: requests still open at the bound; closing them');
        server.closeAllConnections();
        process.exit(0);
      }, EXIT_BOUND_MS).unref();
    }, DRAIN_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** One server: the backend started, the pages prepared, listening until a signal drains it. */
async function serveOne({ port, hostname, pages }: ServeOptions): Promise<void> {
  const limits = serverLimits();
  const backend = createBackend();
  installBackend(backend);
  const ready = backend.start({ live: LIVE, log: (line) => console.log(`serve: ${line}`) });
  const server = createServer(serverOptions(limits), handler(await pages(), ready, limits));
  server.maxConnections = limits.maxConnections;
  server.maxHeadersCount = MAX_HEADERS_COUNT;
  // A connection that moves no byte for this long (a client that stopped reading) is closed.
  server.setTimeout(limits.idleTimeoutMs);
  if (!TRUST_PROXY) limitPerClient(server, limits.maxClientConnections);
  // A port already taken (another server) must end this process, not leave it running deaf.
  server.on('error', (err: NodeJS.ErrnoException) => {
    const why = err.code === 'EADDRINUSE' ? `port ${port} on ${hostname} is already in use` : err.message;
    console.error(`serve: cannot listen: ${why}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => console.log(`serve: http://localhost:${port}`));
  const health = HEALTH_PORT ? keepHealthPort(HEALTH_PORT, hostname) : null;
  drainOnSignals(server, backend, () => health?.set('draining'));
}

/** Readiness on its own port (health-port.ts), its state read from the backend four times a second. */
function keepHealthPort(port: number, hostname: string): HealthPort {
  const health = startHealthPort(port, hostname);
  const update = () =>
    readiness()
      .then(({ body }) => health.set(body.status))
      .catch(() => health.set('unavailable'));
  void update();
  setInterval(update, 250).unref();
  console.log(`serve: readiness and liveness also on port ${port}`);
  return health;
}

/** The primary of several servers: starts them, passes signals on, exits when they have. */
function supervise(processes: number): void {
  const workers = Array.from({ length: processes }, () => cluster.fork());
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const w of workers) if (!w.isDead()) w.process.kill(signal);
    });
  }
  cluster.on('exit', (worker, code) => {
    if (!stopping) {
      console.error(`serve: a server process exited (code ${code}); stopping`);
      for (const w of workers) if (!w.isDead()) w.process.kill('SIGTERM');
      stopping = true;
    }
    if (workers.every((w) => w.isDead())) process.exit(code ?? 0);
  });
}

/** Serves on `port`: SEARCH_PROCESSES servers (default 1), each a process of its own when more than one. */
export function serve(options: ServeOptions): void {
  const processes = Math.max(1, Number(process.env.SEARCH_PROCESSES ?? 1) || 1);
  if (processes > 1 && cluster.isPrimary) return supervise(processes);
  serveOne(options).catch((err) => {
    console.error(`serve: ${(err as Error).message}`);
    process.exit(1);
  });
}
