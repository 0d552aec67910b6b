import * as nodejieba from 'nodejieba';
import { normalize } from './normalize';

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

/** Words added to this process's jieba, so each is added once. */
const added = new Set<string>();

/**
 * Adds the content's own words (dictionary.txt) to jieba, normalised as text is, so documents and
 * queries alike keep them whole. jieba cannot forget a word: a word taken out of the dictionary
 * stays in a running server until it restarts (its index, rebuilt without it, is still exact;
 * only how a query is cut into words differs).
 */
export function addUserWords(entries: { word: string; tag: string | null }[]): void {
  for (const { word, tag } of entries) {
    const norm = normalize(word);
    if (!norm || added.has(norm)) continue;
    added.add(norm);
    if (tag) nodejieba.insertWord(norm, tag);
    else nodejieba.insertWord(norm);
  }
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
