import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackToReports, Problem } from '@/app/components/PageParts';
import type { SimilarResponse } from '@/lib/api/compare';
import { friendlyError, isRequestError, NotFoundError } from '@/lib/api/errors';
import { SIMILAR_PAGE } from '@/lib/api/limits';
import { firstParam } from '@/lib/api/params';
import { similarTo } from '@/lib/results/similar-paragraphs';
import { searcher } from '@/lib/server/holder';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: '相似段落 - 报告检索' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const link = 'text-red-800 hover:underline dark:text-red-200';

/** A paragraph and the paragraphs of other reports that say nearly the same, most alike first. */
export default async function SimilarPage({ searchParams }: Props) {
  const params = await searchParams;
  const report = firstParam(params.report) ?? '';
  const paragraph = firstParam(params.paragraph) ?? '';
  let result: SimilarResponse | null = null;
  let problem: string | null = null;
  try {
    if (!report || !paragraph) throw new NotFoundError('no paragraph named');
    result = await similarTo(searcher(), report, paragraph, SIMILAR_PAGE);
  } catch (err) {
    if (isRequestError(err) && err.status === 404) notFound(); // no such report or paragraph: 404
    problem = friendlyError(err).message;
  }
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <BackToReports />
        <h1 className="text-2xl font-bold">相似段落</h1>
      </header>
      <Problem message={problem} />
      {result && (
        <>
          <figure className="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-700 dark:bg-stone-800">
            <blockquote className="leading-8">{result.paragraph.text}</blockquote>
            <figcaption className="mt-2 text-sm text-stone-600 dark:text-stone-400">
              <a href={result.paragraph.paragraphUrl} className={link}>
                {result.paragraph.report.title} · 第 {result.paragraph.ordinal} 段
              </a>
            </figcaption>
          </figure>
          <section aria-labelledby="similar-heading" className="space-y-3">
            <h2 id="similar-heading" className="text-lg font-semibold">
              {result.hits.length
                ? `其他报告中措辞相近的段落（${result.hits.length} 段）`
                : '其他报告中没有措辞相近的段落'}
            </h2>
            <p className="text-sm text-stone-600 dark:text-stone-400">
              按相同字词（相邻两字）所占比例计算相似度，列出相似度不低于 {Math.round(result.threshold * 100)}% 的段落。
            </p>
            <ol className="space-y-3">
              {result.hits.map((h) => (
                <li
                  key={`${h.report.id}/${h.id}`}
                  className="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-700 dark:bg-stone-800"
                >
                  <p className="mb-1 text-sm">
                    <a href={h.paragraphUrl} className={link}>
                      {h.report.title} · 第 {h.ordinal} 段
                    </a>
                    <span className="ml-2 text-stone-600 dark:text-stone-400">
                      {h.report.date ?? '日期不详'} · 相似度 {Math.round(h.similarity * 100)}%
                    </span>
                  </p>
                  <p className="leading-7">{h.text}</p>
                  <p className="no-print mt-1 text-sm">
                    <a
                      href={`/compare?${new URLSearchParams({ a: h.report.id, b: result.paragraph.report.id })}`}
                      className={link}
                    >
                      对比两份报告
                    </a>
                  </p>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </article>
  );
}
