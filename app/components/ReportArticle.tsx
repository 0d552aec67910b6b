import Link from 'next/link';
import { paragraphPath } from '@/lib/results/links';
import type { ReportView } from '@/lib/results/report-view';
import { FindBar } from './FindBar';
import { LinkedParagraph } from './LinkedParagraph';
import { Marked } from './Marked';
import { ParagraphActions } from './ParagraphActions';
import { searchQueryString } from './searchUrl';

interface Props {
  view: ReportView;
  /** The query whose matches are marked, if any. */
  q?: string;
  /** The paragraph a paragraph page is about, with its absolute URL (printed after it). */
  linked?: { id: string; url: string };
}

type Section = ReportView['sections'][number];

const citeLink = (params: Record<string, string>) => `/api/cite?${new URLSearchParams(params).toString()}`;

/** A report, every paragraph with its anchor, its own link and citations, the query's matches marked. */
export function ReportArticle({ view, q, linked }: Props) {
  const { report, sections, matchCount } = view;
  return (
    <article className="space-y-6">
      <ReportHeader view={view} />
      {q && <FindBar query={q} count={matchCount} backHref={`/?${searchQueryString({ q })}`} target={linked?.id} />}
      {linked && <LinkedParagraph id={linked.id} />}
      <Contents sections={sections} />
      {sections.map((s) => (
        <ReportSection key={s.anchor} section={s} report={report} linked={linked} />
      ))}
    </article>
  );
}

/** The report's title, its fields, citation and comparison links, its distinctive words. */
function ReportHeader({ view }: { view: ReportView }) {
  const { report } = view;
  return (
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
        {[
          report.date && `发布时间：${report.date}`,
          report.source && `来源：${report.source}`,
          report.region && `地区：${report.region}`,
          report.level && `级别：${report.level}`,
          report.kind && `类别：${report.kind}`,
          report.year && report.year !== Number(report.date?.slice(0, 4)) && `所述年度：${report.year}`,
        ]
          .filter(Boolean)
          .join(' · ')}
        <a
          href={citeLink({ report: report.id })}
          download
          className="no-print ml-3 text-red-800 underline dark:text-red-200"
        >
          下载引用（RIS）
        </a>
      </p>
      <p className="no-print flex flex-wrap gap-x-4 text-sm">
        {view.earlier && (
          <a
            href={`/compare?${new URLSearchParams({ a: view.earlier.id, b: report.id })}`}
            className="text-red-800 underline dark:text-red-200"
          >
            对比上一年：{view.earlier.title}
          </a>
        )}
        <a
          href={`/compare?${new URLSearchParams({ b: report.id })}`}
          className="text-red-800 underline dark:text-red-200"
        >
          {view.earlier ? '与其他报告对比' : '对比'}
        </a>
      </p>
      {view.distinctive.length > 0 && (
        <p className="no-print text-sm text-stone-700 dark:text-stone-300" data-testid="distinctive">
          本报告特色词（与其他报告相比）：
          {view.distinctive.map((w, i) => (
            <span key={w}>
              {i > 0 && '、'}
              <a href={`/?${searchQueryString({ q: w })}`} className="text-red-800 hover:underline dark:text-red-200">
                {w}
              </a>
            </span>
          ))}
        </p>
      )}
    </header>
  );
}

/** The table of contents, when the report has section titles. */
function Contents({ sections }: { sections: Section[] }) {
  if (!sections.some((s) => s.title)) return null;
  return (
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
  );
}

/** A section: its heading, then each paragraph with its anchor, marks and actions. */
function ReportSection({
  section: s,
  report,
  linked,
}: {
  section: Section;
  report: ReportView['report'];
  linked: Props['linked'];
}) {
  const source = { title: report.title, publisher: report.source, date: report.date };
  return (
    <section id={s.anchor} aria-label={s.title ?? '导语'} className="space-y-4">
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
            className="paragraph rounded-md py-1 pl-2 pr-9 transition-colors"
            data-ordinal={p.ordinal}
            data-linked={isLinked ? 'true' : undefined}
            data-url={isLinked ? linked!.url : undefined}
          >
            <p className="indent-8 text-[1.05rem] leading-8" data-ordinal={p.ordinal}>
              <Marked segments={p.segments} />
            </p>
            <ParagraphActions
              href={href}
              ordinal={p.ordinal}
              cited={cited}
              risHref={citeLink({ report: report.id, paragraph: p.id })}
              similarHref={`/similar?${new URLSearchParams({ report: report.id, paragraph: p.id })}`}
            />
          </div>
        );
      })}
    </section>
  );
}
