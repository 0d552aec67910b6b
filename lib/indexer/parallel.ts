/**
 * The build on the machine's cores. In one thread, normalising and segmenting, FlexSearch's add and
 * the gram index run one after another (BENCHMARKS.md has their shares). Here this thread analyses
 * paragraphs chunk by chunk (jieba is loaded once, here: see worker.ts) while a worker adds each
 * analysed chunk to FlexSearch; then that worker lays out the word postings and ends, and a second
 * builds the gram index while this thread reads the vocabulary's pinyin. The result is the index
 * buildIndex makes in one thread.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportSource } from '../content/types';
import type { SearchIndex } from '../index/model';
import { buildPinyinIndex } from '../index/pinyin';
import { analyze } from '../text/analyze';
import { addUserWords, keywords, warmUpJieba } from '../text/tokenize';
import { buildIndex, IndexBuilder, sampleText, type BuildStamp } from './builder';
import { receivedColumn, WORKER_TAG, type WorkerAnswer, type WorkerJob } from './worker';

/** Paragraphs per message to the word indexer: big enough to amortise messaging, small enough to overlap. */
const CHUNK = 20_000;
/** Chunks the word indexer may be behind this thread: enough that it never waits for work. */
const CHUNKS_AHEAD = 3;
/** Below this many paragraphs the workers' start-up costs more than they save. */
export const PARALLEL_MIN_PARAGRAPHS = 20_000;

/** A worker thread running build-worker.ts, answering jobs in the order they were sent. */
class BuildWorker {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (a: WorkerAnswer) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor() {
    // The worker runs TypeScript through tsx, as the build script does; like every npm script, the
    // build runs from the project root.
    const entry = path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'indexer', 'worker.ts');
    this.worker = new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`, {
      eval: true,
      workerData: WORKER_TAG,
    });
    this.worker.on('message', (answer: WorkerAnswer) => this.waiting.shift()?.resolve(answer));
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const w of this.waiting.splice(0)) w.reject(err);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`build: a worker thread exited (code ${code})`)));
  }

  /**
   * Sends a job; the promise settles with its answer. Answers not yet awaited when the worker fails
   * are marked handled, so the first failure awaited is the one reported.
   */
  send(job: WorkerJob, transfer: ArrayBuffer[] = []): Promise<WorkerAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    const answer = new Promise<WorkerAnswer>((resolve, reject) => this.waiting.push({ resolve, reject }));
    answer.catch(() => {});
    this.worker.postMessage(job, transfer);
    return answer;
  }

  /** Stops the thread; closing twice is harmless. */
  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** Tuning of buildIndexInParallel; the defaults are for real content, tests shrink them. */
export interface ParallelOptions {
  /** Fewer paragraphs than this are built in this thread. */
  minParagraphs?: number;
  /** Paragraphs per message to the word indexer. */
  chunkSize?: number;
}

/** Builds the index from parsed reports with two worker threads, or in this one when they are few. */
export async function buildIndexInParallel(
  reports: ReportSource[],
  stamp: BuildStamp,
  { minParagraphs = PARALLEL_MIN_PARAGRAPHS, chunkSize = CHUNK }: ParallelOptions = {},
): Promise<SearchIndex> {
  if (reports.reduce((n, r) => n + r.paragraphs.length, 0) < minParagraphs) return buildIndex(reports, stamp);
  const wordIndexer = new BuildWorker();
  const gramIndexer = new BuildWorker();
  try {
    const builder = new IndexBuilder(reports);
    const { texts, reportIds } = builder;
    addUserWords(stamp.dictionary ?? []);
    warmUpJieba();
    // Each chunk's tokens go to the word indexer while this thread analyses the next; it is let
    // fall at most a few chunks behind, so tokens do not pile up in its queue.
    const added: Promise<WorkerAnswer>[] = [];
    for (let at = 0; at < texts.length; at += chunkSize) {
      const analyses = texts.slice(at, at + chunkSize).map((text, i) => analyze(reportIds[at + i]!, text));
      for (const analysis of analyses) builder.add(analysis);
      added.push(wordIndexer.send({ kind: 'words', first: at, tokens: analyses.map((a) => a.tokens) }));
      if (added.length > CHUNKS_AHEAD) await added.shift();
    }
    const sample = sampleText(builder.norms);
    const keyTerms = keywords(sample);
    // FlexSearch's maps are the build's largest object: the word indexer lays them out and ends
    // before the gram index and the pinyin tables are made, so they are never in memory together.
    const layout = await wordIndexer.send({ kind: 'layout' });
    if (layout.kind !== 'layout') throw new Error('build: the word indexer answered out of turn');
    await wordIndexer.close();
    const wordPostings = { ...layout.postings, words: receivedColumn(layout.postings.words) };
    const norms = builder.normsColumn(); // from here on the builder keeps the column, not a string per paragraph
    const grams = gramIndexer.send({ kind: 'grams', bytes: norms.bytes, offsets: norms.offsets });
    const pinyin = buildPinyinIndex(wordPostings.words); // while the gram indexer works
    const g = await grams;
    if (g.kind !== 'grams') throw new Error('build: the gram indexer answered out of turn');
    return builder.finish(
      wordPostings,
      { keys: g.keys, offsets: g.offsets, postings: g.postings },
      keyTerms,
      stamp,
      pinyin,
    );
  } finally {
    await Promise.all([wordIndexer.close(), gramIndexer.close()]);
  }
}
