/**
 * `npm run bench:expert`: expert queries (OR, NOT, groups, NEAR/5, SENT) over the poetry corpus,
 * in-process: 500 drawn from the corpus (scripts/query-mix.ts, expertMix), their p50 and p99
 * against the regular mix's on the same index, their counts against the literal-scan oracle (the
 * same tree with every term quoted), and the parser fed random operator soups up to the length
 * limit: what it throws and how long it takes.
 */
import path from 'node:path';
import { literalScan } from '@/lib/eval/literal-scan';
import { loadIndex } from '@/lib/index/load';
import type { SearchIndex } from '@/lib/index/model';
import { MAX_QUERY_LENGTH } from '@/lib/api/limits';
import { QueryError } from '@/lib/query/parse';
import { preparePoetry } from '../poetry';
import { expertMix, queryMix, random, SOUP_PIECES } from '../query-mix';
import { buildFigures, CACHE, quantile, searchOf, timeEach } from './common';

/** The poetry index the bench builds, rebuilt when this engine cannot read it. */
function poetryIndex(): SearchIndex {
  const file = path.join(CACHE, 'poetry.bin');
  try {
    return loadIndex(file);
  } catch {
    buildFigures(preparePoetry().full, file);
    return loadIndex(file);
  }
}

/** Random soups of the language's pieces, up to the length limit. */
function soups(count: number): string[] {
  const rand = random(7);
  const pieces = [...SOUP_PIECES, '春', '风', '明月'];
  return Array.from({ length: count }, () => {
    let q = '';
    while (q.length < MAX_QUERY_LENGTH * rand())
      q += pieces[Math.floor(rand() * pieces.length)] + (rand() < 0.6 ? ' ' : '');
    return q.slice(0, MAX_QUERY_LENGTH);
  });
}

async function main(): Promise<void> {
  const index = poetryIndex();
  const norms = index.paragraphs.norms.all();
  const expert = expertMix(norms, 500);
  const regular = queryMix(norms, 1000);
  const run = searchOf(index);
  const expertTimes = (await timeEach(expert, (q) => run(q))).times;
  const regularTimes = (await timeEach(regular, (q) => run(q))).times;
  // Exactness: the engine's total for the query with its terms quoted (literal only) is the oracle's.
  const quoted = (q: string) =>
    q.replace(/([^\s()|"-]+)/g, (t) => (/^(OR|AND|NOT|SENT|NEAR\/\d+)$/.test(t) ? t : `"${t}"`));
  let checked = 0;
  let equal = 0;
  for (const q of expert.slice(0, 60)) {
    const literal = quoted(q);
    checked++;
    // A plain query that no paragraph fully matches answers with partial matches; the scan finds none.
    const answer = await run(literal);
    if ((answer.partial ? 0 : answer.total) === literalScan(norms, literal).length) equal++;
  }
  const fuzz = soups(2000);
  const kinds = new Map<string, number>();
  const refusedTimes: number[] = [];
  const answeredTimes: number[] = [];
  for (const q of fuzz) {
    const started = performance.now();
    try {
      await run(q);
      kinds.set('answered', (kinds.get('answered') ?? 0) + 1);
      answeredTimes.push(performance.now() - started);
    } catch (err) {
      const name = err instanceof QueryError ? `400 ${err.code}` : `other: ${(err as Error).message}`;
      kinds.set(name, (kinds.get(name) ?? 0) + 1);
      refusedTimes.push(performance.now() - started);
    }
  }
  const figures = {
    paragraphs: index.paragraphs.count,
    expertP50Ms: quantile(expertTimes, 0.5),
    expertP99Ms: quantile(expertTimes, 0.99),
    regularP50Ms: quantile(regularTimes, 0.5),
    regularP99Ms: quantile(regularTimes, 0.99),
    countsEqualOracle: `${equal} of ${checked}`,
    refusedP99Ms: quantile(refusedTimes, 0.99),
    refusedMaxMs: quantile(refusedTimes, 1),
    answeredSoupP50Ms: quantile(answeredTimes, 0.5),
    answeredSoupMaxMs: quantile(answeredTimes, 1),
    fuzzOutcomes: Object.fromEntries(kinds),
  };
  console.log(JSON.stringify(figures, null, 2));
}

void main();
