/** Pinyin's cost: the reading tables of the vocabulary, and queries typed in pinyin. */
import type { SearchIndex } from '@/lib/index/model';
import { buildPinyinIndex, readingsOf } from '@/lib/index/pinyin';
import { quantile, round, searchOf, timeEach } from './common';

/**
 * Pinyin's cost on this corpus: building the reading tables of the vocabulary, their size, and the
 * latency of queries typed in pinyin (words of the corpus spelled in full, by initials, or two
 * words run together), with how many find something.
 */
export async function measurePinyin(index: SearchIndex) {
  const started = performance.now();
  const tables = buildPinyinIndex(index.wordPostings.words);
  const buildMs = Math.round(performance.now() - started);
  const size = (t: typeof tables.full) => t.keys.bytes.length + t.keys.offsets.byteLength + t.words.byteLength;
  const { words, offsets } = index.wordPostings;
  const han: string[] = [];
  for (let k = 0; k < words.length && han.length < 20_000; k += 37) {
    const w = words.get(k);
    if (/^\p{Script=Han}{2,4}$/u.test(w) && offsets[k + 1]! - offsets[k]! > 1) han.push(w);
  }
  const spell = (w: string) => readingsOf(w)[0]!.join('');
  const mix = Array.from({ length: 500 }, (_, i) => {
    const w = han[(i * 7919) % han.length]!;
    if (i % 4 === 0)
      return readingsOf(w)[0]!
        .map((s) => s[0])
        .join('');
    if (i % 4 === 1) return spell(w) + spell(han[(i * 104729) % han.length]!);
    return spell(w);
  });
  const search = searchOf(index);
  const { times, results } = await timeEach(mix, async (q) => (await search(q)).total, 50);
  return {
    buildMs,
    tablesMb: round((size(tables.full) + size(tables.initials)) / 1e6, 1),
    readings: tables.full.keys.length,
    p50Ms: quantile(times, 0.5),
    p99Ms: quantile(times, 0.99),
    found: round(results.filter((n) => n > 0).length / results.length, 3),
  };
}
