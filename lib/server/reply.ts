/**
 * What a route answers, ready to send: its status, headers and body, written by the Node server
 * itself or wrapped in a Web Response for Next.js. The one error shape, the one cache key and ETag.
 */
import { createHash } from 'node:crypto';
import { classifyError, errorBody } from '../api/errors';

/** An answer, ready to send. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Text (JSON, XML), a file made as it is read, or nothing (a 304). */
  body: string | ReadableStream<Uint8Array> | null;
}

/** A JSON answer. */
export function jsonReply(value: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/**
 * Anything thrown while answering, in the API's one error shape (api/errors.ts says which status).
 * Never cached: a 404 for a report not yet added, a 503 while loading, would outlive their cause.
 */
export function errorReply(err: unknown): Reply {
  const error = classifyError(err, 'api');
  return jsonReply(errorBody(error), error.status, { 'Cache-Control': 'no-store' });
}

/** Responses may be reused this long (seconds); the ETag keeps them honest across index rebuilds. */
export const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';

/** Hex digits of an ETag: 80 bits, so two different answers never share one. */
const ETAG_HEX = 20;

/** The one cache key: the index an answer was read from, the route, and the request's validated parameters. */
export function etagOf(identity: string, path: string, request: object): string {
  const key = createHash('sha1')
    .update(`${identity}\n${path}\n${JSON.stringify(request)}`)
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
 * A JSON answer that depends only on the index and the request: with a strong ETag and
 * Cache-Control, or a 304 when If-None-Match already names it (then it is not worked out at all).
 */
export async function cachedReply(
  ifNoneMatch: string | null,
  etag: string,
  answer: () => Promise<unknown>,
): Promise<Reply> {
  const headers = { ETag: etag, 'Cache-Control': CACHE_CONTROL };
  if (etagMatches(ifNoneMatch, etag)) return { status: 304, headers, body: null };
  return { status: 200, headers: { 'Content-Type': 'application/json', ...headers }, body: await once(etag, answer) };
}

/** Answers being worked out, by ETag: the same request sent again meanwhile waits for the same answer. */
const working = new Map<string, Promise<string>>();

/**
 * The answer with this ETag as JSON, worked out once however many identical requests arrive while
 * it is (eight clients asking for one costly comparison cost one comparison).
 */
function once(etag: string, answer: () => Promise<unknown>): Promise<string> {
  let pending = working.get(etag);
  if (!pending) {
    pending = answer()
      .then((value) => JSON.stringify(value))
      .finally(() => working.delete(etag));
    working.set(etag, pending);
  }
  return pending;
}
