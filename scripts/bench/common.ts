/** What every measurement of the bench shares: the mix's size, quantiles, timing a mix, building an index and reading its figures. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { readOutcome, type BuildFigures } from '@/lib/index/build-outcome';
import { parseQuery } from '@/lib/query/parse';
import { SMOKE } from '../poetry';

export const MIX_SIZE = 1000;
/** Indexes the benches build; a smoke run (BENCH_SMOKE=1, scripts/poetry.ts) keeps its own. */
export const CACHE = path.resolve(SMOKE ? '.cache/bench-smoke' : '.cache/bench');
/** A count or a duration: the bench's own, or the smoke run's, which only proves the bench runs. */
export const scaled = (full: number, smoke: number) => (SMOKE ? smoke : full);

export const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0);
};
export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
export const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

/** Builds an index in a child process, as `npm run build:index` does, and reads its figures. */
export function buildFigures(contentDir: string, indexFile: string): BuildFigures {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-index.ts'], {
    env: { ...process.env, CONTENT_DIR: contentDir, SEARCH_INDEX: indexFile, BUILD_INDEX_JSON: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const outcome = readOutcome(result.stdout);
  if (result.status !== 0 || outcome?.kind !== 'built') throw new Error(`bench: build failed: ${result.stderr}`);
  return outcome.figures;
}

/** The same query with every term quoted, so the engine counts literal matches only. */
export const literalForm = (q: string) =>
  parseQuery(q)
    .terms.filter((t) => t.kind !== 'exclude')
    .map((t) => `"${t.text}"`)
    .join(' ');

/** Runs each query once after a warm-up; the times in ms and the answers. */
export async function timeEach<T>(
  queries: string[],
  run: (q: string, i: number) => T | Promise<T>,
  warmUp = 100,
): Promise<{ times: number[]; results: T[] }> {
  for (const [i, q] of queries.slice(0, warmUp).entries()) await run(q, i);
  const results: T[] = [];
  const times: number[] = [];
  for (const [i, q] of queries.entries()) {
    const t = performance.now();
    results.push(await run(q, i));
    times.push(performance.now() - t);
  }
  return { times, results };
}

export { searchOf } from '@/lib/eval/search';
