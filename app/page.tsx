import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { searchQueryString, searchTitle, type SearchState } from '@/app/components/searchUrl';
import { ReportList } from '@/app/components/ReportList';
import { SearchApp } from '@/app/components/SearchApp';
import { friendlyError } from '@/lib/api/errors';
import { MAX_LIMIT, PAGE_SIZE } from '@/lib/api/limits';
import type { ShownError } from '@/lib/api/messages';
import { filtersOf, firstParam } from '@/lib/api/params';
import { parseSearchRequest, type SearchResponse } from '@/lib/api/search';
import { parseTrendRequest, type TrendResponse } from '@/lib/api/trend';
import type { Searcher } from '@/lib/backend/types';
import { catalogPage, type CatalogPage } from '@/lib/results/catalog';
import { search } from '@/lib/results/hits';
import { trend } from '@/lib/results/trend-series';
import { searcher } from '@/lib/server/holder';
import { refuseMalformed } from '@/lib/server/routes';

export const dynamic = 'force-dynamic';

const EXAMPLES = ['书香政协', '有事来协商', '43户', '推進高質量發展', '提案 -优秀'];
/** Hits the concordance view shows a page: every occurrence in them is a line. */
const KWIC_PAGE = 100;
/** Other queries the trend chart compares with the search's at most (the API's limit is six in all). */
const MAX_VS = 5;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const all = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The chart's trend, or none when one of the queries compared is refused (the search itself was not). */
async function trendOf(
  s: Searcher,
  params: Record<string, string | string[] | undefined>,
  qs: string[],
): Promise<TrendResponse | null> {
  try {
    return await trend(s, parseTrendRequest({ ...params, q: qs, by: 'year' }));
  } catch {
    return null;
  }
}

/** A results page is titled with its query, so tabs and history say what was searched. */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = firstParam((await searchParams).q)?.trim();
  return { title: q ? searchTitle(q) : '报告检索' };
}

/**
 * The search page. Results are rendered here on the server, so they show without JavaScript; the
 * page's `offset` means "hits already shown", so "加载更多" without JavaScript shows them all again
 * plus the next ten. The URL holds every filter, the order, the grouping and the view; each control
 * links to another such URL. Without a query it lists the reports in the collection (`?page=`).
 */
export default async function Home({ searchParams }: Props) {
  const params = await searchParams;
  const q = firstParam(params.q);
  let result: SearchResponse | null = null;
  let chart: TrendResponse | null = null;
  let error: ShownError | null = null;
  let keywords: string[] = [];
  let catalog: CatalogPage | null = null;
  let state: SearchState = { q: q ?? '' };
  try {
    const s = searcher();
    keywords = s.info.keywords;
    catalog = await catalogPage(s, Number(firstParam(params.page) ?? 1));
    if (q !== undefined) {
      const h = await headers();
      refuseMalformed((name) => h.get(name));
      const request = parseSearchRequest({ ...params, q });
      const view = firstParam(params.view) === 'kwic' ? 'kwic' : null;
      const kwic = firstParam(params.kwic);
      const vs = all(params.vs)
        .map((v) => v.trim())
        .filter((v) => v && v !== q.trim())
        .slice(0, MAX_VS);
      state = {
        q,
        ...filtersOf(request),
        sort: request.sort === 'relevance' ? null : request.sort,
        group: request.group ?? null,
        view,
        kwic: kwic === 'left' || kwic === 'right' ? kwic : null,
        vs,
      };
      const page = view ? KWIC_PAGE : PAGE_SIZE;
      const limit = Math.min(request.offset + page, MAX_LIMIT);
      [result, chart] = await Promise.all([
        search(s, { ...request, offset: 0, limit }),
        q.trim() ? trendOf(s, params, [q, ...vs]) : null,
      ]);
    }
  } catch (err) {
    error = friendlyError(err);
  }
  return (
    <SearchApp
      key={searchQueryString(state)}
      initialState={state}
      initialResult={result}
      initialTrend={chart}
      initialError={error}
      keywords={keywords}
      examples={EXAMPLES}
      browse={catalog && <ReportList catalog={catalog} />}
    />
  );
}
