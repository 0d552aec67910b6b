/**
 * What anything thrown while answering means for the client: refused input is a 400 with its code,
 * a missing or stale index a 503, anything else a 500 whose details go only to the log. The API
 * and the pages classify errors here, so they cannot disagree.
 */
import { IndexArtifactError } from '../index/artifact';
import { QueryError } from '../query/parse';
import { shownError, type ShownError } from './messages';
import { NotFoundError, ParamError } from './params';

/** An error as the client sees it. */
export interface ClientError {
  status: 400 | 404 | 500 | 503;
  code: string;
  message: string;
  /** Where in the query the parser refused it (a UTF-16 offset), for expert queries. */
  position?: number;
}

/** Classifies an error; an unexpected one is logged with `where` and becomes a generic 500. */
export function classifyError(err: unknown, where: string): ClientError {
  if (err instanceof QueryError && err.position !== undefined)
    return { status: 400, code: err.code, message: err.message, position: err.position };
  if (err instanceof ParamError || err instanceof QueryError)
    return { status: 400, code: err.code, message: err.message };
  if (err instanceof NotFoundError) return { status: 404, code: err.code, message: err.message };
  if (err instanceof IndexArtifactError) return { status: 503, code: 'index_unavailable', message: err.message };
  console.error(`${where}: unexpected error`, err);
  return { status: 500, code: 'internal_error', message: 'Something went wrong while searching.' };
}

/** A message for the page in place of an error: what went wrong and what to do, in Chinese. */
export function friendlyError(err: unknown): ShownError {
  const { code, message, position } = classifyError(err, 'page');
  return shownError(code, message, position);
}
