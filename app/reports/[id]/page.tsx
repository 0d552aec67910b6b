import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CopyButton } from '@/app/components/CopyButton';
import { FindBar } from '@/app/components/FindBar';
import { Marked } from '@/app/components/Marked';
import { searchQueryString } from '@/app/components/searchUrl';
import { firstParam } from '@/lib/serve/params';
import { reportView } from '@/lib/serve/report-view';
import { getSearchIndex } from '@/lib/serve/store';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { reports } = getSearchIndex();
  const at = reports.indexOf(id);
  const report = at >= 0 ? reports.get(at) : null;
  return { title: report ? `${report.title} · 报告检索` : '未找到报告' };
}

/** A report, every paragraph with its anchor, copy controls, and the query's matches marked. */
export default async function ReportPage({ params, searchParams }: Props) {
  const { id } = await params;
  const q = firstParam((await searchParams).q);
  const view = reportView(getSearchIndex(), id, q);
  if (!view) notFound();
  const { report: doc, sections, matchCount } = view;
  const path = `/reports/${encodeURIComponent(doc.id)}`;
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href="/" className="text-red-800 hover:underline dark:text-red-200">
            ← 全部报告
          </Link>
        </p>
        <h1 className="text-2xl font-bold leading-snug text-stone-900 dark:text-stone-50">{doc.title}</h1>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          {doc.date && <>发布时间：{doc.date}</>}
          {doc.source && <> · 来源：{doc.source}</>}
        </p>
      </header>
      {q && <FindBar query={q} count={matchCount} backHref={`/?${searchQueryString({ q })}`} />}
      {sections.some((s) => s.title) && (
        <nav
          aria-labelledby="toc"
          className="rounded-lg border border-stone-200 bg-white p-4 text-sm dark:border-stone-700 dark:bg-stone-800"
        >
          <h2 id="toc" className="mb-2 font-semibold text-stone-700 dark:text-stone-200">
            目录
          </h2>
          <ol className="list-decimal space-y-1 pl-5">
            {sections
              .filter((s) => s.title)
              .map((s) => (
                <li key={s.anchor}>
                  <a href={`#${s.anchor}`} className="text-red-800 hover:underline dark:text-red-200">
                    {s.title}
                  </a>
                </li>
              ))}
          </ol>
        </nav>
      )}
      {sections.map((s) => (
        <section key={s.anchor} id={s.anchor} aria-label={s.title ?? '导语'} className="space-y-4">
          {s.title && (
            <h2 className="border-l-4 border-red-800 pl-3 text-xl font-semibold dark:border-red-400">{s.title}</h2>
          )}
          {s.paragraphs.map((p) => (
            <div key={p.id} id={p.id} className="paragraph rounded-md px-2 py-1 transition-colors">
              <p className="indent-8 text-[1.05rem] leading-8">
                <Marked segments={p.segments} />
              </p>
              <p className="flex justify-end gap-3">
                <CopyButton href={`${path}#${p.id}`} text="复制链接" label={`复制链接：第 ${p.ordinal} 段`} />
                <CopyButton
                  href={`${path}#${p.id}`}
                  prefix={`《${doc.title}》, ${s.title ?? '导语'}, 第${p.ordinal}段, `}
                  text="复制引用"
                  label={`复制引用：第 ${p.ordinal} 段`}
                />
              </p>
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}
