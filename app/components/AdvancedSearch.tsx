'use client';

import { useState } from 'react';
import { formQuery, type FormRow } from './queryText';

const FIELDS: { value: FormRow['field']; label: string }[] = [
  { value: '', label: '全文' },
  { value: 'title', label: '标题' },
  { value: 'section', label: '章节' },
  { value: 'source', label: '来源' },
];
const OPS: { value: FormRow['op']; label: string }[] = [
  { value: 'AND', label: '并且' },
  { value: 'OR', label: '或者' },
  { value: 'NOT', label: '不含' },
];
const EMPTY_ROW: FormRow = { field: '', op: 'AND', text: '' };
const INPUT =
  'rounded-md border border-stone-300 bg-white px-2 py-1 dark:border-stone-600 dark:bg-stone-800 dark:text-stone-100';

/**
 * 高级检索, as CNKI's: rows of field, term and how each joins the rows above, and a span of years.
 * It writes the query into the box (queryText.ts) and runs it, so the box shows what ran.
 */
export function AdvancedSearch({ onQuery }: { onQuery: (q: string) => void }) {
  const [rows, setRows] = useState<FormRow[]>([EMPTY_ROW, EMPTY_ROW]);
  const [years, setYears] = useState({ from: '', to: '' });
  const set = (i: number, change: Partial<FormRow>) =>
    setRows((all) => all.map((row, k) => (k === i ? { ...row, ...change } : row)));
  const query = formQuery(rows, years);
  return (
    <details className="no-print rounded-md border border-stone-200 p-3 text-sm dark:border-stone-700">
      <summary className="cursor-pointer text-stone-700 dark:text-stone-300">高级检索</summary>
      <form
        className="mt-3 space-y-2"
        aria-label="高级检索"
        onSubmit={(e) => {
          e.preventDefault();
          if (query) onQuery(query);
        }}
      >
        {rows.map((row, i) => (
          <Row key={i} row={row} i={i} set={(change) => set(i, change)} />
        ))}
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            onClick={() => setRows((all) => [...all, EMPTY_ROW])}
            className="rounded-md border border-stone-300 px-2 py-1 dark:border-stone-600"
          >
            加一行
          </button>
          <label className="ml-auto flex items-center gap-1">
            年份
            <input
              aria-label="起始年份"
              inputMode="numeric"
              maxLength={4}
              value={years.from}
              onChange={(e) => setYears({ ...years, from: e.target.value })}
              className={`${INPUT} w-16`}
            />
            –
            <input
              aria-label="截止年份"
              inputMode="numeric"
              maxLength={4}
              value={years.to}
              onChange={(e) => setYears({ ...years, to: e.target.value })}
              className={`${INPUT} w-16`}
            />
          </label>
        </div>
        <p className="font-mono text-xs text-stone-600 dark:text-stone-400" data-testid="advanced-query">
          {query || '（填写检索词）'}
        </p>
        <button type="submit" className="rounded-md bg-red-800 px-3 py-1 font-medium text-white hover:bg-red-900">
          检索
        </button>
      </form>
    </details>
  );
}

/** One row: how it joins the rows above (none for the first), its field, its term. */
function Row({ row, i, set }: { row: FormRow; i: number; set: (change: Partial<FormRow>) => void }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      {i > 0 ? (
        <select
          aria-label={`第 ${i + 1} 行与上面的关系`}
          value={row.op}
          onChange={(e) => set({ op: e.target.value as FormRow['op'] })}
          className={INPUT}
        >
          {OPS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <span className="w-[4.5rem]" />
      )}
      <select
        aria-label={`第 ${i + 1} 行的范围`}
        value={row.field}
        onChange={(e) => set({ field: e.target.value as FormRow['field'] })}
        className={INPUT}
      >
        {FIELDS.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>
      <input
        aria-label={`第 ${i + 1} 行的检索词`}
        value={row.text}
        onChange={(e) => set({ text: e.target.value })}
        className={`${INPUT} min-w-0 flex-1`}
      />
    </div>
  );
}
