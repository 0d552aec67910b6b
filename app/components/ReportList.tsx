import type { CatalogPage } from '@/lib/results/catalog';

/** The reports in the collection, newest first, with links to the pages of the list. */
export function ReportList({ catalog }: { catalog: CatalogPage }) {
  const { total, page, pages, reports } = catalog;
  const pageLink = (n: number) => (n === 1 ? '/' : `/?page=${n}`);
  return (
    <section aria-labelledby="reports-heading" className="space-y-3" data-testid="report-list">
      <h2 id="reports-heading" className="text-lg font-semibold text-stone-800 dark:text-stone-100">
        收录的报告（{total} 份）
      </h2>
      <ol className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white dark:divide-stone-700 dark:border-stone-700 dark:bg-stone-800">
        {reports.map((r) => (
          <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-x-4 px-4 py-3">
            <a
              href={`/reports/${encodeURIComponent(r.id)}`}
              className="font-medium text-red-800 hover:underline dark:text-red-200"
            >
              {r.title}
            </a>
            <span className="text-sm text-stone-600 dark:text-stone-400">
              {r.date ?? '日期不详'} · {r.paragraphs} 段
            </span>
          </li>
        ))}
      </ol>
      {pages > 1 && (
        <nav aria-label="报告列表分页" className="flex items-center justify-between text-sm">
          {page > 1 ? (
            <a href={pageLink(page - 1)} rel="prev" className="text-red-800 hover:underline dark:text-red-200">
              ← 较新的报告
            </a>
          ) : (
            <span />
          )}
          <span className="text-stone-600 dark:text-stone-400">
            第 {page} / {pages} 页
          </span>
          {page < pages ? (
            <a href={pageLink(page + 1)} rel="next" className="text-red-800 hover:underline dark:text-red-200">
              较早的报告 →
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
