/**
 * The API's paging limits and the page size the UI asks for. Free of server-only imports, so the
 * browser's code, the request schema and the OpenAPI document name the same numbers.
 */

/** Largest page the API returns. */
export const MAX_LIMIT = 100;
/** Deepest offset accepted; beyond it results are not worth paging to. */
export const MAX_OFFSET = 10_000;
/** Hits per page: the API's default `limit` and what the search page shows at a time. */
export const PAGE_SIZE = 10;
/** Longest report id or section heading accepted as a filter. */
export const MAX_FILTER_LENGTH = 100;
/** Values one filter (region, level, kind, source) may be given. */
export const MAX_FILTER_VALUES = 20;
/** Characters a concordance line shows either side of the match, by default and at most. */
export const KWIC_WIDTH = 20;
export const MAX_KWIC_WIDTH = 100;
