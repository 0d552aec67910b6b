/**
 * A search as its URL holds it: the query, the filters, the order, the grouping, the view, the
 * terms its trend is compared with and how far it is paged. Every control of the results page is a
 * link to another such URL, so each state can be shared, bookmarked and reached by back and forward.
 */

import type { CollectionFilters } from '@/lib/api/params';
import { FIELD_PARAMS, type ReportField } from '@/lib/content/fields';

export { FIELD_PARAMS };
export type FieldParam = ReportField;

/** The search's query and filters as the API takes them, and what only the page has. */
export interface SearchState extends Partial<CollectionFilters> {
  q: string;
  /** newest or oldest; relevance is the default and left out. */
  sort?: string | null;
  /** report: each report once, with its matches counted. */
  group?: string | null;
  /** kwic: the concordance instead of the paragraphs. */
  view?: string | null;
  /** The concordance's order: left or right context (else the hits' order). */
  kwic?: string | null;
  /** Other queries the trend chart compares with this one. */
  vs?: string[];
  offset?: number;
}

/** Adds a search's filters to `params`: the report and section, the dates, each report field's values. */
function appendFilters(params: URLSearchParams, state: SearchState): URLSearchParams {
  for (const name of ['report', 'section', 'from', 'to'] as const) {
    const value = state[name];
    if (value) params.set(name, value);
  }
  for (const name of FIELD_PARAMS) for (const value of state[name] ?? []) params.append(name, value);
  return params;
}

/** The query string of a search, as the page and the API both read it. */
export function searchQueryString(state: SearchState): string {
  const params = appendFilters(new URLSearchParams({ q: state.q }), state);
  const one = (name: string, value: string | null | undefined) => value && params.set(name, value);
  if (state.sort !== 'relevance') one('sort', state.sort);
  one('group', state.group);
  one('view', state.view);
  one('kwic', state.kwic);
  for (const value of state.vs ?? []) params.append('vs', value);
  if (state.offset) params.set('offset', String(state.offset));
  return params.toString();
}

/** The trend request of a search's chart: its query and those compared, by year, under its filters. */
export function trendQueryString(state: SearchState): string {
  const params = new URLSearchParams();
  for (const q of [state.q, ...(state.vs ?? [])]) params.append('q', q);
  return appendFilters(params, state).toString();
}

/** An export of every hit of a search, as it is filtered, ordered and viewed, in `format`. */
export function exportHref(state: SearchState, format: 'csv' | 'xlsx' | 'jsonl'): string {
  const params = appendFilters(new URLSearchParams({ q: state.q, format }), state);
  if (state.sort) params.set('sort', state.sort);
  if (state.view === 'kwic') params.set('view', 'kwic');
  return `/api/export?${params}`;
}

/** The results page of `state`. */
export function searchHref(state: SearchState): string {
  return `/?${searchQueryString(state)}`;
}

/** `state` with one value of a report field added, or taken away when it is there; paging starts over. */
export function toggled(state: SearchState, name: FieldParam, value: string): SearchState {
  const values = state[name] ?? [];
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return { ...state, [name]: next, offset: 0 };
}

/** Whether anything beyond the query narrows or orders the results. */
export function isArranged(state: SearchState): boolean {
  return Boolean(
    state.from || state.to || FIELD_PARAMS.some((name) => state[name]?.length) || state.sort || state.group,
  );
}

/** The title of a results page: the query, then the site. */
export function searchTitle(q: string): string {
  return q.trim() ? `${q.trim()} - 报告检索` : '报告检索';
}
