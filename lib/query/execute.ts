/** Running a parsed query: its matches, their count and facets, and the best of them ranked. */
import type { Answer, Facets, Ranked, SearchIndex } from '../index/model';
import { difference, EMPTY, intersectAll, unionAll, type Scratch } from '../index/postings';
import {
  allByDate,
  countReportFacets,
  earliestRuns,
  filterReports,
  firstByDate,
  reportRuns,
  reportTable,
  type ReportFacets,
  type Sort,
} from './collection';
import { applyFilters, applyPlaceFilters, countFacets, filtering, NO_FILTERS, type Filters } from './facets';
import { Matcher, type TermMatch } from './match';
import { expandQuery } from './expand';
import type { ParsedQuery, QueryTerm } from './parse';
import { byRank, kindsOf, proximityBonus, scoreParagraph } from './score';
import { rankAll, topHits } from './topk';
import { evaluateTree } from './tree';

/** Only this many best hits are re-ranked by term proximity, which needs their match positions. */
export const RERANK_DEPTH = 100;

/** A query's answer before paging: what a response is made from. */
export interface Ranking {
  /** The query's terms with their expansions (pinyin readings, synonyms). */
  terms: QueryTerm[];
  /** Matching paragraphs after the filters. */
  total: number;
  /**
   * Matches by report and section, under the filters on the reports' fields; and by each report
   * field, under the filters on every other. Neither under the report and section filters.
   */
  facets: Facets & ReportFacets;
  /** True when no paragraph has every term and these are the best partial matches. */
  partial: boolean;
  /** At least the best `depth` matches, best first (by date: the first `depth`); none when grouped. */
  ranked: Ranked[];
  /** Grouped: the first `depth` reports, by their best match (or date), each with its best few. */
  groups?: ReportGroup[];
  /** Grouped: how many reports have matches. */
  groupTotal?: number;
}

/** How a search narrows and orders its matches, and whether it groups them by report. */
export interface Arrangement {
  filters: Filters;
  sort: Sort;
  group?: boolean;
}

/** All matches, by relevance. */
export const EVERYTHING: Arrangement = { filters: NO_FILTERS, sort: 'relevance' };

/** Best hits a report's group shows. */
export const GROUP_HITS = 3;

/** A report among a grouped search's results: its matches counted, its best few. */
export interface ReportGroup {
  report: number;
  count: number;
  ranked: Ranked[];
}

/**
 * Answers a query down to `depth` hits: its terms expanded (expand.ts), then from the answer the
 * build stored when the query is one plain term without expansions that has one and the depth lies
 * within it, else live.
 */
export function execute(
  index: SearchIndex,
  parsed: ParsedQuery,
  arrangement: Arrangement,
  depth: number,
  scratch: Scratch,
): Ranking {
  scratch.begin();
  const matcher = new Matcher(index, scratch);
  const expanded = expandQuery(index, parsed, matcher);
  const stored = storedAnswer(index, expanded, arrangement, depth);
  if (!stored) return rankMatches(index, expanded, arrangement, depth, scratch, matcher);
  const [term] = expanded.terms;
  // The stored facets are by report and section; those by report field are counted on first use, then kept.
  let byField = storedFacets.get(stored);
  if (!byField) {
    byField = countReportFacets(index, matcher.match(term!).any, NO_FILTERS, scratch);
    storedFacets.set(stored, byField);
  }
  const facets = { ...stored.facets, ...byField };
  if (arrangement.sort === 'relevance')
    return { terms: expanded.terms, total: stored.total, facets, partial: false, ranked: stored.head };
  // By date: the stored count and facets, and the first `depth` of the matches in date order.
  const match = matcher.match(term!);
  const ranked = Array.from(firstByDate(index, match.any, arrangement.sort, depth, scratch), (id) => ({
    id,
    score: scoreParagraph(index, [match], id),
    kinds: kindsOf([match], id),
  }));
  return { terms: expanded.terms, total: stored.total, facets, partial: false, ranked };
}

/** The report-field facets of stored answers, counted the first time each is used. */
const storedFacets = new WeakMap<Answer, ReportFacets>();

function storedAnswer(index: SearchIndex, parsed: ParsedQuery, arrangement: Arrangement, depth: number): Answer | null {
  if (parsed.tree) return null;
  const [term] = parsed.terms;
  if (parsed.terms.length !== 1 || term!.kind !== 'term' || term!.expansions.length > 0) return null;
  if (filtering(arrangement.filters) || arrangement.group) return null;
  const answer = index.answers.get(term!.text);
  if (!answer) return null;
  // By date, its count and facets serve at any depth; by relevance, its head must reach the depth.
  const deep = arrangement.sort !== 'relevance' || depth <= answer.head.length || answer.head.length >= answer.total;
  return deep ? answer : null;
}

/** A query's terms with their expansions, for marking them where nothing is ranked (a report page). */
export function expandedTerms(index: SearchIndex, parsed: ParsedQuery, scratch: Scratch): QueryTerm[] {
  scratch.begin();
  return expandQuery(index, parsed, new Matcher(index, scratch)).terms;
}

/** Matches, counts, facets and the best `depth` hits in order (at least RERANK_DEPTH), computed now. */
export function rankLive(
  index: SearchIndex,
  parsed: ParsedQuery,
  arrangement: Arrangement = EVERYTHING,
  depth = RERANK_DEPTH,
  scratch: Scratch,
): Ranking {
  scratch.begin();
  const matcher = new Matcher(index, scratch);
  return rankMatches(index, expandQuery(index, parsed, matcher), arrangement, depth, scratch, matcher);
}

function rankMatches(
  index: SearchIndex,
  parsed: ParsedQuery,
  arrangement: Arrangement,
  depth: number,
  scratch: Scratch,
  matcher: Matcher,
): Ranking {
  const { matches, ids, partial } = matchesOf(parsed, matcher, scratch, true);
  // An expert query's matches are ranked by the positive terms each holds (with OR, holding more
  // ranks first). When no paragraph has both of two terms, each of the others has exactly one.
  const mixed = parsed.tree ? matches.length > 1 : partial && matches.length > 2;
  return ranking(index, parsed, matches, ids, partial, mixed, arrangement, depth, scratch);
}

/** A query's matches: the paragraphs holding it (or its tree), and the lookups of its positive terms. */
export interface Matched {
  matches: TermMatch[];
  /** Sorted. */
  ids: Uint32Array;
  /** True when no paragraph held every term and `ids` are those holding any (only with `fallback`). */
  partial: boolean;
}

/**
 * The paragraphs holding every positive term and no excluded one, or an expert query's tree; with
 * `fallback`, when none holds every term, those holding any (a search's partial results).
 */
function matchesOf(parsed: ParsedQuery, matcher: Matcher, scratch: Scratch, fallback: boolean): Matched {
  const matches = parsed.terms.filter((t) => t.kind !== 'exclude').map((t) => matcher.match(t));
  if (parsed.tree)
    return { matches, ids: evaluateTree(matcher.index, parsed, matches, matcher, scratch), partial: false };
  const excluded = unionAll(
    parsed.terms.filter((t) => t.kind === 'exclude').map((t) => matcher.literal(t.text)),
    scratch,
  );
  const any = matches.map((m) => m.any);
  const ids = matches.length ? difference(intersectAll(any, scratch), excluded, scratch) : EMPTY;
  if (ids.length > 0 || !fallback || matches.length < 2) return { matches, ids, partial: false };
  const some = difference(unionAll(any, scratch), excluded, scratch);
  return { matches, ids: some, partial: some.length > 0 };
}

/**
 * Every paragraph a query matches, as counting needs them (trends, export): its terms expanded as
 * a search expands them, and with `fallback` a search's partial results where nothing has every term.
 */
export function matchAll(
  index: SearchIndex,
  parsed: ParsedQuery,
  scratch: Scratch,
  fallback = false,
): Matched & { terms: QueryTerm[] } {
  scratch.begin();
  const matcher = new Matcher(index, scratch);
  const expanded = expandQuery(index, parsed, matcher);
  return { terms: expanded.terms, ...matchesOf(expanded, matcher, scratch, fallback) };
}

/**
 * Facets of the matches, then the filters, then the best `depth` ranked, the first hundred by
 * proximity too; or, sorted by date, the first `depth` in date order.
 */
function ranking(
  index: SearchIndex,
  parsed: ParsedQuery,
  matches: TermMatch[],
  matched: Uint32Array,
  partial: boolean,
  mixed: boolean,
  { filters, sort, group }: Arrangement,
  depth: number,
  scratch: Scratch,
): Ranking {
  const inFields = filterReports(index, matched, filters);
  const facets = { ...countFacets(index, inFields, scratch), ...countReportFacets(index, matched, filters, scratch) };
  const ids = applyPlaceFilters(index, inFields, filters);
  if (group) {
    const { groups, total } = groupByReport(index, matches, ids, mixed, sort, depth, scratch);
    return { terms: parsed.terms, total: ids.length, facets, partial, ranked: [], groups, groupTotal: total };
  }
  if (sort !== 'relevance') {
    const first = firstByDate(index, ids, sort, depth, scratch);
    const ranked = Array.from(first, (id) => ({
      id,
      score: scoreParagraph(index, matches, id),
      kinds: kindsOf(matches, id),
    }));
    return { terms: parsed.terms, total: ids.length, facets, partial, ranked };
  }
  const head = topHits(index, matches, ids, mixed, Math.max(depth, RERANK_DEPTH), scratch);
  const ranked = [...rerank(index, matches, head.slice(0, RERANK_DEPTH)), ...head.slice(RERANK_DEPTH)];
  return { terms: parsed.terms, total: ids.length, facets, partial, ranked };
}

/**
 * The first `depth` reports with matches among `ids`: by date, or by relevance — in the order their
 * best match comes in the search's ranking, found by ranking deeper until enough reports appear —
 * each with its matches counted and its best GROUP_HITS (by date: the first, in reading order).
 */
function groupByReport(
  index: SearchIndex,
  matches: TermMatch[],
  ids: Uint32Array,
  mixed: boolean,
  sort: Sort,
  depth: number,
  scratch: Scratch,
): { groups: ReportGroup[]; total: number } {
  const runs = reportRuns(index, ids, scratch);
  const starts = new Uint32Array(runs.n + 1);
  for (let i = 0; i < runs.n; i++) starts[i + 1] = starts[i]! + runs.counts[i]!;
  const runOf = new Map<number, number>();
  for (let i = 0; i < runs.n; i++) runOf.set(runs.reports[i]!, i);
  const want = Math.min(depth, runs.n);
  let order: number[];
  if (sort !== 'relevance') {
    const place = reportTable(index)[sort];
    const keys = scratch.take(runs.n);
    for (let i = 0; i < runs.n; i++) keys[i] = place[runs.reports[i]!]!;
    order = earliestRuns(keys.subarray(0, runs.n), want);
  } else {
    const reportOf = index.paragraphs.columns.report;
    const seen = new Set<number>();
    order = [];
    for (let k = Math.max(RERANK_DEPTH, want * 4); ; k *= 4) {
      const head = topHits(index, matches, ids, mixed, k, scratch);
      const ranked = [...rerank(index, matches, head.slice(0, RERANK_DEPTH)), ...head.slice(RERANK_DEPTH)];
      for (const r of ranked) {
        const run = runOf.get(reportOf[r.id]!)!;
        if (!seen.has(run)) {
          seen.add(run);
          order.push(run);
        }
        if (order.length === want) break;
      }
      if (order.length >= want || k >= ids.length) break;
    }
  }
  const groups = order.map((run) => {
    const own = ids.slice(starts[run], starts[run + 1]);
    const best =
      sort === 'relevance'
        ? rerank(index, matches, topHits(index, matches, own, mixed, GROUP_HITS, scratch).slice(0, GROUP_HITS))
        : Array.from(own.subarray(0, GROUP_HITS), (id) => ({
            id,
            score: scoreParagraph(index, matches, id),
            kinds: kindsOf(matches, id),
          }));
    return { report: runs.reports[run]!, count: runs.counts[run]!, ranked: best };
  });
  return { groups, total: runs.n };
}

/** The best hits re-ranked with the bonus for terms close together (only a query of several terms has one). */
function rerank(index: SearchIndex, matches: TermMatch[], head: Ranked[]): Ranked[] {
  if (matches.length < 2) return head;
  for (const r of head) r.score += proximityBonus(index.paragraphs.norm(r.id), matches, r.kinds);
  return head.sort(byRank);
}

/** Every match of a query under the filters, in the order the search pages through them. */
export interface Ordered extends Matched {
  terms: QueryTerm[];
}

/**
 * Every hit of a query, after the filters, in the search's order (relevance, its first
 * RERANK_DEPTH by proximity too, or date): what an export writes. `scratch` must be the caller's
 * own while it reads the answer: the matches are kept in it.
 */
export function orderAll(
  index: SearchIndex,
  parsed: ParsedQuery,
  { filters, sort }: Arrangement,
  scratch: Scratch,
): Ordered {
  const { terms, matches, ids: matched, partial } = matchAll(index, parsed, scratch, true);
  const ids = applyFilters(index, matched, filters);
  if (sort !== 'relevance') return { terms, matches, partial, ids: allByDate(index, ids, sort, scratch) };
  const mixed = parsed.tree ? matches.length > 1 : partial && matches.length > 2;
  const ordered = rankAll(index, matches, ids, mixed, scratch);
  const head = Array.from(ordered.subarray(0, RERANK_DEPTH), (id) => ({
    id,
    score: scoreParagraph(index, matches, id),
    kinds: kindsOf(matches, id),
  }));
  rerank(index, matches, head).forEach((r, i) => (ordered[i] = r.id));
  return { terms, matches, partial, ids: ordered };
}
