/** The requests for comparing two reports and for a paragraph's similar paragraphs. */
import { z } from 'zod';
import { MAX_FILTER_LENGTH } from './limits';
import { ParamError } from './params';

/** Similar paragraphs listed at most. */
export const MAX_SIMILAR = 50;
/** Similar paragraphs listed unless `limit` says otherwise. */
export const SIMILAR_PAGE = 10;

const id = (name: string, what: string) =>
  z
    .string({ error: `${name} is required: ${what}` })
    .min(1, `${name} is required: ${what}`)
    .max(MAX_FILTER_LENGTH, `${name} must be at most ${MAX_FILTER_LENGTH} characters`);

export const compareParamsSchema = z.object({
  a: id('a', 'the id of the earlier report'),
  b: id('b', 'the id of the later report'),
});

export const similarParamsSchema = z.object({
  report: id('report', "the id of the paragraph's report"),
  paragraph: id('paragraph', 'the paragraph id'),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `limit must be an integer from 1 to ${MAX_SIMILAR}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_SIMILAR, `limit must be an integer from 1 to ${MAX_SIMILAR}`)
    .optional()
    .transform((n) => n ?? SIMILAR_PAGE),
});

export type CompareParams = z.infer<typeof compareParamsSchema>;
export type SimilarParams = z.infer<typeof similarParamsSchema>;

function parse<T>(schema: z.ZodType<T>, params: Record<string, string | undefined>): T {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ParamError(`invalid_${String(issue.path[0] ?? 'request')}`, issue.message);
}

/** Validates the decoded parameters of `/api/compare`. */
export const parseCompareParams = (params: Record<string, string | undefined>) => parse(compareParamsSchema, params);
/** Validates the decoded parameters of `/api/similar`. */
export const parseSimilarParams = (params: Record<string, string | undefined>) => parse(similarParamsSchema, params);
