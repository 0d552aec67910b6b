/**
 * `npm run build:index`, as a function and as the entry of the build process the live index starts
 * (this file: BUILD_COMMAND_FILE). Makes the index folder current with the content folder — a
 * rebuild of every segment when there is none or the engine, dictionary or synonyms changed,
 * otherwise an update of what changed (update.ts) — each step written durably and the manifest
 * last, atomically. Builds from one checkout take turns (a lock beside the index), so servers
 * started together never build over each other. With `--if-stale` an index found current builds
 * nothing; without it, every segment is rebuilt. BUILD_INDEX_JSON=1 prints its outcome as one line
 * for the process that started it (index/build-outcome.ts): built with its figures, current, or
 * failed with the file and line at fault.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ContentError } from '../content/fields';
import { contentDir } from '../content/folder';
import { formatOutcome, type BuildFigures } from '../index/build-outcome';
import { indexPath } from '../index/segments';
import { acquireLock } from '../util/lock';
import { updateIndex, type UpdateFigures } from './update';

/** This file: the live index runs it as a process of its own. */
export const BUILD_COMMAND_FILE = __filename;

const json = Boolean(process.env.BUILD_INDEX_JSON);
const say = (line: string) => (json ? console.error : console.log)(`build:index: ${line}`);

/** What the outcome line says of a build, with the process's peak memory. */
function figuresOf(figures: UpdateFigures, buildMs: number): BuildFigures {
  return {
    reports: figures.reports,
    paragraphs: figures.paragraphs,
    buildMs,
    artifactBytes: figures.bytes,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    segments: figures.segments,
    flushed: figures.flushed,
    merges: figures.merges.length,
    deleted: figures.deleted,
    rebuilt: figures.kind === 'rebuilt',
  };
}

/** Builds the index under its lock, and says how it went. */
async function build(ifStale: boolean): Promise<void> {
  const started = performance.now();
  const dir = indexPath();
  mkdirSync(path.dirname(dir), { recursive: true });
  const release = await acquireLock(`${dir}.lock`, (owner) =>
    console.error(`build:index: waiting for another build of this index (pid ${owner?.pid ?? '?'})`),
  );
  try {
    const figures = await updateIndex(dir, contentDir(), { force: !ifStale, log: say });
    const ms = Math.round(performance.now() - started);
    if (json) {
      // Machine-readable for the benchmark and the live index.
      const outcome =
        figures.kind === 'current'
          ? { kind: 'current' as const }
          : { kind: 'built' as const, figures: figuresOf(figures, ms) };
      console.log(formatOutcome(outcome));
    } else if (figures.kind === 'current') say(`${dir} is current`);
    else
      say(
        `${figures.reports} reports, ${figures.paragraphs} paragraphs from ${contentDir()} → ${dir} ` +
          `(${figures.segments} segment${figures.segments === 1 ? '' : 's'}, ${(figures.bytes / 1024).toFixed(1)} KiB) in ${ms} ms`,
      );
  } finally {
    release();
  }
}

/** Runs the command with these arguments; a failure ends the process with its message (and outcome line). */
export function runBuildCommand(args: string[]): void {
  build(args.includes('--if-stale')).catch((err: Error) => {
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
}

if (require.main === module) runBuildCommand(process.argv.slice(2));
