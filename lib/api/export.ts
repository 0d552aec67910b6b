/** GET /api/export: every hit of a search as a file, and what its rows hold. */
import { z } from 'zod';
import { FIELD_PARAMS } from '../content/fields';
import { KWIC_WIDTH, MAX_KWIC_WIDTH } from './limits';
import { dateRange, filterParams, integer, once, parseWith, query, type RawParams } from './params';
import { sortParam } from './search';

/** The file formats, with their media types. */
export const EXPORT_FORMATS = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

export const exportRequestSchema = z
  .object({
    q: once(query),
    format: once(
      z.enum(['csv', 'xlsx', 'jsonl'], { error: 'format must be one of csv, xlsx, jsonl' }).optional().default('csv'),
    ),
    view: once(
      z.enum(['paragraphs', 'kwic'], { error: 'view must be paragraphs or kwic' }).optional().default('paragraphs'),
    ),
    width: once(integer('width', 1, MAX_KWIC_WIDTH, KWIC_WIDTH)),
    ...filterParams,
    sort: sortParam,
  })
  .superRefine(dateRange);

/** A validated export request: a search's query, filters and order, a format and a view. */
export type ExportRequest = z.infer<typeof exportRequestSchema>;

/** Validates an export request's decoded parameters. */
export function parseExportRequest(params: RawParams): ExportRequest {
  return parseWith(exportRequestSchema, params);
}

/** What a row says of its paragraph, in column order: the names of CSV's header and JSON's keys. */
const META_COLUMNS = [
  'report',
  'title',
  'date',
  'year',
  ...FIELD_PARAMS,
  'section',
  'paragraph',
  'url',
  'occurrences',
] as const;
/** A row per paragraph: its text last. */
export const PARAGRAPH_COLUMNS = [...META_COLUMNS, 'text'] as const;
/** A row per occurrence (KWIC): the match between its contexts. */
export const KWIC_COLUMNS = [...META_COLUMNS, 'left', 'match', 'right'] as const;
