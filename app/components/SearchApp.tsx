'use client';

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchResponse } from '@/lib/search/types';
import { messageFor } from './errorMessages';
import { Results } from './Results';
import { searchQueryString } from './searchUrl';

/** Wait after the last keystroke before searching. */
const DEBOUNCE_MS = 100;
const PAGE_SIZE = 10;

interface Props {
  initialQuery: string;
  initialResult: SearchResponse | null;
  initialError: string | null;
  keywords: string[];
  examples: string[];
}

type Filters = { report: string | null; section: string | null };

/**
 * The search box and its results. The server renders it complete, so it works without JavaScript
 * (a GET form and plain links); in the browser it searches as you type, keeps the URL in step with
 * replaceState, drops answers that arrive after a newer one, waits out IME composition, and adds
 * the keyboard: / or Ctrl/⌘-K to focus, ↓/↑ through results, Enter to open, Esc to clear.
 */
export function SearchApp({ initialQuery, initialResult, initialError, keywords, examples }: Props) {
  const [query, setQuery] = useState(initialQuery);
  const [result, setResult] = useState(initialResult);
  const [hits, setHits] = useState(initialResult?.hits ?? []);
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const latest = useRef(0);
  const composing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const filters = useRef<Filters>({ report: initialResult?.filters.report ?? null, section: initialResult?.filters.section ?? null });

  const run = useCallback(async (q: string, offset = 0) => {
    const id = ++latest.current;
    const state = { q, ...filters.current };
    window.history.replaceState(null, '', q.trim() ? `/?${searchQueryString(state)}` : '/');
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
        setError(messageFor(body.error?.code ?? ''));
        return;
      }
      setError(null);
      setResult(body as SearchResponse);
      setHits((previous) => (offset > 0 ? [...previous, ...body.hits] : body.hits));
    } catch {
      if (id === latest.current) setError(messageFor('network'));
    } finally {
      if (id === latest.current) setBusy(false);
    }
  }, []);

  const schedule = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(q), DEBOUNCE_MS);
  };

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const typing = event.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
      if ((event.key === 'k' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !typing)) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const hitLinks = () => Array.from(list.current?.querySelectorAll<HTMLAnchorElement>('[data-testid="hit"]') ?? []);

  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      hitLinks()[0]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setQuery('');
      clearTimeout(timer.current);
      void run('');
    }
  };

  const onHitKey = (event: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Escape') return;
    event.preventDefault();
    const links = hitLinks();
    if (event.key === 'ArrowDown') links[Math.min(index + 1, links.length - 1)]?.focus();
    else if (event.key === 'ArrowUp' && index > 0) links[index - 1]?.focus();
    else input.current?.focus();
  };

  return (
    <div className="space-y-5">
      <h1 className="sr-only">检索工作报告</h1>
      <form action="/" method="get" role="search" className="flex gap-2" onSubmit={(e) => { e.preventDefault(); clearTimeout(timer.current); void run(query); }}>
        <label htmlFor="q" className="sr-only">搜索报告</label>
        <input
          ref={input}
          id="q"
          name="q"
          type="search"
          value={query}
          placeholder="输入要查找的词，例如：书香政协"
          autoComplete="off"
          enterKeyHint="search"
          aria-keyshortcuts="/ Control+K Meta+K"
          aria-describedby="search-help"
          onChange={(e) => {
            setQuery(e.target.value);
            if (!composing.current) schedule(e.target.value);
          }}
          onCompositionStart={() => {
            composing.current = true;
            clearTimeout(timer.current);
          }}
          onCompositionEnd={(e) => {
            composing.current = false;
            schedule(e.currentTarget.value);
          }}
          onKeyDown={onInputKey}
          className="min-w-0 flex-1 rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-red-700 focus:outline-none focus:ring-2 focus:ring-red-700/40 dark:border-stone-600 dark:bg-stone-800 dark:text-stone-100"
        />
        <button type="submit" className="rounded-md bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 focus-visible:ring-offset-2">
          搜索
        </button>
      </form>
      <p id="search-help" className="sr-only">按 / 或 Ctrl+K 聚焦搜索框，↓ ↑ 在结果间移动，Enter 打开，Esc 清空。</p>
      <div ref={list} className="space-y-4" aria-live="polite" aria-busy={busy}>
        {error && (
          <p role="alert" data-testid="error" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
            {error}
          </p>
        )}
        {result && result.terms.length > 0 ? (
          <Results
            result={result}
            hits={hits}
            keywords={keywords}
            onHitKeyDown={onHitKey}
            onLoadMore={(e) => { e.preventDefault(); void run(result.query, hits.length); }}
            onFilter={(e, report, section) => { e.preventDefault(); filters.current = { report, section }; void run(result.query); }}
            onSuggest={(e, q) => { e.preventDefault(); setQuery(q); filters.current = { report: null, section: null }; void run(q); }}
          />
        ) : (
          !error && <Intro examples={examples} onPick={(q) => { setQuery(q); void run(q); }} />
        )}
      </div>
    </div>
  );
}

function Intro({ examples, onPick }: { examples: string[]; onPick: (q: string) => void }) {
  return (
    <section className="space-y-3 text-stone-700 dark:text-stone-300" data-testid="intro">
      <p>逐段检索工作报告原文：文中有的字词，这里都能找到；结果按相关度排序，匹配处高亮，点开直达原段落。</p>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        试试：
        {examples.map((e) => (
          <a
            key={e}
            href={`/?${searchQueryString({ q: e })}`}
            onClick={(event) => { event.preventDefault(); onPick(e); }}
            className="rounded-full border border-stone-300 bg-white px-3 py-1 hover:border-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 dark:border-stone-600 dark:bg-stone-800"
          >
            {e}
          </a>
        ))}
      </p>
    </section>
  );
}
