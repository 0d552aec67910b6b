/**
 * `npm run build:index`: reads the content folder, builds the search index, writes the artifact
 * atomically and durably (lib/index/durable.ts). Builds from one checkout take turns (a lock
 * beside the artifact), so servers started together never build over each other; with
 * `--if-stale`, one that finds the artifact already current after waiting does not build it again.
 * BUILD_INDEX_JSON=1 prints its outcome as one line for the process that started it
 * (lib/index/build-outcome.ts): built with its figures, current, or failed with the file and line
 * at fault.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { rebuildReason } from '@/lib/indexer/freshness';
import { buildIndexInParallel } from '@/lib/indexer/parallel';
import { ContentError } from '@/lib/content/fields';
import { contentDir, readContent } from '@/lib/content/folder';
import { artifactPath, writeArtifact } from '@/lib/index/artifact';
import { removeStaleTemporaries } from '@/lib/index/durable';
import { formatOutcome } from '@/lib/index/build-outcome';
import { acquireLock } from '@/lib/util/lock';

const json = Boolean(process.env.BUILD_INDEX_JSON);

async function main(): Promise<void> {
  const started = performance.now();
  const dir = contentDir();
  const file = artifactPath();
  mkdirSync(path.dirname(file), { recursive: true });
  const release = await acquireLock(`${file}.lock`, (owner) =>
    console.error(`build:index: waiting for another build of this index (pid ${owner?.pid ?? '?'})`),
  );
  try {
    // Holding the lock, no other build writes: any temporary file here was left by a killed one.
    for (const name of removeStaleTemporaries(file))
      console.error(`build:index: removed ${name}, left by a build that was stopped`);
    if (process.argv.includes('--if-stale') && rebuildReason(file, dir) === null) {
      if (json) console.log(formatOutcome({ kind: 'current' }));
      else console.log(`build:index: ${file} is current`);
      return;
    }
    const { reports, skipped, ...stamp } = readContent(dir);
    for (const { file: name, reason } of skipped) console.error(`build:index: skipped ${name}: ${reason}`);
    const index = await buildIndexInParallel(reports, stamp);
    const bytes = writeArtifact(index, file);
    const ms = Math.round(performance.now() - started);
    if (json) {
      // Machine-readable for the benchmark and the live index, with the process's peak memory.
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const figures = {
        reports: index.reports.count,
        paragraphs: index.paragraphs.count,
        buildMs: ms,
        artifactBytes: bytes,
        peakRssMb,
      };
      console.log(formatOutcome({ kind: 'built', figures }));
      return;
    }
    console.log(
      `build:index: ${index.reports.count} reports, ${index.paragraphs.count} paragraphs from ${dir} → ` +
        `${file} (${(bytes / 1024).toFixed(1)} KiB) in ${ms} ms`,
    );
  } finally {
    release();
  }
}

main().catch((err: Error) => {
  if (json) {
    const problem =
      err instanceof ContentError
        ? { file: err.file, line: err.line, message: err.reason }
        : { file: null, line: null, message: err.message };
    console.log(formatOutcome({ kind: 'failed', problem }));
  }
  console.error(err.message);
  process.exit(1);
});
