import { IndexArtifactError } from '@/lib/search/artifact';
import { ParamError } from '@/lib/search/params';
import { QueryError } from '@/lib/search/query';
import { messageFor } from './errorMessages';

/** A message for the page in place of an error: what went wrong and what to do, in Chinese. */
export function friendlyError(err: unknown): string {
  if (err instanceof QueryError || err instanceof ParamError) return messageFor(err.code);
  if (err instanceof IndexArtifactError) return messageFor('index_unavailable');
  console.error('page: unexpected error', err);
  return messageFor('internal_error');
}

/** The first value of a search parameter that may be repeated. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
