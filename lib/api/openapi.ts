/**
 * The OpenAPI 3.1 description, generated from the request and response schemas the routes validate
 * and answer with, and the table of endpoints below: the document cannot drift from the code.
 */
import { z } from 'zod';
import { REPORT_FIELDS } from '../content/fields';
import { CITE_FORMATS, citeRequestSchema } from './cite';
import { compareRequestSchema, compareResponseSchema, similarRequestSchema, similarResponseSchema } from './compare';
import { errorResponseSchema } from './errors';
import { EXPORT_FORMATS, exportRequestSchema, PARAGRAPH_COLUMNS } from './export';
import { healthResponseSchema, livenessResponseSchema } from './health';
import { GRAMMAR } from './language';
import {
  KWIC_WIDTH,
  MAX_EXPORT_CHARS,
  MAX_EXPORT_HITS,
  MAX_EXPORT_ROWS,
  MAX_KWIC_WIDTH,
  MAX_LIMIT,
  MAX_OFFSET,
  MAX_QUERY_LENGTH,
  MAX_SIMILAR,
  MAX_TERMS,
  MAX_TREND_QUERIES,
  PAGE_SIZE,
  SIMILAR_PAGE,
} from './limits';
import { searchRequestSchema, searchResponseSchema } from './search';
import { trendRequestSchema, trendResponseSchema } from './trend';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'output' });
const json = (schema: z.ZodType) => ({ 'application/json': { schema: jsonSchema(schema) } });
const file = (types: string[]) =>
  Object.fromEntries(types.map((t) => [t.split(';')[0]!, { schema: { type: 'string' } }]));

/** What each filter parameter does: search, trend and export take them all. */
const FILTER_DESCRIPTIONS: Record<string, string> = {
  report: 'Only paragraphs of the report with this id.',
  section: 'Only paragraphs under the section with this heading.',
  from:
    'Only reports from this date on, inclusive: YYYY compares the year a report covers (its year, else its date’s), ' +
    'YYYY-MM and YYYY-MM-DD its date (a report without a date is then left out). A date that does not exist is a 400.',
  to: 'Only reports up to this date, inclusive, read as from is. from after to is a 400.',
  ...Object.fromEntries(
    REPORT_FIELDS.map((f) => [
      f.param,
      `Only reports of this ${f.param}${f.match === 'prefix' ? ' or a part of it (四川省 includes 四川省资阳市)' : ''}` +
        `${'values' in f ? `: ${f.values.join(', ')}` : ''}. Repeat for several (OR); different filters are ANDed.`,
    ]),
  ),
};

const Q =
  `The query: space-separated terms (ANDed), "quoted phrases", -exclusions; at most ${MAX_QUERY_LENGTH} characters and ${MAX_TERMS} terms. ` +
  'And the expert language (README, Expert queries): OR or |, NOT, parentheses, fields title: section: year: source:, ' +
  'A NEAR/n B (at most n characters between, either order), A SENT B (one sentence). A query it refuses is a 400 ' +
  `whose error.position is the UTF-16 offset in q of the fault. Grammar (EBNF):\n${GRAMMAR}`;

/** One endpoint of the API as the document describes it. */
interface Endpoint {
  summary: string;
  description?: string;
  /** The schema its query parameters are validated with, and what each does. */
  request?: z.ZodType;
  parameters?: Record<string, string>;
  /** The answer: a JSON schema, or a file of these media types. */
  answer: { description: string; schema?: z.ZodType; files?: string[]; headers?: Record<string, string> };
  /** Whether it answers with an ETag (and 304 to If-None-Match). */
  etag?: boolean;
  /** Its error statuses. */
  errors: (400 | 404 | 503)[];
}

const ERRORS = { 400: 'Refused request', 404: 'No such report or paragraph', 503: 'Index not available' };

const ENDPOINTS: Record<string, Endpoint> = {
  '/api/search': {
    summary: 'Search paragraphs',
    description:
      'Unknown parameters are ignored; of a repeated parameter that takes one value the first wins (the report fields ' +
      'take several); malformed percent-encoding is a 400.',
    request: searchRequestSchema,
    parameters: {
      q: Q,
      limit: `Hits per page, an integer from 1 to ${MAX_LIMIT} (default ${PAGE_SIZE}).`,
      offset: `Hits to skip, an integer from 0 to ${MAX_OFFSET} (default 0).`,
      ...FILTER_DESCRIPTIONS,
      sort: 'relevance (default), newest or oldest: by report date, a report’s paragraphs in reading order.',
      group:
        'report: each report once, with its matches counted and its best few in groups; limit and offset then count reports.',
    },
    answer: { description: 'Results', schema: searchResponseSchema },
    etag: true,
    errors: [400, 503],
  },
  '/api/cite': {
    summary: 'A citation record to download',
    description:
      'RIS (EndNote, Zotero, NoteExpress) or CSL-JSON (Zotero, Mendeley, pandoc) for a report, or for one of its paragraphs, citing its own URL.',
    request: citeRequestSchema,
    parameters: {
      report: 'The report id.',
      paragraph: 'A paragraph id of the report.',
      format: 'ris (default) or csl-json.',
    },
    answer: { description: 'The record, as an attachment', files: Object.values(CITE_FORMATS).map((f) => f.type) },
    errors: [400, 404, 503],
  },
  '/api/compare': {
    summary: 'Compare two reports',
    description:
      'Aligns the paragraphs of report a (the earlier, left) with those of b by the character bigrams they share, ' +
      'so a paragraph moved to another section, split in two or merged still pairs with its counterpart; ' +
      'marks what changed within each pair and calls out the figures that changed.',
    request: compareRequestSchema,
    parameters: { a: 'The id of the earlier report.', b: 'The id of the later report.' },
    answer: { description: 'The alignment', schema: compareResponseSchema },
    etag: true,
    errors: [400, 404, 503],
  },
  '/api/similar': {
    summary: 'Paragraphs of other reports that say nearly the same',
    description:
      "Paragraphs whose character bigrams overlap the paragraph's by the threshold or more (Jaccard), most alike first. " +
      'A paragraph id is unique within its report, so the report is named too.',
    request: similarRequestSchema,
    parameters: {
      report: "The paragraph's report id.",
      paragraph: 'The paragraph id.',
      limit: `Hits at most, an integer from 1 to ${MAX_SIMILAR} (default ${SIMILAR_PAGE}).`,
    },
    answer: { description: 'The similar paragraphs', schema: similarResponseSchema },
    etag: true,
    errors: [400, 404, 503],
  },
  '/api/trend': {
    summary: 'How often queries match, year by year',
    description:
      `For each query (q repeated, at most ${MAX_TREND_QUERIES}): matching paragraphs, occurrences as the highlights mark them, and ` +
      "occurrences per 10,000 characters of each bucket's text, per year or another report field, under the search's filters. " +
      'Exact: the counts are those of the search itself. A report without a value for by (a year, a region) is in no bucket.',
    request: trendRequestSchema,
    parameters: {
      ...FILTER_DESCRIPTIONS,
      q: `A query, as search takes it. Repeat it to compare several (at most ${MAX_TREND_QUERIES}).`,
      by: `year (default), ${REPORT_FIELDS.map((f) => f.param).join(', ')} or report.`,
    },
    answer: { description: 'The series', schema: trendResponseSchema },
    etag: true,
    errors: [400, 503],
  },
  '/api/export': {
    summary: 'Every hit of a search, as a file',
    description:
      'The whole result set, not a page, in the order asked: CSV (UTF-8 with a BOM), XLSX or JSON Lines, streamed. ' +
      `Each row: ${PARAGRAPH_COLUMNS.join(', ')}; with view=kwic a row per occurrence, text replaced by ` +
      `left, match, right. At most ${MAX_EXPORT_HITS} hits: more is a 400 (too_many_rows) that says to narrow the search. ` +
      `A file holds at most ${MAX_EXPORT_ROWS} rows and ${MAX_EXPORT_CHARS} characters of cells: a concordance cut there ends with a row (a line in JSON Lines, with \`truncated\`) that says so. ` +
      `CSV cells starting with = + - @, a tab or a carriage return are prefixed with ' so that no spreadsheet reads them as formulas. ` +
      'Content-Disposition names the file for what was searched (filename*, UTF-8).',
    request: exportRequestSchema,
    parameters: {
      ...FILTER_DESCRIPTIONS,
      q: 'The query, as search takes it.',
      format: 'csv (default), xlsx or jsonl.',
      view: 'paragraphs (default): a row per paragraph; kwic: a row per occurrence, the match with its context.',
      width: `kwic: characters of context either side, 1 to ${MAX_KWIC_WIDTH} (default ${KWIC_WIDTH}).`,
      sort: 'relevance (default), newest or oldest, as search takes it.',
    },
    answer: {
      description: 'The file, as an attachment',
      files: Object.values(EXPORT_FORMATS),
      headers: { 'X-Total-Count': 'Hits exported.' },
    },
    errors: [400, 503],
  },
};

/** A request schema's parameters as OpenAPI parameters, each with its description. */
function parametersOf(endpoint: Endpoint) {
  if (!endpoint.request) return [];
  const schema = z.toJSONSchema(endpoint.request, { io: 'input' }) as {
    properties: Record<string, object>;
    required?: string[];
  };
  return Object.entries(schema.properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    description: endpoint.parameters?.[name],
    schema: s,
  }));
}

/** An endpoint's GET operation. */
function operationOf(endpoint: Endpoint) {
  const { answer } = endpoint;
  const headers = {
    ...(endpoint.etag ? { ETag: { schema: { type: 'string' } } } : {}),
    ...Object.fromEntries(
      Object.entries(answer.headers ?? {}).map(([name, description]) => [
        name,
        { schema: { type: 'integer' }, description },
      ]),
    ),
  };
  return {
    get: {
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      parameters: parametersOf(endpoint),
      responses: {
        200: {
          description: answer.description,
          ...(Object.keys(headers).length ? { headers } : {}),
          content: answer.schema ? json(answer.schema) : file(answer.files ?? []),
        },
        ...(endpoint.etag ? { 304: { description: 'Not modified (If-None-Match matched the ETag)' } } : {}),
        ...Object.fromEntries(
          endpoint.errors.map((status) => [
            status,
            { description: ERRORS[status], content: json(errorResponseSchema) },
          ]),
        ),
      },
    },
  };
}

/** Health answers two schemas on 200 and two on 503: written out. */
const HEALTH = {
  get: {
    summary: 'Readiness, or liveness with probe=live',
    description:
      'Readiness: 200 while an index is in service (ok, or degraded when the last content change could not be indexed), ' +
      '503 while the first index loads (status loading), while the server drains before it exits (status draining), ' +
      'and when there is no index (error index_unavailable). With probe=live, liveness: 200 whenever the process answers.',
    parameters: [
      {
        name: 'probe',
        in: 'query',
        required: false,
        description: 'live: the liveness probe.',
        schema: { type: 'string', enum: ['live'] },
      },
    ],
    responses: {
      200: {
        description: 'Ready (or, with probe=live, alive)',
        content: {
          'application/json': {
            schema: { oneOf: [jsonSchema(healthResponseSchema), jsonSchema(livenessResponseSchema)] },
          },
        },
      },
      503: {
        description: 'Not ready: loading, draining, or no index',
        content: {
          'application/json': {
            schema: { oneOf: [jsonSchema(healthResponseSchema), jsonSchema(errorResponseSchema)] },
          },
        },
      },
    },
  },
};

/** The whole document. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: '报告检索 API', version: '1.0.0', description: 'Paragraph search over Chinese work reports.' },
    paths: {
      ...Object.fromEntries(Object.entries(ENDPOINTS).map(([path, endpoint]) => [path, operationOf(endpoint)])),
      '/api/health': HEALTH,
    },
  };
}
