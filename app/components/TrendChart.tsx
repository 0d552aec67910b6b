import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, LinePath } from '@visx/shape';
import Link from 'next/link';
import type { TrendResponse, TrendSeries } from '@/lib/api/trend';
import { searchHref, type SearchState } from './searchUrl';

const WIDTH = 640;
const HEIGHT = 200;
const MARGIN = { top: 10, right: 12, bottom: 26, left: 44 };
/** Year labels shown under the axis at most: beyond, every n-th. */
const MAX_LABELS = 12;
/** One colour per series, dark enough on white and light enough on the dark theme's stone. */
const COLORS = ['#b91c1c', '#2563eb', '#059669', '#d97706', '#7c3aed', '#db2777'];

/**
 * How often the query (and the queries compared with it) appears year by year: occurrences per
 * 10,000 characters of that year's reports, bars for one query, lines for several. Rendered as SVG
 * on the server, so it shows without JavaScript. Each year is a link that filters the results to
 * it. The numbers are in a table beside it, for screen readers and for copying.
 */
export function TrendChart({ trend, state }: { trend: TrendResponse; state: SearchState }) {
  const [first] = trend.series;
  if (!first || first.paragraphs === 0) return null;
  const keys = first.buckets.map((b) => b.key);
  const yearHref = (key: string) => searchHref({ ...state, from: key, to: key, offset: 0 });
  if (keys.length < 2) return <TrendSingle year={keys[0]} href={yearHref} />;
  const inner = { width: WIDTH - MARGIN.left - MARGIN.right, height: HEIGHT - MARGIN.top - MARGIN.bottom };
  const x = scaleBand({ domain: keys, range: [0, inner.width], padding: 0.2 });
  const max = Math.max(...trend.series.flatMap((s) => s.buckets.map((b) => b.perTenThousand)));
  const y = scaleLinear({ domain: [0, max || 1], range: [inner.height, 0], nice: true });
  const step = Math.ceil(keys.length / MAX_LABELS);
  const several = trend.series.length > 1;
  const chosen = state.from && state.from === state.to ? state.from : null;
  const caption = `${trend.series.map((s) => `“${s.q}”`).join('、')}逐年出现频率（每万字出现次数）`;
  return (
    <figure className="space-y-2" data-testid="trend">
      <figcaption id="trend-caption" className="text-sm text-stone-700 dark:text-stone-300">
        {caption}
        <span className="text-stone-500 dark:text-stone-400"> · 点年份只看那一年</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full text-stone-500 dark:text-stone-400"
        role="img"
        aria-labelledby="trend-caption"
        aria-describedby="trend-table"
      >
        <Group left={MARGIN.left} top={MARGIN.top}>
          {several
            ? trend.series.map((s, k) => (
                <LinePath
                  key={s.q}
                  data={s.buckets}
                  x={(b) => x(b.key)! + x.bandwidth() / 2}
                  y={(b) => y(b.perTenThousand)}
                  stroke={COLORS[k % COLORS.length]}
                  strokeWidth={2}
                />
              ))
            : first.buckets.map((b) => (
                <Bar
                  key={b.key}
                  x={x(b.key)}
                  y={y(b.perTenThousand)}
                  width={x.bandwidth()}
                  height={inner.height - y(b.perTenThousand)}
                  fill={COLORS[0]}
                  opacity={chosen && chosen !== b.key ? 0.35 : 1}
                />
              ))}
          {keys.map((key) => (
            <Link key={key} href={yearHref(key)} aria-label={`只看 ${key} 年`} data-testid="trend-year">
              <rect
                x={x(key)! - (x.step() - x.bandwidth()) / 2}
                y={0}
                width={x.step()}
                height={inner.height}
                fill="transparent"
                className="hover:fill-stone-500/10"
              >
                <title>{`${key} 年：${trend.series.map((s) => describe(s, key)).join('；')}`}</title>
              </rect>
            </Link>
          ))}
          <AxisLeft
            scale={y}
            numTicks={4}
            stroke="currentColor"
            tickStroke="currentColor"
            tickLabelProps={() => ({ ...tickLabel(), textAnchor: 'end' as const, dx: -4, dy: '0.33em' })}
          />
          <AxisBottom
            top={inner.height}
            scale={x}
            tickValues={keys.filter((_, i) => i % step === 0)}
            stroke="currentColor"
            tickStroke="currentColor"
            tickLabelProps={tickLabel}
          />
        </Group>
      </svg>
      {several && <Legend series={trend.series} />}
      <TrendTable trend={trend} yearHref={yearHref} />
    </figure>
  );
}

/** What the chart says when the hits are all in one year, or in none. */
function TrendSingle({ year, href }: { year: string | undefined; href: (key: string) => string }) {
  return (
    <p className="text-sm text-stone-600 dark:text-stone-300" data-testid="trend-single">
      {year !== undefined ? (
        <>
          命中的段落都在{' '}
          <Link href={href(year)} className="text-red-800 underline dark:text-red-200">
            {year} 年
          </Link>
          的报告里，没有逐年变化可看。
        </>
      ) : (
        '命中的报告都没有年份，没有逐年变化可看。'
      )}
    </p>
  );
}

/** The colour of each series, for several. */
function Legend({ series }: { series: TrendSeries[] }) {
  return (
    <ul className="flex flex-wrap gap-3 text-sm" aria-label="图例">
      {series.map((s, k) => (
        <li key={s.q} className="flex items-center gap-1">
          <span className="inline-block h-1 w-4" style={{ background: COLORS[k % COLORS.length] }} />
          {s.q}
        </li>
      ))}
    </ul>
  );
}

const tickLabel = () => ({ fill: 'currentColor', fontSize: 11, textAnchor: 'middle' as const });

function describe(s: TrendSeries, key: string): string {
  const b = s.buckets.find((bucket) => bucket.key === key)!;
  return `“${s.q}” ${b.paragraphs} 段，出现 ${b.occurrences} 次，每万字 ${b.perTenThousand}`;
}

/** The chart's numbers: a year per row, for each query its paragraphs, occurrences and rate. */
function TrendTable({ trend, yearHref }: { trend: TrendResponse; yearHref: (key: string) => string }) {
  const cell = 'px-2 py-1 text-right tabular-nums';
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-stone-600 dark:text-stone-300">数据表</summary>
      <div className="overflow-x-auto">
        <table id="trend-table" className="mt-2 border-collapse" data-testid="trend-table">
          <caption className="sr-only">逐年段落数、出现次数与每万字出现次数</caption>
          <thead>
            <tr className="border-b border-stone-300 dark:border-stone-600">
              <th scope="col" className="px-2 py-1 text-left">
                年份
              </th>
              {trend.series.map((s) => (
                <th key={s.q} scope="colgroup" colSpan={3} className="px-2 py-1">
                  {s.q}（段 / 次 / 每万字）
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trend.series[0]!.buckets.map((b, i) => (
              <tr key={b.key} className="border-b border-stone-200 dark:border-stone-700">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  <Link href={yearHref(b.key)} className="text-red-800 hover:underline dark:text-red-200">
                    {b.key}
                  </Link>
                </th>
                {trend.series.map((s) => (
                  <Cells key={s.q} bucket={s.buckets[i]!} className={cell} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Cells({ bucket, className }: { bucket: TrendSeries['buckets'][number]; className: string }) {
  return (
    <>
      <td className={className}>{bucket.paragraphs}</td>
      <td className={className}>{bucket.occurrences}</td>
      <td className={className}>{bucket.perTenThousand}</td>
    </>
  );
}
