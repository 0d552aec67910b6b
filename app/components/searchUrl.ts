/** Filters a search can carry in its URL. */
export interface SearchState {
  q: string;
  report?: string | null;
  section?: string | null;
  offset?: number;
}

/** The query string of a search, as the page and the API both read it. */
export function searchQueryString({ q, report, section, offset }: SearchState): string {
  const params = new URLSearchParams({ q });
  if (report) params.set('report', report);
  if (section) params.set('section', section);
  if (offset) params.set('offset', String(offset));
  return params.toString();
}

/** The title of a results page: the query, then the site. */
export function searchTitle(q: string): string {
  return q.trim() ? `${q.trim()} - 报告检索` : '报告检索';
}
