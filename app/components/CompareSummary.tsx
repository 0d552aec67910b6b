import type { CompareResponse } from '@/lib/api/compare';
import { searchQueryString } from './searchUrl';

const link = 'text-red-800 hover:underline dark:text-red-200';

/** Words one side uses far more than the other, each a search of the collection. */
function Terms({ label, words }: { label: string; words: string[] }) {
  return (
    <div>
      <dt className="text-sm font-medium text-stone-700 dark:text-stone-300">{label}</dt>
      <dd className="mt-1 flex flex-wrap gap-2 text-sm">
        {words.length === 0 && <span className="text-stone-600 dark:text-stone-400">（无明显差异）</span>}
        {words.map((w) => (
          <a key={w} href={`/?${searchQueryString({ q: w })}`} className={link}>
            {w}
          </a>
        ))}
      </dd>
    </div>
  );
}

/** What changed at a glance: paragraphs new, dropped, changed and unchanged; the figures that changed; each side's own words. */
export function CompareSummary({
  result,
  pairHref = (pair) => `#pair-${pair + 1}`,
}: {
  result: CompareResponse;
  /** Where pair `pair` (0-based) is shown: on this page, or on another page of a long comparison. */
  pairHref?: (pair: number) => string;
}) {
  const { summary } = result;
  const counts = [
    ['新增', summary.new],
    ['删去', summary.dropped],
    ['修改', summary.changed],
    ['未变', summary.same],
  ] as const;
  return (
    <section
      aria-labelledby="summary-heading"
      className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-700 dark:bg-stone-800"
    >
      <h2 id="summary-heading" className="font-semibold">
        变化概览
      </h2>
      <ul className="flex flex-wrap gap-x-6 gap-y-1" data-testid="compare-counts">
        {counts.map(([label, n]) => (
          <li key={label}>
            {label} <strong>{n}</strong> 段
          </li>
        ))}
      </ul>
      {summary.figures.length > 0 && (
        <div>
          <h3 className="text-sm font-medium text-stone-700 dark:text-stone-300">数字变化</h3>
          <ul className="mt-1 space-y-1 text-sm" data-testid="compare-figures">
            {summary.figures.map((f, i) => (
              <li key={i}>
                <a href={pairHref(f.pair)} className={link}>
                  {f.before}
                  <del className="diff-removed mx-1">{f.a}</del>→<ins className="diff-added mx-1">{f.b}</ins>
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="grid gap-3 sm:grid-cols-2">
        <Terms label={`前者多用：${result.a.title}`} words={result.a.distinctive} />
        <Terms label={`后者多用：${result.b.title}`} words={result.b.distinctive} />
      </dl>
    </section>
  );
}
