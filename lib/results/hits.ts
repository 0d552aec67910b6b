/** A search's answer made into what a reader and a program see: hits with links, snippets and marks. */
import type { CollectionFilters } from '../api/params';
import type { FiltersEcho, HitMatch, MatchKind, SearchHit, SearchRequest, SearchResponse } from '../api/search';
import { REPORT_FIELDS } from '../content/fields';
import type { Hit, SearchAnswer, Searcher } from '../backend/types';
import { paragraphPath, reportPath } from './links';
import { segmentsToHtml } from './marks';
import { makeSnippet } from './snippet';

/** Digits of `tookMs` and `score` kept in a response. */
const MS_DIGITS = 1000;
const SCORE_DIGITS = 10000;

/** The filters of a request as its answer repeats them: each report field under its facet's name. */
export function filtersEcho(f: CollectionFilters): FiltersEcho {
  return {
    report: f.report,
    section: f.section,
    from: f.from,
    to: f.to,
    ...(Object.fromEntries(REPORT_FIELDS.map(({ param, facet }) => [facet, f[param]])) as Omit<
      FiltersEcho,
      'report' | 'section' | 'from' | 'to'
    >),
  };
}

/** How a hit matched as a whole: every term as words, some only literally, or some only through an expansion. */
function matchOf(kinds: (MatchKind | null)[]): HitMatch {
  if (kinds.some((k) => k === 'pinyin' || k === 'synonym')) return 'expansion';
  return kinds.every((k) => k === 'word') ? 'word' : 'literal';
}

/** A hit of query `q` as the API gives it. */
export function searchHit(hit: Hit, q: string): SearchHit {
  const snippetSegments = makeSnippet(hit.text, hit.highlights);
  return {
    id: hit.id,
    // toWellFormed: a lone surrogate in the query cannot be percent-encoded; U+FFFD stands in for it.
    url: `${reportPath(hit.report.id)}?q=${encodeURIComponent(q.toWellFormed())}#${hit.id}`,
    paragraphUrl: paragraphPath(hit.report.id, hit.id, q),
    text: hit.text,
    snippet: segmentsToHtml(snippetSegments),
    snippetSegments,
    highlights: hit.highlights,
    score: Math.round(hit.score * SCORE_DIGITS) / SCORE_DIGITS,
    match: matchOf(hit.termMatches),
    matchedTerms: hit.termMatches.filter(Boolean).length,
    termMatches: hit.termMatches,
    doc: hit.report,
    section: hit.section,
    ordinal: hit.ordinal,
  };
}

/** The answer to a search request, as GET /api/search gives it. */
export function searchResponse(request: SearchRequest, answer: SearchAnswer, tookMs: number): SearchResponse {
  const { q, offset, limit, sort } = request;
  return {
    query: q,
    normalized: answer.normalized,
    terms: answer.terms,
    ...(answer.tree ? { tree: answer.tree, reading: answer.reading } : {}),
    total: answer.total,
    facets: answer.facets,
    filters: filtersEcho(request),
    sort,
    partial: answer.partial,
    offset,
    limit,
    tookMs: Math.round(tookMs * MS_DIGITS) / MS_DIGITS,
    hits: answer.hits.map((h) => searchHit(h, q)),
    ...(answer.groups && {
      groupTotal: answer.groupTotal!,
      groups: answer.groups.map((g) => ({
        report: g.report,
        count: g.count,
        hits: g.hits.map((h) => searchHit(h, q)),
      })),
    }),
  };
}

/** Searches and shapes the answer, timed. */
export async function search(searcher: Searcher, request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const answer = await searcher.search(request);
  return searchResponse(request, answer, performance.now() - started);
}
