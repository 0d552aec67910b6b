/**
 * The seam between the service and a search engine: everything the results and server layers ask
 * of an index, and nothing of how it is held. The embedded engine (embedded/) is its first
 * implementation; a cluster answering over the network is the next, so every call is async, an
 * export is a stream, and any call may fail: with a RequestError (api/errors.ts) — 400 for a
 * refused query, 404 for a report that is not there, 503 when there is no index to answer from —
 * or with anything else, which the server answers as a 500.
 */
import type { IndexProblem, SkippedContentFile } from '../api/health';
import type {
  HitReport,
  MatchKind,
  QueryTerm,
  Range,
  SearchFacets,
  SearchRequest,
  Sort,
  TreeNode,
} from '../api/search';
import type { CollectionFilters } from '../api/params';
import type { TrendRequest, TrendSeries } from '../api/trend';

/** A search engine the service can run on. */
export interface SearchBackend {
  /** Which engine: `embedded` or a cluster's name. */
  readonly kind: string;
  /**
   * Starts serving: loads the index (or connects), and with `live` keeps it current as the content
   * folder changes. Resolves once the first index is in service (true) or could not be (false: the
   * backend keeps trying, and answers UnavailableError meanwhile).
   */
  start(options: StartOptions): Promise<boolean>;
  /** The searcher in service now; throws UnavailableError while there is none. */
  searcher(): Searcher;
  /** What readiness says of the index; throws UnavailableError when there is none to serve. */
  health(): Promise<BackendHealth>;
  /** Stops watching the content and lets go of what it holds. */
  close(): Promise<void>;
}

/** How a backend starts. */
export interface StartOptions {
  /** Keep the index current as the content folder changes. */
  live: boolean;
  /** Told what happens, a line at a time. */
  log: (line: string) => void;
}

/** The index in service as readiness describes it. */
export interface BackendHealth {
  /** ok: serving the current content; degraded: serving, but the last change could not be indexed; loading: the first index is not in yet. */
  status: 'ok' | 'degraded' | 'loading';
  documents?: number;
  paragraphs?: number;
  builtAt?: string;
  /** Why the last change could not be indexed. */
  problem?: IndexProblem;
  /** Files of the content folder not read. */
  skipped?: SkippedContentFile[];
}

/**
 * One index, as every call of one request reads it (Lucene's IndexSearcher): a page that searches,
 * counts a trend and lists reports sees one index even if another is swapped in meanwhile.
 */
export interface Searcher {
  /** Names the index this searcher reads: another build, another identity. Part of every ETag. */
  readonly identity: string;
  /** Its size, its build, and its content's key terms (offered as searches when nothing is found). */
  readonly info: { reports: number; paragraphs: number; builtAt: string; keywords: string[] };
  /** A page of a search's hits (or reports), with its count, facets and how the query was read. */
  search(request: SearchRequest): Promise<SearchAnswer>;
  /** Each query's matches and occurrences bucket by bucket. */
  trend(request: TrendRequest): Promise<TrendSeries[]>;
  /** Every hit of a search in its order, batch by batch: what an export writes. */
  hits(request: HitsRequest): Promise<HitStream>;
  /** What describes a report; null when there is no such report. */
  reportInfo(id: string): Promise<ReportInfo | null>;
  /** A report and its paragraphs, `q` marked in them; null when there is no such report. */
  report(id: string, q?: string): Promise<ReportDocument | null>;
  /** One paragraph of a report; null when either is not there. */
  paragraph(reportId: string, paragraphId: string): Promise<ParagraphDocument | null>;
  /** Paragraphs of other reports that say nearly the same; NotFoundError when the paragraph is not there. */
  similar(reportId: string, paragraphId: string, limit: number): Promise<SimilarAnswer>;
  /** A slice of the reports, newest first (the home page's list) or in content order (the sitemap). */
  reports(order: 'newest' | 'content', offset: number, limit: number): Promise<ReportSummary[]>;
  /** Reports whose title contains `text` (normalised), at most `limit`, in content order. */
  reportsTitled(text: string, limit: number): Promise<ReportSummary[]>;
  /** The same kind of report one year earlier (or the latest earlier one), or null. */
  earlier(reportId: string): Promise<ReportSummary | null>;
}

/** A paragraph that matched, with what a reader is shown of it. */
export interface Hit {
  /** Paragraph id, unique within its report. */
  id: string;
  report: HitReport;
  /** Its section's heading, or null before the first heading. */
  section: string | null;
  /** 1-based position in its report. */
  ordinal: number;
  /** The paragraph as published. */
  text: string;
  /** Every matched span in `text`, sorted and non-overlapping. */
  highlights: Range[];
  /** Relevance score; higher ranks first. */
  score: number;
  /** Per positive term: how it matched here, or null. */
  termMatches: (MatchKind | null)[];
}

/** A search's answer before it is shaped for a reader. */
export interface SearchAnswer {
  /** The query after normalisation. */
  normalized: string;
  /** Its terms with their expansions. */
  terms: QueryTerm[];
  /** An expert query's tree and its reading (absent for a plain query). */
  tree?: TreeNode[];
  reading?: string;
  /** Matching paragraphs after the filters. */
  total: number;
  facets: SearchFacets;
  /** True when no paragraph matched every term and these are the best partial matches. */
  partial: boolean;
  /** The page asked for (empty when grouped). */
  hits: Hit[];
  /** Grouped: the page of reports, each with its matches counted and its best few. */
  groups?: { report: HitReport; count: number; hits: Hit[] }[];
  /** Grouped: how many reports have matches. */
  groupTotal?: number;
}

/** What an export asks for: a search's query, filters and order. */
export interface HitsRequest extends CollectionFilters {
  q: string;
  sort: Sort;
}

/** Every hit of a search, read batch by batch; `close` lets go of it early. */
export interface HitStream {
  /** How many hits the batches hold. */
  total: number;
  batches: AsyncIterable<Hit[]>;
  close(): void;
}

/** A report as its page describes it. */
export interface ReportInfo extends HitReport {
  /** Whether its text was read from a scan by OCR, and may hold misread words. */
  ocr: boolean;
}

/** A paragraph of a report as its page and a comparison read it. */
export interface ReportParagraph {
  id: string;
  ordinal: number;
  section: string | null;
  text: string;
  /** The normalised text, which alignment compares. */
  norm: string;
  /** Where the query asked about matches, when one was. */
  highlights: Range[];
}

/** A report with its paragraphs. */
export interface ReportDocument {
  report: ReportInfo;
  paragraphs: ReportParagraph[];
  /** Words it uses far more than the rest of the collection, best first. */
  distinctive: string[];
}

/** One paragraph and its report. */
export interface ParagraphDocument {
  report: ReportInfo;
  paragraph: { id: string; ordinal: number; section: string | null; text: string };
}

/** A paragraph as a similar-paragraphs answer names it. */
export interface ParagraphAt {
  report: HitReport;
  id: string;
  ordinal: number;
  section: string | null;
  text: string;
}

/** A paragraph's near copies in other reports. */
export interface SimilarAnswer {
  paragraph: ParagraphAt;
  /** Paragraphs at least this alike are listed. */
  threshold: number;
  hits: (ParagraphAt & { similarity: number })[];
}

/** A report as a list names it. */
export interface ReportSummary {
  id: string;
  title: string;
  date: string | null;
  /** Number of paragraphs in the report. */
  paragraphs: number;
}
