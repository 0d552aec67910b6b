/**
 * `npm run bench:segments`: the index in segments over the poetry corpus. The build's time and
 * peak memory (segments flushed at the buffer bound, then merged); then, against a running server
 * watching the corpus: one 300-paragraph report added and removed, a burst of 100 reports, and the
 * regular mix's latency at rest and while reports are added one after another (each a new segment,
 * every eighth a merge of the small ones). Each "until searchable" is the time from the file
 * written to the first search that finds it.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadIndex } from '@/lib/index/load';
import { readManifest } from '@/lib/index/segments';
import { preparePoetry } from '../poetry';
import { queryMix } from '../query-mix';
import { serverRssMb, startServer } from '../server-process';
import { buildFigures, CACHE, quantile } from './common';

const PORT = 3310;
/** Queries of the regular mix timed at rest and during merges. */
const MIX = 400;

const url = (q: string) => `http://127.0.0.1:${PORT}/api/search?q=${encodeURIComponent(q)}`;
const total = async (q: string) => ((await (await fetch(url(q))).json()) as { total: number }).total;

/** Milliseconds from now until `q` finds `want` paragraphs. */
async function until(q: string, want: (n: number) => boolean, started = performance.now()): Promise<number> {
  for (;;) {
    if (want(await total(q))) return Math.round(performance.now() - started);
    if (performance.now() - started > 300_000) throw new Error(`bench: "${q}" never changed`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A made-up report of `n` paragraphs, each with the token, and the last with `last` too. */
function report(title: string, n: number, token: string): string {
  const lines = Array.from(
    { length: n },
    (_, i) => `第${i + 1}段：委员围绕${token}开展专题调研，提出建议${i * 7 + 3}条，推动工作落实。`,
  );
  return `---\ntitle: ${title}\ndate: 2024-03-01\n---\n\n${lines.join('\n\n')}\n`;
}

/** Each query of the mix once, over HTTP, one at a time: their latencies in ms. */
async function timeMix(mix: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const q of mix) {
    const t = performance.now();
    await (await fetch(url(q))).arrayBuffer();
    times.push(performance.now() - t);
  }
  return times;
}

async function main(): Promise<void> {
  const dirs = preparePoetry();
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-segments-'));
  for (const f of readdirSync(dirs.full)) symlinkSync(path.join(dirs.full, f), path.join(dir, f));
  const index = path.join(CACHE, 'segments-poetry');
  mkdirSync(CACHE, { recursive: true });
  rmSync(index, { recursive: true, force: true });
  console.error('bench: segments: building poetry');
  const build = buildFigures(dir, index);
  const manifest = readManifest(index)!;
  const mix = queryMix(loadIndex(index).paragraphs.norms.all(), MIX);
  console.error('bench: segments: serving');
  const { server, readyMs } = await startServer(PORT, '/api/search?q=%E5%B1%B1', {
    CONTENT_DIR: dir,
    SEARCH_INDEX: index,
    DRAIN_SECONDS: '0',
  });
  try {
    await timeMix(mix.slice(0, 100)); // warm-up
    const rest = await timeMix(mix);
    const idleRssMb = serverRssMb(server.pid!);

    console.error('bench: segments: one 300-paragraph report');
    let started = performance.now();
    writeFileSync(path.join(dir, 'added.md'), report('新增报告', 300, '鑫淼森焱'));
    const addMs = await until('鑫淼森焱', (n) => n === 300, started);
    started = performance.now();
    rmSync(path.join(dir, 'added.md'));
    const removeMs = await until('鑫淼森焱', (n) => n === 0, started);

    console.error('bench: segments: a burst of 100 reports');
    started = performance.now();
    for (let k = 0; k < 100; k++) writeFileSync(path.join(dir, `burst-${k}.md`), report(`报告${k}`, 30, '垚犇骉'));
    const burstMs = await until('垚犇骉', (n) => n === 3000, started);

    console.error('bench: segments: the mix while reports are added one by one');
    let adding = true;
    const adds: number[] = [];
    const writer = (async () => {
      for (let k = 0; k < 9; k++) {
        const t = performance.now();
        writeFileSync(path.join(dir, `one-${k}.md`), report(`单篇${k}`, 50, `淼${'一二三四五六七八九'[k]}鑫`));
        adds.push(await until(`淼${'一二三四五六七八九'[k]}鑫`, (n) => n === 50, t));
      }
      adding = false;
    })();
    const during: number[] = [];
    while (adding) during.push(...(await timeMix(mix.slice(0, 100))));
    await writer;
    const after = readManifest(index)!;
    const figures = {
      build: { ...build, segmentsAfterBuild: manifest.segments.length },
      coldStartMs: readyMs,
      idleRssMb,
      rssAfterMb: serverRssMb(server.pid!),
      addOneReportMs: addMs,
      removeOneReportMs: removeMs,
      burstOf100Ms: burstMs,
      addsDuringMixMs: adds,
      atRest: { p50Ms: quantile(rest, 0.5), p99Ms: quantile(rest, 0.99), maxMs: quantile(rest, 1) },
      duringUpdates: {
        queries: during.length,
        p50Ms: quantile(during, 0.5),
        p99Ms: quantile(during, 0.99),
        p999Ms: quantile(during, 0.999),
        maxMs: quantile(during, 1),
      },
      segmentsAfter: after.segments.map((s) => ({ name: s.name, paragraphs: s.paragraphs, bytes: s.bytes })),
    };
    console.log(JSON.stringify(figures, null, 1));
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
