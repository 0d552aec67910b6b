import * as nodejieba from 'nodejieba';

const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * The word tokens of normalised text, for documents and queries alike. cutForSearch also emits the
 * parts of long words (中国农业发展银行 → 中国, 农业, …), so a query for a part finds the whole.
 * HMM is on so that runs of digits and Latin letters (2022, gdp) stay one token instead of one per
 * character. Tokens without a letter or digit (punctuation, spaces) are dropped.
 */
export function wordTokens(normText: string): string[] {
  if (normText.length === 0) return [];
  return nodejieba.cutForSearch(normText, true).filter((w) => WORDLIKE.test(w));
}

/** The distinct word tokens of a query term, in order. */
export function termWords(normTerm: string): string[] {
  return [...new Set(wordTokens(normTerm))];
}

/**
 * jieba loads its dictionaries on first use, which takes seconds: a server or a build calls this
 * when it starts, so that no user's query pays for it.
 */
export function warmUpJieba(): void {
  wordTokens('资阳市政协');
}

/** Number of code points, the length users count in. */
export function codePointLength(s: string): number {
  return Array.from(s).length;
}

/** How many candidates jieba's TF-IDF is asked for per key term kept: the filter drops many. */
const KEYWORD_OVERSAMPLING = 3;

/**
 * A text's key terms by jieba's TF-IDF, as suggestions for people: words of two or more characters,
 * with no digits, in order of weight.
 */
export function keywords(normText: string, count = 12): string[] {
  return nodejieba
    .extract(normText, count * KEYWORD_OVERSAMPLING)
    .map((k) => k.word)
    .filter((w) => Array.from(w).length >= 2 && /^[\p{L}]+$/u.test(w))
    .slice(0, count);
}
