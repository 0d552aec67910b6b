import Link from 'next/link';
import { paragraphPath } from '@/lib/serve/links';
import type { ReportView } from '@/lib/serve/report-view';
import { CopyButton, type CopyKind } from './CopyButton';
import { FindBar } from './FindBar';
import { LinkedParagraph } from './LinkedParagraph';
import { Marked } from './Marked';
import { searchQueryString } from './searchUrl';

interface Props {
  view: ReportView;
  /** The query whose matches are marked, if any. */
  q?: string;
  /** The paragraph a paragraph page is about, with its absolute URL (printed after it). */
  linked?: { id: string; url: string };
}

/** What each paragraph can copy: what its button says, and the start of its accessible name. */
const COPIES: { kind: CopyKind; text: string; name: string }[] = [
  { kind: 'link', text: '复制链接', name: '复制链接' },
  { kind: 'plain', text: '复制引用', name: '复制引用' },
  { kind: 'gbt7714', text: 'GB/T 7714', name: 'GB/T 7714 引用' },
];

const citeLink = (params: Record<string, string>) => `/api/cite?${new URLSearchParams(params).toString()}`;

/** A report, every paragraph with its anchor, its own link and citations, the query's matches marked. */
export function ReportArticle({ view, q, linked }: Props) {
  const { report, sections, matchCount } = view;
  const source = { title: report.title, publisher: report.source, date: report.date };
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="no-print text-sm">
          <Link href="/" className="text-red-800 hover:underline dark:text-red-200">
            ← 全部报告
          </Link>
        </p>
        <h1 className="text-2xl font-bold leading-snug text-stone-900 dark:text-stone-50">{report.title}</h1>
        {report.ocr && (
          <p role="note" className="text-sm text-amber-800 dark:text-amber-200">
            本文由扫描件识别，可能有误
          </p>
        )}
        <p className="text-sm text-stone-600 dark:text-stone-400">
          {report.date && <>发布时间：{report.date}</>}
          {report.source && <> · 来源：{report.source}</>}
          <a
            href={citeLink({ report: report.id })}
            download
            className="no-print ml-3 text-red-800 underline dark:text-red-200"
          >
            下载引用（RIS）
          </a>
        </p>
      </header>
      {q && <FindBar query={q} count={matchCount} backHref={`/?${searchQueryString({ q })}`} target={linked?.id} />}
      {linked && <LinkedParagraph id={linked.id} />}
      {sections.some((s) => s.title) && (
        <nav
          aria-labelledby="toc"
          className="no-print rounded-lg border border-stone-200 bg-white p-4 text-sm dark:border-stone-700 dark:bg-stone-800"
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
          {s.paragraphs.map((p) => {
            const href = paragraphPath(report.id, p.id);
            const cited = { ...source, section: s.title, ordinal: p.ordinal };
            const isLinked = linked?.id === p.id;
            return (
              <div
                key={p.id}
                id={p.id}
                className="paragraph rounded-md px-2 py-1 transition-colors"
                data-ordinal={p.ordinal}
                data-linked={isLinked ? 'true' : undefined}
                data-url={isLinked ? linked!.url : undefined}
              >
                <p className="indent-8 text-[1.05rem] leading-8" data-ordinal={p.ordinal}>
                  <Marked segments={p.segments} />
                </p>
                <p className="no-print flex flex-wrap justify-end gap-3">
                  {COPIES.map(({ kind, text, name }) => (
                    <CopyButton
                      key={kind}
                      href={href}
                      kind={kind}
                      source={cited}
                      text={text}
                      label={`${name}：第 ${p.ordinal} 段`}
                    />
                  ))}
                  <a
                    href={citeLink({ report: report.id, paragraph: p.id })}
                    download
                    aria-label={`RIS 引用文件：第 ${p.ordinal} 段`}
                    className="rounded px-1 text-xs text-stone-600 hover:text-red-800 dark:text-stone-400 dark:hover:text-red-200"
                  >
                    RIS
                  </a>
                </p>
              </div>
            );
          })}
        </section>
      ))}
    </article>
  );
}
