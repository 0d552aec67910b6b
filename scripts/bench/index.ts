/**
 * `npm run bench` (scripts/bench/, a file per measurement): the seed report and the chinese-poetry corpus (every line a paragraph, full and a
 * 10% sample; and the same text in ~300-character paragraphs), side by side with a literal scan,
 * MiniSearch and SQLite FTS5 on the same machine; HTTP throughput against the engine's own; memory,
 * density, pinyin, and the time from a content change to searchable. Prints tables and, as its
 * last line, one JSON object. BENCH_SKIP_FULL=1 runs only the seed and the sample;
 * BENCH_SMOKE=1 runs everything on a small corpus, to show that it runs (CI).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { preparePoetry } from '../poetry';
import { scaled } from './common';
import { corpus } from './corpus';
import { table, type Row } from './report';

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
        soakSeconds: scaled(60, 2),
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
    'threeCharsByPositionP50Ms',
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
  console.log(
    '\nthree-character terms drawn by position in the text, p50 (ms), engine as typed / quoted / SQLite FTS5:',
  );
  for (const n of names) {
    const r = runs[n];
    const sqlite = r?.peers.sqlite as { threeCharsByPositionP50Ms: number } | undefined;
    if (r)
      console.log(
        `  ${n}: ${r.result.threeCharsByPositionP50Ms} / ${r.result.threeCharsByPositionQuotedP50Ms} / ${sqlite?.threeCharsByPositionP50Ms ?? '—'}`,
      );
  }
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
