/** GET /api/compare (two reports aligned) and GET /api/similar (a paragraph's near copies elsewhere). */
import { z } from 'zod';
import { MAX_FILTER_LENGTH, MAX_SIMILAR, SIMILAR_PAGE } from './limits';
import { once, parseWith, type RawParams } from './params';
import { hitReportSchema, rangeSchema } from './search';

const id = (name: string, what: string) =>
  once(
    z
      .string({ error: `${name} is required: ${what}` })
      .min(1, `${name} is required: ${what}`)
      .max(MAX_FILTER_LENGTH, `${name} must be at most ${MAX_FILTER_LENGTH} characters`),
  );

export const compareRequestSchema = z.object({
  a: id('a', 'the id of the earlier report'),
  b: id('b', 'the id of the later report'),
});
/** Which two reports to compare. */
export type CompareRequest = z.infer<typeof compareRequestSchema>;

export const similarRequestSchema = z.object({
  report: id('report', "the id of the paragraph's report"),
  paragraph: id('paragraph', 'the paragraph id'),
  limit: once(
    z
      .string()
      .regex(/^\d{1,3}$/, `limit must be an integer from 1 to ${MAX_SIMILAR}`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_SIMILAR, `limit must be an integer from 1 to ${MAX_SIMILAR}`)
      .optional()
      .transform((n) => n ?? SIMILAR_PAGE),
  ),
});
/** Which paragraph's similar paragraphs, how many at most. */
export type SimilarRequest = z.infer<typeof similarRequestSchema>;

/** Validates the decoded parameters of /api/compare. */
export const parseCompareRequest = (params: RawParams) => parseWith(compareRequestSchema, params);
/** Validates the decoded parameters of /api/similar. */
export const parseSimilarRequest = (params: RawParams) => parseWith(similarRequestSchema, params);

const compareReport = z.strictObject({
  id: z.string().describe('Report id.'),
  title: z.string(),
  date: z.string().nullable().describe('Publication date, YYYY-MM-DD, or null.'),
  url: z.string().describe("Relative link to the report's page."),
  distinctive: z
    .array(z.string())
    .describe('Words this report uses far more than the other (log-likelihood over paragraphs), best first.'),
});
/** A report as a comparison names it. */
export type CompareReport = z.infer<typeof compareReport>;

const compareParagraph = z.strictObject({
  id: z.string().describe('Paragraph id, unique within its report.'),
  ordinal: z.number().int().describe('1-based position in its report.'),
  section: z.string().nullable().describe('Section heading, or null before the first heading.'),
  text: z.string().describe('The text as published.'),
  url: z.string().describe("Relative link to the paragraph's own page."),
});
/** A paragraph of a compared report. */
export type CompareParagraph = z.infer<typeof compareParagraph>;

const comparePair = z.strictObject({
  a: z.string().nullable().describe('Paragraph id in a, or null when new in b.'),
  b: z.string().nullable().describe('Paragraph id in b, or null when dropped.'),
  status: z
    .enum(['same', 'changed', 'new', 'dropped'])
    .describe('same: identical text; changed: counterparts that differ; new: only in b; dropped: only in a.'),
  similarity: z.number().describe("Jaccard similarity of the paragraphs' character bigrams, 0–1."),
  moved: z.boolean().describe("Whether b's paragraph went to another section than the rest of a's section."),
  removed: z.array(rangeSchema).describe("Ranges of a's text not in b (changed pairs)."),
  added: z.array(rangeSchema).describe("Ranges of b's text not in a (changed pairs)."),
});
/** One line of a comparison: a paragraph of a, of b, or a pair. */
export type ComparePair = z.infer<typeof comparePair>;

const compareFigure = z.strictObject({
  a: z.string().describe('The figure in a, with its unit (7.5%).'),
  b: z.string().describe('The figure in b, with its unit (7%).'),
  before: z.string().describe('The words just before it in b.'),
  pair: z.number().int().describe('Position of its pair in pairs.'),
});
/** A figure that changed between the reports. */
export type CompareFigure = z.infer<typeof compareFigure>;

export const compareResponseSchema = z.strictObject({
  a: compareReport.describe('The earlier report (left).'),
  b: compareReport.describe('The later report (right).'),
  summary: z
    .strictObject({
      same: z.number().int(),
      changed: z.number().int(),
      new: z.number().int(),
      dropped: z.number().int(),
      figures: z.array(compareFigure).describe('Figures that changed, in b’s order.'),
    })
    .describe('Counts of pairs by status, and the changed figures.'),
  pairs: z
    .array(comparePair)
    .describe('The alignment in reading order: b’s, a dropped paragraph after its predecessor’s pair.'),
  paragraphs: z
    .strictObject({ a: z.array(compareParagraph), b: z.array(compareParagraph) })
    .describe("Each report's paragraphs in order, which pairs name by id."),
  tookMs: z.number().describe('Time spent comparing, in milliseconds.'),
});
/** Body of GET /api/compare. */
export type CompareResponse = z.infer<typeof compareResponseSchema>;

const similarParagraph = {
  id: z.string().describe("Paragraph id; the report page's anchor for it."),
  report: hitReportSchema.describe('Its report.'),
  url: z.string().describe('Relative deep link to the paragraph, ending in #<id>.'),
  paragraphUrl: z.string().describe("The paragraph's own page, relative."),
  text: z.string().describe("The paragraph's text."),
  section: z.string().nullable().describe('Section heading, or null before the first heading.'),
  ordinal: z.number().int().describe('1-based position in its report.'),
};
const similarHit = z.strictObject({
  ...similarParagraph,
  similarity: z.number().describe("Jaccard similarity of the two paragraphs' character bigrams, 0–1."),
});
/** A paragraph of another report that says nearly the same. */
export type SimilarHit = z.infer<typeof similarHit>;

export const similarResponseSchema = z.strictObject({
  paragraph: z.strictObject(similarParagraph).describe('The paragraph asked about.'),
  threshold: z.number().describe('Paragraphs at least this alike are listed.'),
  hits: z.array(similarHit).describe('Paragraphs of other reports at least threshold alike, most alike first.'),
  tookMs: z.number().describe('Time spent, in milliseconds.'),
});
/** Body of GET /api/similar. */
export type SimilarResponse = z.infer<typeof similarResponseSchema>;
