'use client';

import { useCallback, useRef, useState } from 'react';
import { PAGE_SIZE } from '@/lib/api/limits';
import { messageFor, shownError, type ShownError } from '@/lib/api/messages';
import type { SearchHit, SearchResponse } from '@/lib/api/search';
import type { TrendResponse } from '@/lib/api/trend';
import { searchHref, searchQueryString, searchTitle, trendQueryString, type SearchState } from './searchUrl';

/** Wait after the last keystroke before searching. */
const DEBOUNCE_MS = 100;
/** Hits a page of the concordance view holds. */
const KWIC_PAGE = 100;

/** The state of the search box's results and the ways to change it. */
export interface Search {
  /** The search as its URL holds it: what a link from the results builds on. */
  state: SearchState;
  result: SearchResponse | null;
  /** Hits shown so far (more than one page after "加载更多"). */
  hits: SearchHit[];
  /** The query's trend by year, for the chart (null: none to show). */
  trend: TrendResponse | null;
  error: ShownError | null;
  busy: boolean;
  /** Searches now, keeping the filters, order and view; `offset` > 0 appends the next page. Keeps the address bar in step. */
  run: (q: string, offset?: number) => Promise<void>;
  /** Searches after DEBOUNCE_MS without another call. */
  schedule: (q: string) => void;
  /** Drops a scheduled search. */
  cancel: () => void;
}

/**
 * Search as you type against /api/search (and /api/trend for the chart): debounced, the URL kept in
 * step with replaceState, and answers that arrive after a newer search started dropped, so a slow
 * answer never overwrites a newer one. A new query keeps the filters, order, grouping and view.
 */
export function useSearch(
  initialState: SearchState,
  initialResult: SearchResponse | null,
  initialTrend: TrendResponse | null,
  initialError: ShownError | null,
): Search {
  const [state, setState] = useState(initialState);
  const [result, setResult] = useState(initialResult);
  const [hits, setHits] = useState(initialResult?.hits ?? []);
  const [trend, setTrend] = useState(initialTrend);
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const arrangement = useRef(initialState);

  const run = useCallback(async (q: string, offset = 0) => {
    const id = ++latest.current;
    // A new query is compared with nothing: the terms compared were chosen for the old one.
    const next: SearchState = { ...arrangement.current, q, offset: 0, vs: offset ? arrangement.current.vs : [] };
    arrangement.current = next;
    setState(next);
    window.history.replaceState(null, '', q.trim() ? searchHref(next) : '/');
    document.title = searchTitle(q);
    if (!q.trim()) {
      setResult(null);
      setHits([]);
      setTrend(null);
      setError(null);
      return;
    }
    setBusy(true);
    try {
      const limit = next.view === 'kwic' ? KWIC_PAGE : PAGE_SIZE;
      const [res, trendRes] = await Promise.all([
        fetch(`/api/search?${searchQueryString(next)}&limit=${limit}&offset=${offset}`),
        offset ? null : fetch(`/api/trend?${trendQueryString(next)}`).catch(() => null),
      ]);
      const body = await res.json();
      const trendBody = trendRes?.ok ? ((await trendRes.json()) as TrendResponse) : null;
      if (id !== latest.current) return; // a newer search started meanwhile: its answer wins
      if (!res.ok) {
        setError(shownError(body.error?.code ?? '', body.error?.message, body.error?.position));
        return;
      }
      setError(null);
      setResult(body as SearchResponse);
      setHits((previous) => (offset > 0 ? [...previous, ...body.hits] : body.hits));
      if (!offset) setTrend(trendBody);
    } catch {
      if (id === latest.current) setError({ message: messageFor('network') });
    } finally {
      if (id === latest.current) setBusy(false);
    }
  }, []);

  const cancel = useCallback(() => clearTimeout(timer.current), []);
  const schedule = useCallback(
    (q: string) => {
      cancel();
      timer.current = setTimeout(() => void run(q), DEBOUNCE_MS);
    },
    [cancel, run],
  );

  return { state, result, hits, trend, error, busy, run, schedule, cancel };
}
