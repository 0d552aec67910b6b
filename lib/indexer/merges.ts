/**
 * The merge policy: which adjacent segments to merge, and merging them into one segment on disk.
 * Segments are grouped in levels by size, a level MERGE_FACTOR times the one below; MERGE_FACTOR
 * adjacent segments of one level are merged into one of the next (as Lucene's log merge policy),
 * so a live index that adds a report a day keeps a few segments per level; a segment whose
 * deleted share passes EXPUNGE_SHARE is rewritten without them. After a rebuild, adjacent
 * segments are merged as long as the result stays under MAX_SEGMENT_BYTES: a corpus that fits one
 * segment is served from one, with its stored answers. That bound is also what a merge holds in
 * memory (its inputs and its output), so a build's memory does not grow with the corpus.
 *
 * A merge runs in the build process, never in a server: the server swaps in the new manifest's
 * index when it is written, as it does after any build.
 */
import { keywords } from '../text/tokenize';
import { readArtifact, writeArtifact } from '../index/artifact';
import { mergeIndexes } from '../index/merge';
import {
  readDeletions,
  removeStrayFiles,
  segmentFile,
  segmentName,
  writeManifest,
  type Manifest,
  type SegmentEntry,
  type SegmentFile,
} from '../index/segments';
import { failpoint } from '../util/failpoints';
import { combineHashes } from '../util/hashes';
import { precomputeAnswers, STORED_ANSWER_MIN_MATCHES } from './answers';
import { sampleText } from './builder';
import { distinctiveColumn } from './distinctive';

/** Adjacent segments of one level merged at once; also the ratio between levels. */
export const MERGE_FACTOR = 8;
/** Segments up to this size (estimated live bytes) are level 0. */
const LEVEL_BASE_BYTES = 4 * 1024 * 1024;
/** No merge makes a segment larger than this (INDEX_MAX_SEGMENT_MB): what a merge holds in memory. */
export const MAX_SEGMENT_BYTES = Number(process.env.INDEX_MAX_SEGMENT_MB ?? 384) * 1024 * 1024;
/** A segment with more than this share of its paragraphs deleted is rewritten without them. */
export const EXPUNGE_SHARE = 0.25;

/** One merge done. */
export interface MergeFigures {
  into: string;
  from: string[];
  paragraphs: number;
  bytes: number;
  ms: number;
}

/** A segment's size less its deleted share: what it will weigh merged. */
function liveBytes(s: SegmentEntry): number {
  return s.paragraphs === 0 ? 0 : s.bytes * (1 - s.deletedParagraphs / s.paragraphs);
}

function level(s: SegmentEntry): number {
  return Math.max(0, Math.floor(Math.log(liveBytes(s) / LEVEL_BASE_BYTES) / Math.log(MERGE_FACTOR)) + 1);
}

/**
 * The next run of adjacent segments `[from, to)` to merge, or null. `fresh` (after a rebuild):
 * the first run of two or more whose merge stays under the bound.
 */
export function pickMerge(
  segments: SegmentEntry[],
  fresh: boolean,
  maxBytes = MAX_SEGMENT_BYTES,
): { from: number; to: number } | null {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.paragraphs > 0 && s.deletedParagraphs / s.paragraphs > EXPUNGE_SHARE) return { from: i, to: i + 1 };
  }
  if (fresh) {
    for (let i = 0; i + 1 < segments.length; i++) {
      let total = liveBytes(segments[i]!);
      let to = i + 1;
      while (to < segments.length && total + liveBytes(segments[to]!) <= maxBytes) total += liveBytes(segments[to++]!);
      if (to - i >= 2) return { from: i, to };
    }
    return null;
  }
  for (let i = 0; i + MERGE_FACTOR <= segments.length; i++) {
    const run = segments.slice(i, i + MERGE_FACTOR);
    const l = level(run[0]!);
    if (run.every((s) => level(s) === l) && run.reduce((n, s) => n + liveBytes(s), 0) <= maxBytes)
      return { from: i, to: i + MERGE_FACTOR };
  }
  return null;
}

/** Options of applyMergePolicy. */
export interface PolicyOptions {
  log?: (line: string) => void;
  storedAnswerMinMatches?: number;
  /** Right after a rebuild: merge adjacent segments up to the size bound. */
  fresh?: boolean;
  maxBytes?: number;
}

/** Merges until the policy asks for no more; each merge is its own manifest. */
export async function applyMergePolicy(
  dir: string,
  manifest: Manifest,
  options: PolicyOptions = {},
): Promise<{ manifest: Manifest; merges: MergeFigures[] }> {
  const merges: MergeFigures[] = [];
  for (let run = pickMerge(manifest.segments, options.fresh ?? false, options.maxBytes); run;) {
    const done = mergeRun(dir, manifest, run.from, run.to, options);
    manifest = done.manifest;
    merges.push(done.figures);
    options.log?.(
      `merged ${done.figures.from.join(', ')} into ${done.figures.into}: ${done.figures.paragraphs} paragraphs in ${done.figures.ms} ms`,
    );
    run = pickMerge(manifest.segments, options.fresh ?? false, options.maxBytes);
  }
  return { manifest, merges };
}

/** Merges segments `[from, to)` into one new segment, and writes the manifest naming it in their place. */
function mergeRun(
  dir: string,
  manifest: Manifest,
  from: number,
  to: number,
  options: PolicyOptions,
): { manifest: Manifest; figures: MergeFigures } {
  const started = performance.now();
  const entries = manifest.segments.slice(from, to);
  const parts = entries.map((entry) => ({
    index: readArtifact(segmentFile(dir, entry.name)),
    deleted: readDeletions(dir, entry),
  }));
  const files = renumberFiles(
    entries,
    parts.map((p) => p.deleted),
  );
  const index = mergeIndexes(parts, { contentHash: combineHashes(files) });
  parts.length = 0; // the inputs can go before the answers are ranked
  // What merging cannot carry over, made for the merged reports: as a build of them makes it.
  index.distinctive = distinctiveColumn(index.wordPostings, index.paragraphs.columns.report, index.reports.bounds);
  index.keywords = keywords(sampleText(index.paragraphs.norms));
  index.answers = precomputeAnswers(index, options.storedAnswerMinMatches ?? STORED_ANSWER_MIN_MATCHES);
  const name = segmentName(manifest.nextSegment);
  const bytes = writeArtifact(index, segmentFile(dir, name));
  failpoint('merge');
  const entry: SegmentEntry = {
    name,
    reports: index.reports.count,
    paragraphs: index.paragraphs.count,
    bytes,
    deletions: null,
    deletedReports: 0,
    deletedParagraphs: 0,
    files,
  };
  const segments = [...manifest.segments.slice(0, from), entry, ...manifest.segments.slice(to)];
  const next = writeManifest(dir, { ...manifest, nextSegment: manifest.nextSegment + 1, segments });
  removeStrayFiles(dir, next);
  const ms = Math.round(performance.now() - started);
  return {
    manifest: next,
    figures: { into: name, from: entries.map((e) => e.name), paragraphs: entry.paragraphs, bytes, ms },
  };
}

/** The segments' files with their report ranges in the merged segment, deleted reports gone. */
function renumberFiles(entries: SegmentEntry[], deleted: Uint8Array[]): SegmentFile[] {
  const out: SegmentFile[] = [];
  let base = 0;
  entries.forEach((entry, k) => {
    const bits = deleted[k]!;
    const liveBefore = new Uint32Array(entry.reports + 1);
    for (let r = 0; r < entry.reports; r++) liveBefore[r + 1] = liveBefore[r]! + (bits[r] ? 0 : 1);
    for (const f of entry.files) {
      const from = base + liveBefore[f.from]!;
      const to = base + liveBefore[f.to]!;
      // The parts of one file, side by side again, are one range.
      const last = out[out.length - 1];
      if (last?.name === f.name && last.to === from)
        Object.assign(last, { to, paragraphs: last.paragraphs + f.paragraphs });
      else out.push({ ...f, from, to });
    }
    base += liveBefore[entry.reports]!;
  });
  return out;
}
