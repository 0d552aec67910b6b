/**
 * GET /api/export: every hit of a search (not a page), in the search's order, as CSV (UTF-8 with a
 * BOM, so Excel on a Chinese Windows reads it), XLSX (exceljs's streaming writer) or JSON Lines;
 * one row per paragraph, or per occurrence as a concordance (KWIC: the match with its context).
 * Streamed: rows are made as the client reads them, so memory does not grow with the export.
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { ParamError } from '../api/errors';
import { EXPORT_FORMATS, KWIC_COLUMNS, PARAGRAPH_COLUMNS, type ExportRequest } from '../api/export';
import { MAX_EXPORT_ROWS } from '../api/limits';
import { FIELD_PARAMS } from '../content/fields';
import type { Hit, HitStream, Searcher } from '../backend/types';
import { paragraphPath } from './links';

type Row = Record<string, string | number | null>;

/** Whether the UTF-16 unit at `i` of `text` is the second half of a surrogate pair. */
const trailing = (text: string, i: number) => (text.charCodeAt(i) & 0xfc00) === 0xdc00;

/** The `n` code points of `text` before `end` (whole characters, never half a surrogate pair), cut without copying the rest. */
function before(text: string, end: number, n: number): string {
  let start = end;
  for (let k = 0; k < n && start > 0; k++) start -= start > 1 && trailing(text, start - 1) ? 2 : 1;
  return text.slice(start, end);
}

/** The `n` code points of `text` from `start`. */
function after(text: string, start: number, n: number): string {
  let end = start;
  for (let k = 0; k < n && end < text.length; k++) end += trailing(text, end + 1) ? 2 : 1;
  return text.slice(start, Math.min(end, text.length));
}

/** The rows of one hit: its paragraph, or each of its occurrences. */
function rowsOf(hit: Hit, request: ExportRequest, origin: string, query: string): Row[] {
  const { report } = hit;
  const meta: Row = {
    report: report.id,
    title: report.title,
    date: report.date,
    year: report.year,
    ...Object.fromEntries(FIELD_PARAMS.map((p) => [p, report[p]])),
    section: hit.section,
    paragraph: hit.ordinal,
    url: origin + paragraphPath(report.id, hit.id) + query,
    occurrences: hit.highlights.length,
  };
  if (request.view !== 'kwic') return [{ ...meta, text: hit.text }];
  return hit.highlights.map((m) => ({
    ...meta,
    left: before(hit.text, m.start, request.width),
    match: hit.text.slice(m.start, m.end),
    right: after(hit.text, m.end, request.width),
  }));
}

/** A file of the export: its headers and its body, made as it is read. */
export interface ExportFile {
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array>;
}

/**
 * The export a request asks for. Refuses (throws ParamError) an export beyond `maxRows` hits,
 * before anything is sent.
 */
export async function exportFile(
  searcher: Searcher,
  request: ExportRequest,
  origin: string,
  maxRows = MAX_EXPORT_ROWS,
): Promise<ExportFile> {
  const stream = await searcher.hits(request);
  if (stream.total > maxRows) {
    stream.close();
    throw new ParamError(
      'too_many_rows',
      `the search matches ${stream.total} paragraphs; an export holds at most ${maxRows}: narrow it with from, to, region, kind or another filter`,
    );
  }
  const columns = request.view === 'kwic' ? KWIC_COLUMNS : PARAGRAPH_COLUMNS;
  const query = `?q=${encodeURIComponent(request.q.toWellFormed())}`;
  const rows = rowBatches(stream, (hit) => rowsOf(hit, request, origin, query));
  return {
    headers: {
      'Content-Type': EXPORT_FORMATS[request.format],
      'Content-Disposition': contentDisposition(exportName(request), request.format),
      'Cache-Control': 'no-store',
      'X-Total-Count': String(stream.total),
    },
    body: request.format === 'xlsx' ? xlsxStream(rows, columns) : textStream(rows, columns, request.format),
  };
}

/** The stream's hits as batches of rows; returning from it closes the stream. */
async function* rowBatches(stream: HitStream, rowsOf: (hit: Hit) => Row[]): AsyncGenerator<Row[]> {
  try {
    for await (const hits of stream.batches) yield hits.flatMap(rowsOf);
  } finally {
    stream.close();
  }
}

/** CSV (a BOM, then a header) or JSON Lines, one chunk per batch, made when the reader pulls. */
function textStream(rows: AsyncGenerator<Row[]>, columns: readonly string[], format: 'csv' | 'jsonl'): ReadableStream {
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await rows.next();
      const batch = next.done ? [] : next.value;
      let text =
        format === 'csv'
          ? // Rows as arrays in column order (a third faster than objects with a column list), the header first.
            stringify([...(first ? [[...columns]] : []), ...batch.map((row) => columns.map((c) => row[c] ?? ''))], {
              record_delimiter: 'windows',
            })
          : batch.map((row) => JSON.stringify(row)).join('\n') + (batch.length ? '\n' : '');
      if (first && format === 'csv') text = '\uFEFF' + text;
      first = false;
      if (text) controller.enqueue(encoder.encode(text));
      if (next.done) controller.close();
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

/** An XLSX workbook of one sheet, written by exceljs's streaming writer as the reader drains it. */
function xlsxStream(rows: AsyncGenerator<Row[]>, columns: readonly string[]): ReadableStream {
  const out = new PassThrough();
  // Deflate's fastest level: the sheet is text that compresses well anyway, and the export is bound by it.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  const sheet = workbook.addWorksheet('检索结果');
  sheet.columns = columns.map((key) => ({ header: key, key, width: key === 'text' ? 80 : 14 }));
  let cancelled = false;
  void (async () => {
    try {
      for await (const batch of rows) {
        if (cancelled) return;
        for (const row of batch) sheet.addRow(row).commit();
        // The zip is piped into `out`: while the reader is behind, wait, so the workbook is never held whole.
        while (out.writableNeedDrain && !cancelled)
          await new Promise((resolve) => out.once('drain', resolve).once('close', resolve));
        await new Promise((resolve) => setImmediate(resolve));
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  const web = Readable.toWeb(out) as ReadableStream;
  const reader = web.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      cancelled = true;
      out.destroy();
      await rows.return(undefined);
    },
  });
}

/** A file name that says what was searched: 检索_乡村振兴_2020-2023_四川省.csv. */
export function exportName(request: ExportRequest): string {
  const parts = [
    '检索',
    request.q,
    request.from || request.to ? `${request.from ?? ''}-${request.to ?? ''}` : '',
    ...FIELD_PARAMS.flatMap((p) => request[p]),
    request.report ?? '',
    request.section ?? '',
    request.view === 'kwic' ? 'KWIC' : '',
  ];
  const name = parts
    .filter(Boolean)
    .join('_')
    // Characters no file system takes, control characters, and quotes.
    .replace(/[\\/:*?"<>|\p{Cc}\s]+/gu, '_')
    .replace(/_+/g, '_');
  return `${Array.from(name).slice(0, 80).join('')}.${request.format}`;
}

/** An attachment with a UTF-8 file name (RFC 6266 and 5987), and a plain one for clients without. */
function contentDisposition(name: string, format: string): string {
  const encoded = encodeURIComponent(name).replace(/['()!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="search-export.${format}"; filename*=UTF-8''${encoded}`;
}
