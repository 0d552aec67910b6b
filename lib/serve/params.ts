/** The search request: decoding the raw query string and validating its parameters. */
import { z } from 'zod';
import { MAX_QUERY_LENGTH } from '../query/limits';
import { codePointLength } from '../text/tokenize';
import { MAX_FILTER_LENGTH, MAX_LIMIT, MAX_OFFSET, PAGE_SIZE } from './limits';

export { MAX_LIMIT, MAX_OFFSET, PAGE_SIZE };

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

/** The search request: `q` (required), `limit` 1–MAX_LIMIT (default PAGE_SIZE), `offset` 0–MAX_OFFSET (default 0), optional `report` and `section` filters. */
export const searchParamsSchema = z.object({
  q: z
    .string({ error: 'q is required' })
    .refine((q) => codePointLength(q) <= MAX_QUERY_LENGTH, `q is longer than ${MAX_QUERY_LENGTH} characters`)
    .describe(
      'The query: terms ANDed, "phrases", -exclusions; and the expert language (README, Expert queries): ' +
        'OR or |, NOT, parentheses, title: section: year: source:, A NEAR/n B, A SENT B. A refused query is a 400 with error.position.',
    ),
  limit: integer('limit', 1, MAX_LIMIT, PAGE_SIZE),
  offset: integer('offset', 0, MAX_OFFSET, 0),
  report: z.string().max(MAX_FILTER_LENGTH, `report must be at most ${MAX_FILTER_LENGTH} characters`).optional(),
  section: z.string().max(MAX_FILTER_LENGTH, `section must be at most ${MAX_FILTER_LENGTH} characters`).optional(),
});

/** A validated search request. */
export type SearchParams = z.infer<typeof searchParamsSchema>;

const CODES: Record<string, string> = {
  q: 'invalid_query',
  limit: 'invalid_limit',
  offset: 'invalid_offset',
  report: 'invalid_report',
  section: 'invalid_section',
};

/**
 * Decodes a raw query string strictly: malformed percent-encoding (`%ZZ`, a cut UTF-8 sequence, an
 * encoded lone surrogate) is an error rather than a silent U+FFFD. When a parameter is repeated,
 * the first occurrence wins.
 */
export function decodeQueryString(search: string): Record<string, string> {
  const out: Record<string, string> = {};
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
    if (!(key in out)) out[key] = value;
  }
  return out;
}

/** Validates decoded parameters; unknown parameters are ignored. */
export function parseSearchParams(params: Record<string, string | undefined>): SearchParams {
  const result = searchParamsSchema.safeParse(params);
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
