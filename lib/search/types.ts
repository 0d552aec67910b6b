/**
 * The contract: content records, the search API's request and response, and the health answer.
 * Imported by the build script, the route handlers, the pages and the tests.
 */

/** A half-open range `[start, end)` of UTF-16 code units in a paragraph's `text`. */
export interface Range {
  /** First code unit of the match. */
  start: number;
  /** One past the last code unit of the match. */
  end: number;
}

/** A piece of display text: `mark` is true where it is a match. */
export interface Segment {
  /** The characters, unescaped. */
  text: string;
  /** Whether these characters matched the query. */
  mark: boolean;
}

/** One report as parsed from content/, before indexing. */
export interface ReportSource {
  /** URL-safe id taken from the file name (`ziyang-cppcc-2022`). */
  id: string;
  /** Title from front matter. */
  title: string;
  /** Publication date, `YYYY-MM-DD`, or null when the report has none. */
  date: string | null;
  /** Where the report was published, as the source page names it. */
  source: string | null;
  /** The report's paragraphs in reading order. */
  paragraphs: { text: string; section: string | null }[];
}

/** A report as the index keeps it. */
export interface DocRecord {
  /** URL-safe report id. */
  id: string;
  /** Report title. */
  title: string;
  /** Publication date, `YYYY-MM-DD`, or null. */
  date: string | null;
  /** Publisher named by the source, or null. */
  source: string | null;
  /** Section headings in order; paragraphs refer to them by position. */
  sections: string[];
  /** Index of the report's first paragraph in the global paragraph list. */
  first: number;
  /** Number of paragraphs in the report. */
  count: number;
}

/** A paragraph as the index keeps it. */
export interface ParagraphRecord {
  /** Stable id, also the HTML anchor on the report page (`p-1a2b3c4d5e`). */
  id: string;
  /** Position of the report in the index's `docs`. */
  doc: number;
  /** Position of the section in the report's `sections`, or -1 before the first heading. */
  section: number;
  /** 1-based position of the paragraph inside its report. */
  ordinal: number;
  /** The paragraph exactly as published. */
  text: string;
  /** The normalised text that matching runs on (simplified, half-width, lower case). */
  norm: string;
  /** Number of word tokens, the BM25 document length. */
  length: number;
}

/** How a hit satisfied the query: every term as jieba words, or at least one term only as a substring. */
export type MatchKind = 'word' | 'literal';

/** One result of `GET /api/search`. */
export interface SearchHit {
  /** Paragraph id; the report page's anchor for it. */
  id: string;
  /** Relative deep link to the paragraph in its report, ending in `#<id>`. */
  url: string;
  /** The paragraph's full plain text. */
  text: string;
  /** HTML window of the paragraph around the best match; only `<mark>` is markup, … marks a cut. */
  snippet: string;
  /** The same window as segments, for renderers that do not take HTML. */
  snippetSegments: Segment[];
  /** Every matched span in `text`, as UTF-16 offsets, sorted and non-overlapping. */
  highlights: Range[];
  /** Relevance score; higher is better. Comparable only within one response. */
  score: number;
  /** `word` when every term matched as whole jieba words, `literal` when some term matched only as a substring. */
  match: MatchKind;
  /** Number of the query's terms this paragraph contains (fewer than all only in partial results). */
  matchedTerms: number;
  /** Per term of the query, excluded terms left out, in order: how it matched here, or null where it did not. */
  termMatches: (MatchKind | null)[];
  /** The report the paragraph belongs to. */
  doc: { id: string; title: string; date: string | null };
  /** Heading of the section the paragraph sits in, or null before the first heading. */
  section: string | null;
  /** 1-based position of the paragraph in its report. */
  ordinal: number;
}

/** A query term after parsing and normalisation. */
export interface QueryTerm {
  /** The normalised text that is searched for. */
  text: string;
  /** `term` matches as words or as a substring, `phrase` only as an exact substring, `exclude` removes hits. */
  kind: 'term' | 'phrase' | 'exclude';
  /** jieba words of the term (empty for phrases and exclusions). */
  words: string[];
}

/** Counts of matching paragraphs by report and by section, for filtering. */
export interface Facets {
  /** Per report with matches: its id, title and number of matching paragraphs. */
  reports: { id: string; title: string; count: number }[];
  /** Per headed section with matches: its report's id, its heading and count (text before the first heading is not a section). */
  sections: { report: string; section: string; count: number }[];
}

/** Body of a successful `GET /api/search`. */
export interface SearchResponse {
  /** The query as received. */
  query: string;
  /** The query after normalisation (traditional → simplified, full-width → half-width, lower case). */
  normalized: string;
  /** The parsed terms that were searched. */
  terms: QueryTerm[];
  /** Number of matching paragraphs, all pages together, after the report and section filters. */
  total: number;
  /** Matches by report and section, counted before the report and section filters. */
  facets: Facets;
  /** The filters applied: a report id and a section heading, or null. */
  filters: { report: string | null; section: string | null };
  /** True when no paragraph matched every term and these are the best partial matches. */
  partial: boolean;
  /** Offset of the first hit in the full result list. */
  offset: number;
  /** Maximum number of hits asked for. */
  limit: number;
  /** Time spent searching, in milliseconds. */
  tookMs: number;
  /** The page of results, best first. */
  hits: SearchHit[];
}

/** Body of every 4xx/5xx answer from the API. */
export interface ErrorResponse {
  error: {
    /** Stable machine-readable code, e.g. `missing_query`. */
    code: string;
    /** Human-readable explanation of what to change. */
    message: string;
  };
}

/** Body of `GET /api/health`. */
export interface HealthResponse {
  /** Always `ok` when the index is loaded. */
  status: 'ok';
  /** Number of reports in the index. */
  documents: number;
  /** Number of paragraphs in the index. */
  paragraphs: number;
  /** When the index artifact was built, ISO 8601. */
  builtAt: string;
}
