/**
 * The build's worker thread (see parallel.ts). It loads neither jieba's dictionaries nor the query
 * engine: jieba stays in the main thread, because a native instance of it is never freed when a
 * thread ends (nodejieba has no destructor), and each one holds ~256 MB. As the word indexer a worker
 * adds the paragraphs' tokens to FlexSearch chunk by chunk, then lays the index out as postings; its
 * heap, FlexSearch's maps included, goes when the thread ends.
 * As the gram indexer it builds the gram index over the normalised texts it is given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { StringColumn } from '../index/columns';
import { buildGramIndex, type GramIndex } from '../index/grams';
import { createWordIndex, exportWords, type WordIndex, type WordPostings } from '../index/words';

/** Tells this module, loaded as a worker's entry, that it is one. */
export const WORKER_TAG = 'report-search-build';

/** What the build sends a worker. */
export type WorkerJob =
  | { kind: 'words'; first: number; tokens: string[] }
  | { kind: 'layout' }
  | { kind: 'grams'; bytes: Uint8Array; offsets: Uint32Array };

/** What a worker sends back, one answer per job, in order. */
export type WorkerAnswer =
  { kind: 'words' } | { kind: 'layout'; postings: WordPostings } | ({ kind: 'grams' } & GramIndex);

/** A string column as it arrives from another thread: its Buffer comes as a plain Uint8Array. */
export function receivedColumn(column: { bytes: Uint8Array; offsets: Uint32Array }): StringColumn {
  const { bytes, offsets } = column;
  return new StringColumn(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), offsets);
}

/** The word index this thread is building, from the first `words` job to `layout`. */
let words: WordIndex | null = null;

/**
 * The buffers of `views` that can move to another thread rather than be copied: those a view has
 * to itself. A small Buffer shares Node's pool with others, and moving it would take theirs along.
 */
function movable(...views: ArrayBufferView[]): ArrayBuffer[] {
  return views
    .filter((v) => v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer)
    .map((v) => v.buffer as ArrayBuffer);
}

function run(job: WorkerJob): { answer: WorkerAnswer; transfer: ArrayBuffer[] } {
  switch (job.kind) {
    case 'words': {
      words ??= createWordIndex();
      job.tokens.forEach((tokens, i) => words!.add(job.first + i, tokens));
      return { answer: { kind: 'words' }, transfer: [] };
    }
    case 'layout': {
      const postings = exportWords(words ?? createWordIndex());
      words = null;
      return {
        answer: { kind: 'layout', postings },
        transfer: movable(postings.words.bytes, postings.words.offsets, postings.offsets, postings.postings),
      };
    }
    case 'grams': {
      const grams = buildGramIndex(receivedColumn(job));
      return {
        answer: { kind: 'grams', ...grams },
        transfer: movable(grams.keys, grams.offsets, grams.postings.starts, grams.postings.bytes),
      };
    }
  }
}

if (parentPort && workerData === WORKER_TAG) {
  const port = parentPort;
  port.on('message', (job: WorkerJob) => {
    const { answer, transfer } = run(job);
    port.postMessage(answer, transfer);
  });
}
