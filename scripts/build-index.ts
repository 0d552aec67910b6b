/**
 * `npm run build:index`: makes the index folder (lib/index/segments.ts) current with the content
 * folder — a rebuild of every segment when there is none or the engine, dictionary or synonyms
 * changed, otherwise an update of what changed: new segments for files added or changed, deletions
 * for files changed or removed, then the merge policy (lib/indexer/update.ts, merges.ts). Every
 * step is written durably and the manifest last, atomically. Builds from one checkout take turns
 * (a lock beside the index), so servers started together never build over each other. With
 * `--if-stale` an index found current builds nothing; without it, every segment is rebuilt.
 * BUILD_INDEX_JSON=1 prints its outcome as one line for the process that started it
 * (lib/index/build-outcome.ts): built with its figures, current, or failed with the file and line
 * at fault.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ContentError } from '@/lib/content/fields';
import { contentDir } from '@/lib/content/folder';
import { formatOutcome } from '@/lib/index/build-outcome';
import { indexPath } from '@/lib/index/segments';
import { updateIndex } from '@/lib/indexer/update';
import { acquireLock } from '@/lib/util/lock';

const json = Boolean(process.env.BUILD_INDEX_JSON);
const say = (line: string) => (json ? console.error : console.log)(`build:index: ${line}`);

async function main(): Promise<void> {
  const started = performance.now();
  const dir = indexPath();
  mkdirSync(path.dirname(dir), { recursive: true });
  const release = await acquireLock(`${dir}.lock`, (owner) =>
    console.error(`build:index: waiting for another build of this index (pid ${owner?.pid ?? '?'})`),
  );
  try {
    const figures = await updateIndex(dir, contentDir(), {
      force: !process.argv.includes('--if-stale'),
      log: say,
    });
    if (figures.kind === 'current') {
      if (json) console.log(formatOutcome({ kind: 'current' }));
      else say(`${dir} is current`);
      return;
    }
    const ms = Math.round(performance.now() - started);
    if (json) {
      // Machine-readable for the benchmark and the live index, with the process's peak memory.
      const outcome = {
        reports: figures.reports,
        paragraphs: figures.paragraphs,
        buildMs: ms,
        artifactBytes: figures.bytes,
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        segments: figures.segments,
        flushed: figures.flushed,
        merges: figures.merges.length,
        deleted: figures.deleted,
        rebuilt: figures.kind === 'rebuilt',
      };
      console.log(formatOutcome({ kind: 'built', figures: outcome }));
      return;
    }
    say(
      `${figures.reports} reports, ${figures.paragraphs} paragraphs from ${contentDir()} → ${dir} ` +
        `(${figures.segments} segment${figures.segments === 1 ? '' : 's'}, ${(figures.bytes / 1024).toFixed(1)} KiB) in ${ms} ms`,
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
