/**
 * `npm run bench`: the seed report and the chinese-poetry corpus (every line a paragraph, full and a
 * 10% sample; and the same text in ~300-character paragraphs), side by side with a literal scan,
 * MiniSearch and SQLite FTS5 on the same machine; HTTP throughput against the engine's own; memory,
 * density, pinyin, and the time from a content change to searchable. Prints tables and, as its
 * last line, one JSON object. BENCH_SKIP_FULL=1 runs only the seed and the sample (a smoke run).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import MiniSearch from 'minisearch';
import { literalScan } from '@/lib/eval/literal-scan';
import { readArtifact } from '@/lib/index/artifact';
import { readOutcome, type BuildFigures } from '@/lib/index/build-outcome';
import { normalize } from '@/lib/text/normalize';
import { parseQuery } from '@/lib/query/parse';
import { search } from '@/lib/serve/search';
import { wordTokens } from '@/lib/text/tokenize';
import type { SearchIndex } from '@/lib/index/model';
import { buildPinyinIndex, readingsOf } from '@/lib/index/pinyin';
import { preparePoetry } from './poetry';
import { measureSqlite } from './sqlite-peer';
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

/** Builds an index in a child process, as `npm run build:index` does, and reads its figures. */
function build(contentDir: string, indexFile: string): BuildFigures {
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

/** Where a loaded index's bytes are, by part, in MB (typed arrays and UTF-8 columns as stored). */
function memoryBreakdown(index: SearchIndex): Record<string, number> {
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
function measureQueries(indexFile: string) {
  global.gc?.();
  const before = rssMb();
  const heapBefore = process.memoryUsage();
  const loadStarted = performance.now();
  const index = readArtifact(indexFile);
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

/** The engine alone, one thread: searches of the mix, each with its JSON, for `seconds`. */
function engineQps(index: SearchIndex, mix: string[], seconds = 5): number {
  for (const q of mix.slice(0, 200)) JSON.stringify(search(index, q, { limit: 10, offset: 0 }));
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) JSON.stringify(search(index, mix[n++ % mix.length]!, { limit: 10, offset: 0 }));
  return Math.round(n / seconds);
}

/** The server's resident memory, from /proc: the process and every process it started. */
function serverRssMb(pid: number): number {
  const own = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
  return Math.round(own + children.reduce((n, child) => n + serverRssMb(Number(child)), 0));
}

/** The same mix against SEARCH_PROCESSES=2 (two servers on the port, one index each): req/s and memory. */
async function measureTwoProcesses(port: number, env: Record<string, string>, mix: string[], engine: number) {
  const { server } = await startServer(port, '/api/health', {
    ...env,
    SEARCH_PROCESSES: '2',
    LIVE_INDEX: '0',
    DRAIN_SECONDS: '0',
  });
  try {
    await new Promise((r) => setTimeout(r, 3000)); // the second process loads its index too
    const requests = mix.map((q) => ({ method: 'GET' as const, path: `/api/search?q=${encodeURIComponent(q)}` }));
    await autocannon({ url: `http://127.0.0.1:${port}`, connections: 32, duration: 3, requests });
    const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 32, duration: 10, requests });
    const reqPerSec = Math.round(r.requests.average);
    return {
      reqPerSec,
      ratio: round(reqPerSec / Math.max(engine, 1), 2),
      p99Ms: r.latency.p99,
      errors: r.errors + r.non2xx,
      rssMb: serverRssMb(server.pid!),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

/** autocannon against the server: the mix at 32 and 64 connections, and health. */
async function measureHttp(port: number, mix: string[], engine: number, pid: number, soakSeconds: number) {
  const base = `http://127.0.0.1:${port}`;
  const requests = mix.map((q) => ({ method: 'GET' as const, path: `/api/search?q=${encodeURIComponent(q)}` }));
  const run = (connections: number, duration: number, r = requests) =>
    autocannon({ url: base, connections, duration, requests: r });
  await run(32, 3); // warm-up
  const at32 = await run(32, 10);
  const at64 = await run(64, 10);
  const health = await run(32, 5, [{ method: 'GET', path: '/api/health' }]);
  let soak = null;
  if (soakSeconds) {
    const r = await run(32, soakSeconds);
    soak = {
      seconds: soakSeconds,
      reqPerSec: Math.round(r.requests.average),
      errors: r.errors + r.non2xx,
      rssAfterMb: serverRssMb(pid),
    };
  }
  const reqPerSec = Math.round(at32.requests.average);
  return {
    engineQps: engine,
    search: { reqPerSec, p50Ms: at32.latency.p50, p99Ms: at32.latency.p99, errors: at32.errors, non2xx: at32.non2xx },
    at64: {
      reqPerSec: Math.round(at64.requests.average),
      p99Ms: at64.latency.p99,
      errors: at64.errors,
      non2xx: at64.non2xx,
    },
    health: { reqPerSec: Math.round(health.requests.average) },
    ratio: round(reqPerSec / Math.max(engine, 1), 2),
    soak,
  };
}

/** Which kind a query of the mix is, for per-kind comparisons: 1, 2, 3, 4–6 or 7+ characters, or two terms. */
function kindOf(q: string): string {
  if (q.includes(' ')) return 'two terms';
  const n = Array.from(q).length;
  return n <= 3 ? `${n} chars` : n <= 6 ? '4-6 chars' : '7+ chars';
}

/** p50 per kind of query. */
function byKind(mix: string[], times: number[]): Record<string, number> {
  const groups = new Map<string, number[]>();
  mix.forEach((q, i) => groups.set(kindOf(q), [...(groups.get(kindOf(q)) ?? []), times[i]!]));
  return Object.fromEntries([...groups].sort().map(([k, ts]) => [k, quantile(ts, 0.5)]));
}

/**
 * Pinyin's cost on this corpus: building the reading tables of the vocabulary, their size, and the
 * latency of queries typed in pinyin (words of the corpus spelled in full, by initials, or two
 * words run together), with how many find something.
 */
function measurePinyin(index: SearchIndex) {
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
  const { times, results } = timeEach(mix, (q) => search(index, q, { limit: 10, offset: 0 }).total, 50);
  return {
    buildMs,
    tablesMb: round((size(tables.full) + size(tables.initials)) / 1e6, 1),
    readings: tables.full.keys.length,
    p50Ms: quantile(times, 0.5),
    p99Ms: quantile(times, 0.99),
    found: round(results.filter((n) => n > 0).length / results.length, 3),
  };
}

/**
 * The time from a change in the content folder to searchable: a report is added to a folder the
 * running server watches (the corpus linked into it), and its one word is searched until found.
 */
async function measureLiveUpdate(port: number, dir: string): Promise<number> {
  const token = '鑫鑫淼淼森森';
  const started = performance.now();
  writeFileSync(path.join(dir, 'live-probe.md'), `---\ntitle: 实时更新\n---\n\n${token}\n`);
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/api/search?q=${encodeURIComponent(token)}`);
    if (res.ok && ((await res.json()) as { total: number }).total > 0) return Math.round(performance.now() - started);
    if (performance.now() - started > 600_000) throw new Error('bench: the live index never picked up the change');
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface CorpusOptions {
  /** MiniSearch over the same texts (not on long paragraphs: it would only repeat the lines' story). */
  minisearch?: boolean;
  sqlite?: boolean;
  http?: boolean;
  /** Seconds of load at 32 connections before server memory is read again. */
  soakSeconds?: number;
  pinyin?: boolean;
  live?: boolean;
}

async function corpus(name: string, contentDir: string, port: number, options: CorpusOptions) {
  console.error(`bench: ${name}: building`);
  // The server watches a folder of its own, with the corpus linked in, so the live probe touches no corpus.
  const dir = mkdtempSync(path.join(tmpdir(), `bench-${name}-`));
  const files = spawnSync('ls', [contentDir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const f of files) symlinkSync(path.join(contentDir, f), path.join(dir, f));
  const indexFile = path.join(CACHE, `${name}.bin`);
  mkdirSync(CACHE, { recursive: true });
  const built = build(dir, indexFile);
  console.error(`bench: ${name}: cold start`);
  const { server, readyMs: coldStartMs } = await startServer(port, '/api/search?q=%E5%B1%B1', {
    CONTENT_DIR: dir,
    SEARCH_INDEX: indexFile,
    DRAIN_SECONDS: '0',
  });
  try {
    const idleRssMb = serverRssMb(server.pid!);
    console.error(`bench: ${name}: queries`);
    const q = measureQueries(indexFile);
    const chars = q.norms.reduce((n, t) => n + t.length, 0);
    const result = {
      paragraphs: built.paragraphs,
      buildMs: built.buildMs,
      peakRssMb: built.peakRssMb,
      artifactMb: round(built.artifactBytes / 1e6, 1),
      bytesPerChar: round(built.artifactBytes / chars, 1),
      coldStartMs,
      loadMs: q.loadMs,
      indexRssMb: q.indexRssMb,
      serverIdleRssMb: idleRssMb,
      memory: q.memory,
      ...q.figures,
      p50ByKind: byKind(q.mix, q.times),
    };
    const peers: Record<string, unknown> = {};
    if (options.minisearch) {
      console.error(`bench: ${name}: MiniSearch`);
      peers.minisearch = measureMiniSearch(q.norms, q.mix, q.scanResults);
    }
    if (options.sqlite) {
      console.error(`bench: ${name}: SQLite FTS5`);
      const sqlite = measureSqlite(q.norms, q.mix, chars);
      peers.sqlite = {
        buildMs: sqlite.buildMs,
        rssMb: sqlite.rssMb,
        fileMb: sqlite.fileMb,
        bytesPerChar: sqlite.bytesPerChar,
        p50Ms: quantile(sqlite.times, 0.5),
        p95Ms: quantile(sqlite.times, 0.95),
        p99Ms: quantile(sqlite.times, 0.99),
        p50ByKind: byKind(q.mix, sqlite.times),
        countsMatchScan: sqlite.counts.every((n, i) => n === q.scanResults[i]!.length),
        buildRatio: round(built.buildMs / Math.max(sqlite.buildMs, 1), 2),
      };
    }
    let pinyin = null;
    if (options.pinyin) {
      console.error(`bench: ${name}: pinyin`);
      pinyin = measurePinyin(q.index);
    }
    let http = null;
    if (options.http) {
      console.error(`bench: ${name}: HTTP`);
      http = await measureHttp(port, q.mix, engineQps(q.index, q.mix), server.pid!, options.soakSeconds ?? 0);
    }
    let liveUpdateMs = null;
    if (options.live) {
      console.error(`bench: ${name}: live update`);
      liveUpdateMs = await measureLiveUpdate(port, dir);
    }
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    let twoProcesses = null;
    if (http) {
      console.error(`bench: ${name}: HTTP with two server processes`);
      twoProcesses = await measureTwoProcesses(
        port,
        { CONTENT_DIR: dir, SEARCH_INDEX: indexFile },
        q.mix,
        http.engineQps,
      );
    }
    return { result, peers, pinyin, http, twoProcesses, liveUpdateMs };
  } finally {
    if (server.exitCode === null) server.kill('SIGTERM');
  }
}

function table(rows: [string, ...(string | number | boolean | null)[]][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '—').length)));
  return rows.map((r) => r.map((v, c) => String(v ?? '—').padEnd(widths[c]!)).join('  ')).join('\n');
}

type Row = [string, ...(string | number | boolean | null)[]];

async function main(): Promise<void> {
  // The server must run this checkout's code: build the app first, as `npm run build` does.
  if (spawnSync('npx', ['next', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0)
    throw new Error('bench: next build failed');
  const dirs = preparePoetry();
  const seed = await corpus('seed', path.resolve('content'), 3300, { sqlite: true, http: true, live: true });
  const sample = await corpus('sample', dirs.sample, 3301, { minisearch: true, sqlite: true });
  const skip = Boolean(process.env.BENCH_SKIP_FULL);
  const full = skip
    ? null
    : await corpus('poetry', dirs.full, 3302, {
        minisearch: true,
        sqlite: true,
        http: true,
        soakSeconds: 60,
        pinyin: true,
        live: true,
      });
  const long = skip ? null : await corpus('long', dirs.long, 3303, { sqlite: true, http: true });
  const runs = { seed, sample, poetry: full, long };
  const names = Object.keys(runs) as (keyof typeof runs)[];

  const keys = [
    'paragraphs',
    'buildMs',
    'peakRssMb',
    'artifactMb',
    'bytesPerChar',
    'coldStartMs',
    'serverIdleRssMb',
    'p50Ms',
    'p95Ms',
    'p99Ms',
    'worstMs',
    'scanP50Ms',
    'scanP99Ms',
    'speedupP50',
    'countsMatchScan',
  ] as const;
  console.log(table([['', ...names], ...keys.map((k): Row => [k, ...names.map((n) => runs[n]?.result[k] ?? null)])]));
  console.log('\np50 by kind of query (ms), engine / SQLite FTS5:');
  const kinds = ['1 chars', '2 chars', '3 chars', '4-6 chars', '7+ chars', 'two terms'];
  console.log(
    table([
      ['', ...names],
      ...kinds.map((k): Row => [
        k,
        ...names.map((n) => {
          const r = runs[n];
          const sqlite = r?.peers.sqlite as { p50ByKind: Record<string, number> } | undefined;
          return r ? `${r.result.p50ByKind[k] ?? '—'} / ${sqlite?.p50ByKind[k] ?? '—'}` : null;
        }),
      ]),
    ]),
  );
  console.log('\nPeers, same texts and mix:');
  for (const n of names) {
    const peers = runs[n]?.peers;
    if (peers)
      for (const [peer, figures] of Object.entries(peers)) console.log(`  ${n} ${peer}: ${JSON.stringify(figures)}`);
  }
  for (const n of names) {
    const http = runs[n]?.http;
    if (!http) continue;
    console.log(
      `\nHTTP ${n}: engine ${http.engineQps} q/s one thread; /api/search ${http.search.reqPerSec} req/s at 32 connections ` +
        `(ratio ${http.ratio}, p99 ${http.search.p99Ms} ms), ${http.at64.reqPerSec} req/s at 64 (p99 ${http.at64.p99Ms} ms); ` +
        `health ${http.health.reqPerSec} req/s${http.soak ? `; after ${http.soak.seconds} s at 32: RSS ${http.soak.rssAfterMb} MB, ${http.soak.errors} errors` : ''}`,
    );
    const two = runs[n]!.twoProcesses;
    if (two)
      console.log(
        `  two server processes: ${two.reqPerSec} req/s (ratio ${two.ratio}, p99 ${two.p99Ms} ms, ${two.errors} errors), RSS of both ${two.rssMb} MB`,
      );
  }
  if (full?.pinyin) console.log(`\npinyin on poetry: ${JSON.stringify(full.pinyin)}`);
  for (const n of names)
    if (runs[n]) console.log(`memory ${n} (in-process index): ${JSON.stringify(runs[n]!.result.memory)}`);
  for (const n of names)
    if (runs[n]?.liveUpdateMs != null)
      console.log(`live update ${n}: change → searchable in ${runs[n]!.liveUpdateMs} ms`);
  console.log(JSON.stringify(runs));
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
