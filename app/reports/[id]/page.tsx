import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CopyLink } from '@/app/components/CopyLink';
import { Marked } from '@/app/components/Marked';
import { firstParam } from '@/app/components/messages';
import { reportView } from '@/lib/search/reports';
import { getSearchIndex } from '@/lib/search/store';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const doc = getSearchIndex().docs.find((d) => d.id === id);
  return { title: doc ? `${doc.title} · 报告检索` : '未找到报告' };
}

export default async function ReportPage({ params, searchParams }: Props) {
  const { id } = await params;
  const q = firstParam((await searchParams).q);
  const view = reportView(getSearchIndex(), id, q);
  if (!view) notFound();
  const { doc, sections, matchCount } = view;
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold leading-snug text-stone-900">{doc.title}</h1>
        <p className="text-sm text-stone-500">
          {doc.date && <>发布时间：{doc.date}</>}
          {doc.source && <> · 来源：{doc.source}</>}
        </p>
        {q && (
          <p className="text-sm text-stone-600" data-testid="match-count">
            “{q}”在本文中共 {matchCount} 处匹配 · <a href={`/?q=${encodeURIComponent(q)}`} className="text-red-800 hover:underline">返回检索结果</a>
          </p>
        )}
      </header>
      {sections.some((s) => s.title) && (
        <nav aria-label="目录" className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
          <h2 className="mb-2 font-semibold text-stone-700">目录</h2>
          <ol className="list-decimal space-y-1 pl-5">
            {sections.filter((s) => s.title).map((s) => (
              <li key={s.anchor}>
                <a href={`#${s.anchor}`} className="text-red-800 hover:underline">{s.title}</a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {sections.map((s) => (
        <section key={s.anchor} id={s.anchor} className="space-y-4">
          {s.title && <h2 className="border-l-4 border-red-800 pl-3 text-xl font-semibold">{s.title}</h2>}
          {s.paragraphs.map((p) => (
            <div key={p.id} id={p.id} className="paragraph group rounded-md px-2 py-1 transition-colors">
              <p className="text-[1.05rem] leading-8 indent-8">
                <Marked segments={p.segments} />
              </p>
              <p className="text-right">
                <CopyLink href={`/reports/${encodeURIComponent(doc.id)}#${p.id}`} label={`复制第 ${p.ordinal} 段的链接`} />
              </p>
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}
