import * as nodejieba from 'nodejieba';

const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * The word tokens of normalised text, for documents and queries alike. cutForSearch also emits the
 * parts of long words (中国农业发展银行 → 中国, 农业, …), so a query for a part finds the whole.
 * HMM is on so that runs of digits and Latin letters (2022, gdp) stay one token instead of one per
 * character. Tokens without a letter or digit (punctuation, spaces) are dropped.
 */
export function words(normText: string): string[] {
  if (normText.length === 0) return [];
  return nodejieba.cutForSearch(normText, true).filter((w) => WORDLIKE.test(w));
}

/** The distinct word tokens of a query term, in order. */
export function termWords(normTerm: string): string[] {
  return [...new Set(words(normTerm))];
}

/** Number of code points, the length users count in. */
export function codePointLength(s: string): number {
  return Array.from(s).length;
}

/**
 * A text's key terms by jieba's TF-IDF, as suggestions for people: words of two or more characters,
 * with no digits, in order of weight.
 */
export function keywords(normText: string, count = 12): string[] {
  return nodejieba
    .extract(normText, count * 3)
    .map((k) => k.word)
    .filter((w) => Array.from(w).length >= 2 && /^[\p{L}]+$/u.test(w))
    .slice(0, count);
}
