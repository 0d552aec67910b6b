import type { KeyboardEvent, MouseEvent } from 'react';
import type { Expansion, SearchHit, SearchResponse } from '@/lib/serve/types';
import { Marked } from './Marked';
import { searchQueryString } from './searchUrl';

interface ResultsProps {
  result: SearchResponse;
  /** Hits shown so far (more than one page after "加载更多"). */
  hits: SearchHit[];
  /** Report key terms offered when nothing is found. */
  keywords: string[];
  /** Client-side handlers; without them every control is a plain link. */
  onLoadMore?: (event: MouseEvent<HTMLAnchorElement>) => void;
  onFilter?: (event: MouseEvent<HTMLAnchorElement>, report: string | null, section: string | null) => void;
  onSuggest?: (event: MouseEvent<HTMLAnchorElement>, q: string) => void;
  onHitKeyDown?: (event: KeyboardEvent<HTMLAnchorElement>, index: number) => void;
}

const chip =
  'inline-flex items-center gap-1 rounded-full border px-3 py-1 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700';
const chipIdle =
  'border-stone-300 bg-white text-stone-700 hover:border-red-700 dark:border-stone-600 dark:bg-stone-800 dark:text-stone-200';
const chipActive = 'border-red-800 bg-red-800 text-white dark:border-red-400 dark:bg-red-900';

/** Summary, notices, filters, the hits and the way to more: the same markup on server and client. */
export function Results({ result, hits, keywords, onLoadMore, onFilter, onSuggest, onHitKeyDown }: ResultsProps) {
  const { total, tookMs, partial, query, facets, filters } = result;
  const link = (report: string | null, section: string | null) =>
    `/?${searchQueryString({ q: query, report, section })}`;
  const { sections } = facets;
  return (
    <>
      <p className="min-h-6 text-sm text-stone-600 dark:text-stone-300" data-testid="summary">
        找到 <strong>{total}</strong> 个段落 · 用时 {tookMs.toFixed(1)} 毫秒
      </p>
      {result.reading && (
        <p className="text-sm text-stone-600 dark:text-stone-300" data-testid="reading">
          按 <code className="font-mono">{result.reading}</code> 检索
        </p>
      )}
      {result.terms
        .filter((t) => t.expansions.length > 0)
        .map((t) => (
          <Expanded key={t.text} text={t.text} expansions={t.expansions} onSuggest={onSuggest} />
        ))}
      {partial && (
        <p
          className="rounded-md border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
          data-testid="partial"
        >
          没有段落同时包含全部查询词，以下是只包含部分词的结果。
        </p>
      )}
      {(facets.reports.length > 1 || sections.some((s) => s.count < total) || filters.report || filters.section) && (
        <nav aria-label="筛选" className="flex flex-wrap gap-2" data-testid="facets">
          <a
            href={link(null, null)}
            onClick={(e) => onFilter?.(e, null, null)}
            className={`${chip} ${!filters.report && !filters.section ? chipActive : chipIdle}`}
            aria-current={!filters.report && !filters.section ? 'true' : undefined}
          >
            全部
          </a>
          {facets.reports.length > 1 &&
            facets.reports.map((r) => (
              <a
                key={r.id}
                href={link(r.id, null)}
                onClick={(e) => onFilter?.(e, r.id, null)}
                className={`${chip} ${filters.report === r.id ? chipActive : chipIdle}`}
                aria-current={filters.report === r.id ? 'true' : undefined}
              >
                {r.title} <span aria-label={`${r.count} 段`}>({r.count})</span>
              </a>
            ))}
          {sections.map((s) => (
            <a
              key={`${s.report}/${s.section}`}
              href={link(facets.reports.length > 1 ? s.report : null, s.section)}
              onClick={(e) => onFilter?.(e, facets.reports.length > 1 ? s.report : null, s.section)}
              className={`${chip} ${filters.section === s.section ? chipActive : chipIdle}`}
              aria-current={filters.section === s.section ? 'true' : undefined}
            >
              {s.section} <span>({s.count})</span>
            </a>
          ))}
        </nav>
      )}
      {total === 0 && (
        <div className="space-y-2 text-stone-600 dark:text-stone-300" data-testid="empty">
          <p>没有找到包含“{query}”的段落。可以换个说法，或少输入几个词。</p>
          {keywords.length > 0 && (
            <p className="flex flex-wrap items-center gap-2 text-sm">
              试试报告里的关键词：
              {keywords.map((k) => (
                <a
                  key={k}
                  href={`/?${searchQueryString({ q: k })}`}
                  onClick={(e) => onSuggest?.(e, k)}
                  className={`${chip} ${chipIdle}`}
                >
                  {k}
                </a>
              ))}
            </p>
          )}
        </div>
      )}
      <ol className="space-y-4" aria-label="检索结果">
        {hits.map((hit, i) => (
          <li
            key={hit.id}
            className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm dark:border-stone-700 dark:bg-stone-800"
          >
            <a
              href={hit.url}
              data-testid="hit"
              onKeyDown={(e) => onHitKeyDown?.(e, i)}
              className="block rounded text-stone-900 hover:text-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 focus-visible:ring-offset-2 dark:text-stone-100 dark:hover:text-red-200"
            >
              <Marked segments={hit.snippetSegments} />
            </a>
            <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">
              《{hit.doc.title}》{hit.section ? ` · ${hit.section}` : ''} · 第 {hit.ordinal} 段
              {hit.doc.date ? ` · ${hit.doc.date}` : ''}
            </p>
          </li>
        ))}
      </ol>
      {hits.length < total && (
        <p className="text-center">
          <a
            href={`/?${searchQueryString({ q: query, report: filters.report, section: filters.section, offset: hits.length })}`}
            onClick={onLoadMore}
            data-testid="more"
            className="inline-block rounded-md border border-stone-300 bg-white px-4 py-2 text-sm text-red-800 hover:border-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 dark:border-stone-600 dark:bg-stone-800 dark:text-red-200"
          >
            加载更多（还有 {total - hits.length} 段）
          </a>
        </p>
      )}
    </>
  );
}

/** Says what a term also found — 按拼音 zhengxie 找到 政协 — with a way to search the term alone. */
function Expanded({
  text,
  expansions,
  onSuggest,
}: {
  text: string;
  expansions: Expansion[];
  onSuggest?: (event: MouseEvent<HTMLAnchorElement>, q: string) => void;
}) {
  const pinyin = expansions.filter((e) => e.kind === 'pinyin').map((e) => e.text);
  const synonyms = expansions.filter((e) => e.kind === 'synonym').map((e) => e.text);
  const literal = `"${text}"`;
  return (
    <p className="text-sm text-stone-600 dark:text-stone-300" data-testid="expanded">
      {pinyin.length > 0 && (
        <>
          按拼音 <strong>{text}</strong> 找到 {pinyin.join('、')}
        </>
      )}
      {pinyin.length > 0 && synonyms.length > 0 && '；'}
      {synonyms.length > 0 && (
        <>
          <strong>{text}</strong> 的同义词：{synonyms.join('、')}
        </>
      )}
      {' · '}
      <a
        href={`/?${searchQueryString({ q: literal })}`}
        onClick={(e) => onSuggest?.(e, literal)}
        className="text-red-800 underline dark:text-red-200"
      >
        只查找“{text}”本身
      </a>
    </p>
  );
}
