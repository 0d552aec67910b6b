/**
 * The limits of a query. Kept apart from the parser, which loads jieba and OpenCC, so that the
 * browser's messages and the API's schema can name them too.
 */

/** Longest accepted query, in characters (code points). */
export const MAX_QUERY_LENGTH = 200;
/** Most terms in one query, counting phrases and exclusions (Meilisearch's limit too). */
export const MAX_TERMS = 10;
