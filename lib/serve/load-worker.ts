/**
 * The load worker's thread (background.ts starts it): reads an index folder's segments and merges
 * them here, off the server's event loop, then sends the merged index's sections to the server,
 * their memory moved rather than copied. It keeps nothing between loads, and never loads jieba.
 */
import { parentPort } from 'node:worker_threads';
import { IndexArtifactError, indexStamp, sectionValues } from '../index/artifact';
import { loadIndex } from '../index/load';
import { wordTable } from '../index/words';
import { reportTable } from '../query/collection';
import type { LoadAnswer, LoadJob } from './background';

/** Arrays this large have a buffer of their own, not Node's shared pool: they move to the server; smaller ones are copied. */
const OWN_BUFFER_BYTES = 64 * 1024;

parentPort!.on('message', ({ dir }: LoadJob) => {
  try {
    const index = loadIndex(dir, {}, { userWords: false });
    const values = sectionValues(index);
    const table = wordTable(index.wordIndex);
    const reports = reportTable(index);
    const arrays = [
      ...Object.values(values),
      table,
      reports.characters,
      reports.newest,
      reports.oldest,
      ...Object.values(reports.coded).map((c) => c.codes),
    ];
    const buffers = new Set<ArrayBuffer>();
    for (const v of arrays)
      if (ArrayBuffer.isView(v) && v.buffer.byteLength >= OWN_BUFFER_BYTES) buffers.add(v.buffer as ArrayBuffer);
    const answer: LoadAnswer = { ok: true, values, stamp: indexStamp(index), table, reports };
    parentPort!.postMessage(answer, [...buffers]);
  } catch (err) {
    const answer: LoadAnswer = {
      ok: false,
      message: (err as Error).message,
      artifact: err instanceof IndexArtifactError,
    };
    parentPort!.postMessage(answer);
  }
});
