/**
 * The API's one error shape, and the errors that make it: a refused parameter or query (400), a
 * report that is not there (404), a request body, which no route reads (413), no index to answer
 * from (503). Anything else thrown while
 * answering is a 500 whose details go only to the log. The API and the pages classify errors here,
 * so they cannot disagree.
 */
import { z } from 'zod';
import { shownError, type ShownError } from './messages';

export const errorResponseSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe('Stable machine-readable code, e.g. missing_query.'),
    message: z.string().describe('Human-readable explanation of what to change.'),
    position: z.number().int().optional().describe('For a query the parser refuses: where, as a UTF-16 offset in q.'),
  }),
});

/** Body of every 4xx/5xx answer from the API. */
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/**
 * Marks a RequestError. Next.js bundles lib/ into each route apart from the server's own copy, so
 * an error thrown by one copy is not an instance of the other's class: the mark is what is checked.
 */
const MARK = Symbol.for('report-search.request-error');

/** An error the client is told about: its status, a stable code, a message for people. */
export class RequestError extends Error {
  readonly [MARK] = true;
  constructor(
    readonly status: 400 | 404 | 413 | 503,
    readonly code: string,
    message: string,
    /** Where in the query the parser refused it (a UTF-16 offset), for expert queries. */
    readonly position?: number,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** A request the API refuses, with a stable code and a message for people. */
export class ParamError extends RequestError {
  constructor(code: string, message: string, position?: number) {
    super(400, code, message, position);
    this.name = 'ParamError';
  }
}

/** A report or paragraph the request names that the index does not hold. */
export class NotFoundError extends RequestError {
  constructor(message: string) {
    super(404, 'not_found', message);
    this.name = 'NotFoundError';
  }
}

/** A request with a body: every route is a GET, and a body is refused before anything reads it. */
export class BodyRefusedError extends RequestError {
  constructor() {
    super(413, 'body_not_accepted', 'this server accepts no request bodies');
    this.name = 'BodyRefusedError';
  }
}

/** No index to answer from: missing, damaged, stale, still loading, or the cluster unreachable. */
export class UnavailableError extends RequestError {
  constructor(message: string, code = 'index_unavailable') {
    super(503, code, message);
    this.name = 'UnavailableError';
  }
}

/** An error as the client sees it. */
export interface ClientError {
  status: 400 | 404 | 413 | 500 | 503;
  code: string;
  message: string;
  position?: number;
}

/** Whether `err` is a RequestError, from this copy of the module or another. */
export function isRequestError(err: unknown): err is RequestError {
  return typeof err === 'object' && err !== null && (err as { [MARK]?: boolean })[MARK] === true;
}

/** Classifies an error; an unexpected one is logged with `where` and becomes a generic 500. */
export function classifyError(err: unknown, where: string): ClientError {
  if (isRequestError(err)) {
    const { status, code, message, position } = err;
    return position === undefined ? { status, code, message } : { status, code, message, position };
  }
  console.error(`${where}: unexpected error`, err);
  return { status: 500, code: 'internal_error', message: 'Something went wrong while searching.' };
}

/** The error body of a classified error. */
export function errorBody({ code, message, position }: ClientError): ErrorResponse {
  return { error: position === undefined ? { code, message } : { code, message, position } };
}

/** A message for the page in place of an error: what went wrong and what to do, in Chinese. */
export function friendlyError(err: unknown): ShownError {
  const { code, message, position } = classifyError(err, 'page');
  return shownError(code, message, position);
}
