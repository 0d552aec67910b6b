'use client';

import { useRef, useState, type ReactNode } from 'react';
import type { ShownError } from '@/lib/api/messages';
import type { SearchResponse } from '@/lib/api/search';
import type { TrendResponse } from '@/lib/api/trend';
import { AdvancedSearch } from './AdvancedSearch';
import { Narrowing } from './Narrowing';
import { narrowed, withoutTerm } from './queryText';
import { Results } from './Results';
import { SearchBox } from './SearchBox';
import { searchHref, type SearchState } from './searchUrl';
import { useResultKeys } from './useResultKeys';
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
  // Terms added by 在结果中检索, shown as chips while the box still holds them.
  const [narrowings, setNarrowings] = useState<string[]>([]);
  const chips = narrowings.filter((t) => withoutTerm(query, t) !== query);
  const searched = result !== null && (result.terms.length > 0 || result.tree !== undefined);
  const runNow = (q: string) => {
    setQuery(q);
    cancel();
    void run(q);
  };

  const { onInputKey, onHitKey } = useResultKeys(input, list, () => runNow(''));

  return (
    <div className="space-y-5">
      <h1 className="sr-only">检索工作报告</h1>
      <SearchBox
        query={query}
        input={input}
        onChange={(q, composing) => {
          setQuery(q);
          if (!composing) schedule(q);
        }}
        onComposing={cancel}
        onSubmit={() => runNow(query)}
        onKeyDown={onInputKey}
      />
      <AdvancedSearch onQuery={runNow} />
      <p id="search-help" className="sr-only">
        按 / 或 Ctrl+K 聚焦搜索框，↓ ↑ 在结果间移动，Enter 打开，Esc 清空。
      </p>
      <div ref={list} className="space-y-4" aria-live="polite" aria-busy={busy}>
        {error && <ErrorNotice error={error} query={query} />}
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

/** A refused query or a failure: what went wrong and, for a query, where. */
function ErrorNotice({ error, query }: { error: ShownError; query: string }) {
  return (
    <p
      role="alert"
      data-testid="error"
      className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      {error.message}
      {error.position !== undefined && <ErrorPlace query={query} position={error.position} />}
    </p>
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
