/** HTTP helpers of the API: the raw-URL encoding check, the error shape, ETags and caching. */
import { createHash } from 'node:crypto';
import { classifyError } from './errors';
import { ParamError } from './params';
import type { ErrorResponse } from './types';

/** Set by scripts/serve.ts when the raw query string has malformed percent-encoding. */
export const QUERY_ENCODING_HEADER = 'x-query-encoding';

/** Refuses a request whose raw URL the server found malformed (Next.js re-encodes it before we see it). */
export function checkQueryEncoding(headers: Pick<Headers, 'get'>): void {
  if (headers.get(QUERY_ENCODING_HEADER) === 'malformed') {
    throw new ParamError('bad_encoding', 'malformed percent-encoding in the query string');
  }
}

/** An answer, ready to send: what the route modules wrap in a Response and scripts/serve.ts writes itself. */
export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or null for a 304. */
  body: string | null;
}

/** The API's one error shape, as an answer. */
export function errorAnswerOf(status: number, code: string, message: string, position?: number): ApiAnswer {
  const body: ErrorResponse = { error: position === undefined ? { code, message } : { code, message, position } };
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** Anything thrown while answering, as an error answer (see errors.ts for what becomes which status). */
export function errorAnswer(err: unknown): ApiAnswer {
  const { status, code, message, position } = classifyError(err, 'api');
  return errorAnswerOf(status, code, message, position);
}

/** An answer as a Web Response. */
export function toResponse(answer: ApiAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** A JSON error response in the API's one error shape. */
export function errorResponse(status: number, code: string, message: string): Response {
  return toResponse(errorAnswerOf(status, code, message));
}

/** Turns anything thrown while answering into an error response. */
export function toErrorResponse(err: unknown): Response {
  return toResponse(errorAnswer(err));
}

/** Responses may be reused this long (seconds); the ETag keeps them honest across index rebuilds. */
export const SEARCH_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';

/** Hex digits of an ETag: 80 bits, so two different answers never share one. */
const ETAG_HEX = 20;

/** A strong ETag for one search: the index's build and content, and the request's parameters. */
export function searchEtag(index: { contentHash: string; builtAt: string }, params: object): string {
  const key = createHash('sha1')
    .update(`${index.contentHash}\n${index.builtAt}\n${JSON.stringify(params)}`)
    .digest('hex');
  return `"${key.slice(0, ETAG_HEX)}"`;
}

/** Whether an If-None-Match header names this ETag (weak or strong, in a list, or `*`). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * A JSON answer that depends only on the index and `key` (a request's parameters): with a strong
 * ETag and Cache-Control, or a 304 when If-None-Match already names it. The search and the
 * comparison endpoints answer through it.
 */
export function cachedAnswer(
  ifNoneMatch: string | null,
  index: { contentHash: string; builtAt: string },
  key: object,
  answer: () => unknown,
): ApiAnswer {
  const etag = searchEtag(index, key);
  const headers = { ETag: etag, 'Cache-Control': SEARCH_CACHE_CONTROL };
  if (etagMatches(ifNoneMatch, etag)) return { status: 304, headers, body: null };
  return { status: 200, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(answer()) };
}
