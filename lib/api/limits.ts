/**
 * Every limit a client of the service meets, in one place: the query language's, paging's, the
 * filters', trends', exports' and similar paragraphs'. Free of server-only imports, so the browser's
 * messages, the request schemas, the OpenAPI document and the engine name the same numbers.
 * SECURITY.md lists them.
 */

/** Longest accepted query, in characters (code points). */
export const MAX_QUERY_LENGTH = 200;
/** Most terms in one query, counting phrases and exclusions (Meilisearch's limit too). */
export const MAX_TERMS = 10;
/** Deepest nesting of parentheses in an expert query. */
export const MAX_DEPTH = 5;
/** Largest n of NEAR/n, in characters between the two terms. */
export const MAX_NEAR_DISTANCE = 100;
/**
 * Paragraphs an expert query's NEAR and SENT pairs may read between them (a paragraph holding
 * both terms of a pair is read to check where they sit): more is a 400 that says to narrow it.
 */
export const MAX_NEAR_SCAN = 50_000;

/** Largest page the API returns. */
export const MAX_LIMIT = 100;
/** Deepest offset accepted; beyond it results are not worth paging to. */
export const MAX_OFFSET = 10_000;
/** Hits per page: the API's default `limit` and what the search page shows at a time. */
export const PAGE_SIZE = 10;
/** Longest report id, section heading or field value accepted as a filter. */
export const MAX_FILTER_LENGTH = 100;
/** Values one filter (region, level, kind, source) may be given. */
export const MAX_FILTER_VALUES = 20;

/** Queries one trend compares at most. */
export const MAX_TREND_QUERIES = 6;

/** Characters a concordance line shows either side of the match, by default and at most. */
export const KWIC_WIDTH = 20;
export const MAX_KWIC_WIDTH = 100;
/** Hits an export holds at most (paragraphs: a concordance has a row per occurrence of them); more is a 400. */
export const MAX_EXPORT_HITS = 500_000;
/**
 * Rows and characters of cells one export file holds at most (within XLSX's 1,048,576 rows a
 * sheet): a concordance of many occurrences stops there, its last row saying so.
 */
export const MAX_EXPORT_ROWS = 1_000_000;
export const MAX_EXPORT_CHARS = 100_000_000;

/** Paragraphs a compared report may have (more is a 400), and pairs the comparison page shows at a time. */
export const MAX_COMPARE_PARAGRAPHS = 3_000;
export const COMPARE_PAGE = 300;

/** Similar paragraphs listed at most, and unless `limit` says otherwise. */
export const MAX_SIMILAR = 50;
export const SIMILAR_PAGE = 10;
