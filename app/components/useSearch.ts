'use client';

import { useCallback, useRef, useState } from 'react';
import { PAGE_SIZE } from '@/lib/serve/limits';
import { messageFor, shownError, type ShownError } from '@/lib/serve/messages';
import type { SearchHit, SearchResponse } from '@/lib/serve/types';
import { searchQueryString, searchTitle } from './searchUrl';

/** Wait after the last keystroke before searching. */
const DEBOUNCE_MS = 100;

/** A search's filters, as the URL carries them. */
export type Filters = { report: string | null; section: string | null };

/** The state of the search box's results and the ways to change it. */
export interface SearchState {
  result: SearchResponse | null;
  /** Hits shown so far (more than one page after "加载更多"). */
  hits: SearchHit[];
  error: ShownError | null;
  busy: boolean;
  /** Searches now; `offset` > 0 appends the next page. Keeps the address bar in step. */
  run: (q: string, offset?: number) => Promise<void>;
  /** Searches after DEBOUNCE_MS without another call. */
  schedule: (q: string) => void;
  /** Drops a scheduled search. */
  cancel: () => void;
  /** Sets the filters the next searches use. */
  setFilters: (filters: Filters) => void;
}

/**
 * Search as you type against /api/search: debounced, the URL kept in step with replaceState, and
 * answers that arrive after a newer search started dropped, so a slow answer never overwrites a
 * newer one.
 */
export function useSearch(initialResult: SearchResponse | null, initialError: ShownError | null): SearchState {
  const [result, setResult] = useState(initialResult);
  const [hits, setHits] = useState(initialResult?.hits ?? []);
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const filters = useRef<Filters>({
    report: initialResult?.filters.report ?? null,
    section: initialResult?.filters.section ?? null,
  });

  const run = useCallback(async (q: string, offset = 0) => {
    const id = ++latest.current;
    const state = { q, ...filters.current };
    window.history.replaceState(null, '', q.trim() ? `/?${searchQueryString(state)}` : '/');
    document.title = searchTitle(q);
    if (!q.trim()) {
      setResult(null);
      setHits([]);
      setError(null);
      return;
    }
    setBusy(true);
    try {
      const res = await fetch(`/api/search?${searchQueryString(state)}&limit=${PAGE_SIZE}&offset=${offset}`);
      const body = await res.json();
      if (id !== latest.current) return; // a newer search started meanwhile: its answer wins
      if (!res.ok) {
        setError(shownError(body.error?.code ?? '', body.error?.message, body.error?.position));
        return;
      }
      setError(null);
      setResult(body as SearchResponse);
      setHits((previous) => (offset > 0 ? [...previous, ...body.hits] : body.hits));
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
  const setFilters = useCallback((next: Filters) => {
    filters.current = next;
  }, []);

  return { result, hits, error, busy, run, schedule, cancel, setFilters };
}
