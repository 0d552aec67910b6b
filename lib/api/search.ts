/**
 * GET /api/search: the request and its answer, as zod schemas. The schemas are the contract: the
 * types are inferred from them and the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { REPORT_FIELDS, type FieldFacet } from '../content/fields';
import { MAX_LIMIT, MAX_OFFSET, PAGE_SIZE } from './limits';
import { dateRange, filterParams, integer, NO_FILTERS, once, parseWith, query, type RawParams } from './params';

/** Orders of a result list: by relevance, or by the reports' dates. */
export const SORTS = ['relevance', 'newest', 'oldest'] as const;
export type Sort = (typeof SORTS)[number];

/** The order of hits, as search and export take it. */
export const sortParam = once(
  z
    .enum(SORTS, { error: `sort must be one of ${SORTS.join(', ')}` })
    .optional()
    .default('relevance'),
);

export const searchRequestSchema = z
  .object({
    q: once(query),
    limit: once(integer('limit', 1, MAX_LIMIT, PAGE_SIZE)),
    offset: once(integer('offset', 0, MAX_OFFSET, 0)),
    ...filterParams,
    sort: sortParam,
    group: once(z.enum(['report'], { error: 'group must be report' }).optional()),
  })
  .superRefine(dateRange);

/** A validated search request: the one type from the URL to the engine. */
export type SearchRequest = z.infer<typeof searchRequestSchema>;

/** Validates a search request's decoded parameters. */
export function parseSearchRequest(params: RawParams): SearchRequest {
  return parseWith(searchRequestSchema, params);
}

/** A search request with defaults for what is not given: for code that asks the engine directly. */
export function searchRequest(given: Partial<SearchRequest> & { q: string }): SearchRequest {
  return { limit: PAGE_SIZE, offset: 0, ...NO_FILTERS, sort: 'relevance', ...given };
}

export const rangeSchema = z.strictObject({
  start: z.number().int().describe('First UTF-16 code unit of the match in `text`.'),
  end: z.number().int().describe('One past the last code unit of the match.'),
});
/** A span of a text, in UTF-16 code units. */
export type Range = z.infer<typeof rangeSchema>;

export const segmentSchema = z.strictObject({
  text: z.string().describe('The characters, unescaped.'),
  mark: z.boolean().describe('Whether these characters matched the query.'),
});
/** A piece of display text: `mark` is true where it is a match. */
export type Segment = z.infer<typeof segmentSchema>;

const matchKind = z.enum(['word', 'literal', 'pinyin', 'synonym']);
/** How a term matched a paragraph: as words, only as a substring, or only through a pinyin reading or a synonym. */
export type MatchKind = z.infer<typeof matchKind>;
const hitMatch = z.enum(['word', 'literal', 'expansion']);
/** How a hit matched as a whole. */
export type HitMatch = z.infer<typeof hitMatch>;

const expansionSchema = z.strictObject({
  text: z.string().describe('The normalised text also searched for.'),
  kind: z
    .enum(['pinyin', 'synonym'])
    .describe('pinyin: the term in Latin letters spells it; synonym: synonyms.txt groups them.'),
});
/** Another text a term also finds: a pinyin reading's Chinese words, or a synonym. */
export type Expansion = z.infer<typeof expansionSchema>;

export const queryTermSchema = z.strictObject({
  text: z.string().describe('The normalised text that is searched for.'),
  kind: z
    .enum(['term', 'phrase', 'exclude'])
    .describe('term: words or substring; phrase: exact substring; exclude: removes hits.'),
  words: z.array(z.string()).describe('jieba words of the term (empty for phrases and exclusions).'),
  expansions: z
    .array(expansionSchema)
    .describe('What else the term finds, ranked below the term itself (never for phrases and exclusions).'),
});
/** A query term after parsing and normalisation. */
export type QueryTerm = z.infer<typeof queryTermSchema>;

const treeNodeSchema = z.strictObject({
  op: z.enum(['term', 'field', 'and', 'or', 'not', 'near', 'sent']),
  term: z.number().int().optional().describe('term: its position in terms.'),
  field: z.string().optional().describe('field: its name (title, section, year, source).'),
  value: z.string().optional().describe('field: the normalised value.'),
  distance: z.number().int().optional().describe('near: most characters between the two terms.'),
  children: z.array(z.number().int()).optional().describe('Positions of the child nodes in this list.'),
});
/** A node of an expert query's tree as the answer lists it. */
export type TreeNode = z.infer<typeof treeNodeSchema>;

export const hitReportSchema = z.strictObject({
  id: z.string().describe('Report id.'),
  title: z.string(),
  date: z.string().nullable().describe('Publication date, YYYY-MM-DD, or null.'),
  source: z.string().nullable().describe('Publisher, or null.'),
  region: z.string().nullable().describe('Where it comes from, largest place first (四川省资阳市), or null.'),
  level: z.string().nullable().describe('The level that issued it (国家, 省, 市, 县), or null.'),
  kind: z.string().nullable().describe('What kind of report it is (政府工作报告, 政协工作报告, …), or null.'),
  year: z.number().int().nullable().describe("The year it covers: its own year, else its date's, or null."),
});
/** The report a hit belongs to, with what describes it. */
export type HitReport = z.infer<typeof hitReportSchema>;

export const searchHitSchema = z.strictObject({
  id: z.string().describe("Paragraph id; the report page's anchor for it."),
  url: z.string().describe('Relative deep link to the paragraph, ending in #<id>.'),
  paragraphUrl: z
    .string()
    .describe(
      "The paragraph's own page, relative (/reports/<report>/<id>?q=…): previews as the paragraph, lands on it marked.",
    ),
  text: z.string().describe("The paragraph's full plain text."),
  snippet: z.string().describe('HTML window around the best match; only <mark> is markup, … marks a cut.'),
  snippetSegments: z.array(segmentSchema).describe('The same window as segments.'),
  highlights: z.array(rangeSchema).describe('Every matched span in text, sorted and non-overlapping.'),
  score: z.number().describe('Relevance score; comparable only within one response.'),
  match: hitMatch.describe(
    'word: every term matched as jieba words; literal: some term only as a substring; expansion: some term only through a pinyin reading or synonym.',
  ),
  matchedTerms: z.number().int().describe('Number of query terms this paragraph contains.'),
  termMatches: z.array(matchKind.nullable()).describe('Per non-excluded term: how it matched here, or null.'),
  doc: hitReportSchema.describe('The report (doc since the API’s first version).'),
  section: z.string().nullable().describe('Section heading, or null before the first heading.'),
  ordinal: z.number().int().describe('1-based position of the paragraph in its report.'),
});
/** One result of GET /api/search. */
export type SearchHit = z.infer<typeof searchHitSchema>;

/** A facet: values with the number of matching paragraphs that have each. */
const facetValues = z.array(z.strictObject({ value: z.string(), count: z.number().int() }));
/** A facet's value and how many matching paragraphs have it. */
export type FacetValue = z.infer<typeof facetValues>[number];

const searchFacetsSchema = z
  .strictObject({
    reports: z.array(z.strictObject({ id: z.string(), title: z.string(), count: z.number().int() })),
    sections: z.array(z.strictObject({ report: z.string(), section: z.string(), count: z.number().int() })),
    years: facetValues.describe('By the year a report covers, every year, in order.'),
    ...(Object.fromEntries(
      REPORT_FIELDS.map((f) => [
        f.facet,
        facetValues.describe(
          'values' in f ? `By ${f.param} (${f.values.join(', ')}).` : `By ${f.param}, the 20 with most matches.`,
        ),
      ]),
    ) as Record<FieldFacet, typeof facetValues>),
  })
  .describe(
    'Matches by report and by section (under the filters on report fields), and by each report field ' +
      '(under the filters on every other field); none under the report and section filters.',
  );
/** A search's facets: by report and section, and by each report field. */
export type SearchFacets = z.infer<typeof searchFacetsSchema>;

export const filtersEchoSchema = z
  .strictObject({
    report: z.string().nullable(),
    section: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    ...(Object.fromEntries(REPORT_FIELDS.map((f) => [f.facet, z.array(z.string())])) as Record<
      FieldFacet,
      z.ZodArray<z.ZodString>
    >),
  })
  .describe('The filters applied (each report field under its facet’s name).');
/** The filters of a request as its answer repeats them. */
export type FiltersEcho = z.infer<typeof filtersEchoSchema>;

const reportGroupSchema = z.strictObject({
  report: hitReportSchema,
  count: z.number().int().describe('Its matching paragraphs.'),
  hits: z.array(searchHitSchema).describe('Its best few, by relevance (by date: its first).'),
});
/** A report among grouped results. */
export type ReportGroup = z.infer<typeof reportGroupSchema>;

export const searchResponseSchema = z.strictObject({
  query: z.string().describe('The query as received.'),
  normalized: z.string().describe('The query after normalisation.'),
  terms: z.array(queryTermSchema).describe('The parsed terms that were searched.'),
  tree: z
    .array(treeNodeSchema)
    .optional()
    .describe('An expert query as parsed: its nodes, the root first. Absent for a plain query.'),
  reading: z
    .string()
    .optional()
    .describe('The expert query as read, every group in parentheses: ((书香 OR 品牌) AND NOT 政协).'),
  total: z.number().int().describe('Number of matching paragraphs, all pages together, after the filters.'),
  facets: searchFacetsSchema,
  filters: filtersEchoSchema,
  sort: z.enum(SORTS).describe('The order of the hits: relevance, or newest or oldest report first.'),
  partial: z.boolean().describe('True when no paragraph matched every term and these are the best partial matches.'),
  offset: z.number().int().describe('Offset of the first hit.'),
  limit: z.number().int().describe('Maximum number of hits asked for.'),
  tookMs: z.number().describe('Time spent searching, in milliseconds.'),
  hits: z.array(searchHitSchema).describe('The page of results, best first (grouped: empty).'),
  groups: z
    .array(reportGroupSchema)
    .optional()
    .describe('With group=report: the page of reports (offset and limit count reports).'),
  groupTotal: z.number().int().optional().describe('With group=report: how many reports have matches.'),
});
/** Body of a successful GET /api/search. */
export type SearchResponse = z.infer<typeof searchResponseSchema>;
