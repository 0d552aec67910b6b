'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ShownError } from '@/lib/api/messages';
import type { SearchResponse } from '@/lib/api/search';
import type { TrendResponse } from '@/lib/api/trend';
import { AdvancedSearch } from './AdvancedSearch';
import { isTyping } from './keyboard';
import { Narrowing } from './Narrowing';
import { narrowed, withoutTerm } from './queryText';
import { Results } from './Results';
import { searchHref, type SearchState } from './searchUrl';
import { useSearch } from './useSearch';

interface Props {
  /** The search the page was asked for, as its URL holds it. */
  initialState: SearchState;
  initialResult: SearchResponse | null;
  initialTrend: TrendResponse | null;
  initialError: ShownError | null;
  keywords: string[];
  examples: string[];
  /** What the page shows below the introduction while nothing is searched: the list of reports. */
  browse?: ReactNode;
}

/**
 * The search box and its results. The server renders it complete, so it works without JavaScript
 * (a GET form and plain links); in the browser it searches as you type (useSearch), waits out IME
 * composition, and adds the keyboard: / or Ctrl/⌘-K to focus, ↓/↑ through results, Enter to open,
 * Esc to clear.
 */
export function SearchApp({
  initialState,
  initialResult,
  initialTrend,
  initialError,
  keywords,
  examples,
  browse,
}: Props) {
  const [query, setQuery] = useState(initialState.q);
  const { state, result, hits, trend, error, busy, run, schedule, cancel } = useSearch(
    initialState,
    initialResult,
    initialTrend,
    initialError,
  );
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const composing = useRef(false);
  // Terms added by 在结果中检索, shown as chips while the box still holds them.
  const [narrowings, setNarrowings] = useState<string[]>([]);
  const chips = narrowings.filter((t) => withoutTerm(query, t) !== query);
  const searched = result !== null && (result.terms.length > 0 || result.tree !== undefined);
  const runNow = (q: string) => {
    setQuery(q);
    cancel();
    void run(q);
  };

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.key === 'k' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !isTyping(event))) {
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
      cancel();
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
      <form
        action="/"
        method="get"
        role="search"
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          cancel();
          void run(query);
        }}
      >
        <label htmlFor="q" className="sr-only">
          搜索报告
        </label>
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
            cancel();
          }}
          onCompositionEnd={(e) => {
            composing.current = false;
            schedule(e.currentTarget.value);
          }}
          onKeyDown={onInputKey}
          className="min-w-0 flex-1 rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-red-700 focus:outline-none focus:ring-2 focus:ring-red-700/40 dark:border-stone-600 dark:bg-stone-800 dark:text-stone-100"
        />
        <button
          type="submit"
          className="rounded-md bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 focus-visible:ring-offset-2"
        >
          搜索
        </button>
      </form>
      <AdvancedSearch onQuery={runNow} />
      <p id="search-help" className="sr-only">
        按 / 或 Ctrl+K 聚焦搜索框，↓ ↑ 在结果间移动，Enter 打开，Esc 清空。
      </p>
      <div ref={list} className="space-y-4" aria-live="polite" aria-busy={busy}>
        {error && (
          <p
            role="alert"
            data-testid="error"
            className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          >
            {error.message}
            {error.position !== undefined && <ErrorPlace query={query} position={error.position} />}
          </p>
        )}
        {searched && (
          <Narrowing
            chips={chips}
            onAdd={(term) => {
              setNarrowings([...chips.filter((c) => c !== term), term]);
              runNow(narrowed(query, term));
            }}
            onRemove={(term) => runNow(withoutTerm(query, term))}
          />
        )}
        {result && searched ? (
          <Results
            result={result}
            state={state}
            hits={hits}
            trend={trend}
            keywords={keywords}
            onHitKeyDown={onHitKey}
            onLoadMore={(e) => {
              e.preventDefault();
              void run(result.query, hits.length);
            }}
            onSuggest={(e, q) => {
              e.preventDefault();
              setQuery(q);
              void run(q);
            }}
          />
        ) : (
          !error && (
            <>
              <Intro
                examples={examples}
                onPick={(q) => {
                  setQuery(q);
                  void run(q);
                }}
              />
              {browse}
            </>
          )
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
            href={searchHref({ q: e })}
            onClick={(event) => {
              event.preventDefault();
              onPick(e);
            }}
            className="rounded-full border border-stone-300 bg-white px-3 py-1 hover:border-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 dark:border-stone-600 dark:bg-stone-800"
          >
            {e}
          </a>
        ))}
      </p>
    </section>
  );
}

/** The query with the place the parser refused it marked, under the message. */
function ErrorPlace({ query, position }: { query: string; position: number }) {
  const at = Math.min(position, query.length);
  const char = query.slice(at, at + 1);
  return (
    <span data-testid="error-place" className="mt-2 block font-mono text-sm">
      {query.slice(0, at)}
      <mark className="rounded bg-amber-300 px-0.5 text-amber-950 dark:bg-amber-600 dark:text-amber-50">
        {char.trim() ? char : '\u2038'}
      </mark>
      {query.slice(at + 1)}
    </span>
  );
}
