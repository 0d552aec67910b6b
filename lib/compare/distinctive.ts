/**
 * Distinctive terms: the words one body of text uses far more than another, by Dunning's
 * log-likelihood (G²), the measure corpus linguists use for keywords (AntConc, WordSmith) because
 * it stays sound for rare words where a ratio of frequencies does not. The unit counted is the
 * paragraph (a word's paragraphs, not its occurrences): a word repeated in one paragraph is not
 * what a report is about. Words are jieba's, so the content's dictionary words count whole.
 */
/** A distinctive term with its score. */
export interface Keyness {
  word: string;
  /** G²: above 10.83 the difference is significant at p < 0.001. */
  score: number;
}

/** G² below this is chance (p ≥ 0.001, one degree of freedom). */
export const MIN_KEYNESS = 10.83;
/** A word must be in at least this many paragraphs of the text it is distinctive of. */
export const MIN_PARAGRAPHS = 2;
/** Terms kept per report. */
export const DISTINCTIVE_TERMS = 8;

/**
 * Dunning's log-likelihood that a word in `a` of `c` units of a text and `b` of `d` units of the
 * other is used at different rates; 0 when the text uses it no more than the other.
 */
export function logLikelihood(a: number, b: number, c: number, d: number): number {
  if (c === 0 || a === 0 || a / c <= (d === 0 ? 0 : b / d)) return 0;
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  return 2 * (a * Math.log(a / e1) + (b > 0 ? b * Math.log(b / e2) : 0));
}

/** Function words and report boilerplate that no report is about, however often it says them. */
const STOP_WORDS = new Set(
  (
    '我们 他们 你们 一个 一些 一批 这个 这些 那些 以及 通过 进行 进一步 不断 积极 加强 坚持 推动 推进 开展 全面 ' +
    '切实 认真 深入 更加 持续 没有 可以 已经 还是 就是 不是 因为 所以 如果 但是 而且 并且 对于 关于 其中 之一 方面 工作'
  ).split(' '),
);

const HAN = /\p{Script=Han}/u;
const DIGIT = /[0-9]/;

/**
 * Whether a word can be a distinctive term: Chinese words of two characters or more (one
 * character is mostly a function word, 的, 和, 在), or Latin words of two letters or more; no
 * numbers (a year, a figure: they are findings of their own) and no stop words.
 */
export function isTermWord(word: string): boolean {
  if (DIGIT.test(word) || STOP_WORDS.has(word)) return false;
  const length = Array.from(word).length;
  return HAN.test(word) ? length >= 2 : /^[a-z]{2,}$/.test(word);
}

/**
 * The best `count` of scored words, best first, leaving out a word inside one already chosen:
 * jieba also emits the parts of a long word (乡村振兴 → 乡村, 振兴), which would say it again.
 */
export function bestTerms(scored: Keyness[], count = DISTINCTIVE_TERMS): Keyness[] {
  const chosen: Keyness[] = [];
  // On a tie the longer word first: the whole word (青溪绿茶) over the parts jieba also cut it into.
  const order = (x: Keyness, y: Keyness) =>
    y.score - x.score || y.word.length - x.word.length || (x.word < y.word ? -1 : 1);
  for (const k of [...scored].sort(order)) {
    if (chosen.length === count) break;
    if (chosen.some((c) => c.word.includes(k.word) || k.word.includes(c.word))) continue;
    chosen.push(k);
  }
  return chosen;
}

/** A text as its paragraphs' words (each paragraph's list may repeat a word). */
export type ParagraphWords = string[][];

/** Paragraphs holding each word, over a text's paragraphs, and how many paragraphs there are. */
export interface WordCounts {
  paragraphs: number;
  counts: Map<string, number>;
}

/** Counts, for each word, the paragraphs of `text` holding it. */
export function countWords(text: ParagraphWords): WordCounts {
  // Per word, its count and the last paragraph counted, so a word repeated in a paragraph counts once.
  const seen = new Map<string, { count: number; last: number }>();
  text.forEach((words, p) => {
    for (const w of words) {
      if (w.length < 2) continue; // one character is never a term (isTermWord): most of poetry's tokens
      const entry = seen.get(w);
      if (!entry) seen.set(w, { count: 1, last: p });
      else if (entry.last !== p) {
        entry.count++;
        entry.last = p;
      }
    }
  });
  const counts = new Map<string, number>();
  for (const [w, { count }] of seen) counts.set(w, count);
  return { paragraphs: text.length, counts };
}

/** The terms distinctive of `text` against `other` (as counted by countWords), best first. */
export function distinctiveOf(text: WordCounts, other: WordCounts, count = DISTINCTIVE_TERMS): Keyness[] {
  const scored: Keyness[] = [];
  for (const [word, a] of text.counts) {
    if (a < MIN_PARAGRAPHS || !isTermWord(word)) continue;
    const score = logLikelihood(a, other.counts.get(word) ?? 0, text.paragraphs, other.paragraphs);
    if (score >= MIN_KEYNESS) scored.push({ word, score });
  }
  return bestTerms(scored, count);
}
