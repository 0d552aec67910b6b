/**
 * The search API's handler in plain form: a query string and a header lookup in, status, headers
 * and body out. The route module wraps it in Web Request/Response for Next.js; scripts/serve.ts
 * calls it with Node's request and writes the answer itself, sparing the Request, Headers and
 * Response objects a request would otherwise cost — one handler, one contract, either way.
 */
import { cachedAnswer, checkQueryEncoding, errorAnswer, toResponse, type ApiAnswer } from './http';
import { decodeQueryValues, parseSearchParams } from './params';
import { search } from './search';
import { getSearchIndex } from './store';

/** What the handler needs of a request. */
export interface ApiRequest {
  /** The raw query string, with or without its leading `?`. */
  search: string;
  /** A request header by lower-case name, or null. */
  header(name: string): string | null;
}

/** GET /api/search: validation, the ETag and 304, the search, its JSON. */
export function answerSearch(request: ApiRequest): ApiAnswer {
  try {
    checkQueryEncoding({ get: (name: string) => request.header(name) });
    const params = parseSearchParams(decodeQueryValues(request.search));
    const index = getSearchIndex();
    return cachedAnswer(request.header('if-none-match'), index, params, () => search(index, params.q, params));
  } catch (err) {
    return errorAnswer(err);
  }
}

/** A Web Request as the handler sees it. */
export function fromRequest(request: Request): ApiRequest {
  return { search: new URL(request.url).search, header: (name) => request.headers.get(name) };
}

export { errorAnswer, toResponse, type ApiAnswer };
