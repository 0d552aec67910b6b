/**
 * The build on the machine's cores. In one thread, normalising and segmenting, FlexSearch's add and
 * the gram index run one after another (BENCHMARKS.md has their shares). Here a worker thread
 * analyses paragraphs chunk by chunk while this thread adds each finished chunk to FlexSearch, and a
 * second worker builds the gram index while this thread lays out the word postings and columns.
 * The result is the index buildIndex makes in one thread.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportSource } from '../content/types';
import type { SearchIndex } from '../index/model';
import { buildPinyinIndex } from '../index/pinyin';
import { addUserWords, warmUpJieba } from '../text/tokenize';
import { buildIndex, IndexBuilder, sampleText, type BuildStamp } from './builder';
import { WORKER_TAG, type WorkerAnswer, type WorkerJob } from './worker';

/** Paragraphs per message to the analyser: big enough to amortise messaging, small enough to overlap. */
const CHUNK = 20_000;
/** Chunks sent to the analyser before the first answer is awaited: enough that it never waits for work. */
const CHUNKS_AHEAD = 3;
/** Below this many paragraphs the workers' start-up (each loads jieba's dictionaries) costs more than they save. */
export const PARALLEL_MIN_PARAGRAPHS = 20_000;

/** A worker thread running build-worker.ts, answering jobs in the order they were sent. */
class BuildWorker {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (a: WorkerAnswer) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor() {
    // The worker runs TypeScript through tsx, as the build script does; like every npm script, the
    // build runs from the project root.
    const entry = path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'build', 'worker.ts');
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
  /** Paragraphs per message to the analyser. */
  chunkSize?: number;
}

/** Builds the index from parsed reports with two worker threads, or in this one when they are few. */
export async function buildIndexInParallel(
  reports: ReportSource[],
  stamp: BuildStamp,
  { minParagraphs = PARALLEL_MIN_PARAGRAPHS, chunkSize = CHUNK }: ParallelOptions = {},
): Promise<SearchIndex> {
  if (reports.reduce((n, r) => n + r.paragraphs.length, 0) < minParagraphs) return buildIndex(reports, stamp);
  const analyser = new BuildWorker();
  const indexer = new BuildWorker();
  try {
    const builder = new IndexBuilder(reports);
    const { texts, reportIds } = builder;
    // The analyser cuts with the content's own words, as this thread does for stored answers.
    const dictionary = stamp.dictionary ?? [];
    void analyser.send({ kind: 'dictionary', entries: dictionary });
    addUserWords(dictionary);
    // A few chunks are queued ahead; the analyser answers them in order, and each is added here as
    // it comes, while the next ones are analysed. Queuing every chunk at once had held a copy of
    // all texts in the analyser and, when this thread fell behind, their analyses here.
    const send = (at: number) =>
      analyser.send({
        kind: 'analyze',
        reportIds: reportIds.slice(at, at + chunkSize),
        texts: texts.slice(at, at + chunkSize),
      });
    const queued: Promise<WorkerAnswer>[] = [];
    let next = 0;
    for (; next < texts.length && queued.length < CHUNKS_AHEAD; next += chunkSize) queued.push(send(next));
    // Stored answers need jieba in this thread too: load its dictionaries now, while the analyser
    // loads its own.
    warmUpJieba();
    while (queued.length > 0) {
      const answer = await queued.shift()!;
      if (next < texts.length) {
        queued.push(send(next));
        next += chunkSize;
      }
      if (answer.kind !== 'analyze') throw new Error(`build: expected analysed paragraphs, got ${answer.kind}`);
      for (const analysis of answer.analyses) builder.add(analysis);
    }
    const sample = sampleText(builder.norms);
    const norms = builder.normsColumn(); // from here on the builder keeps the column, not a string per paragraph
    const grams = indexer.send({ kind: 'grams', bytes: norms.bytes, offsets: norms.offsets });
    const k = await analyser.send({ kind: 'keywords', sample });
    await analyser.close(); // its heap (jieba, a million strings' garbage) is memory the rest needs
    const wordPostings = builder.wordPostings();
    // The vocabulary's pinyin readings, while the indexer is still on the gram index.
    const pinyin = buildPinyinIndex(wordPostings.words);
    const g = await grams;
    if (g.kind !== 'grams' || k.kind !== 'keywords') throw new Error('build: a worker answered out of turn');
    return builder.finish(
      wordPostings,
      { keys: g.keys, offsets: g.offsets, postings: g.postings },
      k.keywords,
      stamp,
      pinyin,
    );
  } finally {
    await Promise.all([analyser.close(), indexer.close()]);
  }
}
