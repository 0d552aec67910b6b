'use client';

import { useRef, type KeyboardEvent, type RefObject } from 'react';

interface Props {
  query: string;
  input: RefObject<HTMLInputElement | null>;
  /** The box's text changed (typing, or an IME's composition ended). */
  onChange: (q: string, composing: boolean) => void;
  /** An IME composition began: nothing is searched until it ends. */
  onComposing: () => void;
  onSubmit: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}

/** The search form: a GET form that works without JavaScript, and the box that searches as you type. */
export function SearchBox({ query, input, onChange, onComposing, onSubmit, onKeyDown }: Props) {
  const composing = useRef(false);
  return (
    <form
      action="/"
      method="get"
      role="search"
      className="flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
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
        onChange={(e) => onChange(e.target.value, composing.current)}
        onCompositionStart={() => {
          composing.current = true;
          onComposing();
        }}
        onCompositionEnd={(e) => {
          composing.current = false;
          onChange(e.currentTarget.value, false);
        }}
        onKeyDown={onKeyDown}
        className="min-w-0 flex-1 rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-red-700 focus:outline-none focus:ring-2 focus:ring-red-700/40 dark:border-stone-600 dark:bg-stone-800 dark:text-stone-100"
      />
      <button
        type="submit"
        className="rounded-md bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 focus-visible:ring-offset-2"
      >
        搜索
      </button>
    </form>
  );
}
