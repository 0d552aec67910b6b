/**
 * Keeping an index folder (lib/index/segments.ts) current with the content folder: the plan
 * (plan.ts) carried out (updateIndex). A file removed or changed has its reports marked deleted in the
 * segments holding them; a file added or changed is built into new segments, flushed each time the
 * reports buffered reach a memory bound, so no build holds more than that bound of reports
 * however large the content. Then the merge policy (merges.ts) folds small segments together.
 * A change of the engine, the artifact layout, the dictionary or the synonyms rebuilds every segment.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { readContentFile } from '../content/folder';
import type { ReportSource } from '../content/types';
import type { DictionaryEntry } from '../content/vocabulary';
import { readReportIds, writeArtifact } from '../index/artifact';
import { engineVersion } from '../index/engine';
import {
  emptyManifest,
  readDeletions,
  readManifest,
  removeStrayFiles,
  segmentFile,
  strayFiles,
  segmentName,
  writeDeletions,
  writeManifest,
  type Manifest,
  type SegmentEntry,
  type SegmentFile,
} from '../index/segments';
import { combineHashes, type FileHash } from '../util/hashes';
import { acquireLock } from '../util/lock';
import { failpoint } from '../util/failpoints';
import { applyMergePolicy, type MergeFigures } from './merges';
import { listing, planFrom, rebuildPlan } from './plan';
import { buildIndexInParallel } from './parallel';

/**
 * Reports buffered before they are built into a segment, in estimated bytes of build memory: the
 * bound on what a build holds besides jieba, however large the content (INDEX_BUFFER_MB).
 */
export const BUFFER_BYTES = Number(process.env.INDEX_BUFFER_MB ?? 64) * 1024 * 1024;
/** Estimated build memory a paragraph costs beyond its text: its analysis, postings and columns. */
const PARAGRAPH_OVERHEAD_BYTES = 160;
/** Build memory a character of text costs: the text, its normalised form, its grams and tokens (measured on poetry). */
const BYTES_PER_CHARACTER = 12;

/** What an update did. */
export interface UpdateFigures {
  kind: 'current' | 'rebuilt' | 'updated';
  /** Segments this update flushed, and the merges the policy then made. */
  flushed: number;
  merges: MergeFigures[];
  /** Reports marked deleted. */
  deleted: number;
  /** The index after it. */
  segments: number;
  reports: number;
  paragraphs: number;
  /** Sum of its segment files' sizes. */
  bytes: number;
}

/** How an update runs; the defaults are for real content, tests shrink them. */
export interface UpdateOptions {
  /** Estimated build memory of the reports buffered before a segment is flushed. */
  bufferBytes?: number;
  /** Rebuild every segment even when the index looks current (a segment is damaged). */
  force?: boolean;
  /** Told what happens, a line at a time. */
  log?: (line: string) => void;
  /** One-term queries matching at least this many paragraphs get a stored answer (answers.ts). */
  storedAnswerMinMatches?: number;
  /** The engine version to build with and compare against; the working directory's by default. */
  engine?: string;
  /** No merge makes a segment larger than this (merges.ts, MAX_SEGMENT_BYTES). */
  maxSegmentBytes?: number;
}

/**
 * Makes the index in `indexDir` current with `contentDir`. The caller holds the build lock. Files
 * no manifest names (left by a build that was stopped) are removed first.
 */
export async function updateIndex(
  indexDir: string,
  contentDir: string,
  options: UpdateOptions = {},
): Promise<UpdateFigures> {
  const log = options.log ?? (() => {});
  mkdirSync(indexDir, { recursive: true });
  let manifest: Manifest | null = null;
  try {
    manifest = readManifest(indexDir);
  } catch (err) {
    log(`${(err as Error).message}: rebuilding it`);
  }
  for (const name of removeStrayFiles(indexDir, manifest)) log(`removed ${name}, left by a build that was stopped`);
  const content = listing(contentDir);
  const engine = options.engine ?? engineVersion();
  const plan = options.force ? rebuildPlan('a rebuild was asked for', content) : planFrom(manifest, content, engine);
  if (plan.reason === null) return { ...figuresOf(manifest!), kind: 'current', flushed: 0, merges: [], deleted: 0 };
  log(`${plan.fresh ? 'rebuilding' : 'updating'} the index: ${plan.reason}`);
  const vocabulary = readVocabulary(contentDir, content.vocabulary);
  // A fresh index starts from no segments, numbered on from the last manifest's so that no name is reused.
  const start: Manifest = plan.fresh
    ? {
        ...emptyManifest(engine, content.vocabulary),
        generation: manifest?.generation ?? 0,
        nextSegment: manifest?.nextSegment ?? 1,
      }
    : manifest!;
  const { manifest: kept, deleted } = deleteFiles(indexDir, start, plan.remove);
  const live = plan.fresh ? new Set<string>() : liveIds(indexDir, kept);
  const built = await buildSegments(indexDir, kept, plan.add, vocabulary, live, { ...options, engine });
  const next = writeManifest(indexDir, built.manifest);
  removeStrayFiles(indexDir, next);
  const merged = await applyMergePolicy(indexDir, next, {
    log,
    storedAnswerMinMatches: options.storedAnswerMinMatches,
    fresh: plan.fresh,
    maxBytes: options.maxSegmentBytes,
  });
  return {
    ...figuresOf(merged.manifest),
    kind: plan.fresh ? 'rebuilt' : 'updated',
    flushed: built.flushed,
    merges: merged.merges,
    deleted,
  };
}

/**
 * Removes what a build killed part-way left in the index folder (segments and deletions no
 * manifest names, temporary files), in turn with any build running now (it holds the lock while
 * it writes files no manifest names yet). Returns their names. A damaged manifest is left for the
 * rebuild it gets, which cleans up then.
 */
export async function removeLeftovers(dir: string, waiting: () => void = () => {}): Promise<string[]> {
  let manifest: Manifest | null;
  try {
    manifest = readManifest(dir);
  } catch {
    return [];
  }
  if (strayFiles(dir, manifest).length === 0) return [];
  const release = await acquireLock(`${dir}.lock`, waiting);
  try {
    return removeStrayFiles(dir, readManifest(dir));
  } finally {
    release();
  }
}

/** The dictionary and synonyms a segment is built with. */
export interface Vocabulary {
  dictionary: DictionaryEntry[];
  synonyms: string[][];
}

function readVocabulary(contentDir: string, files: FileHash[]): Vocabulary {
  const vocabulary: Vocabulary = { dictionary: [], synonyms: [] };
  for (const { name } of files) {
    const parsed = readContentFile(path.join(contentDir, name));
    if (parsed.dictionary) vocabulary.dictionary = parsed.dictionary;
    if (parsed.synonyms) vocabulary.synonyms = parsed.synonyms;
  }
  return vocabulary;
}

/** Marks deleted the reports of the files named, in every segment holding them; drops segments left empty. */
function deleteFiles(dir: string, manifest: Manifest, names: Set<string>): { manifest: Manifest; deleted: number } {
  let deleted = 0;
  const segments: SegmentEntry[] = [];
  for (const entry of manifest.segments) {
    const gone = entry.files.filter((f) => names.has(f.name));
    if (gone.length === 0) {
      segments.push(entry);
      continue;
    }
    const bits = readDeletions(dir, entry);
    for (const f of gone)
      for (let r = f.from; r < f.to; r++) {
        if (bits[r]) continue;
        bits[r] = 1;
        deleted++;
      }
    const files = entry.files.filter((f) => !names.has(f.name));
    if (files.length === 0) continue; // nothing of it is left: the manifest drops it, the next clean-up removes it
    const deletions = writeDeletions(dir, entry, bits, manifest.generation + 1);
    failpoint('deletions');
    segments.push({
      ...entry,
      files,
      deletions,
      deletedReports: bits.reduce((n, b) => n + b, 0),
      deletedParagraphs: entry.deletedParagraphs + gone.reduce((n, f) => n + f.paragraphs, 0),
    });
  }
  return { manifest: { ...manifest, segments }, deleted };
}

/** Ids of the reports the manifest's segments hold and have not deleted. */
function liveIds(dir: string, manifest: Manifest): Set<string> {
  const ids = new Set<string>();
  for (const entry of manifest.segments) {
    const column = readReportIds(segmentFile(dir, entry.name));
    for (const f of entry.files) for (let r = f.from; r < f.to; r++) ids.add(column.get(r));
  }
  return ids;
}

/** Estimated build memory of a report: what the buffer bound counts. */
function reportBytes(report: ReportSource): number {
  let bytes = 0;
  for (const p of report.paragraphs) bytes += p.text.length * BYTES_PER_CHARACTER + PARAGRAPH_OVERHEAD_BYTES;
  return bytes;
}

/**
 * Builds the files' reports into segments appended to the manifest, one flushed each time the
 * buffer reaches its bound; a file larger than the bound is spread over several. A report id
 * already live, or met twice, fails the update as a build of the whole content fails.
 */
async function buildSegments(
  dir: string,
  manifest: Manifest,
  files: string[],
  vocabulary: Vocabulary,
  ids: Set<string>,
  options: UpdateOptions,
): Promise<{ manifest: Manifest; flushed: number }> {
  const bound = options.bufferBytes ?? BUFFER_BYTES;
  let buffer: ReportSource[] = [];
  let pieces: SegmentFile[] = [];
  let bytes = 0;
  let flushed = 0;
  let next = manifest;
  const flush = async () => {
    if (buffer.length === 0) return;
    const name = segmentName(next.nextSegment);
    const index = await buildIndexInParallel(buffer, {
      contentHash: combineHashes(pieces),
      dictionary: vocabulary.dictionary,
      synonyms: vocabulary.synonyms,
      storedAnswerMinMatches: options.storedAnswerMinMatches,
      engine: options.engine,
    });
    const size = writeArtifact(index, segmentFile(dir, name));
    failpoint('flush');
    options.log?.(
      `segment ${name}: ${index.reports.count} reports, ${index.paragraphs.count} paragraphs, ${size} bytes`,
    );
    const entry: SegmentEntry = {
      name,
      reports: index.reports.count,
      paragraphs: index.paragraphs.count,
      bytes: size,
      deletions: null,
      deletedReports: 0,
      deletedParagraphs: 0,
      files: pieces,
    };
    next = { ...next, nextSegment: next.nextSegment + 1, segments: [...next.segments, entry] };
    buffer = [];
    pieces = [];
    bytes = 0;
    flushed++;
  };
  for (const file of files) {
    const { file: hash, reports } = readContentFile(file);
    for (let i = 0; i < reports.length; i++) {
      const report = reports[i]!;
      if (ids.has(report.id)) throw new Error(`build: two reports share the id "${report.id}"`);
      ids.add(report.id);
      const last = pieces[pieces.length - 1];
      if (last?.name === hash.name) last.to++;
      else pieces.push({ ...hash, from: buffer.length, to: buffer.length + 1, paragraphs: 0 });
      pieces[pieces.length - 1]!.paragraphs += report.paragraphs.length;
      buffer.push(report);
      bytes += reportBytes(report);
      (reports as (ReportSource | null)[])[i] = null; // the buffer holds it now; the file's list lets go
      if (bytes >= bound) await flush();
    }
  }
  await flush();
  return { manifest: next, flushed };
}

/** The index's size as the manifest says it. */
function figuresOf(manifest: Manifest) {
  const live = (s: SegmentEntry) => s.reports - s.deletedReports;
  return {
    segments: manifest.segments.length,
    reports: manifest.segments.reduce((n, s) => n + live(s), 0),
    paragraphs: manifest.segments.reduce((n, s) => n + s.paragraphs - s.deletedParagraphs, 0),
    bytes: manifest.segments.reduce((n, s) => n + s.bytes, 0),
  };
}
