import type { ReportSummary } from '@/lib/backend/types';

const link = 'text-red-800 hover:underline dark:text-red-200';

interface Props {
  /** The report to compare, and which side it takes. */
  fixed: { id: string; title: string; side: 'a' | 'b' };
  /** The same kind of report one year earlier, when there is one. */
  earlier: ReportSummary | null;
  /** The title searched for, and the reports found. */
  find: string;
  found: ReportSummary[];
}

/** Choosing what to compare a report with: last year's report of its kind, or any report by title. Works without JavaScript. */
export function ComparePicker({ fixed, earlier, find, found }: Props) {
  const href = (other: string) =>
    fixed.side === 'b'
      ? `/compare?${new URLSearchParams({ a: other, b: fixed.id })}`
      : `/compare?${new URLSearchParams({ a: fixed.id, b: other })}`;
  return (
    <section aria-labelledby="pick-heading" className="space-y-4">
      <h2 id="pick-heading" className="text-lg font-semibold">
        选择对比的报告
      </h2>
      {earlier && (
        <p>
          与上一年同类报告对比：
          <a href={href(earlier.id)} className={link}>
            {earlier.title}
          </a>
        </p>
      )}
      <form action="/compare" method="get" role="search" className="flex flex-wrap gap-2">
        <input type="hidden" name={fixed.side} value={fixed.id} />
        <label htmlFor="find" className="sr-only">
          按标题查找报告
        </label>
        <input
          id="find"
          name="find"
          defaultValue={find}
          placeholder="按标题查找报告"
          className="min-w-0 flex-1 rounded border border-stone-300 px-3 py-2 dark:border-stone-600 dark:bg-stone-800"
        />
        <button type="submit" className="rounded bg-red-800 px-4 py-2 text-white hover:bg-red-900">
          查找
        </button>
      </form>
      {find && (
        <ul className="space-y-1" aria-label="找到的报告">
          {found.length === 0 && <li className="text-stone-600 dark:text-stone-400">没有标题含“{find}”的其他报告。</li>}
          {found.map((r) => (
            <li key={r.id}>
              <a href={href(r.id)} className={link}>
                {r.title}
              </a>
              <span className="ml-2 text-sm text-stone-600 dark:text-stone-400">{r.date ?? '日期不详'}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
