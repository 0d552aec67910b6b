/**
 * GET /api/export: every hit of a search (not a page), in the search's order, as CSV (UTF-8 with a
 * BOM, so Excel on a Chinese Windows reads it), XLSX (exceljs's streaming writer) or JSON Lines;
 * one row per paragraph, or per occurrence as a concordance (KWIC: the match with its context).
 * Streamed: rows are made as the client reads them, so memory does not grow with the export.
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { SearchIndex } from '../index/model';
import { Scratch } from '../index/postings';
import { reportTable } from '../query/collection';
import { orderAll } from '../query/execute';
import { parseQuery } from '../query/parse';
import { isDirect, kindsOf } from '../query/score';
import { highlightRanges } from '../query/spans';
import { paragraphPath } from './links';
import { ParamError, type ExportParams } from './params';
import { filtersOf } from './search';

/** Hits an export holds at most (paragraphs: a concordance has a row per occurrence of them). */
export const MAX_EXPORT_ROWS = 500_000;
/** Rows made per chunk of the stream. */
export const EXPORT_BATCH = 256;

/** What a row says of its paragraph, in column order: the names of CSV's header and JSON's keys. */
const META_COLUMNS = [
  'report',
  'title',
  'date',
  'year',
  'region',
  'level',
  'kind',
  'source',
  'section',
  'paragraph',
  'url',
  'occurrences',
] as const;
export const PARAGRAPH_COLUMNS = [...META_COLUMNS, 'text'] as const;
export const KWIC_COLUMNS = [...META_COLUMNS, 'left', 'match', 'right'] as const;

type Row = Record<string, string | number | null>;

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

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
 * The export a request asks for, as a Response whose body is made as it is read. Refuses (throws
 * ParamError) an export beyond MAX_EXPORT_ROWS hits, before anything is sent.
 */
export function exportResponse(
  index: SearchIndex,
  params: ExportParams,
  origin: string,
  maxRows = MAX_EXPORT_ROWS,
): Response {
  const parsed = parseQuery(params.q);
  // The export's own scratch: the matches are read from it while the client downloads, between other searches.
  const { terms, matches, ids } = orderAll(
    index,
    parsed,
    { filters: filtersOf(params), sort: params.sort },
    new Scratch(),
  );
  if (ids.length > maxRows) {
    throw new ParamError(
      'too_many_rows',
      `the search matches ${ids.length} paragraphs; an export holds at most ${maxRows}: narrow it with from, to, region, kind or another filter`,
    );
  }
  const kwic = params.view === 'kwic';
  const columns = kwic ? KWIC_COLUMNS : PARAGRAPH_COLUMNS;

  // The report fields come from the report table; a report's body is read only for its headings.
  const table = reportTable(index);
  let last = { at: -1, sections: [] as string[] };
  const sectionsOf = (r: number): string[] => {
    if (last.at !== r) last = { at: r, sections: index.reports.read(r).sections };
    return last.sections;
  };
  const query = `?q=${encodeURIComponent(params.q.toWellFormed())}`;

  /** The rows of hit `i`: its paragraph, or each of its occurrences. */
  const rowsOf = (i: number): Row[] => {
    const p = index.paragraphs.get(ids[i]!);
    const r = p.report;
    const id = index.reports.ids.get(r);
    const marks = highlightRanges(p.text, p.norm, terms, kindsOf(matches, ids[i]!).map(isDirect), parsed.tree);
    const meta: Row = {
      report: id,
      title: table.titles[r]!,
      date: table.dates[r] ?? null,
      year: table.years[r] ?? null,
      region: table.regions[r] ?? null,
      level: table.levels[r] ?? null,
      kind: table.kinds[r] ?? null,
      source: table.sources[r] ?? null,
      section: p.section >= 0 ? (sectionsOf(r)[p.section] ?? null) : null,
      paragraph: p.ordinal,
      url: origin + paragraphPath(id, p.id) + query,
      occurrences: marks.length,
    };
    if (!kwic) return [{ ...meta, text: p.text }];
    return marks.map((m) => ({
      ...meta,
      left: before(p.text, m.start, params.width),
      match: p.text.slice(m.start, m.end),
      right: after(p.text, m.end, params.width),
    }));
  };

  /** Rows batch by batch, as the stream asks for them. */
  function* batches(): Generator<Row[]> {
    for (let i = 0; i < ids.length; i += EXPORT_BATCH) {
      const rows: Row[] = [];
      for (let k = i; k < Math.min(i + EXPORT_BATCH, ids.length); k++) rows.push(...rowsOf(k));
      yield rows;
    }
  }

  const headers = {
    'Content-Type': CONTENT_TYPES[params.format],
    'Content-Disposition': contentDisposition(exportName(params), params.format),
    'Cache-Control': 'no-store',
    'X-Total-Count': String(ids.length),
  };
  const body =
    params.format === 'xlsx' ? xlsxStream(batches(), columns) : textStream(batches(), columns, params.format);
  return new Response(body, { status: 200, headers });
}

/** CSV (a BOM, then a header) or JSON Lines, one chunk per batch, made when the reader pulls. */
function textStream(rows: Generator<Row[]>, columns: readonly string[], format: 'csv' | 'jsonl'): ReadableStream {
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = rows.next();
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
    cancel() {
      rows.return(undefined);
    },
  });
}

/** An XLSX workbook of one sheet, written by exceljs's streaming writer as the reader drains it. */
function xlsxStream(rows: Generator<Row[]>, columns: readonly string[]): ReadableStream {
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
      for (const batch of rows) {
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
    cancel() {
      cancelled = true;
      out.destroy();
    },
  });
}

/** A file name that says what was searched: 检索_乡村振兴_2020-2023_四川省.csv. */
export function exportName(params: ExportParams): string {
  const parts = [
    '检索',
    params.q,
    params.from || params.to ? `${params.from ?? ''}-${params.to ?? ''}` : '',
    ...params.region,
    ...params.level,
    ...params.kind,
    ...params.source,
    params.report ?? '',
    params.section ?? '',
    params.view === 'kwic' ? 'KWIC' : '',
  ];
  const name = parts
    .filter(Boolean)
    .join('_')
    // Characters no file system takes, control characters, and quotes.
    .replace(/[\\/:*?"<>|\p{Cc}\s]+/gu, '_')
    .replace(/_+/g, '_');
  return `${Array.from(name).slice(0, 80).join('')}.${params.format}`;
}

/** An attachment with a UTF-8 file name (RFC 6266 and 5987), and a plain one for clients without. */
function contentDisposition(name: string, format: string): string {
  const encoded = encodeURIComponent(name).replace(/['()!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="search-export.${format}"; filename*=UTF-8''${encoded}`;
}
