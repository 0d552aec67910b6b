/** A search as the API answers it: the query run, one page of it shaped into hits with snippets. */
import { hitReport } from './hit-report';
import type { MatchKind, Ranked, SearchIndex } from '../index/model';
import { headingOf } from '../index/model';
import { Scratch } from '../index/postings';
import { execute } from '../query/execute';
import type { ReportFilters, Sort } from '../query/collection';
import type { Filters } from '../query/facets';
import { parseQuery, type QueryNode, type QueryTerm } from '../query/parse';
import { describeTree } from '../query/reading';
import { isDirect } from '../query/score';
import { highlightRanges } from '../query/spans';
import { paragraphPath, reportPath } from './links';
import { segmentsToHtml } from './segments';
import { makeSnippet } from './snippet';
import type { HitMatch, SearchHit, SearchResponse } from './types';

/** Paging, filters and order of a search, as the request names them (lib/serve/params.ts). */
export interface SearchOptions {
  /** Hits to return, 1–100. */
  limit: number;
  /** Hits to skip. */
  offset: number;
  /** Only paragraphs of this report. */
  report?: string | null;
  /** Only paragraphs under this section heading. */
  section?: string | null;
  /** Only reports from, to these dates (YYYY, YYYY-MM or YYYY-MM-DD, inclusive). */
  from?: string | null;
  to?: string | null;
  /** Only reports of these regions (prefixes), levels, kinds, publishers: OR within one, AND across. */
  region?: string[];
  level?: string[];
  kind?: string[];
  source?: string[];
  /** relevance (default), newest or oldest first. */
  sort?: Sort;
  /** report: each report once with its matches counted and its best few; limit and offset then count reports. */
  group?: 'report';
}

/** The filters a request asks for. */
export function filtersOf(options: Omit<SearchOptions, 'limit' | 'offset'>): Filters {
  const reports: ReportFilters = {
    from: options.from ?? null,
    to: options.to ?? null,
    regions: options.region ?? [],
    levels: options.level ?? [],
    kinds: options.kind ?? [],
    sources: options.source ?? [],
  };
  return { report: options.report ?? null, section: options.section ?? null, ...reports };
}

/**
 * This thread's scratch for searches that are not handed one. A search runs to its end without
 * yielding, so one per thread is enough; a worker thread has its own module state, and so its own.
 */
const threadScratch = new Scratch();
/** Digits of `tookMs` and `score` kept in a response. */
const MS_DIGITS = 1000;
const SCORE_DIGITS = 10000;

/** Runs a query and returns one page of hits, best first; throws QueryError for refused queries. */
export function search(
  index: SearchIndex,
  raw: string,
  options: SearchOptions,
  scratch = threadScratch,
): SearchResponse {
  const started = performance.now();
  const parsed = parseQuery(raw);
  const { limit, offset } = options;
  const filters = filtersOf(options);
  const sort = options.sort ?? 'relevance';
  const group = options.group === 'report';
  const { terms, total, facets, partial, ranked, groups, groupTotal } = execute(
    index,
    parsed,
    { filters, sort, group },
    offset + limit,
    scratch,
  );
  const described = describeTree(parsed);
  return {
    query: raw,
    normalized: parsed.normalized,
    terms,
    ...(described ?? {}),
    total,
    facets,
    filters,
    sort,
    partial,
    offset,
    limit,
    tookMs: Math.round((performance.now() - started) * MS_DIGITS) / MS_DIGITS,
    hits: ranked.slice(offset, offset + limit).map((r) => toHit(index, raw, terms, r, parsed.tree)),
    ...(groups && {
      groupTotal: groupTotal!,
      groups: groups.slice(offset, offset + limit).map((g) => ({
        report: hitReport(index.reports.get(g.report)),
        count: g.count,
        hits: g.ranked.map((r) => toHit(index, raw, terms, r, parsed.tree)),
      })),
    }),
  };
}

/** How a hit matched as a whole: every term as words, some only literally, or some only through an expansion. */
function matchOf(kinds: (MatchKind | null)[]): HitMatch {
  if (kinds.some((k) => k === 'pinyin' || k === 'synonym')) return 'expansion';
  return kinds.every((k) => k === 'word') ? 'word' : 'literal';
}

function toHit(index: SearchIndex, raw: string, terms: QueryTerm[], r: Ranked, tree?: QueryNode): SearchHit {
  const p = index.paragraphs.get(r.id);
  const report = index.reports.get(p.report);
  const highlights = highlightRanges(p.text, p.norm, terms, r.kinds.map(isDirect), tree);
  const snippetSegments = makeSnippet(p.text, highlights);
  return {
    id: p.id,
    // toWellFormed: a lone surrogate in the query cannot be percent-encoded; U+FFFD stands in for it.
    url: `${reportPath(report.id)}?q=${encodeURIComponent(raw.toWellFormed())}#${p.id}`,
    paragraphUrl: paragraphPath(report.id, p.id, raw),
    text: p.text,
    snippet: segmentsToHtml(snippetSegments),
    snippetSegments,
    highlights,
    score: Math.round(r.score * SCORE_DIGITS) / SCORE_DIGITS,
    match: matchOf(r.kinds),
    matchedTerms: r.kinds.filter(Boolean).length,
    termMatches: r.kinds,
    doc: hitReport(report),
    section: headingOf(report, p),
    ordinal: p.ordinal,
  };
}
