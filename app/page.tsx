import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { searchTitle } from '@/app/components/searchUrl';
import { ReportList } from '@/app/components/ReportList';
import { SearchApp } from '@/app/components/SearchApp';
import { catalogPage, type CatalogPage } from '@/lib/serve/catalog';
import { friendlyError } from '@/lib/serve/errors';
import type { ShownError } from '@/lib/serve/messages';
import { checkQueryEncoding } from '@/lib/serve/http';
import { firstParam, MAX_LIMIT, PAGE_SIZE, parseSearchParams } from '@/lib/serve/params';
import { search } from '@/lib/serve/search';
import { getSearchIndex } from '@/lib/serve/store';
import type { SearchResponse } from '@/lib/serve/types';

export const dynamic = 'force-dynamic';

const EXAMPLES = ['书香政协', '有事来协商', '43户', '推進高質量發展', '提案 -优秀'];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A results page is titled with its query, so tabs and history say what was searched. */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = firstParam((await searchParams).q)?.trim();
  return { title: q ? searchTitle(q) : '报告检索' };
}

/**
 * The search page. Results are rendered here on the server, so they show without JavaScript; the
 * page's `offset` means "hits already shown", so "加载更多" without JavaScript shows them all again
 * plus the next ten. Without a query it lists the reports in the collection (`?page=` pages it).
 */
export default async function Home({ searchParams }: Props) {
  const params = await searchParams;
  const q = firstParam(params.q);
  let result: SearchResponse | null = null;
  let error: ShownError | null = null;
  let keywords: string[] = [];
  let catalog: CatalogPage | null = null;
  try {
    const index = getSearchIndex();
    keywords = index.keywords;
    catalog = catalogPage(index, Number(firstParam(params.page) ?? 1));
    if (q !== undefined) {
      checkQueryEncoding(await headers());
      const request = parseSearchParams({
        q,
        report: firstParam(params.report),
        section: firstParam(params.section),
        offset: firstParam(params.offset),
      });
      const limit = Math.min(request.offset + PAGE_SIZE, MAX_LIMIT);
      result = search(index, request.q, { ...request, offset: 0, limit });
    }
  } catch (err) {
    error = friendlyError(err);
  }
  return (
    <SearchApp
      initialQuery={q ?? ''}
      initialResult={result}
      initialError={error}
      keywords={keywords}
      examples={EXAMPLES}
      browse={catalog && <ReportList catalog={catalog} />}
    />
  );
}
