/** GET /api/trend: how often each query matches, bucket by bucket of the collection. */
import { z } from 'zod';
import { FIELD_PARAMS, type ReportField } from '../content/fields';
import { MAX_TREND_QUERIES } from './limits';
import { dateRange, filterParams, once, parseWith, query, type RawParams } from './params';
import { filtersEchoSchema } from './search';

/** What a trend's buckets are: the year a report covers, a report field, or each report. */
export const TREND_BY = ['year', ...FIELD_PARAMS, 'report'] as ['year', ...ReportField[], 'report'];
export type TrendBy = 'year' | ReportField | 'report';

export const trendRequestSchema = z
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
    ...filterParams,
  })
  .superRefine(dateRange);

/** A validated trend request: one to MAX_TREND_QUERIES queries, what to bucket by, the filters. */
export type TrendRequest = z.infer<typeof trendRequestSchema>;

/** Validates a trend request's decoded parameters. */
export function parseTrendRequest(params: RawParams): TrendRequest {
  return parseWith(trendRequestSchema, params);
}

const trendBucketSchema = z.strictObject({
  key: z.string().describe('The year, region, level, kind, publisher or report id.'),
  paragraphs: z.number().int().describe('Matching paragraphs in the bucket.'),
  occurrences: z.number().int().describe('Occurrences there, as the highlights mark them.'),
  characters: z.number().int().describe("Characters of the bucket's text under the filters."),
  perTenThousand: z.number().describe('occurrences per 10,000 characters, two decimals; 0 for an empty bucket.'),
});
/** One bucket of a trend. */
export type TrendBucket = z.infer<typeof trendBucketSchema>;

const trendSeriesSchema = z.strictObject({
  q: z.string().describe('The query as asked.'),
  paragraphs: z.number().int().describe('Matching paragraphs in all, reports in no bucket included.'),
  occurrences: z.number().int().describe('Occurrences in all, as the highlights mark them.'),
  buckets: z
    .array(trendBucketSchema)
    .describe('Every key of the filtered collection, zeros included, in key order (reports oldest first).'),
});
/** One query's trend. */
export type TrendSeries = z.infer<typeof trendSeriesSchema>;

export const trendResponseSchema = z.strictObject({
  by: z.enum(TREND_BY).describe('What the buckets are.'),
  filters: filtersEchoSchema,
  series: z.array(trendSeriesSchema).describe('One per query, in the order asked.'),
});
/** Body of a successful GET /api/trend. */
export type TrendResponse = z.infer<typeof trendResponseSchema>;
