/**
 * `npm run bench:tenfold`: the 10× poetry corpus (13.7 M paragraphs, scripts/poetry.ts) built in
 * segments — time and peak memory against poetry's — then served: the server's memory against the
 * index's bytes, and the regular mix's latency over HTTP against poetry's (`npm run bench:segments`).
 * Slow: the build alone is about ten poetry builds.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readArtifact } from '@/lib/index/artifact';
import { readManifest, segmentFile } from '@/lib/index/segments';
import { prepareTenfold } from '../poetry';
import { queryMix } from '../query-mix';
import { serverRssMb, startServer } from '../server-process';
import { buildFigures, CACHE, quantile } from './common';

const PORT = 3311;
const MIX = 400;

async function main(): Promise<void> {
  const dir = prepareTenfold();
  const index = path.join(CACHE, 'tenfold');
  mkdirSync(CACHE, { recursive: true });
  if (!process.env.BENCH_KEEP_INDEX) rmSync(index, { recursive: true, force: true });
  console.error('bench: tenfold: building');
  const build = process.env.BENCH_KEEP_INDEX ? null : buildFigures(dir, index);
  const manifest = readManifest(index)!;
  // Drawn from the first segment's paragraphs (the whole would be 13.7 M strings here): the same kinds of query as poetry's.
  const first = readArtifact(segmentFile(index, manifest.segments[0]!.name), {}, { userWords: false });
  const mix = queryMix(first.paragraphs.norms.all(), MIX);
  console.error('bench: tenfold: serving');
  const { server, readyMs } = await startServer(
    PORT,
    '/api/search?q=%E5%B1%B1',
    { CONTENT_DIR: dir, SEARCH_INDEX: index, DRAIN_SECONDS: '0', LIVE_INDEX: '0' },
    1_800_000,
  );
  try {
    const url = (q: string) => `http://127.0.0.1:${PORT}/api/search?q=${encodeURIComponent(q)}`;
    for (const q of mix.slice(0, 100)) await (await fetch(url(q))).arrayBuffer();
    const times: number[] = [];
    for (const q of mix) {
      const t = performance.now();
      await (await fetch(url(q))).arrayBuffer();
      times.push(performance.now() - t);
    }
    const bytes = manifest.segments.reduce((n, s) => n + s.bytes, 0);
    console.log(
      JSON.stringify(
        {
          build,
          segments: manifest.segments.map((s) => ({ name: s.name, paragraphs: s.paragraphs, bytes: s.bytes })),
          indexMb: Math.round(bytes / 1e6),
          coldStartMs: readyMs,
          serverRssMb: serverRssMb(server.pid!),
          p50Ms: quantile(times, 0.5),
          p99Ms: quantile(times, 0.99),
        },
        null,
        1,
      ),
    );
  } finally {
    server.kill('SIGTERM');
  }
}

void main();
