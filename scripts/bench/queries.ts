/** The engine in-process: load, memory by part, latency of the mix against a literal scan, counts, and per kind. */
import { literalScan } from '@/lib/eval/literal-scan';
import { loadIndex } from '@/lib/index/load';
import type { SearchIndex } from '@/lib/index/model';
import { queryMix } from '../query-mix';
import { literalForm, MIX_SIZE, quantile, round, rssMb, searchOf, timeEach } from './common';

/** Where a loaded index's bytes are, by part, in MB (typed arrays and UTF-8 columns as stored). */
export function memoryBreakdown(index: SearchIndex): Record<string, number> {
  const column = (c: { bytes: Uint8Array; offsets: Uint32Array }) => c.bytes.byteLength + c.offsets.byteLength;
  const p = index.paragraphs;
  const mb = (n: number) => round(n / 1e6, 1);
  return {
    textsMb: mb(column(p.texts.patches)),
    normsMb: mb(column(p.norms)),
    paragraphIdsMb: mb(p.ids.hashes.byteLength + p.ids.repeated.byteLength + p.ids.repeats.byteLength),
    paragraphColumnsMb: mb(Object.values(p.columns).reduce((n, a) => n + a.byteLength, 0)),
    reportsMb: mb(column(index.reports.ids) + column(index.reports.bodies) + index.reports.bounds.byteLength),
    wordPostingsMb: mb(
      column(index.wordPostings.words) + index.wordPostings.offsets.byteLength + index.wordPostings.postings.byteLength,
    ),
    gramPostingsMb: mb(
      index.grams.keys.byteLength +
        index.grams.offsets.byteLength +
        index.grams.postings.starts.byteLength +
        index.grams.postings.bytes.byteLength,
    ),
    pinyinMb: mb(
      [index.pinyin.full, index.pinyin.initials].reduce((n, t) => n + column(t.keys) + t.words.byteLength, 0),
    ),
    storedAnswersMb: mb(JSON.stringify([...index.answers]).length),
  };
}

/** In-process latency of the engine and of a literal scan over the same mix, and whether counts agree. */
export async function measureQueries(indexFile: string) {
  global.gc?.();
  const before = rssMb();
  const heapBefore = process.memoryUsage();
  const loadStarted = performance.now();
  const index = loadIndex(indexFile);
  const loadMs = Math.round(performance.now() - loadStarted);
  global.gc?.();
  const indexRssMb = rssMb() - before;
  const heapAfter = process.memoryUsage();
  const memory = {
    ...memoryBreakdown(index),
    v8HeapMb: Math.round((heapAfter.heapUsed - heapBefore.heapUsed) / 1e6),
    buffersMb: Math.round((heapAfter.arrayBuffers - heapBefore.arrayBuffers) / 1e6),
  };
  const norms = index.paragraphs.norms.all();
  const mix = queryMix(norms, MIX_SIZE);
  const search = searchOf(index);
  const engine = (await timeEach(mix, (q) => search(q))).times;
  const scanned = await timeEach(mix, (q) => literalScan(norms, q), 10);
  const scanTimes = scanned.times;
  // A partial answer (no paragraph has every term) counts as none, as the scan does.
  const literalTotal = async (q: string) => {
    const r = await search(literalForm(q), { limit: 1 });
    return r.partial ? 0 : r.total;
  };
  const mismatches: string[] = [];
  for (const [i, q] of mix.entries()) if ((await literalTotal(q)) !== scanned.results[i]!.length) mismatches.push(q);
  const worst = engine.reduce((w, ms, i) => (ms > w.ms ? { ms, q: mix[i]! } : w), { ms: 0, q: '' });
  return {
    index,
    norms,
    mix,
    times: engine,
    memory,
    loadMs,
    indexRssMb,
    scanResults: scanned.results,
    figures: {
      p50Ms: quantile(engine, 0.5),
      p95Ms: quantile(engine, 0.95),
      p99Ms: quantile(engine, 0.99),
      worstMs: round(worst.ms),
      worstQuery: worst.q,
      scanP50Ms: quantile(scanTimes, 0.5),
      scanP99Ms: quantile(scanTimes, 0.99),
      speedupP50: round(quantile(scanTimes, 0.5) / Math.max(quantile(engine, 0.5), 0.001), 1),
      countsMatchScan: mismatches.length === 0,
      countMismatches: mismatches.slice(0, 5),
    },
  };
}

/** The engine alone, one thread: searches of the mix, each with its JSON, for `seconds`. */
export async function engineQps(index: SearchIndex, mix: string[], seconds = 5): Promise<number> {
  const search = searchOf(index);
  for (const q of mix.slice(0, 200)) JSON.stringify(await search(q));
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) JSON.stringify(await search(mix[n++ % mix.length]!));
  return Math.round(n / seconds);
}

/** Which kind a query of the mix is, for per-kind comparisons: 1, 2, 3, 4–6 or 7+ characters, or two terms. */
export function kindOf(q: string): string {
  if (q.includes(' ')) return 'two terms';
  const n = Array.from(q).length;
  return n <= 3 ? `${n} chars` : n <= 6 ? '4-6 chars' : '7+ chars';
}

/** p50 per kind of query. */
export function byKind(mix: string[], times: number[]): Record<string, number> {
  const groups = new Map<string, number[]>();
  mix.forEach((q, i) => groups.set(kindOf(q), [...(groups.get(kindOf(q)) ?? []), times[i]!]));
  return Object.fromEntries([...groups].sort().map(([k, ts]) => [k, quantile(ts, 0.5)]));
}
