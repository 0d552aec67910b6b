import Link from 'next/link';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { Expansion, SearchHit, SearchResponse } from '@/lib/api/search';
import type { TrendResponse } from '@/lib/api/trend';
import { chip, chipActive, chipIdle, CollectionFilters } from './CollectionFilters';
import { Concordance } from './Concordance';
import { GroupList } from './GroupList';
import { HitList } from './HitList';
import { exportHref, searchHref, type SearchState } from './searchUrl';
import { TrendChart } from './TrendChart';

interface ResultsProps {
  result: SearchResponse;
  /** The search as its URL holds it: the filters, order and view every link builds on. */
  state: SearchState;
  /** Hits shown so far (more than one page after "加载更多"). */
  hits: SearchHit[];
  /** The query's trend by year (null: none). */
  trend: TrendResponse | null;
  /** Report key terms offered when nothing is found. */
  keywords: string[];
  /** Client-side handlers; without them every control is a plain link. */
  onLoadMore?: (event: MouseEvent<HTMLAnchorElement>) => void;
  onSuggest?: (event: MouseEvent<HTMLAnchorElement>, q: string) => void;
  onHitKeyDown?: (event: KeyboardEvent<HTMLAnchorElement>, index: number) => void;
}

/**
 * Summary, notices, the trend, the filters, and the results — paragraphs, reports or concordance —
 * with the way to more: the same markup on server and client.
 */
export function Results({ result, state, hits, trend, keywords, onLoadMore, onSuggest, onHitKeyDown }: ResultsProps) {
  const { total, tookMs, partial } = result;
  const groups = result.groups;
  return (
    <>
      <p className="min-h-6 text-sm text-stone-600 dark:text-stone-300" data-testid="summary">
        找到 <strong>{total}</strong> 个段落
        {result.groupTotal !== undefined && <>，出自 {result.groupTotal} 篇报告</>} · 用时 {tookMs.toFixed(1)} 毫秒
        {total > 0 && <ExportLinks state={state} />}
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
      {trend && <TrendChart trend={trend} state={state} />}
      <CollectionFilters result={result} state={state} />
      <PlaceFilters result={result} state={state} />
      {total === 0 && <EmptyState result={result} keywords={keywords} onSuggest={onSuggest} />}
      {groups ? (
        <GroupList groups={groups} state={state} />
      ) : state.view === 'kwic' ? (
        <Concordance hits={hits} state={state} />
      ) : (
        <HitList hits={hits} onHitKeyDown={onHitKeyDown} />
      )}
      {groups
        ? groups.length < result.groupTotal! && (
            <More href={searchHref({ ...state, offset: groups.length })}>
              更多报告（还有 {result.groupTotal! - groups.length} 篇）
            </More>
          )
        : hits.length < total && (
            <More href={searchHref({ ...state, offset: hits.length })} onClick={onLoadMore}>
              加载更多（还有 {total - hits.length} 段）
            </More>
          )}
    </>
  );
}

function More({
  href,
  onClick,
  children,
}: {
  href: string;
  onClick?: (event: MouseEvent<HTMLAnchorElement>) => void;
  children: React.ReactNode;
}) {
  return (
    <p className="text-center">
      <a
        href={href}
        onClick={onClick}
        data-testid="more"
        className="inline-block rounded-md border border-stone-300 bg-white px-4 py-2 text-sm text-red-800 hover:border-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 dark:border-stone-600 dark:bg-stone-800 dark:text-red-200"
      >
        {children}
      </a>
    </p>
  );
}

/** 导出 CSV / Excel / JSONL: every hit of the search, not the page, as a file. */
function ExportLinks({ state }: { state: SearchState }) {
  const link = 'text-red-800 underline dark:text-red-200';
  return (
    <span className="no-print" data-testid="export">
      {' · 导出 '}
      <a href={exportHref(state, 'csv')} className={link} download>
        CSV
      </a>
      {' / '}
      <a href={exportHref(state, 'xlsx')} className={link} download>
        Excel
      </a>
      {' / '}
      <a href={exportHref(state, 'jsonl')} className={link} download>
        JSONL
      </a>
    </span>
  );
}

/** The matches by report and by section: chips that narrow the results to one of them. */
function PlaceFilters({ result, state }: { result: SearchResponse; state: SearchState }) {
  const { facets, filters, total } = result;
  const several = facets.reports.length > 1;
  // Headings are a report's own: over several reports they are offered once one is chosen.
  const sections = several && !filters.report ? [] : facets.sections;
  if (!(several || sections.some((s) => s.count < total) || filters.report || filters.section)) return null;
  const link = (report: string | null, section: string | null) => searchHref({ ...state, report, section, offset: 0 });
  return (
    <nav aria-label="筛选" className="flex flex-wrap gap-2" data-testid="facets">
      <Link
        href={link(null, null)}
        className={`${chip} ${!filters.report && !filters.section ? chipActive : chipIdle}`}
        aria-current={!filters.report && !filters.section ? 'true' : undefined}
      >
        全部
      </Link>
      {several &&
        facets.reports.map((r) => (
          <Link
            key={r.id}
            href={link(r.id, null)}
            className={`${chip} ${filters.report === r.id ? chipActive : chipIdle}`}
            aria-current={filters.report === r.id ? 'true' : undefined}
          >
            {r.title} <span aria-label={`${r.count} 段`}>({r.count})</span>
          </Link>
        ))}
      {sections.map((s) => (
        <Link
          key={`${s.report}/${s.section}`}
          href={link(several ? s.report : null, s.section)}
          className={`${chip} ${filters.section === s.section ? chipActive : chipIdle}`}
          aria-current={filters.section === s.section ? 'true' : undefined}
        >
          {s.section} <span>({s.count})</span>
        </Link>
      ))}
    </nav>
  );
}

/** Nothing found: what was searched, and the collection's key terms to try instead. */
function EmptyState({
  result,
  keywords,
  onSuggest,
}: {
  result: SearchResponse;
  keywords: string[];
  onSuggest?: (event: MouseEvent<HTMLAnchorElement>, q: string) => void;
}) {
  const filtered = Object.values(result.filters).some((v) => (Array.isArray(v) ? v.length > 0 : v !== null));
  return (
    <div className="space-y-2 text-stone-600 dark:text-stone-300" data-testid="empty">
      <p>
        没有找到包含“{result.query}”的段落。
        {filtered ? '可以放宽筛选条件，或换个说法。' : '可以换个说法，或少输入几个词。'}
      </p>
      {keywords.length > 0 && (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          试试报告里的关键词：
          {keywords.map((k) => (
            <a key={k} href={searchHref({ q: k })} onClick={(e) => onSuggest?.(e, k)} className={`${chip} ${chipIdle}`}>
              {k}
            </a>
          ))}
        </p>
      )}
    </div>
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
        href={searchHref({ q: literal })}
        onClick={(e) => onSuggest?.(e, literal)}
        className="text-red-800 underline dark:text-red-200"
      >
        只查找“{text}”本身
      </a>
    </p>
  );
}
