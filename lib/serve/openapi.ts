import { z } from 'zod';
import { GRAMMAR } from '../query/syntax';
import { MAX_QUERY_LENGTH, MAX_TERMS } from '../query/limits';
import { citeParamsSchema } from './cite-params';
import { compareParamsSchema, MAX_SIMILAR, SIMILAR_PAGE, similarParamsSchema } from './compare-params';
import { KWIC_WIDTH, MAX_KWIC_WIDTH, MAX_LIMIT, MAX_OFFSET, PAGE_SIZE } from './limits';
import { exportParamsSchema, searchParamsSchema, trendParamsSchema } from './params';
import { MAX_EXPORT_ROWS, PARAGRAPH_COLUMNS } from './export';
import {
  compareResponseSchema,
  errorResponseSchema,
  healthResponseSchema,
  livenessResponseSchema,
  searchResponseSchema,
  similarResponseSchema,
  trendResponseSchema,
} from './schema';

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'output' }) } });

/** A JSON schema of query parameters as OpenAPI parameters, each with its description. */
function queryParameters(
  schema: { properties: Record<string, object>; required?: string[] },
  descriptions: Record<string, string>,
) {
  return Object.entries(schema.properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    description: descriptions[name],
    schema: s,
  }));
}

/** A request schema as JSON schema, as queryParameters takes it. */
const inputSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, object>; required?: string[] };

/** What each filter parameter does: search, trend and export take them all. */
const filterDescriptions: Record<string, string> = {
  report: 'Only paragraphs of the report with this id.',
  section: 'Only paragraphs under the section with this heading.',
  from:
    'Only reports from this date on, inclusive: YYYY compares the year a report covers (its year, else its date’s), ' +
    'YYYY-MM and YYYY-MM-DD its date (a report without a date is then left out). A date that does not exist is a 400.',
  to: 'Only reports up to this date, inclusive, read as from is. from after to is a 400.',
  region: 'Only reports of this region or a part of it (四川省 includes 四川省资阳市). Repeat for several (OR).',
  level: 'Only reports of this level: 国家, 省, 市 or 县. Repeat for several (OR).',
  kind: 'Only reports of this kind (政府工作报告, 政协工作报告, 人大常委会工作报告, 综述, or a word of the content’s own). Repeat for several (OR).',
  source: 'Only reports of this publisher. Repeat for several (OR). Different filters are ANDed.',
};

/**
 * The OpenAPI 3.1 description, generated from the schema the route validates requests with and the
 * response schemas, so the document cannot drift from the code.
 */
export function openApiDocument() {
  const params = z.toJSONSchema(searchParamsSchema, { io: 'input' }) as {
    properties: Record<string, object>;
    required?: string[];
  };
  const descriptions: Record<string, string> = {
    q:
      `The query: space-separated terms (ANDed), "quoted phrases", -exclusions; at most ${MAX_QUERY_LENGTH} characters and ${MAX_TERMS} terms. ` +
      'And the expert language (README, Expert queries): OR or |, NOT, parentheses, fields title: section: year: source:, ' +
      'A NEAR/n B (at most n characters between, either order), A SENT B (one sentence). A query it refuses is a 400 ' +
      `whose error.position is the UTF-16 offset in q of the fault. Grammar (EBNF):\n${GRAMMAR}`,
    limit: `Hits per page, an integer from 1 to ${MAX_LIMIT} (default ${PAGE_SIZE}).`,
    offset: `Hits to skip, an integer from 0 to ${MAX_OFFSET} (default 0).`,
    ...filterDescriptions,
    sort: 'relevance (default), newest or oldest: by report date, a report’s paragraphs in reading order.',
    group: `report: each report once, with its matches counted and its best few in groups; limit and offset then count reports.`,
  };
  const error = { description: 'Refused request', content: json(errorResponseSchema) };
  const citeParams = z.toJSONSchema(citeParamsSchema, { io: 'input' }) as {
    properties: Record<string, object>;
    required?: string[];
  };
  return {
    openapi: '3.1.0',
    info: { title: '报告检索 API', version: '1.0.0', description: 'Paragraph search over Chinese work reports.' },
    paths: {
      '/api/search': {
        get: {
          summary: 'Search paragraphs',
          description:
            'Unknown parameters are ignored; of a repeated parameter that takes one value the first wins (region, level, kind and ' +
            'source take several); malformed percent-encoding is a 400.',
          parameters: queryParameters(params, descriptions),
          responses: {
            200: {
              description: 'Results',
              headers: { ETag: { schema: { type: 'string' } } },
              content: json(searchResponseSchema),
            },
            304: { description: 'Not modified (If-None-Match matched the ETag)' },
            400: error,
            503: { description: 'Index not available', content: json(errorResponseSchema) },
          },
        },
      },
      '/api/cite': {
        get: {
          summary: 'A citation record to download',
          description:
            'RIS (EndNote, Zotero, NoteExpress) or CSL-JSON (Zotero, Mendeley, pandoc) for a report, or for one of its paragraphs, citing its own URL.',
          parameters: queryParameters(citeParams, {
            report: 'The report id.',
            paragraph: 'A paragraph id of the report.',
            format: 'ris (default) or csl-json.',
          }),
          responses: {
            200: {
              description: 'The record, as an attachment',
              content: {
                'application/x-research-info-systems': { schema: { type: 'string' } },
                'application/vnd.citationstyles.csl+json': { schema: { type: 'array' } },
              },
            },
            400: error,
            404: { description: 'No such report or paragraph', content: json(errorResponseSchema) },
          },
        },
      },
      '/api/compare': {
        get: {
          summary: 'Compare two reports',
          description:
            'Aligns the paragraphs of report a (the earlier, left) with those of b by the character bigrams they share, ' +
            'so a paragraph moved to another section, split in two or merged still pairs with its counterpart; ' +
            'marks what changed within each pair and calls out the figures that changed.',
          parameters: queryParameters(inputSchema(compareParamsSchema), {
            a: 'The id of the earlier report.',
            b: 'The id of the later report.',
          }),
          responses: {
            200: {
              description: 'The alignment',
              headers: { ETag: { schema: { type: 'string' } } },
              content: json(compareResponseSchema),
            },
            304: { description: 'Not modified (If-None-Match matched the ETag)' },
            400: error,
            404: { description: 'No such report', content: json(errorResponseSchema) },
            503: { description: 'Index not available', content: json(errorResponseSchema) },
          },
        },
      },
      '/api/similar': {
        get: {
          summary: 'Paragraphs of other reports that say nearly the same',
          description:
            "Paragraphs whose character bigrams overlap the paragraph's by the threshold or more (Jaccard), most alike first. " +
            'A paragraph id is unique within its report, so the report is named too.',
          parameters: queryParameters(inputSchema(similarParamsSchema), {
            report: "The paragraph's report id.",
            paragraph: 'The paragraph id.',
            limit: `Hits at most, an integer from 1 to ${MAX_SIMILAR} (default ${SIMILAR_PAGE}).`,
          }),
          responses: {
            200: {
              description: 'The similar paragraphs',
              headers: { ETag: { schema: { type: 'string' } } },
              content: json(similarResponseSchema),
            },
            304: { description: 'Not modified (If-None-Match matched the ETag)' },
            400: error,
            404: { description: 'No such report or paragraph', content: json(errorResponseSchema) },
            503: { description: 'Index not available', content: json(errorResponseSchema) },
          },
        },
      },
      '/api/trend': {
        get: {
          summary: 'How often queries match, year by year',
          description:
            'For each query (q repeated, at most 6): matching paragraphs, occurrences as the highlights mark them, and ' +
            "occurrences per 10,000 characters of each bucket's text, per year or another report field, under the search's filters. " +
            'Exact: the counts are those of the search itself. A report without a value for by (a year, a region) is in no bucket.',
          parameters: queryParameters(inputSchema(trendParamsSchema), {
            ...filterDescriptions,
            q: 'A query, as search takes it. Repeat it to compare several (at most 6).',
            by: 'year (default), region, level, kind, source or report.',
          }),
          responses: {
            200: {
              description: 'The series',
              headers: { ETag: { schema: { type: 'string' } } },
              content: json(trendResponseSchema),
            },
            304: { description: 'Not modified (If-None-Match matched the ETag)' },
            400: error,
            503: { description: 'Index not available', content: json(errorResponseSchema) },
          },
        },
      },
      '/api/export': {
        get: {
          summary: 'Every hit of a search, as a file',
          description:
            'The whole result set, not a page, in the order asked: CSV (UTF-8 with a BOM), XLSX or JSON Lines, streamed. ' +
            `Each row: ${PARAGRAPH_COLUMNS.join(', ')}; with view=kwic a row per occurrence, text replaced by ` +
            `left, match, right. At most ${MAX_EXPORT_ROWS} hits: more is a 400 (too_many_rows) that says to narrow the search. ` +
            'Content-Disposition names the file for what was searched (filename*, UTF-8).',
          parameters: queryParameters(inputSchema(exportParamsSchema), {
            ...filterDescriptions,
            q: 'The query, as search takes it.',
            format: 'csv (default), xlsx or jsonl.',
            view: 'paragraphs (default): a row per paragraph; kwic: a row per occurrence, the match with its context.',
            width: `kwic: characters of context either side, 1 to ${MAX_KWIC_WIDTH} (default ${KWIC_WIDTH}).`,
            sort: 'relevance (default), newest or oldest, as search takes it.',
          }),
          responses: {
            200: {
              description: 'The file, as an attachment',
              headers: { 'X-Total-Count': { schema: { type: 'integer' }, description: 'Hits exported.' } },
              content: {
                'text/csv': { schema: { type: 'string' } },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                  schema: { type: 'string', format: 'binary' },
                },
                'application/x-ndjson': { schema: { type: 'string' } },
              },
            },
            400: error,
            503: { description: 'Index not available', content: json(errorResponseSchema) },
          },
        },
      },
      '/api/health': {
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
                  schema: {
                    oneOf: [
                      z.toJSONSchema(healthResponseSchema, { io: 'output' }),
                      z.toJSONSchema(livenessResponseSchema, { io: 'output' }),
                    ],
                  },
                },
              },
            },
            503: {
              description: 'Not ready: loading, draining, or no index',
              content: {
                'application/json': {
                  schema: {
                    oneOf: [
                      z.toJSONSchema(healthResponseSchema, { io: 'output' }),
                      z.toJSONSchema(errorResponseSchema, { io: 'output' }),
                    ],
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
