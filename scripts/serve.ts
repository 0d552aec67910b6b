/**
 * The production server: Next.js behind a thin Node http layer. It exists for one thing Next.js
 * cannot do: see the raw request URL. Next.js re-encodes the query before any handler runs (%ZZ
 * becomes %25ZZ, a cut UTF-8 sequence becomes U+FFFD), so malformed percent-encoding is detected
 * here and passed on as a header the API and the page answer with a 400 or a friendly message.
 */
import { createServer } from 'node:http';
import next from 'next';
import { QUERY_ENCODING_HEADER } from '@/lib/serve/http';
import { decodeQueryString } from '@/lib/serve/params';
import { preloadSearchIndex } from '@/lib/serve/store';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '0.0.0.0';

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

async function main(): Promise<void> {
  // The index loads while Next.js prepares; requests that come before it is ready wait for it.
  const ready = preloadSearchIndex().then(
    (index) => console.log(`serve: index loaded, ${index.reports.count} reports, ${index.paragraphs.count} paragraphs`),
    // Keep serving: /api/health and /api/search answer 503 with this message until the index is rebuilt.
    (err: Error) => console.error(`serve: ${err.message}`),
  );
  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    delete req.headers[QUERY_ENCODING_HEADER];
    if (hasMalformedQuery(req.url)) req.headers[QUERY_ENCODING_HEADER] = 'malformed';
    void ready.then(() => handle(req, res));
  });
  server.listen(port, hostname, () => console.log(`serve: http://localhost:${port}`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
}

main().catch((err) => {
  console.error(`serve: ${(err as Error).message}`);
  process.exit(1);
});
