/**
 * `npm run bench:compare`: comparing reports and finding similar paragraphs, over the long-paragraph
 * poetry corpus (`npm run poetry`; ~300-character paragraphs, the shape of reports).
 *
 * - Two 300-paragraph reports: one of the corpus and a "next year" made from it (paragraphs
 *   dropped, added, reworded, moved, split and merged), compared as /api/compare does, JSON included.
 * - The largest pair of the corpus: time and memory growth.
 * - Similar paragraphs of 1,000 paragraphs drawn at random: p50 and p99, and the same counting
 *   every bigram's paragraphs and by prefix filtering, the two it was chosen between.
 * - Planted near-duplicates: 200 paragraphs copied into a report of their own with three characters
 *   changed; the share of copies found for their originals (recall), and that nothing shown is below
 *   the threshold.
 * - Distinctive terms: what computing them adds to a build, over the corpus.
 * Prints a table, then one JSON object as its last line.
 */
import { readContent } from '@/lib/content/folder';
import type { ReportSource } from '@/lib/content/types';
import { SIMILARITY_THRESHOLD, similarityOf, similarParagraphs, SKIPPED_SHARE } from '@/lib/compare/similar';
import { normalize } from '@/lib/text/normalize';
import { Scratch } from '@/lib/index/postings';
import { buildIndex } from '@/lib/indexer/builder';
import { distinctiveColumn } from '@/lib/indexer/distinctive';
import { searcherOf } from '@/lib/backend/embedded/searcher';
import { compareReports } from '@/lib/results/comparison';
import { POETRY_DIRS, preparePoetry } from '../poetry';
import { quantile, round, rssMb, scaled } from './common';
import { table } from './report';

const SIMILAR_SAMPLE = scaled(1000, 200);
const PLANTED = scaled(200, 50);
/** Paragraphs of each report of the pair (a smoke corpus has no report of 300). */
const SIDE = scaled(300, 50);
/** Characters a planted original has at least. */
const MIN_PLANTED_LENGTH = 60;

/** A seeded random number generator (an LCG): the same run every time. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** A paragraph with `n` of its characters replaced by characters drawn from `pool`. */
function reworded(text: string, n: number, pool: string, random: () => number): string {
  const chars = Array.from(text);
  for (let k = 0; k < n; k++) chars[Math.floor(random() * chars.length)] = pool[Math.floor(random() * pool.length)]!;
  return chars.join('');
}

/** "Next year's" report from one of 300 paragraphs: dropped, added, reworded, moved, split, merged. */
function nextYear(report: ReportSource, other: ReportSource, random: () => number): ReportSource {
  const texts = report.paragraphs.map((p) => p.text);
  const out: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    const r = random();
    const t = texts[i]!;
    if (r < 0.08) continue; // dropped
    if (r < 0.28) out.push(reworded(t, 6, '一二三四五六七八九十', random));
    else if (r < 0.31)
      out.push(t.slice(0, t.length >> 1), t.slice(t.length >> 1)); // split
    else if (r < 0.34 && i + 1 < texts.length)
      out.push(t + texts[++i]!); // merged with the next
    else out.push(t);
    if (random() < 0.08) out.push(other.paragraphs[Math.floor(random() * other.paragraphs.length)]!.text); // new
  }
  for (let k = 0; k < 5; k++)
    out.splice(Math.floor(random() * out.length), 0, ...out.splice(Math.floor(random() * out.length), 1)); // moved
  return { ...report, id: `${report.id}-next`, paragraphs: out.map((text) => ({ text, section: null })) };
}

/** Runs `f` `n` times after one warm-up; the median ms. */
async function medianMs(n: number, f: () => unknown): Promise<number> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return quantile(times, 0.5);
}

async function main(): Promise<void> {
  preparePoetry();
  const { reports, contentHash } = readContent(POETRY_DIRS.long);
  const random = randomFrom(20261204);
  // Two 300-paragraph reports, first, while the heap holds little else (as a server's does).
  const sized = reports.filter((r) => r.paragraphs.length >= SIDE);
  const base = { ...sized[0]!, paragraphs: sized[0]!.paragraphs.slice(0, SIDE) };
  const pair = buildIndex([base, nextYear(base, sized[1] ?? reports[0]!, random)], { contentHash: 'pair' });
  const [a, b] = [pair.reports.get(0).id, pair.reports.get(1).id];
  const pairSearcher = searcherOf(pair);
  const { summary } = await compareReports(pairSearcher, a, b);
  global.gc?.();
  const threeHundredMs = await medianMs(20, async () => JSON.stringify(await compareReports(pairSearcher, a, b)));

  // Planted copies: each a paragraph of the corpus with three characters changed, in a report of their own.
  const all = reports.flatMap((r) => r.paragraphs.map((p) => p.text));
  // A copy with a few characters changed: of a paragraph long enough for three changes to be a few.
  const long = all.filter((t) => t.length >= MIN_PLANTED_LENGTH);
  const originals = Array.from({ length: PLANTED }, () => long[Math.floor(random() * long.length)]!);
  const planted: ReportSource = {
    id: 'planted',
    title: 'planted copies',
    date: null,
    source: null,
    paragraphs: originals.map((t) => ({ text: reworded(t, 3, '甲乙丙丁', random), section: null })),
  };
  console.error('bench:compare: building the long-paragraph corpus with planted copies');
  let started = performance.now();
  const index = buildIndex([...reports, planted], { contentHash });
  const buildMs = Math.round(performance.now() - started);
  started = performance.now();
  distinctiveColumn(index.wordPostings, index.paragraphs.columns.report, index.reports.bounds);
  const distinctiveMs = Math.round(performance.now() - started);

  // The largest pair of the corpus.
  const bySize = [...reports].sort((x, y) => y.paragraphs.length - x.paragraphs.length);
  const [big1, big2] = [bySize[0]!, bySize[1]!];
  const searcher = searcherOf(index);
  const largestMs = await medianMs(5, async () => JSON.stringify(await compareReports(searcher, big1.id, big2.id)));
  // Memory a comparison takes: the heap and RSS after one, its answer held, over before it (after a GC).
  global.gc?.();
  const rssBefore = rssMb();
  const heapBefore = process.memoryUsage().heapUsed;
  const answer = JSON.stringify(await compareReports(searcher, big1.id, big2.id));
  const heapGrowthMb = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6);
  const largestRssGrowthMb = rssMb() - rssBefore;

  // Similar paragraphs.
  const scratch = new Scratch();
  const ids = Array.from({ length: SIMILAR_SAMPLE }, () => Math.floor(random() * index.paragraphs.count));
  for (const id of ids.slice(0, 50)) similarParagraphs(index, id, 10, scratch);
  const timed = (skippedShare: number) =>
    ids.map((id) => {
      const t = performance.now();
      similarParagraphs(index, id, 10, scratch, skippedShare);
      return performance.now() - t;
    });
  const times = timed(SKIPPED_SHARE);
  const countAllTimes = timed(0);
  const prefixTimes = timed(SIMILARITY_THRESHOLD);

  // Recall of the planted copies, and nothing below the threshold.
  const plantedReport = index.reports.indexOf('planted');
  const firstPlanted = index.reports.get(plantedReport).first;
  let found = 0;
  let belowThreshold = 0;
  let leastAlike = 1;
  originals.forEach((original, k) => {
    leastAlike = Math.min(leastAlike, similarityOf(normalize(original), index.paragraphs.norm(firstPlanted + k)));
    const at = all.indexOf(original); // its first occurrence in the corpus, the same position in the index
    const hits = similarParagraphs(index, at, 1000, scratch);
    if (hits.some((h) => h.id === firstPlanted + k)) found++;
    belowThreshold += hits.filter((h) => h.similarity < SIMILARITY_THRESHOLD).length;
  });

  const result = {
    corpus: { reports: reports.length, paragraphs: index.paragraphs.count, buildMs, distinctiveMs },
    threeHundred: { ms: threeHundredMs, ...summary, figures: summary.figures.length },
    largest: {
      paragraphs: [big1.paragraphs.length, big2.paragraphs.length],
      ms: largestMs,
      rssGrowthMb: largestRssGrowthMb,
      heapGrowthMb,
      answerMb: round(answer.length / 1e6, 1),
    },
    similar: {
      p50Ms: quantile(times, 0.5),
      p99Ms: quantile(times, 0.99),
      countAllP50Ms: quantile(countAllTimes, 0.5),
      countAllP99Ms: quantile(countAllTimes, 0.99),
      prefixP50Ms: quantile(prefixTimes, 0.5),
      prefixP99Ms: quantile(prefixTimes, 0.99),
    },
    planted: { copies: PLANTED, recall: round(found / PLANTED, 4), belowThreshold, leastAlike: round(leastAlike) },
  };
  console.log(
    table([
      ['', 'figure'],
      ['long corpus: reports / paragraphs', `${reports.length} / ${index.paragraphs.count}`],
      ['distinctive terms at build (ms)', distinctiveMs],
      ['compare 300 + 300 paragraphs, median (ms)', threeHundredMs],
      [`compare the largest pair (${big1.paragraphs.length} + ${big2.paragraphs.length}), median (ms)`, largestMs],
      ['  memory growth: RSS / heap, answer held (MB)', `${result.largest.rssGrowthMb} / ${heapGrowthMb}`],
      ['similar paragraphs p50 / p99 (ms)', `${result.similar.p50Ms} / ${result.similar.p99Ms}`],
      ['  counting every bigram p50 / p99 (ms)', `${result.similar.countAllP50Ms} / ${result.similar.countAllP99Ms}`],
      ['  by prefix filtering p50 / p99 (ms)', `${result.similar.prefixP50Ms} / ${result.similar.prefixP99Ms}`],
      ['planted copies found (recall)', `${found} / ${PLANTED} (least alike ${round(leastAlike)})`],
      ['hits below the threshold', belowThreshold],
    ]),
  );
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
