/** The search request: decoding the raw query string and validating its parameters. */
import { z } from 'zod';
import { LEVELS } from '../content/fields';
import { SORTS } from '../query/collection';
import { MAX_TREND_QUERIES, TREND_BY } from '../query/trend';
import { MAX_QUERY_LENGTH } from '../query/limits';
import { codePointLength } from '../text/tokenize';
import {
  KWIC_WIDTH,
  MAX_FILTER_LENGTH,
  MAX_FILTER_VALUES,
  MAX_KWIC_WIDTH,
  MAX_LIMIT,
  MAX_OFFSET,
  PAGE_SIZE,
} from './limits';

export { MAX_LIMIT, MAX_OFFSET, PAGE_SIZE };

/** A day, a month or a year, as `from` and `to` take them. */
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Digits accepted in a number parameter: enough for every limit, short enough to refuse 1e400. */
const MAX_DIGITS = 6;
const NUMBER = new RegExp(`^\\d{1,${MAX_DIGITS}}$`);

/** A request the API refuses, with a stable code and a message for people. */
export class ParamError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParamError';
  }
}

/** A report or paragraph the request names that the index does not hold: a 404. */
export class NotFoundError extends Error {
  readonly code = 'not_found';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

const integer = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      if (!NUMBER.test(v) || Number(v) < min || Number(v) > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an integer from ${min} to ${max}` });
        return z.NEVER;
      }
      return Number(v);
    });

/** A parameter given once: when repeated, the first occurrence wins. */
const once = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v), schema);

/** A parameter that may repeat (OR within it), each value at most MAX_FILTER_LENGTH characters. */
const many = (name: string) =>
  z
    .preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(z.string().max(MAX_FILTER_LENGTH, `${name} must be at most ${MAX_FILTER_LENGTH} characters`))
        .max(MAX_FILTER_VALUES, `${name} may be given at most ${MAX_FILTER_VALUES} times`),
    )
    .transform((values) => [...new Set(values.map((v) => v.trim()).filter(Boolean))]);

/** `from` or `to`: a real day, month or year, kept as given. */
const date = (name: string) =>
  once(
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v.trim() === '') return null;
        const m = DATE.exec(v.trim());
        const [year, month, day] = [Number(m?.[1]), Number(m?.[2] ?? 1), Number(m?.[3] ?? 1)];
        const real = new Date(Date.UTC(year, month - 1, day));
        if (!m || real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day || year < 1) {
          ctx.addIssue({
            code: 'custom',
            message: `${name} must be a date that exists, as YYYY, YYYY-MM or YYYY-MM-DD (got "${v.slice(0, 20)}")`,
          });
          return z.NEVER;
        }
        return v.trim();
      }),
  );

/** The query: one, at most MAX_QUERY_LENGTH characters. */
const query = z
  .string({ error: 'q is required' })
  .refine((q) => codePointLength(q) <= MAX_QUERY_LENGTH, `q is longer than ${MAX_QUERY_LENGTH} characters`)
  .describe(
    'The query: terms ANDed, "phrases", -exclusions; and the expert language (README, Expert queries): ' +
      'OR or |, NOT, parentheses, title: section: year: source:, A NEAR/n B, A SENT B. A refused query is a 400 with error.position.',
  );

/** The filters every request over the collection takes: search, trend and export. */
const filterFields = {
  report: once(z.string().max(MAX_FILTER_LENGTH, `report must be at most ${MAX_FILTER_LENGTH} characters`).optional()),
  section: once(
    z.string().max(MAX_FILTER_LENGTH, `section must be at most ${MAX_FILTER_LENGTH} characters`).optional(),
  ),
  from: date('from'),
  to: date('to'),
  region: many('region'),
  level: many('level').refine(
    (levels) => levels.every((l) => (LEVELS as readonly string[]).includes(l)),
    `level must be one of ${LEVELS.join(', ')}`,
  ),
  kind: many('kind'),
  source: many('source'),
};

/** The order of hits, as search and export take it. */
const sort = once(
  z
    .enum(SORTS, { error: `sort must be one of ${SORTS.join(', ')}` })
    .optional()
    .default('relevance'),
);

/** The first day `from` covers after the last `to` covers: nothing could match, and it is surely a slip. */
function dateRange(p: { from: string | null; to: string | null }, ctx: z.RefinementCtx): void {
  if (p.from !== null && p.to !== null && p.from.slice(0, p.to.length) > p.to.slice(0, p.from.length)) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: `from (${p.from}) is after to (${p.to})` });
  }
}

/** The search request; see OpenAPI (lib/serve/openapi.ts) for each parameter. */
export const searchParamsSchema = z
  .object({
    q: once(query),
    limit: once(integer('limit', 1, MAX_LIMIT, PAGE_SIZE)),
    offset: once(integer('offset', 0, MAX_OFFSET, 0)),
    ...filterFields,
    sort,
    group: once(z.enum(['report'], { error: 'group must be report' }).optional()),
  })
  .superRefine(dateRange);

/** The trend request: one to MAX_TREND_QUERIES queries (q repeated), what to bucket by, the filters. */
export const trendParamsSchema = z
  .object({
    q: z.preprocess(
      (v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]),
      z
        .array(query, { error: 'q is required' })
        .min(1, 'q is required')
        .max(MAX_TREND_QUERIES, `q may be given at most ${MAX_TREND_QUERIES} times`),
    ),
    by: once(
      z
        .enum(TREND_BY, { error: `by must be one of ${TREND_BY.join(', ')}` })
        .optional()
        .default('year'),
    ),
    ...filterFields,
  })
  .superRefine(dateRange);

/** The export request: a search's query, filters and order, a format and a view. */
export const exportParamsSchema = z
  .object({
    q: once(query),
    format: once(
      z.enum(['csv', 'xlsx', 'jsonl'], { error: 'format must be one of csv, xlsx, jsonl' }).optional().default('csv'),
    ),
    view: once(
      z.enum(['paragraphs', 'kwic'], { error: 'view must be paragraphs or kwic' }).optional().default('paragraphs'),
    ),
    width: once(integer('width', 1, MAX_KWIC_WIDTH, KWIC_WIDTH)),
    ...filterFields,
    sort,
  })
  .superRefine(dateRange);

/** A validated export request. */
export type ExportParams = z.infer<typeof exportParamsSchema>;

/** Validates an export request's decoded parameters. */
export function parseExportParams(params: Record<string, string | string[] | undefined>): ExportParams {
  return parseWith(exportParamsSchema, params);
}

/** A validated trend request. */
export type TrendParams = z.infer<typeof trendParamsSchema>;

/** A validated search request. */
export type SearchParams = z.infer<typeof searchParamsSchema>;

const CODES: Record<string, string> = {
  q: 'invalid_query',
  limit: 'invalid_limit',
  offset: 'invalid_offset',
  report: 'invalid_report',
  section: 'invalid_section',
  from: 'invalid_date',
  to: 'invalid_date',
  region: 'invalid_filter',
  level: 'invalid_filter',
  kind: 'invalid_filter',
  source: 'invalid_filter',
  sort: 'invalid_sort',
  by: 'invalid_by',
  group: 'invalid_group',
  format: 'invalid_format',
  view: 'invalid_view',
  width: 'invalid_width',
};

/**
 * Decodes a raw query string strictly: malformed percent-encoding (`%ZZ`, a cut UTF-8 sequence, an
 * encoded lone surrogate) is an error rather than a silent U+FFFD. When a parameter is repeated,
 * the first occurrence wins.
 */
export function decodeQueryString(search: string): Record<string, string> {
  return Object.fromEntries(Object.entries(decodeQueryValues(search)).map(([key, values]) => [key, values[0]!]));
}

/** decodeQueryString keeping every value of a repeated parameter, in order. */
export function decodeQueryValues(search: string): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null); // a parameter named constructor is a parameter
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const [rawKey, rawValue] = eq === -1 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw new ParamError('bad_encoding', `malformed percent-encoding in "${pair.slice(0, 50)}"`);
    }
    (out[key] ??= []).push(value);
  }
  return out;
}

/** Validates decoded parameters (a repeated one as an array); unknown parameters are ignored. */
export function parseSearchParams(params: Record<string, string | string[] | undefined>): SearchParams {
  return parseWith(searchParamsSchema, params);
}

/** Validates a trend request's decoded parameters. */
export function parseTrendParams(params: Record<string, string | string[] | undefined>): TrendParams {
  return parseWith(trendParamsSchema, params);
}

function parseWith<T extends z.ZodType>(schema: T, params: Record<string, string | string[] | undefined>): z.infer<T> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? 'q');
  const code = field === 'q' && params.q === undefined ? 'missing_query' : (CODES[field] ?? 'invalid_request');
  throw new ParamError(code, issue.message);
}

/** The first value of a page's search parameter that may be repeated. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
