/** MiniSearch as a peer: the same texts, the same jieba tokeniser, the same mix. */
import MiniSearch from 'minisearch';
import { normalize } from '@/lib/text/normalize';
import { wordTokens } from '@/lib/text/tokenize';
import { quantile, round, rssMb, timeEach } from './common';

/** MiniSearch over the same texts with the same jieba tokeniser, and its recall against the scan. */
export async function measureMiniSearch(norms: string[], mix: string[], scanResults: number[][]) {
  global.gc?.();
  const before = rssMb();
  const started = performance.now();
  const tokenize = (text: string) => wordTokens(normalize(text));
  const processTerm = (term: string) => term;
  const mini = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize,
    processTerm,
    searchOptions: { combineWith: 'AND', tokenize, processTerm },
  });
  mini.addAll(norms.map((text, id) => ({ id, text })));
  const buildMs = Math.round(performance.now() - started);
  global.gc?.();
  const { times, results } = await timeEach(mix, (q) => new Set(mini.search(q).map((r) => r.id as number)));
  let expected = 0;
  let found = 0;
  scanResults.forEach((ids, i) => {
    expected += ids.length;
    for (const id of ids) if (results[i]!.has(id)) found++;
  });
  return {
    buildMs,
    rssMb: rssMb() - before,
    p50Ms: quantile(times, 0.5),
    p99Ms: quantile(times, 0.99),
    literalRecall: round(expected ? found / expected : 1, 4),
  };
}
