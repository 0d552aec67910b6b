import type { KeyboardEvent } from 'react';
import type { SearchHit } from '@/lib/api/search';
import { Marked } from './Marked';

/** A hit's place: its report, section, paragraph number and the report's date and region. */
export function HitPlace({ hit }: { hit: SearchHit }) {
  return (
    <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">
      《{hit.doc.title}》{hit.section ? ` · ${hit.section}` : ''} · 第 {hit.ordinal} 段
      {hit.doc.date ? ` · ${hit.doc.date}` : ''}
      {hit.doc.region ? ` · ${hit.doc.region}` : ''}
    </p>
  );
}

/** One hit: its snippet with the matches marked, a link to the paragraph in its report. */
export function Hit({
  hit,
  place = true,
  onKeyDown,
}: {
  hit: SearchHit;
  place?: boolean;
  onKeyDown?: (event: KeyboardEvent<HTMLAnchorElement>) => void;
}) {
  return (
    <>
      <a
        href={hit.url}
        data-testid="hit"
        onKeyDown={onKeyDown}
        className="block rounded text-stone-900 hover:text-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 focus-visible:ring-offset-2 dark:text-stone-100 dark:hover:text-red-200"
      >
        <Marked segments={hit.snippetSegments} />
      </a>
      {place && <HitPlace hit={hit} />}
    </>
  );
}

/** The hits, best first, each in its card. */
export function HitList({
  hits,
  onHitKeyDown,
}: {
  hits: SearchHit[];
  onHitKeyDown?: (event: KeyboardEvent<HTMLAnchorElement>, index: number) => void;
}) {
  return (
    <ol className="space-y-4" aria-label="检索结果">
      {hits.map((hit, i) => (
        <li
          key={`${hit.doc.id}/${hit.id}`}
          className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm dark:border-stone-700 dark:bg-stone-800"
        >
          <Hit hit={hit} onKeyDown={(e) => onHitKeyDown?.(e, i)} />
        </li>
      ))}
    </ol>
  );
}
