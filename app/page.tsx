import { headers } from 'next/headers';
import { Marked } from '@/app/components/Marked';
import { SearchForm } from '@/app/components/SearchForm';
import { firstParam, friendlyError } from '@/app/components/messages';
import { checkQueryEncoding } from '@/lib/search/http';
import { parseSearchParams } from '@/lib/search/params';
import { search } from '@/lib/search/search';
import { getSearchIndex } from '@/lib/search/store';
import type { SearchResponse } from '@/lib/search/types';

export const dynamic = 'force-dynamic';

const EXAMPLES = ['书香政协', '有事来协商', '43户', '推進高質量發展', '提案 -优秀'];
const PAGE_SIZE = 10;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Home({ searchParams }: Props) {
  const params = await searchParams;
  const q = firstParam(params.q);
  let result: SearchResponse | null = null;
  let error: string | null = null;
  if (q !== undefined) {
    try {
      checkQueryEncoding(await headers());
      const request = parseSearchParams({ q, offset: firstParam(params.offset), limit: String(PAGE_SIZE) });
      result = search(getSearchIndex(), request.q, request);
    } catch (err) {
      error = friendlyError(err);
    }
  }
  return (
    <div className="space-y-6">
      <SearchForm query={q ?? ''} />
      {error && (
        <p role="alert" data-testid="error" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          {error}
        </p>
      )}
      {result ? <Results result={result} /> : !error && <Intro />}
    </div>
  );
}

function Intro() {
  return (
    <section className="space-y-3 text-stone-700">
      <p>逐段检索工作报告原文：文中有的字词，这里都能找到；结果按相关度排序，匹配处高亮，点开直达原段落。</p>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        试试：
        {EXAMPLES.map((e) => (
          <a key={e} href={`/?q=${encodeURIComponent(e)}`} className="rounded-full border border-stone-300 bg-white px-3 py-1 hover:border-red-700 hover:text-red-800">
            {e}
          </a>
        ))}
      </p>
    </section>
  );
}

function Results({ result }: { result: SearchResponse }) {
  const { total, tookMs, hits, offset, limit, partial, query } = result;
  if (result.terms.length === 0) return <p className="text-stone-600">请输入要查找的词。</p>;
  const pageLink = (o: number) => `/?q=${encodeURIComponent(query)}${o > 0 ? `&offset=${o}` : ''}`;
  return (
    <section aria-label="检索结果" className="space-y-4">
      <p className="text-sm text-stone-600" data-testid="summary">
        找到 <strong>{total}</strong> 个段落 · 用时 {tookMs.toFixed(1)} 毫秒
      </p>
      {partial && (
        <p className="rounded-md border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900" data-testid="partial">
          没有段落同时包含全部查询词，以下是只包含部分词的结果。
        </p>
      )}
      {total === 0 && <p className="text-stone-600">没有找到包含“{query}”的段落。可以换个说法，或少输入几个词。</p>}
      <ol className="space-y-4">
        {hits.map((hit) => (
          <li key={hit.id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
            <a href={hit.url} className="block text-stone-900 hover:text-red-900" data-testid="hit">
              <Marked segments={hit.snippetSegments} />
            </a>
            <p className="mt-2 text-sm text-stone-500">
              《{hit.doc.title}》{hit.section ? ` · ${hit.section}` : ''} · 第 {hit.ordinal} 段
              {hit.doc.date ? ` · ${hit.doc.date}` : ''}
            </p>
          </li>
        ))}
      </ol>
      {total > limit && (
        <nav aria-label="分页" className="flex justify-between text-sm">
          {offset > 0 ? <a href={pageLink(Math.max(offset - limit, 0))} className="text-red-800 hover:underline">← 上一页</a> : <span />}
          <span className="text-stone-500">
            第 {Math.floor(offset / limit) + 1} / {Math.ceil(total / limit)} 页
          </span>
          {offset + limit < total ? <a href={pageLink(offset + limit)} className="text-red-800 hover:underline">下一页 →</a> : <span />}
        </nav>
      )}
    </section>
  );
}
