import { z } from 'zod';
import { SORTS } from '../query/collection';
import { TREND_BY } from '../query/trend';

/**
 * The API's responses as zod schemas, for the OpenAPI description. tests/api/openapi.test.ts checks
 * that they infer exactly the interfaces in types.ts and that real responses satisfy them.
 */
const range = z.strictObject({
  start: z.number().int().describe('First UTF-16 code unit of the match in `text`.'),
  end: z.number().int().describe('One past the last code unit of the match.'),
});
const segment = z.strictObject({
  text: z.string().describe('The characters, unescaped.'),
  mark: z.boolean().describe('Whether these characters matched the query.'),
});
const matchKind = z.enum(['word', 'literal', 'pinyin', 'synonym']);
const hitMatch = z.enum(['word', 'literal', 'expansion']);

export const queryTermSchema = z.strictObject({
  text: z.string().describe('The normalised text that is searched for.'),
  kind: z
    .enum(['term', 'phrase', 'exclude'])
    .describe('term: words or substring; phrase: exact substring; exclude: removes hits.'),
  words: z.array(z.string()).describe('jieba words of the term (empty for phrases and exclusions).'),
  expansions: z
    .array(
      z.strictObject({
        text: z.string().describe('The normalised text also searched for.'),
        kind: z
          .enum(['pinyin', 'synonym'])
          .describe('pinyin: the term in Latin letters spells it; synonym: synonyms.txt groups them.'),
      }),
    )
    .describe('What else the term finds, ranked below the term itself (never for phrases and exclusions).'),
});

const hitReport = z.strictObject({
  id: z.string().describe('Report id.'),
  title: z.string(),
  date: z.string().nullable().describe('Publication date, YYYY-MM-DD, or null.'),
  source: z.string().nullable().describe('Publisher, or null.'),
  region: z.string().nullable().describe('Where it comes from, largest place first (四川省资阳市), or null.'),
  level: z.string().nullable().describe('The level that issued it (国家, 省, 市, 县), or null.'),
  kind: z.string().nullable().describe('What kind of report it is (政府工作报告, 政协工作报告, …), or null.'),
  year: z.number().int().nullable().describe("The year it covers: its own year, else its date's, or null."),
});

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
  snippetSegments: z.array(segment).describe('The same window as segments.'),
  highlights: z.array(range).describe('Every matched span in text, sorted and non-overlapping.'),
  score: z.number().describe('Relevance score; comparable only within one response.'),
  match: hitMatch.describe(
    'word: every term matched as jieba words; literal: some term only as a substring; expansion: some term only through a pinyin reading or synonym.',
  ),
  matchedTerms: z.number().int().describe('Number of query terms this paragraph contains.'),
  termMatches: z.array(matchKind.nullable()).describe('Per non-excluded term: how it matched here, or null.'),
  doc: hitReport.describe('The report.'),
  section: z.string().nullable().describe('Section heading, or null before the first heading.'),
  ordinal: z.number().int().describe('1-based position of the paragraph in its report.'),
});

/** A facet: values with the number of matching paragraphs that have each. */
const facetValues = z.array(z.strictObject({ value: z.string(), count: z.number().int() }));

const searchFiltersSchema = z
  .strictObject({
    report: z.string().nullable(),
    section: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    regions: z.array(z.string()),
    levels: z.array(z.string()),
    kinds: z.array(z.string()),
    sources: z.array(z.string()),
  })
  .describe('The filters applied.');

export const searchResponseSchema = z.strictObject({
  query: z.string().describe('The query as received.'),
  normalized: z.string().describe('The query after normalisation.'),
  terms: z.array(queryTermSchema).describe('The parsed terms that were searched.'),
  tree: z
    .array(
      z.strictObject({
        op: z.enum(['term', 'field', 'and', 'or', 'not', 'near', 'sent']),
        term: z.number().int().optional().describe('term: its position in terms.'),
        field: z.string().optional().describe('field: its name (title, section, year, source).'),
        value: z.string().optional().describe('field: the normalised value.'),
        distance: z.number().int().optional().describe('near: most characters between the two terms.'),
        children: z.array(z.number().int()).optional().describe('Positions of the child nodes in this list.'),
      }),
    )
    .optional()
    .describe('An expert query as parsed: its nodes, the root first. Absent for a plain query.'),
  reading: z
    .string()
    .optional()
    .describe('The expert query as read, every group in parentheses: ((书香 OR 品牌) AND NOT 政协).'),
  total: z.number().int().describe('Number of matching paragraphs, all pages together, after the filters.'),
  facets: z
    .strictObject({
      reports: z.array(z.strictObject({ id: z.string(), title: z.string(), count: z.number().int() })),
      sections: z.array(z.strictObject({ report: z.string(), section: z.string(), count: z.number().int() })),
      years: facetValues.describe('By the year a report covers, every year, in order.'),
      regions: facetValues.describe('By region, the 20 with most matches.'),
      levels: facetValues.describe('By level (国家, 省, 市, 县).'),
      kinds: facetValues.describe('By kind of report, the 20 with most matches.'),
      sources: facetValues.describe('By publisher, the 20 with most matches.'),
    })
    .describe(
      'Matches by report and by section (under the filters on report fields), and by each report field ' +
        '(under the filters on every other field); none under the report and section filters.',
    ),
  filters: searchFiltersSchema,
  sort: z.enum(SORTS).describe('The order of the hits: relevance, or newest or oldest report first.'),
  partial: z.boolean().describe('True when no paragraph matched every term and these are the best partial matches.'),
  offset: z.number().int().describe('Offset of the first hit.'),
  limit: z.number().int().describe('Maximum number of hits asked for.'),
  tookMs: z.number().describe('Time spent searching, in milliseconds.'),
  hits: z.array(searchHitSchema).describe('The page of results, best first (grouped: empty).'),
  groups: z
    .array(
      z.strictObject({
        report: hitReport,
        count: z.number().int().describe('Its matching paragraphs.'),
        hits: z.array(searchHitSchema).describe('Its best few, by relevance (by date: its first).'),
      }),
    )
    .optional()
    .describe('With group=report: the page of reports (offset and limit count reports).'),
  groupTotal: z.number().int().optional().describe('With group=report: how many reports have matches.'),
});

export const errorResponseSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe('Stable machine-readable code, e.g. missing_query.'),
    message: z.string().describe('Human-readable explanation.'),
    position: z.number().int().optional().describe('For a query the parser refuses: where, as a UTF-16 offset in q.'),
  }),
});

export const indexProblemSchema = z.strictObject({
  file: z.string().nullable().describe('The content file at fault, or null.'),
  line: z.number().int().nullable().describe('1-based line in the file, or null.'),
  message: z.string().describe('What is wrong.'),
});

export const healthResponseSchema = z.strictObject({
  status: z
    .enum(['ok', 'degraded', 'loading', 'draining'])
    .describe(
      'ok: current; degraded: the last content change could not be indexed; loading and draining: not ready (503).',
    ),
  documents: z.number().int().optional().describe('Number of reports in the index (absent while loading).'),
  paragraphs: z.number().int().optional().describe('Number of paragraphs in the index (absent while loading).'),
  builtAt: z.string().optional().describe('When the index in service was built, ISO 8601 (absent while loading).'),
  problem: indexProblemSchema.optional().describe('Why the last rebuild failed, when degraded.'),
  skipped: z
    .array(
      z.strictObject({
        file: z.string().describe('Its name in the content folder.'),
        reason: z.string().describe('Why it is not read: not a regular file, or too large.'),
      }),
    )
    .optional()
    .describe('Files of the content folder that are not read; absent when none.'),
});

export const livenessResponseSchema = z.strictObject({
  status: z.literal('live').describe('The process is up and answering.'),
});

const compareReport = z.strictObject({
  id: z.string().describe('Report id.'),
  title: z.string(),
  date: z.string().nullable().describe('Publication date, YYYY-MM-DD, or null.'),
  url: z.string().describe("Relative link to the report's page."),
  distinctive: z
    .array(z.string())
    .describe('Words this report uses far more than the other (log-likelihood over paragraphs), best first.'),
});

const compareParagraph = z.strictObject({
  id: z.string().describe('Paragraph id, unique within its report.'),
  ordinal: z.number().int().describe('1-based position in its report.'),
  section: z.string().nullable().describe('Section heading, or null before the first heading.'),
  text: z.string().describe('The text as published.'),
  url: z.string().describe("Relative link to the paragraph's own page."),
});

export const compareResponseSchema = z.strictObject({
  a: compareReport.describe('The earlier report (left).'),
  b: compareReport.describe('The later report (right).'),
  summary: z
    .strictObject({
      same: z.number().int(),
      changed: z.number().int(),
      new: z.number().int(),
      dropped: z.number().int(),
      figures: z
        .array(
          z.strictObject({
            a: z.string().describe('The figure in a, with its unit (7.5%).'),
            b: z.string().describe('The figure in b, with its unit (7%).'),
            before: z.string().describe('The words just before it in b.'),
            pair: z.number().int().describe('Position of its pair in pairs.'),
          }),
        )
        .describe('Figures that changed, in b’s order.'),
    })
    .describe('Counts of pairs by status, and the changed figures.'),
  pairs: z
    .array(
      z.strictObject({
        a: z.string().nullable().describe('Paragraph id in a, or null when new in b.'),
        b: z.string().nullable().describe('Paragraph id in b, or null when dropped.'),
        status: z
          .enum(['same', 'changed', 'new', 'dropped'])
          .describe('same: identical text; changed: counterparts that differ; new: only in b; dropped: only in a.'),
        similarity: z.number().describe("Jaccard similarity of the paragraphs' character bigrams, 0–1."),
        moved: z.boolean().describe("Whether b's paragraph went to another section than the rest of a's section."),
        removed: z.array(range).describe("Ranges of a's text not in b (changed pairs)."),
        added: z.array(range).describe("Ranges of b's text not in a (changed pairs)."),
      }),
    )
    .describe('The alignment in reading order: b’s, a dropped paragraph after its predecessor’s pair.'),
  paragraphs: z
    .strictObject({ a: z.array(compareParagraph), b: z.array(compareParagraph) })
    .describe("Each report's paragraphs in order, which pairs name by id."),
  tookMs: z.number().describe('Time spent comparing, in milliseconds.'),
});

const similarParagraph = {
  id: z.string().describe("Paragraph id; the report page's anchor for it."),
  report: hitReport.describe('Its report.'),
  url: z.string().describe('Relative deep link to the paragraph, ending in #<id>.'),
  paragraphUrl: z.string().describe("The paragraph's own page, relative."),
  text: z.string().describe("The paragraph's text."),
  section: z.string().nullable().describe('Section heading, or null before the first heading.'),
  ordinal: z.number().int().describe('1-based position in its report.'),
};

export const similarResponseSchema = z.strictObject({
  paragraph: z.strictObject(similarParagraph).describe('The paragraph asked about.'),
  threshold: z.number().describe('Paragraphs at least this alike are listed.'),
  hits: z
    .array(
      z.strictObject({
        ...similarParagraph,
        similarity: z.number().describe("Jaccard similarity of the two paragraphs' character bigrams, 0–1."),
      }),
    )
    .describe('Paragraphs of other reports at least threshold alike, most alike first.'),
  tookMs: z.number().describe('Time spent, in milliseconds.'),
});

export const trendResponseSchema = z.strictObject({
  by: z.enum(TREND_BY).describe('What the buckets are.'),
  filters: searchFiltersSchema,
  series: z
    .array(
      z.strictObject({
        q: z.string().describe('The query as asked.'),
        paragraphs: z.number().int().describe('Matching paragraphs in all, reports in no bucket included.'),
        occurrences: z.number().int().describe('Occurrences in all, as the highlights mark them.'),
        buckets: z
          .array(
            z.strictObject({
              key: z.string().describe('The year, region, level, kind, publisher or report id.'),
              paragraphs: z.number().int(),
              occurrences: z.number().int(),
              characters: z.number().int().describe("Characters of the bucket's text under the filters."),
              perTenThousand: z.number().describe('occurrences per 10,000 characters, two decimals.'),
            }),
          )
          .describe('Every key of the filtered collection, zeros included, in key order (reports oldest first).'),
      }),
    )
    .describe('One per query, in the order asked.'),
});
