/**
 * The production server: one Node http server in front of Next.js.
 *
 * - It sees the raw request URL, which Next.js does not: Next.js re-encodes the query before any
 *   handler runs (%ZZ becomes %25ZZ, a cut UTF-8 sequence U+FFFD), so malformed percent-encoding
 *   is detected here and passed on as a header the API and the page answer with a 400.
 * - It answers the JSON API (/api/search, /api/health, /api/openapi.json) itself, with the route
 *   modules' own GET handlers — one handler, one contract, one set of tests — without Next.js's
 *   request pipeline; pages go to Next.js.
 * - It loads the index in the background (/api/health says `loading` meanwhile; other requests
 *   wait for it), then keeps it current as the content folder changes (lib/serve/live.ts).
 * - It drains on SIGTERM and SIGINT: readiness turns 503 at once, requests are still served for
 *   DRAIN_SECONDS (default 5) with `Connection: close`, then it stops accepting, lets requests in
 *   flight finish, and exits — within EXIT_BOUND_SECONDS (default 5) more at the latest.
 * - SEARCH_PROCESSES=N (default 1) runs N such servers on the one port (node:cluster, the kernel
 *   spreads connections), to use more cores; each holds its own index, so memory grows N-fold.
 *   The primary passes SIGTERM/SIGINT on and exits when they have.
 */
import cluster from 'node:cluster';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import next from 'next';
import { GET as citeGet } from '@/app/api/cite/route';
import { GET as compareGet } from '@/app/api/compare/route';
import { GET as similarGet } from '@/app/api/similar/route';
import { GET as exportGet } from '@/app/api/export/route';
import { GET as trendGet } from '@/app/api/trend/route';
import { GET as healthGet } from '@/app/api/health/route';
import { GET as openApiGet } from '@/app/api/openapi.json/route';
import { contentDir } from '@/lib/content/folder';
import { indexPath } from '@/lib/index/segments';
import { rebuildReason } from '@/lib/indexer/freshness';
import SECURITY from '@/lib/serve/headers.json';
import { answerSearch } from '@/lib/serve/api';
import { errorAnswerOf, QUERY_ENCODING_HEADER, type ApiAnswer } from '@/lib/serve/http';
import { isValidHost } from '@/lib/serve/links';
import { LiveIndex } from '@/lib/serve/live';
import { decodeQueryString } from '@/lib/serve/params';
import { hasBody, MAX_HEADERS_COUNT, serverLimits, serverOptions } from '@/lib/serve/server-limits';
import {
  isDraining,
  loadSearchIndex,
  manageLoading,
  setLoading,
  startDraining,
  swapSearchIndex,
} from '@/lib/serve/store';

process.env.NEXT_TELEMETRY_DISABLED = '1';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '0.0.0.0';
const DRAIN_MS = Number(process.env.DRAIN_SECONDS ?? 5) * 1000;
const EXIT_BOUND_MS = Number(process.env.EXIT_BOUND_SECONDS ?? 5) * 1000;
const LIVE = process.env.LIVE_INDEX !== '0';

/** The API routes answered here, by path: the route modules' exported handlers (search's plain handler, below). */
const API: Record<string, (request: Request) => Response> = {
  '/api/health': healthGet,
  '/api/openapi.json': () => openApiGet(),
  '/api/cite': citeGet,
  '/api/compare': compareGet,
  '/api/similar': similarGet,
  '/api/trend': trendGet,
  '/api/export': exportGet,
};
const API_HEADERS = { ...SECURITY.common, ...SECURITY.noScripts };

function hasMalformedQuery(url: string | undefined): boolean {
  const at = url?.indexOf('?') ?? -1;
  if (at === -1) return false;
  try {
    decodeQueryString(url!.slice(at));
    return false;
  } catch {
    return true;
  }
}

/** Writes an answer made in lib/serve (an error, mostly) with the API's headers. */
function send(res: ServerResponse, answer: ApiAnswer, extra: Record<string, string> = {}): void {
  res.writeHead(answer.status, { ...answer.headers, ...API_HEADERS, ...extra });
  res.end(answer.body);
}

/**
 * A request refused before any routing: a malformed Host (which would otherwise reach URL parsing
 * and absolute links) or a body (no route reads one). Null when the request may go on.
 */
function refusal(req: IncomingMessage): ApiAnswer | null {
  const host = req.headers.host;
  if (host !== undefined && !isValidHost(host)) return errorAnswerOf(400, 'bad_host', 'malformed Host header');
  if (hasBody(req)) return errorAnswerOf(413, 'body_not_accepted', 'this server accepts no request bodies');
  return null;
}

/** Answers /api/search with the plain handler the route module wraps: no Request or Response objects. */
function answerSearchRequest(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '';
  const at = url.indexOf('?');
  const answer = answerSearch({
    search: at === -1 ? '' : url.slice(at),
    header: (name) => {
      // The raw query string is decoded strictly right here; a client's own encoding header means nothing.
      const value = name === QUERY_ENCODING_HEADER ? undefined : req.headers[name];
      return typeof value === 'string' ? value : null;
    },
  });
  res.writeHead(answer.status, { ...answer.headers, ...API_HEADERS });
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}

/** Answers an API request with its route's handler, as Next.js would, headers included. */
async function answerApi(
  handler: (request: Request) => Response,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
  // The handlers read the path and query only; the origin of links comes from siteOrigin, never from here.
  let request: Request;
  try {
    request = new Request(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`, { headers });
  } catch {
    return send(res, errorAnswerOf(400, 'bad_request', 'malformed request target'));
  }
  const response = handler(request);
  const file = response.headers.has('content-disposition') && response.body;
  if (!file || req.method === 'HEAD') {
    const body = req.method === 'HEAD' ? null : Buffer.from(await response.arrayBuffer());
    await response.body?.cancel().catch(() => {});
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...API_HEADERS });
    return void res.end(body);
  }
  // A file (an export, made row by row) is streamed as the client reads it; a client gone stops it.
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...API_HEADERS });
  const body = Readable.fromWeb(file as WebReadableStream<Uint8Array>);
  body.on('error', () => res.destroy());
  res.on('close', () => body.destroy());
  body.pipe(res);
}

async function main(): Promise<void> {
  const limits = serverLimits();
  manageLoading(); // requests never load an index themselves: a failed load is not retried per request
  setLoading(true);
  const ready = loadSearchIndex().then(
    (index) => {
      swapSearchIndex(index);
      console.log(`serve: index loaded, ${index.reports.count} reports, ${index.paragraphs.count} paragraphs`);
      return true;
    },
    // Keep serving: /api/health and /api/search answer 503 with this message until the index is rebuilt.
    (err: Error) => {
      console.error(`serve: ${err.message}`);
      return false;
    },
  );
  let loaded = false;
  void ready.finally(() => {
    setLoading(false);
    loaded = true;
  });

  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const fail = (res: ServerResponse, err: unknown) => {
    console.error('serve: unexpected error', err);
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json', ...API_HEADERS });
    res.end(JSON.stringify({ error: { code: 'internal_error', message: 'Something went wrong.' } }));
  };
  let waiting = 0;
  const server = createServer(serverOptions(limits), (req, res) => {
    // While draining, every answer asks the client to reconnect — to another replica.
    if (isDraining()) res.setHeader('Connection', 'close');
    const refused = refusal(req);
    if (refused) return send(res, refused, { Connection: 'close' });
    const url = req.url ?? '/';
    const at = url.indexOf('?');
    const pathname = at === -1 ? url : url.slice(0, at);
    const get = req.method === 'GET' || req.method === 'HEAD';
    // The hot path: the search API, once the index is loaded, answered here and now. Its handler
    // decodes the raw query string itself, strictly, so it needs no encoding check.
    if (get && pathname === '/api/search' && loaded) {
      try {
        answerSearchRequest(req, res);
      } catch (err) {
        fail(res, err);
      }
      return;
    }
    delete req.headers[QUERY_ENCODING_HEADER];
    if (hasMalformedQuery(url)) req.headers[QUERY_ENCODING_HEADER] = 'malformed';
    const api = get ? API[pathname] : undefined;
    const answer =
      get && pathname === '/api/search'
        ? async () => answerSearchRequest(req, res)
        : api
          ? () => answerApi(api, req, res)
          : () => handle(req, res);
    // Readiness answers at once.
    if (pathname === '/api/health' || loaded) {
      void answer().catch((err) => fail(res, err));
      return;
    }
    // Everything else waits for the first index, as a user would want, but only so many at once.
    if (waiting >= limits.maxWaiting) {
      return send(res, errorAnswerOf(503, 'index_loading', 'the index is still loading; try again shortly'), {
        'Retry-After': '2',
      });
    }
    waiting++;
    void ready
      .finally(() => waiting--)
      .then(answer)
      .catch((err) => fail(res, err));
  });
  server.maxConnections = limits.maxConnections;
  server.maxHeadersCount = MAX_HEADERS_COUNT;
  // A port already taken (another server) must end this process, not leave it running deaf.
  server.on('error', (err: NodeJS.ErrnoException) => {
    const why = err.code === 'EADDRINUSE' ? `port ${port} on ${hostname} is already in use` : err.message;
    console.error(`serve: cannot listen: ${why}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => console.log(`serve: http://localhost:${port}`));

  // The live index rebuilds when the content changes (LIVE_INDEX=0: never), and once in the
  // background when no index could be loaded at start, whatever LIVE_INDEX says.
  const live = new LiveIndex({
    dir: contentDir(),
    build: { command: process.execPath, args: ['--import', 'tsx', path.join('scripts', 'build-index.ts')] },
    log: (line) => console.log(`serve: ${line}`),
  });
  const watching =
    LIVE &&
    (await live.start().then(
      () => true,
      (err: Error) => console.error(`serve: the content folder is not watched: ${err.message}`),
    ));
  // Stale, corrupt or missing: build it, even when its stamp looks current (a damaged file's does).
  if (!(await ready)) live.refresh(true);
  // A change made after the index was loaded but before the watcher was ready went unseen: look once.
  else if (watching) {
    const reason = rebuildReason(indexPath(), contentDir());
    if (reason) {
      console.log(`serve: the content changed while the index loaded: ${reason}`);
      live.refresh();
    }
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    console.log(`serve: ${signal}: draining for ${DRAIN_MS / 1000} s`);
    startDraining();
    void live.close();
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

const PROCESSES = Math.max(1, Number(process.env.SEARCH_PROCESSES ?? 1) || 1);

/** The primary of SEARCH_PROCESSES servers: starts them, passes signals on, exits when they have. */
function supervise(): void {
  const workers = Array.from({ length: PROCESSES }, () => cluster.fork());
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

if (PROCESSES > 1 && cluster.isPrimary) {
  supervise();
} else {
  main().catch((err) => {
    console.error(`serve: ${(err as Error).message}`);
    process.exit(1);
  });
}
