/** One corpus through every measurement that applies to it: build, cold start, queries, peers, HTTP, pinyin, live updates. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serverRssMb, startServer } from '../server-process';
import { positionalMix } from '../query-mix';
import { buildFigures, CACHE, quantile, round, searchOf, timeEach } from './common';
import { measureHttp, measureTwoProcesses } from './http';
import { measureLiveUpdate } from './live';
import { measureMiniSearch } from './minisearch';
import { measurePinyin } from './pinyin';
import { byKind, engineQps, measureQueries } from './queries';
import { measureSqlite } from './sqlite';

/** Three-character terms in the positional mix. */
const POSITIONAL_SIZE = 500;

export interface CorpusOptions {
  /** MiniSearch over the same texts (not on long paragraphs: it would only repeat the lines' story). */
  minisearch?: boolean;
  sqlite?: boolean;
  http?: boolean;
  /** Seconds of load at 32 connections before server memory is read again. */
  soakSeconds?: number;
  pinyin?: boolean;
  live?: boolean;
}

export async function corpus(name: string, contentDir: string, port: number, options: CorpusOptions) {
  console.error(`bench: ${name}: building`);
  // The server watches a folder of its own, with the corpus linked in, so the live probe touches no corpus.
  const dir = mkdtempSync(path.join(tmpdir(), `bench-${name}-`));
  const files = spawnSync('ls', [contentDir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const f of files) symlinkSync(path.join(contentDir, f), path.join(dir, f));
  const indexFile = path.join(CACHE, `${name}.bin`);
  mkdirSync(CACHE, { recursive: true });
  const built = buildFigures(dir, indexFile);
  console.error(`bench: ${name}: cold start`);
  const { server, readyMs: coldStartMs } = await startServer(port, '/api/search?q=%E5%B1%B1', {
    CONTENT_DIR: dir,
    SEARCH_INDEX: indexFile,
    DRAIN_SECONDS: '0',
  });
  try {
    const idleRssMb = serverRssMb(server.pid!);
    console.error(`bench: ${name}: queries`);
    const q = await measureQueries(indexFile);
    const search = searchOf(q.index);
    const chars = q.norms.reduce((n, t) => n + t.length, 0);
    // Three-character terms drawn by position in the text: common trigrams as often as they occur.
    const positional = positionalMix(q.norms, POSITIONAL_SIZE, 3);
    // As typed (a term also matches a paragraph holding all its words), and quoted (the literal only, as SQLite).
    const atPositions = await timeEach(positional, async (x) => (await search(x)).total, 50);
    const atPositionsQuoted = await timeEach(positional, async (x) => (await search(`"${x}"`)).total, 50);
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
      threeCharsByPositionP50Ms: quantile(atPositions.times, 0.5),
      threeCharsByPositionP99Ms: quantile(atPositions.times, 0.99),
      threeCharsByPositionQuotedP50Ms: quantile(atPositionsQuoted.times, 0.5),
    };
    const peers: Record<string, unknown> = {};
    if (options.minisearch) {
      console.error(`bench: ${name}: MiniSearch`);
      peers.minisearch = await measureMiniSearch(q.norms, q.mix, q.scanResults);
    }
    if (options.sqlite) {
      console.error(`bench: ${name}: SQLite FTS5`);
      const sqlite = await measureSqlite(q.norms, q.mix, chars, positional);
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
        threeCharsByPositionP50Ms: quantile(sqlite.positionalTimes, 0.5),
        threeCharsByPositionP99Ms: quantile(sqlite.positionalTimes, 0.99),
        threeCharsByPositionCountsAgree: sqlite.positionalCounts.every((n, i) => n === atPositionsQuoted.results[i]),
        buildRatio: round(built.buildMs / Math.max(sqlite.buildMs, 1), 2),
      };
    }
    let pinyin = null;
    if (options.pinyin) {
      console.error(`bench: ${name}: pinyin`);
      pinyin = await measurePinyin(q.index);
    }
    let http = null;
    if (options.http) {
      console.error(`bench: ${name}: HTTP`);
      http = await measureHttp(port, q.mix, await engineQps(q.index, q.mix), server.pid!, options.soakSeconds ?? 0);
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
