/**
 * Reading a request's query string: strict percent-decoding, the parameters every route shares
 * (paging, the query, the filters built from the table of report fields, the order), and the one
 * validation step that turns a refusal into a ParamError with its code.
 */
import { z } from 'zod';
import { FIELD_PARAMS, REPORT_FIELDS, type FieldValues, type ReportField } from '../content/fields';
import { ParamError } from './errors';
import { MAX_FILTER_LENGTH, MAX_FILTER_VALUES, MAX_QUERY_LENGTH } from './limits';

/** Decoded parameters: a repeated one keeps every value, in order. */
export type RawParams = Record<string, string | string[] | undefined>;

/** A day, a month or a year, as `from` and `to` take them. */
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Digits accepted in a number parameter: enough for every limit, short enough to refuse 1e400. */
const MAX_DIGITS = 6;
const NUMBER = new RegExp(`^\\d{1,${MAX_DIGITS}}$`);

/** An integer from `min` to `max`, `fallback` when absent. */
export const integer = (name: string, min: number, max: number, fallback: number) =>
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
export const once = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v), schema);

/** An id or heading that names one thing, at most MAX_FILTER_LENGTH characters; null when absent. */
export const name = (param: string) =>
  once(
    z
      .string()
      .max(MAX_FILTER_LENGTH, `${param} must be at most ${MAX_FILTER_LENGTH} characters`)
      .optional()
      .transform((v) => v ?? null),
  );

/** A parameter that may repeat (OR within it), each value at most MAX_FILTER_LENGTH characters. */
const many = (param: string) =>
  z
    .preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(z.string().max(MAX_FILTER_LENGTH, `${param} must be at most ${MAX_FILTER_LENGTH} characters`))
        .max(MAX_FILTER_VALUES, `${param} may be given at most ${MAX_FILTER_VALUES} times`),
    )
    .transform((values) => [...new Set(values.map((v) => v.trim()).filter(Boolean))]);

/** A report field's parameter: several values, each one of the field's own when it has a fixed set. */
function fieldParam(field: (typeof REPORT_FIELDS)[number]) {
  const values = 'values' in field ? (field.values as readonly string[]) : null;
  if (!values) return many(field.param);
  return many(field.param).refine(
    (chosen) => chosen.every((v) => values.includes(v)),
    `${field.param} must be one of ${values.join(', ')}`,
  );
}

/** `from` or `to`: a real day, month or year, kept as given. */
const date = (param: string) =>
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
            message: `${param} must be a date that exists, as YYYY, YYYY-MM or YYYY-MM-DD (got "${v.slice(0, 20)}")`,
          });
          return z.NEVER;
        }
        return v.trim();
      }),
  );

/** A query: at most MAX_QUERY_LENGTH characters. */
export const query = z
  .string({ error: 'q is required' })
  .refine((q) => Array.from(q).length <= MAX_QUERY_LENGTH, `q is longer than ${MAX_QUERY_LENGTH} characters`)
  .describe(
    'The query: terms ANDed, "phrases", -exclusions; and the expert language (README, Expert queries): ' +
      'OR or |, NOT, parentheses, title: section: year: source:, A NEAR/n B, A SENT B. A refused query is a 400 with error.position.',
  );

/** The filters every request over the collection takes (search, trend, export): one report, one section, dates, the report fields. */
export const filterParams = {
  report: name('report'),
  section: name('section'),
  from: date('from'),
  to: date('to'),
  ...(Object.fromEntries(REPORT_FIELDS.map((f) => [f.param, fieldParam(f)])) as Record<
    ReportField,
    ReturnType<typeof many>
  >),
};

/** The filters of a request, as the engine applies them: null or an empty list filters nothing. */
export interface CollectionFilters extends FieldValues {
  /** Only paragraphs of the report with this id. */
  report: string | null;
  /** Only paragraphs under the section with this heading. */
  section: string | null;
  /** Only reports from, to these dates (YYYY, YYYY-MM or YYYY-MM-DD, inclusive). */
  from: string | null;
  to: string | null;
}

/** Nothing filtered. */
export const NO_FILTERS: CollectionFilters = {
  report: null,
  section: null,
  from: null,
  to: null,
  ...(Object.fromEntries(FIELD_PARAMS.map((p) => [p, []])) as unknown as FieldValues),
};

/** Whether the filters narrow anything. */
export function filtering(f: CollectionFilters): boolean {
  return f.report !== null || f.section !== null || f.from !== null || f.to !== null || filtersFields(f);
}

/** Whether any report field is filtered by value. */
export function filtersFields(f: FieldValues): boolean {
  return FIELD_PARAMS.some((p) => f[p].length > 0);
}

/** Just the filters of a request that has more. */
export function filtersOf(request: CollectionFilters): CollectionFilters {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(NO_FILTERS)) out[key] = request[key as keyof CollectionFilters];
  return out as unknown as CollectionFilters;
}

/** The first day `from` covers after the last `to` covers: nothing could match, and it is surely a slip. */
export function dateRange(p: { from: string | null; to: string | null }, ctx: z.RefinementCtx): void {
  if (p.from !== null && p.to !== null && p.from.slice(0, p.to.length) > p.to.slice(0, p.from.length)) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: `from (${p.from}) is after to (${p.to})` });
  }
}

/** The error code of a refused parameter, by name; a report field's is invalid_filter. */
const CODES: Record<string, string> = {
  q: 'invalid_query',
  limit: 'invalid_limit',
  offset: 'invalid_offset',
  report: 'invalid_report',
  section: 'invalid_section',
  from: 'invalid_date',
  to: 'invalid_date',
  sort: 'invalid_sort',
  by: 'invalid_by',
  group: 'invalid_group',
  format: 'invalid_format',
  view: 'invalid_view',
  width: 'invalid_width',
  ...Object.fromEntries(FIELD_PARAMS.map((p) => [p, 'invalid_filter'])),
};

/**
 * Validates decoded parameters against a request's schema (unknown parameters are ignored); the
 * first refusal becomes a ParamError: `missing_query` without q, else the parameter's code.
 */
export function parseWith<T extends z.ZodType>(schema: T, params: RawParams): z.infer<T> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? 'request');
  const code = field === 'q' && params.q === undefined ? 'missing_query' : (CODES[field] ?? `invalid_${field}`);
  throw new ParamError(code, issue.message);
}

/**
 * Decodes a raw query string strictly: malformed percent-encoding (`%ZZ`, a cut UTF-8 sequence, an
 * encoded lone surrogate) is an error rather than a silent U+FFFD. Every value of a repeated
 * parameter is kept, in order.
 */
export function decodeQuery(search: string): Record<string, string[]> {
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

/** The first value of a page's search parameter that may be repeated. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
