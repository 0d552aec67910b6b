/**
 * The route table: every route that is not a page, `(request) → reply`, named once. The Node server
 * answers the API's routes from it itself; Next.js's route files are one line over it. Around every
 * handler, one place checks the encoding, decodes the query, catches and shapes the error.
 */
import { parseCiteRequest, CITE_FORMATS } from '../api/cite';
import { parseCompareRequest, parseSimilarRequest } from '../api/compare';
import { NotFoundError, ParamError } from '../api/errors';
import { parseExportRequest } from '../api/export';
import type { LivenessResponse } from '../api/health';
import { openApiDocument } from '../api/openapi';
import { decodeQuery, type RawParams } from '../api/params';
import { parseSearchRequest } from '../api/search';
import { parseTrendRequest } from '../api/trend';
import type { Searcher } from '../backend/types';
import { citationSource, cslJsonCitation, risCitation, today } from '../results/citation';
import { compareReports } from '../results/comparison';
import { exportFile } from '../results/export';
import { search } from '../results/hits';
import { siteOrigin } from '../results/links';
import { openSearchXml } from '../results/opensearch-description';
import { similarTo } from '../results/similar-paragraphs';
import { sitemap, sitemapFiles, sitemapXml } from '../results/sitemap';
import { trend } from '../results/trend-series';
import { readiness, searcher } from './holder';
import { cachedReply, errorReply, etagOf, jsonReply, type Reply } from './reply';

/** Set by the Node server when the raw query string has malformed percent-encoding (Next.js re-encodes it before a route sees it). */
export const QUERY_ENCODING_HEADER = 'x-query-encoding';

/** A request as a route sees it. */
export interface RouteRequest {
  /** The path, decoded by nobody: `/sitemaps/3.xml`. */
  path: string;
  /** The query string's parameters, decoded strictly, every value of a repeated one kept. */
  params: RawParams;
  /** A request header by lower-case name, or null. */
  header(name: string): string | null;
}

type Handler = (request: RouteRequest) => Promise<Reply>;

/** The site's origin for absolute links, from the request's headers (results/links.ts says which are believed). */
const originOf = (request: RouteRequest) => siteOrigin({ get: (name) => request.header(name) });

/** A route whose JSON answer depends only on the index and its validated parameters: ETag and 304. */
function cached<P extends object>(
  parse: (params: RawParams) => P,
  answer: (s: Searcher, p: P) => Promise<unknown>,
): Handler {
  return (request) => {
    const params = parse(request.params);
    const s = searcher();
    return cachedReply(request.header('if-none-match'), etagOf(s.identity, request.path, params), () =>
      answer(s, params),
    );
  };
}

/** A text answer of a media type. */
const text = (body: string, type: string): Reply => ({ status: 200, headers: { 'Content-Type': type }, body });

/** GET /api/health: readiness, or with probe=live liveness (200 whenever the process answers). */
const health: Handler = async (request) => {
  const noStore = { 'Cache-Control': 'no-store' };
  if (request.params.probe?.[0] === 'live')
    return jsonReply({ status: 'live' } satisfies LivenessResponse, 200, noStore);
  const { status, body } = await readiness();
  return jsonReply(body, status, noStore);
};

/** GET /api/cite: a citation record of a report, or one of its paragraphs, as an attachment. */
const cite: Handler = async (request) => {
  const params = parseCiteRequest(request.params);
  const s = searcher();
  const found = params.paragraph
    ? await s.paragraph(params.report, params.paragraph)
    : await s.reportInfo(params.report).then((report) => report && { report });
  if (!found) throw new NotFoundError('no such report or paragraph');
  const source = citationSource(originOf(request), found, today());
  const { type, extension } = CITE_FORMATS[params.format];
  const name = [params.report, params.paragraph].filter(Boolean).join('-');
  const body = params.format === 'ris' ? risCitation(source) : cslJsonCitation(source, name);
  return {
    status: 200,
    headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}.${extension}"` },
    body,
  };
};

/** GET /api/export: every hit of a search, as a file made as it is read. */
const exportRoute: Handler = async (request) => {
  const file = await exportFile(searcher(), parseExportRequest(request.params), originOf(request));
  return { status: 200, headers: file.headers, body: file.body };
};

/** GET /sitemaps/<n>.xml: one file of a sitemap split past 50,000 URLs. */
const sitemapFile: Handler = async (request) => {
  const s = searcher();
  const n = /^\/sitemaps\/(\d{1,6})\.xml$/.exec(request.path)?.[1];
  if (n === undefined || Number(n) >= sitemapFiles(s.info.reports)) throw new NotFoundError('no such sitemap file');
  return text(await sitemapXml(s, originOf(request), Number(n)), 'application/xml; charset=utf-8');
};

/** GET /robots.txt: the search page and the reports are for crawlers; the API is not. */
const robots: Handler = async (request) => {
  const body = ['User-agent: *', 'Allow: /', 'Disallow: /api/', '', `Sitemap: ${originOf(request)}/sitemap.xml`, ''];
  return text(body.join('\n'), 'text/plain; charset=utf-8');
};

/** Every route that is not a page, by path; `[file]` is a segment of the path, as Next.js names it. */
export const ROUTES = {
  '/api/search': cached(parseSearchRequest, search),
  '/api/trend': cached(parseTrendRequest, trend),
  '/api/compare': cached(parseCompareRequest, (s, p) => compareReports(s, p.a, p.b)),
  '/api/similar': cached(parseSimilarRequest, (s, p) => similarTo(s, p.report, p.paragraph, p.limit)),
  '/api/export': exportRoute,
  '/api/cite': cite,
  '/api/health': health,
  '/api/openapi.json': async () => jsonReply(openApiDocument()),
  '/sitemap.xml': async (request) =>
    text(await sitemap(searcher(), originOf(request)), 'application/xml; charset=utf-8'),
  '/sitemaps/[file]': sitemapFile,
  '/robots.txt': robots,
  '/opensearch.xml': async (request) =>
    text(openSearchXml(originOf(request)), 'application/opensearchdescription+xml; charset=utf-8'),
} satisfies Record<string, Handler>;

export type RoutePath = keyof typeof ROUTES;

/** The route a path names, or null. */
export function routeOf(path: string): RoutePath | null {
  if (path in ROUTES) return path as RoutePath;
  return /^\/sitemaps\/[^/]+$/.test(path) ? '/sitemaps/[file]' : null;
}

/** Refuses a request whose raw URL the Node server found malformed (a page's too: Next.js re-encodes it). */
export function refuseMalformed(header: (name: string) => string | null): void {
  if (header(QUERY_ENCODING_HEADER) === 'malformed')
    throw new ParamError('bad_encoding', 'malformed percent-encoding in the query string');
}

/**
 * Answers a request with route `route`: the query string decoded strictly (malformed
 * percent-encoding is a 400, also when the Node server found the raw URL so), then its handler;
 * anything thrown becomes the one error shape.
 */
export async function answer(
  route: RoutePath,
  path: string,
  search: string,
  header: (name: string) => string | null,
): Promise<Reply> {
  try {
    refuseMalformed(header);
    return await ROUTES[route]({ path, params: decodeQuery(search), header });
  } catch (err) {
    return errorReply(err);
  }
}

/** A route as a Web handler, for Next.js's route files: `export const GET = webHandler('/api/search')`. */
export function webHandler(route: RoutePath): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const reply = await answer(route, url.pathname, url.search, (name) => request.headers.get(name));
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  };
}
