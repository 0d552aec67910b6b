/**
 * `npm run bench:collection`: the collection features over the poetry corpus (`npm run poetry`: every
 * line a paragraph, 1.37 M; every poem a report with a year, a kind, a region, a level and its author
 * as publisher, made up reproducibly from its source file and author).
 *
 * - Trends by year, in-process: 300 terms of the regular mix and the 12 commonest characters (the
 *   worst case: each matches a hundred thousand lines or more), p50 and p99; six terms at once
 *   against one at a time.
 * - Date order and report filters against plain relevance, on the regular mix: p50 and p99.
 * - Exactness: for queries of the mix under random filters, the search's total, the trend's buckets
 *   and the export's rows against the literal scan over the same filters.
 * - Export through the server (scripts/serve.ts): every hit of a common character as CSV, XLSX and
 *   JSON Lines, rows per second and the server's RSS growth while it streams.
 * Prints a table, then one JSON object as its last line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { literalScan } from '@/lib/eval/literal-scan';
import { loadIndex } from '@/lib/index/load';
import { rebuildReason } from '@/lib/indexer/freshness';
import type { SearchIndex } from '@/lib/index/model';
import { Scratch } from '@/lib/index/postings';
import { reportTable } from '@/lib/query/collection';
import { parseQuery } from '@/lib/query/parse';
import { trendOf } from '@/lib/query/trend';
import { NO_FILTERS, type CollectionFilters } from '@/lib/api/params';
import { startServer } from '../server-process';
import { preparePoetry } from '../poetry';
import { queryMix, random } from '../query-mix';
import { buildFigures, CACHE, quantile, round, searchOf, timeEach } from './common';
import { table, type Row } from './report';

const PORT = 3190;
/** Terms of the regular mix a trend is measured with. */
const TREND_TERMS = 300;
const COMMONEST = 12;

/** The poetry index, built again unless it is current for the corpus as now converted (with its report fields). */
function poetryIndex(file: string): SearchIndex {
  if (rebuildReason(file, preparePoetry().full) === null) return loadIndex(file);
  console.log('bench: building the poetry index (with report fields)');
  buildFigures(preparePoetry().full, file);
  return loadIndex(file);
}

/** The `n` characters in the most paragraphs. */
function commonest(index: SearchIndex, n: number): string[] {
  const { keys, offsets } = index.grams;
  const chars: { char: string; count: number }[] = [];
  for (let k = 0; k < keys.length && keys[k]! < 0x110000; k++) {
    const char = String.fromCodePoint(keys[k]!);
    if (/\p{Script=Han}/u.test(char)) chars.push({ char, count: offsets[k + 1]! - offsets[k]! });
  }
  return chars
    .sort((a, b) => b.count - a.count)
    .slice(0, n)
    .map((c) => c.char);
}

/** Line feeds in a chunk: rows of CSV (each ends in CR LF) and JSON Lines, counted without decoding. */
function lineFeeds(chunk: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) n++;
  return n;
}

/**
 * Downloads an export, counting its rows (line feeds, less a CSV's header; an XLSX's, X-Total-Count),
 * sampling the server's RSS; rows per second and the RSS growth.
 */
async function download(pid: number, query: string, lines: boolean, header = 0) {
  global.gc?.();
  // The server's own RSS from /proc (it starts no process with LIVE_INDEX=0): cheap enough to sample
  // often without taking the CPU from the server (pgrep for children, as serverRssMb does, did).
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  const before = rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 100);
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${PORT}/api/export?${query}`);
  if (!response.ok) throw new Error(`bench: export ${query}: ${response.status} ${await response.text()}`);
  const total = Number(response.headers.get('x-total-count'));
  const reader = response.body!.getReader();
  let bytes = 0;
  let feeds = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (lines) feeds += lineFeeds(value);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rows = lines ? feeds - header : total;
  return {
    hits: total,
    rows,
    seconds: round(seconds, 2),
    rowsPerSecond: Math.round(rows / seconds),
    mb: round(bytes / 1e6, 1),
    rssGrowthMb: Math.round(peak - before),
  };
}

async function main(): Promise<void> {
  const file = path.join(CACHE, 'poetry.bin');
  const index = poetryIndex(file);
  const norms = index.paragraphs.norms.all();
  const table0 = reportTable(index);
  const scratch = new Scratch();
  const search = searchOf(index);
  const byYear = (qs: string[], o: Partial<CollectionFilters> = {}) =>
    trendOf(
      index,
      qs.map((q) => ({ q, parsed: parseQuery(q) })),
      'year',
      { ...NO_FILTERS, ...o },
      scratch,
    );

  // Trends.
  const mix = queryMix(norms, 1000);
  const terms = mix.filter((q) => !q.includes(' ')).slice(0, TREND_TERMS);
  const common = commonest(index, COMMONEST);
  const trendTimes = (await timeEach(terms, (q) => byYear([q]), 20)).times;
  const commonTimes = (await timeEach(common, (q) => byYear([q]), 2)).times;
  const all = [...trendTimes, ...commonTimes];
  const sixes = Array.from({ length: 40 }, (_, k) => terms.slice(k * 6, k * 6 + 6));
  // Six at once against the same six one at a time: the buckets are shared, the counting is not.
  const sixTimes = (
    await timeEach(
      sixes.map((_, k) => String(k)),
      (k) => byYear(sixes[Number(k)]!),
      2,
    )
  ).times;
  const oneByOne = (
    await timeEach(
      sixes.map((_, k) => String(k)),
      (k) => sixes[Number(k)]!.map((q) => byYear([q])),
      2,
    )
  ).times;
  const oneTimes = (await timeEach(terms, (q) => byYear([q]), 20)).times;

  // Date order and filters on the regular mix.
  const regions = [...new Set(table0.fields.region)].filter(Boolean) as string[];
  const rand = random(11);
  const filtersFor = () => {
    const from = 1950 + Math.floor(rand() * 60);
    return { from: String(from), to: String(from + 15), region: [regions[Math.floor(rand() * regions.length)]!] };
  };
  const filters = mix.map(filtersFor);
  // Interleaved, query by query, after a warm-up pass: the machine's noise falls on the three alike.
  const ways = [
    (q: string) => search(q),
    (q: string) => search(q, { sort: 'newest' }),
    (q: string, i: number) => search(q, filters[i]!),
  ];
  for (const [i, q] of mix.entries()) for (const way of ways) await way(q, i);
  const plain: number[] = [];
  const newest: number[] = [];
  const filtered: number[] = [];
  for (const [i, q] of mix.entries())
    for (const [w, way] of ways.entries()) {
      const t = performance.now();
      await way(q, i);
      [plain, newest, filtered][w]!.push(performance.now() - t);
    }

  // Exactness under filters: search totals and trend buckets against the literal scan.
  const reportOf = index.paragraphs.columns.report;
  const passes = (r: number, o: ReturnType<typeof filtersFor>) => {
    const year = table0.years[r];
    return (
      year !== null &&
      year! >= Number(o.from) &&
      year! <= Number(o.to) &&
      (table0.fields.region[r] ?? '').startsWith(o.region[0]!)
    );
  };
  let checked = 0;
  let equal = 0;
  for (const q of mix.filter((m) => !m.includes(' ')).slice(0, 100)) {
    const o = filtersFor();
    const quoted = `"${q}"`;
    const expected = literalScan(norms, quoted).filter((id) => passes(reportOf[id]!, o));
    const { total } = await search(quoted, o);
    const [series] = byYear([quoted], o);
    const buckets = series!.buckets.reduce((n, b) => n + b.paragraphs, 0);
    checked++;
    if (total === expected.length && series!.paragraphs === expected.length && buckets === expected.length) equal++;
  }

  // Export through the server.
  const { server } = await startServer(PORT, '/api/health', {
    CONTENT_DIR: preparePoetry().full,
    SEARCH_INDEX: file,
    LIVE_INDEX: '0',
  });
  let exports: Record<string, ReturnType<typeof download> extends Promise<infer T> ? T : never> = {};
  try {
    const char = common[0]!; // the commonest: well over a hundred thousand lines
    const q = `q=${encodeURIComponent(char)}`;
    await download(server.pid!, `q=${encodeURIComponent(common[0]!)}&format=csv&from=1950&to=1951`, true); // warm-up
    exports = {
      csv: await download(server.pid!, `${q}&format=csv`, true, 1),
      jsonl: await download(server.pid!, `${q}&format=jsonl`, true),
      xlsx: await download(server.pid!, `${q}&format=xlsx`, false),
      kwic: await download(server.pid!, `${q}&format=jsonl&view=kwic`, true),
    };
  } finally {
    server.kill('SIGTERM');
  }

  const figures = {
    corpus: { paragraphs: index.paragraphs.count, reports: index.reports.count, years: new Set(table0.years).size },
    trend: {
      terms: terms.length,
      p50Ms: quantile(all, 0.5),
      p99Ms: quantile(all, 0.99),
      commonest: common.join(''),
      commonestP50Ms: quantile(commonTimes, 0.5),
      commonestMaxMs: quantile(commonTimes, 1),
      sixTermsP50Ms: quantile(sixTimes, 0.5),
      sixOneByOneP50Ms: quantile(oneByOne, 0.5),
      oneTermP50Ms: quantile(oneTimes, 0.5),
      sixOverOne: round(quantile(sixTimes, 0.5) / quantile(oneTimes, 0.5), 2),
      sixOverSixAlone: round(quantile(sixTimes, 0.5) / quantile(oneByOne, 0.5), 2),
    },
    search: {
      plainP50Ms: quantile(plain, 0.5),
      plainP99Ms: quantile(plain, 0.99),
      newestP50Ms: quantile(newest, 0.5),
      newestP99Ms: quantile(newest, 0.99),
      filteredP50Ms: quantile(filtered, 0.5),
      filteredP99Ms: quantile(filtered, 0.99),
      newestOverPlain: round(quantile(newest, 0.5) / quantile(plain, 0.5), 2),
      filteredOverPlain: round(quantile(filtered, 0.5) / quantile(plain, 0.5), 2),
    },
    exact: { checked, equal },
    export: exports,
  };
  console.log(
    table([
      ['measurement', 'figure'],
      ['trend by year, p50 / p99 (ms)', `${figures.trend.p50Ms} / ${figures.trend.p99Ms}`],
      [
        `trend of the ${COMMONEST} commonest (${figures.trend.commonest}), p50 / max`,
        `${figures.trend.commonestP50Ms} / ${figures.trend.commonestMaxMs}`,
      ],
      [
        'trend of six terms at once / one term, p50',
        `${figures.trend.sixTermsP50Ms} / ${figures.trend.oneTermP50Ms} (${figures.trend.sixOverOne}×)`,
      ],
      [
        'six at once / the same six one at a time, p50',
        `${figures.trend.sixTermsP50Ms} / ${figures.trend.sixOneByOneP50Ms} (${figures.trend.sixOverSixAlone}×)`,
      ],
      ['regular mix by relevance, p50 / p99', `${figures.search.plainP50Ms} / ${figures.search.plainP99Ms}`],
      [
        'newest first, p50 / p99',
        `${figures.search.newestP50Ms} / ${figures.search.newestP99Ms} (${figures.search.newestOverPlain}×)`,
      ],
      [
        'years and a region, p50 / p99',
        `${figures.search.filteredP50Ms} / ${figures.search.filteredP99Ms} (${figures.search.filteredOverPlain}×)`,
      ],
      ['search total, trend, buckets = literal scan', `${equal} / ${checked}`],
      ...Object.entries(exports).map(([format, e]): Row => [
        `export ${format}`,
        `${e.rows} rows, ${e.mb} MB in ${e.seconds} s: ${e.rowsPerSecond} rows/s, server RSS +${e.rssGrowthMb} MB`,
      ]),
    ]),
  );
  console.log(JSON.stringify(figures));
}

void main();
