import Link from 'next/link';
import type { SearchHit } from '@/lib/api/search';
import { searchHref, type SearchState } from './searchUrl';

/** Characters of context either side of the match. */
const WIDTH = 20;

/** One occurrence: its context, the match, and the paragraph it is in. */
interface Line {
  left: string;
  match: string;
  right: string;
  hit: SearchHit;
}

/** Every occurrence in the hits, each on its own line (the highlights are the occurrences). */
export function concordanceLines(hits: SearchHit[]): Line[] {
  return hits.flatMap((hit) =>
    hit.highlights.map(({ start, end }) => ({
      left: Array.from(hit.text.slice(0, start)).slice(-WIDTH).join(''),
      match: hit.text.slice(start, end),
      right: Array.from(hit.text.slice(end)).slice(0, WIDTH).join(''),
      hit,
    })),
  );
}

/** Orders of the lines: as the hits come, or by the context to the left (read from the match outwards) or right. */
function sorted(lines: Line[], by: string | null | undefined): Line[] {
  if (by !== 'left' && by !== 'right') return lines;
  const key = (l: Line) => (by === 'left' ? Array.from(l.left).reverse().join('') : l.right);
  return [...lines].sort((a, b) => key(a).localeCompare(key(b), 'zh-Hans-CN') || a.match.localeCompare(b.match));
}

/**
 * The concordance (KWIC) of the hits shown: every occurrence on a line, the match centred between
 * its context, sortable by the left or right context, each line linking to its paragraph.
 */
export function Concordance({ hits, state }: { hits: SearchHit[]; state: SearchState }) {
  const lines = sorted(concordanceLines(hits), state.kwic);
  const order = (label: string, kwic: string | null) => (
    <Link
      href={searchHref({ ...state, kwic, offset: 0 })}
      aria-current={(state.kwic ?? null) === kwic ? 'true' : undefined}
      className={(state.kwic ?? null) === kwic ? 'font-semibold' : 'text-red-800 hover:underline dark:text-red-200'}
    >
      {label}
    </Link>
  );
  return (
    <section aria-label="语境" className="space-y-2" data-testid="concordance">
      <p className="flex gap-3 text-sm" role="group" aria-label="语境排序">
        <span className="text-stone-600 dark:text-stone-400">
          {lines.length} 处，出自 {hits.length} 段 · 排序
        </span>
        {order('按结果', null)}
        {order('按左侧', 'left')}
        {order('按右侧', 'right')}
      </p>
      <table className="w-full table-fixed border-collapse text-sm">
        <thead className="sr-only">
          <tr>
            <th scope="col">左侧</th>
            <th scope="col">匹配</th>
            <th scope="col">右侧</th>
            <th scope="col">出处</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => (
            <tr key={i} className="border-b border-stone-200 dark:border-stone-700" data-testid="kwic-line">
              <td className="w-[40%] truncate py-1 text-right [direction:rtl]">
                <span className="[direction:ltr] [unicode-bidi:embed]">{line.left}</span>
              </td>
              <td className="px-1 py-1 text-center whitespace-nowrap">
                <Link href={line.hit.url} className="hover:underline">
                  <mark className="rounded bg-amber-200 px-0.5 text-stone-900 dark:bg-amber-700 dark:text-stone-50">
                    {line.match}
                  </mark>
                </Link>
              </td>
              <td className="w-[40%] truncate py-1">{line.right}</td>
              <td className="w-28 truncate py-1 pl-2 text-xs text-stone-500 dark:text-stone-400">
                {line.hit.doc.title} · 第 {line.hit.ordinal} 段
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
