/**
 * A search of an index as the server answers it — the embedded searcher, the answer shaped for
 * readers — without a server: for the tests, the benches and the relevance suite.
 */
import { searchRequest, type SearchRequest, type SearchResponse } from '../api/search';
import { searchIndex } from '../backend/embedded/search';
import { searcherOf } from '../backend/embedded/searcher';
import type { SearchIndex } from '../index/model';
import { Scratch } from '../index/postings';
import { search as served, searchResponse } from '../results/hits';

/** `index`'s search as the server runs it (async, through the Searcher): a query and any of a request's parameters in, the API's answer out. */
export function searchOf(index: SearchIndex): (q: string, options?: Partial<SearchRequest>) => Promise<SearchResponse> {
  const searcher = searcherOf(index);
  return (q, options = {}) => served(searcher, searchRequest({ q, ...options }));
}

const scratch = new Scratch();

/** The same answer at once, for tests that ask many questions of a small index. */
export function search(index: SearchIndex, q: string, options: Partial<SearchRequest> = {}): SearchResponse {
  const request = searchRequest({ q, ...options });
  const started = performance.now();
  const answer = searchIndex(index, request, scratch);
  return searchResponse(request, answer, performance.now() - started);
}
