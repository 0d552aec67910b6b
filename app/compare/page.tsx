import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackToReports, Problem } from '@/app/components/PageParts';
import { CompareSummary } from '@/app/components/CompareSummary';
import { ComparePicker } from '@/app/components/ComparePicker';
import { CompareView } from '@/app/components/CompareView';
import type { CompareResponse } from '@/lib/api/compare';
import { friendlyError, isRequestError, NotFoundError } from '@/lib/api/errors';
import { COMPARE_PAGE } from '@/lib/api/limits';
import { firstParam } from '@/lib/api/params';
import { compareReports } from '@/lib/results/comparison';
import { searcher } from '@/lib/server/holder';

export const dynamic = 'force-dynamic';

/** Reports a title search lists at most. */
const FOUND = 20;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const params = await searchParams;
  const [a, b] = [firstParam(params.a), firstParam(params.b)];
  try {
    const s = searcher();
    const [ta, tb] = await Promise.all([a, b].map(async (id) => (id ? (await s.reportInfo(id))?.title : null)));
    if (ta && tb) return { title: `对比：${ta} ↔ ${tb} - 报告检索` };
  } catch {
    // The page says what is wrong.
  }
  return { title: '报告对比 - 报告检索' };
}

const link = 'text-red-800 hover:underline dark:text-red-200';

/**
 * Two reports side by side, paragraph against paragraph, with what changed marked; or, when only
 * one is named, the choice of the other. Rendered on the server: it works without JavaScript.
 */
export default async function ComparePage({ searchParams }: Props) {
  const params = await searchParams;
  const a = firstParam(params.a);
  const b = firstParam(params.b);
  const find = firstParam(params.find)?.slice(0, 100) ?? '';
  const changesOnly = firstParam(params.changes) === '1';
  // A long comparison is shown COMPARE_PAGE pairs at a time: `from` is where this page starts.
  const asked = Number(firstParam(params.from) ?? 0);
  const from = Number.isSafeInteger(asked) && asked > 0 ? asked - (asked % COMPARE_PAGE) : 0;
  let result: CompareResponse | null = null;
  let problem: string | null = null;
  let picker: Parameters<typeof ComparePicker>[0] | null = null;
  try {
    const s = searcher();
    if (a && b) result = await compareReports(s, a, b);
    else {
      const id = b ?? a;
      const report = id ? await s.reportInfo(id) : null;
      if (id && !report) throw new NotFoundError(id);
      if (report) {
        const fixed = { id: report.id, title: report.title, side: b ? 'b' : 'a' } as const;
        const [titled, earlier] = await Promise.all([s.reportsTitled(find, FOUND + 1), s.earlier(report.id)]);
        const found = titled.filter((r) => r.id !== id).slice(0, FOUND);
        picker = { fixed, earlier, find, found };
      } else problem = '请从报告页点击“对比”，选择要对比的两份报告。';
    }
  } catch (err) {
    if (isRequestError(err) && err.status === 404) notFound(); // a report named that is not in the collection: 404
    problem = friendlyError(err).message;
  }
  const toggle = (on: boolean) => `/compare?${new URLSearchParams({ a: a!, b: b!, ...(on ? { changes: '1' } : {}) })}`;
  const pageAt = (start: number) =>
    `/compare?${new URLSearchParams({ a: a!, b: b!, ...(changesOnly ? { changes: '1' } : {}), ...(start ? { from: String(start) } : {}) })}`;
  const pairHref = (pair: number) => {
    const start = pair - (pair % COMPARE_PAGE);
    return `${start === from ? '' : pageAt(start)}#pair-${pair + 1}`;
  };
  const pages = result && result.pairs.length > COMPARE_PAGE && (
    <nav className="no-print flex flex-wrap items-center gap-4 text-sm" aria-label="对比分页">
      <span>
        第 {from + 1}–{Math.min(from + COMPARE_PAGE, result.pairs.length)} 对，共 {result.pairs.length} 对
      </span>
      {from > 0 && (
        <a href={pageAt(from - COMPARE_PAGE)} className={link}>
          上一页
        </a>
      )}
      {from + COMPARE_PAGE < result.pairs.length && (
        <a href={pageAt(from + COMPARE_PAGE)} className={link}>
          下一页
        </a>
      )}
    </nav>
  );
  return (
    <article className="breakout space-y-6">
      <header className="space-y-2">
        <BackToReports />
        <h1 className="text-2xl font-bold leading-snug">
          {result ? (
            <>
              对比：<a href={result.a.url}>{result.a.title}</a> ↔ <a href={result.b.url}>{result.b.title}</a>
            </>
          ) : (
            '报告对比'
          )}
        </h1>
        {result && (
          <p className="no-print flex flex-wrap gap-4 text-sm">
            <a href={`/compare?${new URLSearchParams({ a: b!, b: a! })}`} className={link}>
              交换左右
            </a>
            <a href={toggle(!changesOnly)} className={link}>
              {changesOnly ? '显示全部段落' : '只看变化'}
            </a>
            <a href={`/compare?${new URLSearchParams({ b: b! })}`} className={link}>
              换一份报告对比
            </a>
          </p>
        )}
      </header>
      <Problem message={problem} />
      {picker && <ComparePicker {...picker} />}
      {result && (
        <>
          <CompareSummary result={result} pairHref={pairHref} />
          <div className="hidden grid-cols-2 gap-2 text-sm font-medium lg:grid" aria-hidden="true">
            <p>
              前：{result.a.title}
              {result.a.date && `（${result.a.date}）`}
            </p>
            <p>
              后：{result.b.title}
              {result.b.date && `（${result.b.date}）`}
            </p>
          </div>
          {pages}
          <CompareView result={result} changesOnly={changesOnly} from={from} count={COMPARE_PAGE} />
          {pages}
        </>
      )}
    </article>
  );
}
