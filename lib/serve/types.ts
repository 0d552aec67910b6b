/**
 * The API's contract: the search request's answer, the error body and the health answer, field by
 * field. Imported by the route handlers, the pages and the tests; the types it re-exports are
 * defined by the stage that makes them.
 */
import type { Facets, MatchKind } from '../index/model';
import type { FacetValue, ReportFacets, Sort } from '../query/collection';
import type { Filters } from '../query/facets';
import type { TrendBucket, TrendBy, TrendSeries } from '../query/trend';
import type { Expansion, QueryTerm } from '../query/parse';
import type { TreeNode } from '../query/reading';
import type { Range } from '../text/range';

export type {
  Expansion,
  FacetValue,
  Facets,
  MatchKind,
  QueryTerm,
  Range,
  ReportFacets,
  Sort,
  TrendBucket,
  TrendBy,
  TrendSeries,
};

/** How a hit matched as a whole: every term as jieba words, some term only as a substring, or some term only through an expansion. */
export type HitMatch = 'word' | 'literal' | 'expansion';

/** A piece of display text: `mark` is true where it is a match. */
export interface Segment {
  /** The characters, unescaped. */
  text: string;
  /** Whether these characters matched the query. */
  mark: boolean;
}

/** The report a hit belongs to, with what describes it. */
export interface HitReport {
  /** Report id. */
  id: string;
  title: string;
  /** Publication date, `YYYY-MM-DD`, or null. */
  date: string | null;
  /** Publisher, or null. */
  source: string | null;
  /** Where it comes from, largest place first (四川省资阳市), or null. */
  region: string | null;
  /** The level that issued it (国家, 省, 市, 县), or null. */
  level: string | null;
  /** What kind of report it is (政府工作报告, 政协工作报告, …), or null. */
  kind: string | null;
  /** The year it covers: its own `year`, else its date's; null when it has neither. */
  year: number | null;
}

/** One result of `GET /api/search`. */
export interface SearchHit {
  /** Paragraph id; the report page's anchor for it. */
  id: string;
  /** Relative deep link to the paragraph in its report, ending in `#<id>`. */
  url: string;
  /**
   * The paragraph's own page, relative (`/reports/<report>/<id>?q=…`): a URL the server sees, so a
   * shared link previews as the paragraph and lands on it with the query marked.
   */
  paragraphUrl: string;
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
  /**
   * `word` when every term matched as whole jieba words, `literal` when some term matched only as a
   * substring, `expansion` when some term matched only through a pinyin reading or a synonym.
   */
  match: HitMatch;
  /** Number of the query's terms this paragraph contains (fewer than all only in partial results). */
  matchedTerms: number;
  /** Per term of the query, excluded terms left out, in order: how it matched here (`pinyin`, `synonym`: only through that expansion), or null where it did not. */
  termMatches: (MatchKind | null)[];
  /** The report the paragraph belongs to (`doc` since the API's first version; the engine says report). */
  doc: HitReport;
  /** Heading of the section the paragraph sits in, or null before the first heading. */
  section: string | null;
  /** 1-based position of the paragraph in its report. */
  ordinal: number;
}

/** Body of a successful `GET /api/search`. */
export interface SearchResponse {
  /** The query as received. */
  query: string;
  /** The query after normalisation (traditional → simplified, full-width → half-width, lower case). */
  normalized: string;
  /** The parsed terms that were searched. */
  terms: QueryTerm[];
  /** An expert query's tree, its nodes root first (absent for a plain query). */
  tree?: TreeNode[];
  /** An expert query as read, every group in parentheses (absent for a plain query). */
  reading?: string;
  /** Number of matching paragraphs, all pages together, after every filter. */
  total: number;
  /**
   * Matches by report and section (under the filters on report fields), and by each report field
   * (`years`, `regions`, `levels`, `kinds`, `sources`, each under the filters on every other field:
   * the choices it offers). None is under the `report` and `section` filters.
   */
  facets: SearchFacets;
  /** The filters applied: a report id and a section heading (or null), dates (or null) and the report fields (empty: all). */
  filters: SearchFilters;
  /** The order of the hits: relevance, newest or oldest first (by report date). */
  sort: Sort;
  /** True when no paragraph matched every term and these are the best partial matches. */
  partial: boolean;
  /** Offset of the first hit in the full result list. */
  offset: number;
  /** Maximum number of hits asked for. */
  limit: number;
  /** Time spent searching, in milliseconds. */
  tookMs: number;
  /** The page of results, best first (grouped: empty, the hits are in `groups`). */
  hits: SearchHit[];
  /** With group=report: the page of reports (offset and limit count reports), best or newest first. */
  groups?: ReportGroup[];
  /** With group=report: how many reports have matches. */
  groupTotal?: number;
}

/** A report among grouped results. */
export interface ReportGroup {
  report: HitReport;
  /** Its matching paragraphs. */
  count: number;
  /** Its best few (by date: its first), as search hits. */
  hits: SearchHit[];
}

/** A search's facets: by report and section, and by each report field. */
export interface SearchFacets extends Facets, ReportFacets {}

/** The filters of a search as its answer repeats them: the report and section, and the report fields. */
export type SearchFilters = Filters;

/** Body of a successful `GET /api/trend`. */
export interface TrendResponse {
  /** What the buckets are: year, region, level, kind, source or report. */
  by: TrendBy;
  /** The filters applied, as search reports them. */
  filters: SearchFilters;
  /** One per query, in the order asked. */
  series: TrendSeries[];
}

/** Body of every 4xx/5xx answer from the API. */
export interface ErrorResponse {
  error: {
    /** Stable machine-readable code, e.g. `missing_query`. */
    code: string;
    /** Human-readable explanation of what to change. */
    message: string;
    /** For a query the parser refuses: where, as a UTF-16 offset in the query. */
    position?: number;
  };
}

/** Why the last rebuild of the index failed: the file and line at fault, and what is wrong there. */
export interface IndexProblem {
  /** The content file, as the build names it, or null when the fault is not in one file. */
  file: string | null;
  /** 1-based line in the file, or null. */
  line: number | null;
  /** What is wrong. */
  message: string;
}

/** Body of `GET /api/health`, the readiness probe. */
export interface HealthResponse {
  /**
   * `ok`: serving the current content. `degraded`: serving, but the last change to the content
   * could not be indexed (see `problem`); the index in service is the last good one. `loading`:
   * the first index is still loading (503). `draining`: serving while it shuts down, not ready for
   * new traffic (503).
   */
  status: 'ok' | 'degraded' | 'loading' | 'draining';
  /** Number of reports in the index (absent while loading). */
  documents?: number;
  /** Number of paragraphs in the index (absent while loading). */
  paragraphs?: number;
  /** When the index in service was built, ISO 8601 (absent while loading). */
  builtAt?: string;
  /** Why the last rebuild failed, when `status` is `degraded`. */
  problem?: IndexProblem;
  /** Files of the content folder that are not read (not regular files, or too large); absent when none. */
  skipped?: SkippedContentFile[];
}

/** A file of the content folder the server does not read. */
export interface SkippedContentFile {
  /** Its name in the content folder. */
  file: string;
  /** Why: a named pipe, a device, a folder, a broken link, or larger than the limit. */
  reason: string;
}

/** Body of `GET /api/health?probe=live`, the liveness probe: 200 whenever the process can answer. */
export interface LivenessResponse {
  status: 'live';
}

/** A report as a comparison names it. */
export interface CompareReport {
  /** Report id. */
  id: string;
  title: string;
  /** Publication date, `YYYY-MM-DD`, or null. */
  date: string | null;
  /** Relative link to the report's page. */
  url: string;
  /** Words this report uses far more than the other (log-likelihood over paragraphs), best first. */
  distinctive: string[];
}

/** A paragraph of a compared report. */
export interface CompareParagraph {
  /** Paragraph id, unique within its report. */
  id: string;
  /** 1-based position in its report. */
  ordinal: number;
  /** Its section's heading, or null before the first heading. */
  section: string | null;
  /** Its text as published. */
  text: string;
  /** Relative link to the paragraph's own page. */
  url: string;
}

/** One line of a comparison: a paragraph of a, of b, or a pair. */
export interface ComparePair {
  /** The paragraph id in a, or null when the paragraph is new in b. */
  a: string | null;
  /** The paragraph id in b, or null when it was dropped. */
  b: string | null;
  /** same: identical text; changed: counterparts that differ; new: only in b; dropped: only in a. */
  status: 'same' | 'changed' | 'new' | 'dropped';
  /** Jaccard similarity of the two paragraphs' character bigrams, 0–1 (0 for new and dropped). */
  similarity: number;
  /** Whether b's paragraph sits in another section than the rest of a's section went to. */
  moved: boolean;
  /** Ranges of a's text not in b (changed pairs only), UTF-16 offsets. */
  removed: Range[];
  /** Ranges of b's text not in a (changed pairs only), UTF-16 offsets. */
  added: Range[];
}

/** A figure that changed between the reports. */
export interface CompareFigure {
  /** The figure in a, with its unit (7.5%). */
  a: string;
  /** The figure in b, with its unit (7%). */
  b: string;
  /** The words just before it in b. */
  before: string;
  /** Position of its pair in `pairs`. */
  pair: number;
}

/** Body of `GET /api/compare`. */
export interface CompareResponse {
  /** The earlier report (left). */
  a: CompareReport;
  /** The later report (right). */
  b: CompareReport;
  /** Counts of pairs by status, and the figures that changed in b's order. */
  summary: { same: number; changed: number; new: number; dropped: number; figures: CompareFigure[] };
  /** The alignment in reading order (b's, dropped paragraphs after their predecessor's pair). */
  pairs: ComparePair[];
  /** Each report's paragraphs in order, which pairs name by id. */
  paragraphs: { a: CompareParagraph[]; b: CompareParagraph[] };
  /** Time spent comparing, in milliseconds. */
  tookMs: number;
}

/** A paragraph of another report that says nearly the same. */
export interface SimilarHit {
  /** Paragraph id; the report page's anchor for it. */
  id: string;
  /** Its report. */
  report: HitReport;
  /** Relative deep link to the paragraph in its report, ending in `#<id>`. */
  url: string;
  /** The paragraph's own page, relative. */
  paragraphUrl: string;
  /** The paragraph's text. */
  text: string;
  /** Heading of its section, or null before the first heading. */
  section: string | null;
  /** 1-based position in its report. */
  ordinal: number;
  /** Jaccard similarity of the two paragraphs' character bigrams, 0–1. */
  similarity: number;
}

/** Body of `GET /api/similar`. */
export interface SimilarResponse {
  /** The paragraph asked about. */
  paragraph: Omit<SimilarHit, 'similarity'>;
  /** Paragraphs at least this alike are listed. */
  threshold: number;
  /** Paragraphs of other reports at least `threshold` alike, most alike first. */
  hits: SimilarHit[];
  /** Time spent, in milliseconds. */
  tookMs: number;
}
