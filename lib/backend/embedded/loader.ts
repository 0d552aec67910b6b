/**
 * Loading an index folder on a worker thread, so a server keeps answering while segments are read
 * and merged (index/load.ts): a merge of poetry's segments takes a second of CPU, which on the event loop
 * would stall every search meanwhile. The worker sends the merged sections; this thread only wraps
 * them (indexFrom), moved not copied, and checks the content and engine it expects. The report
 * table (query/collection.ts) is made there too.
 */
import { Worker } from 'node:worker_threads';
import { ARTIFACT_VERSION, IndexArtifactError, indexFrom, type ExpectedStamp } from '../../index/artifact';
import { refuseStale } from '../../index/load';
import type { SearchIndex } from '../../index/model';
import { ValueReader } from '../../index/sections';
import { setReportTable } from '../../query/collection';
import { addUserWords } from '../../text/tokenize';
import { LOAD_WORKER_FILE, type LoadJob, type LoadResult } from './load-worker';

let queue: Promise<unknown> = Promise.resolve();

/**
 * One load on a worker of its own, ended once it has answered: what the worker read and merged is
 * let go with it. A worker kept between loads held the segments it had read until its next
 * collection, which an idle worker may never run: 3 GB of the 10x corpus's serving memory.
 */
function ask(job: LoadJob): Promise<LoadResult> {
  // TypeScript, as the server runs it: tsx's require hook, which a worker takes from its execArgv.
  const worker = new Worker(LOAD_WORKER_FILE, { execArgv: ['--require', 'tsx/cjs'], workerData: LOAD_WORKER_FILE });
  worker.unref();
  return new Promise<LoadResult>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`index: the load worker exited (code ${code})`)));
    worker.once('message', resolve);
    worker.postMessage(job);
  }).finally(() => void worker.terminate());
}

/**
 * Loads the index in `dir` on the worker while this thread runs `during` and `expected` settles
 * (the content hashed on the pool). Loads run one at a time. Rejects with IndexArtifactError as
 * loadIndex does.
 */
export function loadIndexInBackground(
  dir: string,
  expected: Promise<ExpectedStamp>,
  during: () => void = () => {},
): Promise<SearchIndex> {
  const run = queue.then(async () => {
    const answering = ask({ dir });
    during();
    const [answer, wanted] = await Promise.all([answering, expected]);
    if (!answer.ok)
      throw answer.artifact
        ? new IndexArtifactError(answer.message.replace(/^index: /, ''))
        : new Error(answer.message);
    const { stamp } = answer;
    // The worker refused segments of another layout; the content and engine are checked here, where they were hashed.
    refuseStale(dir, { version: ARTIFACT_VERSION, contentHash: stamp.contentHash, engine: stamp.engine }, wanted);
    const index = indexFrom(new ValueReader(answer.values), stamp, answer.table);
    setReportTable(index, answer.reports);
    addUserWords(index.dictionary); // queries are cut into words as the index's paragraphs were
    return index;
  });
  queue = run.catch(() => {});
  return run;
}
