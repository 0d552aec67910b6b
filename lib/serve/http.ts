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

/** A JSON error answer in the API's one error shape. */
export function errorResponse(status: number, code: string, message: string, headers?: HeadersInit): Response {
  const body: ErrorResponse = { error: { code, message } };
  return Response.json(body, { status, headers });
}

/** Turns anything thrown while answering into an error answer (see errors.ts). */
export function toErrorResponse(err: unknown): Response {
  const { status, code, message } = classifyError(err, 'api');
  return errorResponse(status, code, message);
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
