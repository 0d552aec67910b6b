'use client';

import { useState } from 'react';
import type { ReportGroup, SearchHit, SearchResponse } from '@/lib/api/search';
import { Hit } from './HitList';
import { searchHref, searchQueryString, type SearchState } from './searchUrl';

/** Hits an expanded group shows at most; beyond, its link to the report's results says how many more. */
const EXPANDED = 100;

/**
 * Results grouped by report: each report once, with its number of matching paragraphs and its best
 * few; "全部 12 段" opens the rest in place (without JavaScript it is a link to the report's results).
 */
export function GroupList({ groups, state }: { groups: ReportGroup[]; state: SearchState }) {
  return (
    <ol className="space-y-4" aria-label="按报告归并的检索结果">
      {groups.map((g) => (
        <Group key={g.report.id} group={g} state={state} />
      ))}
    </ol>
  );
}

function Group({ group, state }: { group: ReportGroup; state: SearchState }) {
  const [all, setAll] = useState<SearchHit[] | null>(null);
  const own: SearchState = { ...state, group: null, report: group.report.id, offset: 0 };
  const hits = all ?? group.hits;
  const { report } = group;
  return (
    <li
      className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm dark:border-stone-700 dark:bg-stone-800"
      data-testid="group"
    >
      <h2 className="font-medium text-stone-900 dark:text-stone-100">
        《{report.title}》
        <span className="ml-2 text-sm font-normal text-stone-600 dark:text-stone-400">
          {group.count} 段{report.date ? ` · ${report.date}` : ''}
          {report.region ? ` · ${report.region}` : ''}
        </span>
      </h2>
      <ol className="space-y-3">
        {hits.map((hit) => (
          <li key={hit.id} className="border-l-2 border-stone-200 pl-3 dark:border-stone-600">
            <Hit hit={hit} place={false} />
            <p className="mt-1 text-xs text-stone-500 dark:text-stone-400">
              {hit.section ? `${hit.section} · ` : ''}第 {hit.ordinal} 段
            </p>
          </li>
        ))}
      </ol>
      {group.count > hits.length && (
        <a
          href={searchHref(own)}
          data-testid="group-more"
          onClick={async (e) => {
            if (group.count > EXPANDED) return; // too many to open here: the report's own results page
            e.preventDefault();
            const res = await fetch(`/api/search?${searchQueryString(own)}&limit=${EXPANDED}`);
            if (res.ok) setAll(((await res.json()) as SearchResponse).hits);
          }}
          className="text-sm text-red-800 hover:underline dark:text-red-200"
        >
          全部 {group.count} 段
        </a>
      )}
    </li>
  );
}
