/**
 * The load worker's thread (loader.ts starts it on this file): reads an index folder's segments and
 * merges them here, off the server's event loop, then sends the merged index's sections to the
 * server, their memory moved rather than copied. It keeps nothing between loads, and never loads jieba.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { IndexArtifactError, indexStamp, sectionValues, type IndexStamp } from '../../index/artifact';
import { loadIndex } from '../../index/load';
import type { SectionValues } from '../../index/sections';
import { wordTable } from '../../index/words';
import { reportTable, type ReportTable } from '../../query/collection';

/** This file, which loader.ts starts a worker on; the worker knows itself by it (workerData). */
export const LOAD_WORKER_FILE = __filename;

/** What the server asks the worker. */
export interface LoadJob {
  dir: string;
}

/** What the worker answers: the merged index's sections, or why it could not load one. */
export type LoadResult =
  | {
      ok: true;
      values: SectionValues;
      stamp: IndexStamp;
      table: Uint32Array | undefined;
      /** The report table (filters, facets, date order), made there too: a second of work over poetry. */
      reports: ReportTable;
    }
  | { ok: false; message: string; artifact: boolean };

/** Arrays this large have a buffer of their own, not Node's shared pool: they move to the server; smaller ones are copied. */
const OWN_BUFFER_BYTES = 64 * 1024;

/** Loads the folder a job names and posts the result, its large buffers transferred. */
function answer({ dir }: LoadJob): void {
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
    const result: LoadResult = { ok: true, values, stamp: indexStamp(index), table, reports };
    parentPort!.postMessage(result, [...buffers]);
  } catch (err) {
    const result: LoadResult = {
      ok: false,
      message: (err as Error).message,
      artifact: err instanceof IndexArtifactError,
    };
    parentPort!.postMessage(result);
  }
}

if (!isMainThread && workerData === LOAD_WORKER_FILE) parentPort!.on('message', answer);
