import { IndexArtifactError } from './artifact';
import { ParamError } from './params';
import { QueryError } from './query';
import type { ErrorResponse } from './types';

/** A JSON error answer in the API's one error shape. */
export function errorResponse(status: number, code: string, message: string, headers?: HeadersInit): Response {
  const body: ErrorResponse = { error: { code, message } };
  return Response.json(body, { status, headers });
}

/**
 * Turns anything thrown while answering into an error answer: refused input is a 400, a missing
 * index a 503, and anything else a generic 500 whose details go to the log, never to the client.
 */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof ParamError || err instanceof QueryError) return errorResponse(400, err.code, err.message);
  if (err instanceof IndexArtifactError) return errorResponse(503, 'index_unavailable', err.message);
  console.error('search: unexpected error', err);
  return errorResponse(500, 'internal_error', 'Something went wrong while searching.');
}
