/**
 * Running a parsed query: a plan (plan.ts) fed to collectors — the count and facets (collect.ts),
 * the best hits or every hit in the order asked (order.ts), the matches grouped by report — or,
 * for the heaviest one-term queries, the answer the build stored.
 */
import type { Sort } from '../api/search';
import type { Facets, Ranked, SearchIndex, StoredAnswer } from '../index/model';
import type { Scratch } from '../index/postings';
import { countReportFacets, type ReportFacets } from './collection';
import { collectFacets, collectGroups, type ReportGroup } from './collect';
import { filtering, NO_FILTERS, type Filters } from './facets';
import { ORDERS, RERANK_DEPTH } from './order';
import type { ParsedQuery, QueryTerm } from './parse';
import { Plan } from './plan';

export { GROUP_HITS, type ReportGroup } from './collect';
export { RERANK_DEPTH } from './order';

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

/**
 * Answers a query down to `depth` hits: from the answer the build stored when the query is one
 * plain term without expansions that has one and the depth lies within it, else live.
 */
export function execute(
  index: SearchIndex,
  parsed: ParsedQuery,
  arrangement: Arrangement,
  depth: number,
  scratch: Scratch,
): Ranking {
  const plan = new Plan(index, parsed, scratch, { partial: true });
  return fromStored(plan, arrangement, depth) ?? collect(plan, arrangement, depth);
}

/** Matches, counts, facets and the best `depth` hits in order (at least RERANK_DEPTH), computed now. */
export function rankLive(
  index: SearchIndex,
  parsed: ParsedQuery,
  arrangement: Arrangement = EVERYTHING,
  depth = RERANK_DEPTH,
  scratch: Scratch,
): Ranking {
  return collect(new Plan(index, parsed, scratch, { partial: true }), arrangement, depth);
}

/** The plan's facets and count, then its first `depth` hits (or reports) in the order asked. */
function collect(plan: Plan, { filters, sort, group }: Arrangement, depth: number): Ranking {
  const { facets, ids } = collectFacets(plan, filters);
  const order = ORDERS[sort];
  const answer = { terms: plan.terms, total: ids.length, facets, partial: plan.matched.partial };
  if (!group) return { ...answer, ranked: order.first(plan, ids, depth) };
  const { groups, total } = collectGroups(plan, ids, order, depth);
  return { ...answer, ranked: [], groups, groupTotal: total };
}

/** The report-field facets of stored answers, counted the first time each is used. */
const storedFacets = new WeakMap<StoredAnswer, ReportFacets>();

/** The stored answer's count and facets, and its head by relevance or the first `depth` by date; null when none serves. */
function fromStored(plan: Plan, { filters, sort, group }: Arrangement, depth: number): Ranking | null {
  const stored = storedAnswer(plan, filtering(filters) || Boolean(group), sort, depth);
  if (!stored) return null;
  let byField = storedFacets.get(stored);
  if (!byField) {
    byField = countReportFacets(plan.index, plan.matched.ids, NO_FILTERS, plan.scratch);
    storedFacets.set(stored, byField);
  }
  const ranked = sort === 'relevance' ? stored.head : ORDERS[sort].first(plan, plan.matched.ids, depth);
  return { terms: plan.terms, total: stored.total, facets: { ...stored.facets, ...byField }, partial: false, ranked };
}

/** The answer the build stored for the plan's one plain term, when it holds what is asked. */
function storedAnswer(plan: Plan, narrowed: boolean, sort: Sort, depth: number): StoredAnswer | null {
  const { terms, tree } = plan;
  const [term] = terms;
  if (tree || narrowed || terms.length !== 1 || term!.kind !== 'term' || term!.expansions.length > 0) return null;
  const answer = plan.index.answers.get(term!.text);
  if (!answer) return null;
  // By date, its count and facets serve at any depth; by relevance, its head must reach the depth.
  const deep = sort !== 'relevance' || depth <= answer.head.length || answer.head.length >= answer.total;
  return deep ? answer : null;
}

/** A query's terms with their expansions, for marking them where nothing is ranked (a report page). */
export function expandedTerms(index: SearchIndex, parsed: ParsedQuery, scratch: Scratch): QueryTerm[] {
  return new Plan(index, parsed, scratch).terms;
}

/**
 * Every hit of a query, after the filters, in the search's order: what an export writes. The
 * plan's scratch must be the caller's own while it reads the answer: the matches are kept in it.
 */
export function orderAll(
  index: SearchIndex,
  parsed: ParsedQuery,
  { filters, sort }: Arrangement,
  scratch: Scratch,
): { plan: Plan; ids: Uint32Array } {
  const plan = new Plan(index, parsed, scratch, { partial: true });
  return { plan, ids: ORDERS[sort].all(plan, plan.filtered(filters)) };
}
