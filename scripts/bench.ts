/**
 * `npm run bench`: the seed report and the chinese-poetry corpus (full and a 10% sample), side by
 * side with a literal scan and MiniSearch on the same machine, then HTTP throughput. Prints a table
 * and, as its last line, one JSON object. BENCH_SKIP_FULL=1 runs only the sample (a smoke run).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import MiniSearch from 'minisearch';
import { literalScan } from '@/lib/eval/literal-scan';
import { readArtifact } from '@/lib/index/artifact';
import { normalize } from '@/lib/text/normalize';
import { parseQuery } from '@/lib/query/parse';
import { search } from '@/lib/serve/search';
import { wordTokens } from '@/lib/text/tokenize';
import { preparePoetry } from './poetry';
import { queryMix } from './query-mix';
import { startServer } from './server-process';

const MIX_SIZE = 1000;
const CACHE = path.resolve('.cache/bench');

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0);
};
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

interface BuildStats {
  reports: number;
  paragraphs: number;
  buildMs: number;
  artifactBytes: number;
  peakRssMb: number;
}

/** Builds an index in a child process, as `npm run build:index` does, and reads its figures. */
function build(contentDir: string, indexFile: string): BuildStats {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-index.ts'], {
    env: { ...process.env, CONTENT_DIR: contentDir, SEARCH_INDEX: indexFile, BUILD_INDEX_JSON: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`bench: build failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as BuildStats;
}

/** The same query with every term quoted, so the engine counts literal matches only. */
const literalForm = (q: string) =>
  parseQuery(q)
    .terms.filter((t) => t.kind !== 'exclude')
    .map((t) => `"${t.text}"`)
    .join(' ');

/** Runs each query once after a warm-up; the times in ms and the answers. */
function timeEach<T>(queries: string[], run: (q: string) => T, warmUp = 100): { times: number[]; results: T[] } {
  for (const q of queries.slice(0, warmUp)) run(q);
  const results: T[] = [];
  const times = queries.map((q) => {
    const t = performance.now();
    results.push(run(q));
    return performance.now() - t;
  });
  return { times, results };
}

/** In-process latency of the engine and of a literal scan over the same mix, and whether counts agree. */
function measureQueries(indexFile: string) {
  global.gc?.();
  const before = rssMb();
  const loadStarted = performance.now();
  const index = readArtifact(indexFile);
  const loadMs = Math.round(performance.now() - loadStarted);
  const indexRssMb = rssMb() - before;
  const norms = index.paragraphs.norms.all();
  const mix = queryMix(norms, MIX_SIZE);
  const engine = timeEach(mix, (q) => search(index, q, { limit: 10, offset: 0 })).times;
  const scanned = timeEach(mix, (q) => literalScan(norms, q), 10);
  const scanTimes = scanned.times;
  // A partial answer (no paragraph has every term) counts as none, as the scan does.
  const literalTotal = (q: string) => {
    const r = search(index, literalForm(q), { limit: 1, offset: 0 });
    return r.partial ? 0 : r.total;
  };
  const mismatches = mix.filter((q, i) => literalTotal(q) !== scanned.results[i]!.length);
  const worst = engine.reduce((w, ms, i) => (ms > w.ms ? { ms, q: mix[i]! } : w), { ms: 0, q: '' });
  return {
    index,
    norms,
    mix,
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

/** MiniSearch over the same texts with the same jieba tokeniser, and its recall against the scan. */
function measureMiniSearch(norms: string[], mix: string[], scanResults: number[][]) {
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
  const { times, results } = timeEach(mix, (q) => new Set(mini.search(q).map((r) => r.id as number)));
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

/** autocannon against search (the mix) and health on the same server. */
async function measureHttp(port: number, mix: string[]) {
  const base = `http://127.0.0.1:${port}`;
  const run = (requests: { method: 'GET'; path: string }[]) =>
    autocannon({ url: base, connections: 32, duration: 10, requests });
  const searchRun = await run(mix.map((q) => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q)}` })));
  const healthRun = await run([{ method: 'GET', path: '/api/health' }]);
  const s = {
    reqPerSec: Math.round(searchRun.requests.average),
    p99Ms: searchRun.latency.p99,
    non2xx: searchRun.non2xx,
    errors: searchRun.errors,
  };
  const h = { reqPerSec: Math.round(healthRun.requests.average), p99Ms: healthRun.latency.p99 };
  return { search: s, health: h, ratio: round(s.reqPerSec / Math.max(h.reqPerSec, 1), 2) };
}

async function corpus(name: string, contentDir: string, port: number, withPeers: boolean, withHttp: boolean) {
  console.error(`bench: ${name}: building`);
  const indexFile = path.join(CACHE, `${name}.bin`);
  const built = build(contentDir, indexFile);
  console.error(`bench: ${name}: cold start`);
  const { server, readyMs: coldStartMs } = await startServer(port, '/api/search?q=%E5%B1%B1', {
    CONTENT_DIR: contentDir,
    SEARCH_INDEX: indexFile,
  });
  try {
    console.error(`bench: ${name}: queries`);
    const q = measureQueries(indexFile);
    const result = {
      paragraphs: built.paragraphs,
      buildMs: built.buildMs,
      peakRssMb: built.peakRssMb,
      artifactMb: round(built.artifactBytes / 1e6, 1),
      coldStartMs,
      loadMs: q.loadMs,
      indexRssMb: q.indexRssMb,
      ...q.figures,
    };
    let peers = null;
    let http = null;
    if (withPeers) {
      console.error(`bench: ${name}: MiniSearch`);
      peers = { minisearch: measureMiniSearch(q.norms, q.mix, q.scanResults) };
    }
    if (withHttp) {
      console.error(`bench: ${name}: HTTP`);
      http = await measureHttp(port, q.mix);
    }
    return { result, peers, http };
  } finally {
    server.kill('SIGTERM');
  }
}

function table(rows: [string, ...(string | number | boolean | null)[]][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '—').length)));
  return rows.map((r) => r.map((v, c) => String(v ?? '—').padEnd(widths[c]!)).join('  ')).join('\n');
}

async function main(): Promise<void> {
  // The server must run this checkout's code: build the app first, as `npm run build` does.
  if (spawnSync('npx', ['next', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0)
    throw new Error('bench: next build failed');
  const report = build(path.resolve('content'), path.join(CACHE, 'report.bin'));
  const dirs = preparePoetry();
  const sample = await corpus('sample', dirs.sample, 3301, true, false);
  const full = process.env.BENCH_SKIP_FULL ? null : await corpus('poetry', dirs.full, 3302, true, true);
  const main = full ?? sample;

  const keys = [
    'paragraphs',
    'buildMs',
    'peakRssMb',
    'artifactMb',
    'coldStartMs',
    'p50Ms',
    'p95Ms',
    'p99Ms',
    'worstMs',
    'scanP50Ms',
    'scanP99Ms',
    'speedupP50',
    'countsMatchScan',
  ] as const;
  console.log(`seed report: index build ${report.buildMs} ms (${report.paragraphs} paragraphs)\n`);
  console.log(
    table([
      ['', '10% sample', 'full poetry'],
      ...keys.map((k): [string, ...(string | number | boolean | null)[]] => [
        k,
        sample.result[k],
        full?.result[k] ?? null,
      ]),
    ]),
  );
  console.log('\nMiniSearch, same jieba tokeniser, same texts and mix:');
  console.log(
    table([
      ['', '10% sample', 'full poetry'],
      ...(['buildMs', 'rssMb', 'p50Ms', 'p99Ms', 'literalRecall'] as const).map((k): [string, ...(number | null)[]] => [
        k,
        sample.peers!.minisearch[k],
        full?.peers?.minisearch[k] ?? null,
      ]),
    ]),
  );
  if (main.http) {
    console.log(
      `\nHTTP (autocannon, 32 connections, 10 s each): search ${main.http.search.reqPerSec} req/s p99 ${main.http.search.p99Ms} ms; health ${main.http.health.reqPerSec} req/s p99 ${main.http.health.p99Ms} ms; ratio ${main.http.ratio}`,
    );
  }
  console.log(
    JSON.stringify({
      report: { buildMs: report.buildMs },
      poetry: main.result,
      sample: sample.result,
      peers: main.peers,
      http: main.http,
    }),
  );
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
