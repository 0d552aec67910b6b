/**
 * GET /api/export: every hit of a search (not a page), in the search's order, as CSV (UTF-8 with a
 * BOM, so Excel on a Chinese Windows reads it), XLSX (exceljs's streaming writer) or JSON Lines;
 * one row per paragraph, or per occurrence as a concordance (KWIC: the match with its context).
 * Streamed: rows are made as the client reads them, so memory does not grow with the export.
 */
import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { ParamError } from '../api/errors';
import { EXPORT_FORMATS, KWIC_COLUMNS, PARAGRAPH_COLUMNS, type ExportRequest } from '../api/export';
import { MAX_EXPORT_CHARS, MAX_EXPORT_HITS, MAX_EXPORT_ROWS } from '../api/limits';
import { FIELD_PARAMS } from '../content/fields';
import type { Hit, HitStream, Searcher } from '../backend/types';
import { paragraphPath } from './links';

type Row = Record<string, string | number | boolean | null>;

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

/**
 * A CSV cell that a spreadsheet will not read as a formula (OWASP's CSV injection): text starting
 * with = + - @, a tab or a carriage return gets a leading apostrophe, which Excel and LibreOffice
 * show as nothing. Numbers are written as they are. XLSX cells are typed text and need none.
 */
export function csvCell(value: string | number | boolean | null | undefined): string | number | boolean {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
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

/** What one file may hold: hits (more is refused before anything is sent), then rows and characters of cells. */
export interface ExportLimits {
  hits: number;
  rows: number;
  chars: number;
}

const EXPORT_LIMITS: ExportLimits = { hits: MAX_EXPORT_HITS, rows: MAX_EXPORT_ROWS, chars: MAX_EXPORT_CHARS };

/**
 * The export a request asks for. Refuses (throws ParamError) an export beyond `limits.hits` hits,
 * before anything is sent; a file that reaches its rows or characters (a concordance of very many
 * occurrences) ends there with a row that says so.
 */
export async function exportFile(
  searcher: Searcher,
  request: ExportRequest,
  origin: string,
  limits: Partial<ExportLimits> = {},
): Promise<ExportFile> {
  const bounds = { ...EXPORT_LIMITS, ...limits };
  const stream = await searcher.hits(request);
  if (stream.total > bounds.hits) {
    stream.close();
    throw new ParamError(
      'too_many_rows',
      `the search matches ${stream.total} paragraphs; an export holds at most ${bounds.hits}: narrow it with from, to, region, kind or another filter`,
    );
  }
  const columns = request.view === 'kwic' ? KWIC_COLUMNS : PARAGRAPH_COLUMNS;
  const query = `?q=${encodeURIComponent(request.q.toWellFormed())}`;
  const rows = rowBatches(stream, (hit) => rowsOf(hit, request, origin, query), bounds, cutColumn(request));
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

/** Where the row that ends a cut file says so: a field of its own in JSON, the text's column in a sheet. */
const cutColumn = (request: ExportRequest) =>
  request.format === 'jsonl' ? 'message' : request.view === 'kwic' ? 'left' : 'text';

/** Characters of a row's cells. */
const charsOf = (row: Row) => Object.values(row).reduce<number>((n, v) => n + (v === null ? 0 : String(v).length), 0);

/** The last row of a file cut at its limit: it says where, and why, in the column a reader reads. */
function cutRow(rows: number, limits: ExportLimits, column: string): Row {
  const message =
    `导出在第 ${rows} 行截止：一个文件最多 ${limits.rows} 行、${limits.chars} 个字符，请缩小检索范围 ` +
    `(export cut at row ${rows}: a file holds at most ${limits.rows} rows and ${limits.chars} characters; narrow the search)`;
  return { truncated: true, rows, [column]: message };
}

/**
 * The stream's hits as batches of rows, each batch after the event loop has had its turn (a fast
 * reader would otherwise chain every batch without a pause, and every other request waits); it
 * stops at the rows' and characters' limits with a row that says so. Returning from it closes the stream.
 */
async function* rowBatches(
  stream: HitStream,
  rowsOf: (hit: Hit) => Row[],
  limits: ExportLimits,
  column: string,
): AsyncGenerator<Row[]> {
  let rows = 0;
  let chars = 0;
  try {
    for await (const hits of stream.batches) {
      const batch = hits.flatMap(rowsOf);
      let kept = 0;
      while (kept < batch.length && rows < limits.rows && chars < limits.chars) {
        chars += charsOf(batch[kept++]!);
        rows++;
      }
      if (kept < batch.length) {
        yield [...batch.slice(0, kept), cutRow(rows, limits, column)];
        return;
      }
      yield batch;
      await new Promise((resolve) => setImmediate(resolve));
    }
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
            stringify([...(first ? [[...columns]] : []), ...batch.map((row) => columns.map((c) => csvCell(row[c])))], {
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
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  // Read from `out` only when the client asks for more (not Readable.toWeb, which drains it into a
  // queue of its own as fast as exceljs writes, so that backpressure never reaches the loop above).
  const chunk = (): Promise<Buffer | null> =>
    new Promise((resolve, reject) => {
      const read = () => {
        const value = out.read() as Buffer | null;
        if (value !== null) return finish(value);
        if (out.readableEnded || out.destroyed) return finish(null);
      };
      const finish = (value: Buffer | null) => {
        out.off('readable', read).off('end', read).off('close', read).off('error', fail);
        resolve(value);
      };
      const fail = (err: Error) => {
        out.off('readable', read).off('end', read).off('close', read).off('error', fail);
        reject(err);
      };
      out.on('readable', read).on('end', read).on('close', read).on('error', fail);
      read();
    });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const value = await chunk();
        if (value === null) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      async cancel() {
        cancelled = true;
        out.destroy();
        await rows.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
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
    // Characters no file system takes, control characters, spaces and quotes.
    .replace(/[\\/:*?"<>|\p{Cc}\s]+/gu, '_')
    // Format characters (a right-to-left override would show 检索_vsc.txt.exe for a .csv), gone.
    .replace(/\p{Cf}/gu, '')
    .replace(/_+/g, '_');
  return `${Array.from(name).slice(0, 80).join('')}.${request.format}`;
}

/** An attachment with a UTF-8 file name (RFC 6266 and 5987), and a plain one for clients without. */
function contentDisposition(name: string, format: string): string {
  const encoded = encodeURIComponent(name).replace(/['()!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="search-export.${format}"; filename*=UTF-8''${encoded}`;
}
