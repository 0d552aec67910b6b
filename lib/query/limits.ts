/**
 * The limits of a query. Kept apart from the parser, which loads jieba and OpenCC, so that the
 * browser's messages and the API's schema can name them too.
 */

/** Longest accepted query, in characters (code points). */
export const MAX_QUERY_LENGTH = 200;
/** Most terms in one query, counting phrases and exclusions (Meilisearch's limit too). */
export const MAX_TERMS = 10;
/**
 * Longest Latin term also read as pinyin, in letters (全面建成小康社会 is 31 in full): a longer one is
 * searched as itself only. Reading costs time in proportion to the letters, and this bounds it.
 */
export const MAX_PINYIN_LETTERS = 40;
/** Deepest nesting of parentheses in an expert query. */
export const MAX_DEPTH = 5;
/** Largest n of NEAR/n, in characters between the two terms. */
export const MAX_NEAR_DISTANCE = 100;
