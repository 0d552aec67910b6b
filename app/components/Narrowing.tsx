'use client';

import { useState } from 'react';

/**
 * 在结果中检索: a term added to the current query (as AND) in one step, each shown as a chip that
 * one click takes away again.
 */
export function Narrowing({
  chips,
  onAdd,
  onRemove,
}: {
  chips: string[];
  onAdd: (term: string) => void;
  onRemove: (term: string) => void;
}) {
  const [term, setTerm] = useState('');
  return (
    <div className="no-print flex flex-wrap items-center gap-2 text-sm">
      <form
        className="flex gap-1"
        aria-label="在结果中检索"
        onSubmit={(e) => {
          e.preventDefault();
          if (term.trim()) onAdd(term.trim());
          setTerm('');
        }}
      >
        <input
          aria-label="在结果中检索的词"
          value={term}
          placeholder="在结果中检索"
          onChange={(e) => setTerm(e.target.value)}
          className="w-40 rounded-md border border-stone-300 bg-white px-2 py-1 dark:border-stone-600 dark:bg-stone-800 dark:text-stone-100"
        />
        <button type="submit" className="rounded-md border border-stone-300 px-2 py-1 dark:border-stone-600">
          在结果中检索
        </button>
      </form>
      {chips.map((chip) => (
        <span
          key={chip}
          data-testid="chip"
          className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-amber-900 dark:bg-amber-900 dark:text-amber-100"
        >
          {chip}
          <button type="button" aria-label={`去掉 ${chip}`} onClick={() => onRemove(chip)} className="px-1">
            ×
          </button>
        </span>
      ))}
    </div>
  );
}
