/**
 * The build's worker thread (see parallel.ts). It imports the text pipeline and the gram index
 * only: neither FlexSearch nor the query engine is loaded into a worker. As the analyser it normalises, segments and
 * hashes paragraphs in the chunks it is sent, then picks the key terms; as the gram indexer it builds the
 * gram index over the normalised texts it is given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { StringColumn } from '../index/columns';
import { buildGramIndex, type GramIndex } from '../index/grams';
import { analyze, type Analysis } from '../text/analyze';
import { addUserWords, keywords } from '../text/tokenize';

/** Tells this module, loaded as a worker's entry, that it is one. */
export const WORKER_TAG = 'report-search-build';

/** What the build sends a worker. */
export type WorkerJob =
  | { kind: 'dictionary'; entries: { word: string; tag: string | null }[] }
  | { kind: 'analyze'; reportIds: string[]; texts: string[] }
  | { kind: 'keywords'; sample: string }
  | { kind: 'grams'; bytes: Uint8Array; offsets: Uint32Array };

/** What a worker sends back, one answer per job, in order. */
export type WorkerAnswer =
  | { kind: 'dictionary' }
  | { kind: 'analyze'; analyses: Analysis[] }
  | { kind: 'keywords'; keywords: string[] }
  | ({ kind: 'grams' } & GramIndex);

function run(job: WorkerJob): { answer: WorkerAnswer; transfer: ArrayBuffer[] } {
  switch (job.kind) {
    case 'dictionary':
      addUserWords(job.entries);
      return { answer: { kind: 'dictionary' }, transfer: [] };
    case 'analyze':
      return {
        answer: { kind: 'analyze', analyses: job.texts.map((text, i) => analyze(job.reportIds[i]!, text)) },
        transfer: [],
      };
    case 'keywords':
      return { answer: { kind: 'keywords', keywords: keywords(job.sample) }, transfer: [] };
    case 'grams': {
      const grams = buildGramIndex(
        new StringColumn(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.offsets),
      );
      return {
        answer: { kind: 'grams', ...grams },
        transfer: [
          grams.keys.buffer,
          grams.offsets.buffer,
          grams.postings.starts.buffer,
          grams.postings.bytes.buffer,
        ] as ArrayBuffer[],
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
