/**
 * BM25 and proximity: the parts of the score that do not depend on how matches were found, and
 * every ranking knob, each with the range it makes sense in. Stored answers are ranked with these
 * at build time; the engine version (index/engine.ts) hashes this file, so changing a knob
 * rebuilds the index.
 */

/** BM25 term-frequency saturation, 1.2–2.0 by convention: how soon a repeated word stops adding. */
const K1 = 1.2;
/** BM25 length normalisation, 0–1: at 1 a short paragraph dense in the terms beats a long one fully. */
const B = 0.75;

/** Weights of the score's parts, relative to one BM25 word match. */
export const WEIGHTS = {
  /**
   * A term found only as a substring across word boundaries (阳市政 in 资阳市政协), 0–1 of a word
   * match: below 1 so that whole words rank first, above 0 so that such hits are ordered at all.
   */
  literalOnly: 0.5,
  /** A multi-word term found exactly as typed, words adjacent and in order; 0–2, in idf units. */
  adjacency: 1,
  /** A quoted phrase, per occurrence-weighted match; 0–2. */
  phrase: 1,
  /** Terms close together; at most this much per extra term, 0–4 (past that it outweighs the words). */
  proximity: 2,
  /**
   * A term matched only through an expansion (a pinyin reading's words, a synonym), 0–1 of a
   * substring match of the expansion. Such paragraphs rank after those matching the term itself
   * whatever their score (topk.ts); this orders them among themselves.
   */
  expansion: 0.5,
} as const;

/** Inverse document frequency, BM25's non-negative variant. */
export function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Saturated, length-normalised term frequency. */
export function tfWeight(tf: number, length: number, avgLength: number): number {
  if (tf <= 0) return 0;
  const norm = avgLength > 0 ? length / avgLength : 1;
  return (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * norm));
}

/**
 * How close the terms sit: the shortest window holding one occurrence of each, as total term
 * length over window length (1 when adjacent). `positions[k]` lists term k's [start, end) spans.
 */
export function closeness(positions: [number, number][][]): number {
  if (positions.length < 2 || positions.some((p) => p.length === 0)) return 0;
  const events = positions.flatMap((list, term) => list.map(([s, e]) => ({ s, e, term }))).sort((a, b) => a.s - b.s);
  const count = new Array<number>(positions.length).fill(0);
  let covered = 0;
  let best = Infinity;
  let lo = 0;
  for (let hi = 0; hi < events.length; hi++) {
    if (count[events[hi]!.term]!++ === 0) covered++;
    while (covered === positions.length) {
      const window = events.slice(lo, hi + 1);
      const width = Math.max(...window.map((x) => x.e)) - events[lo]!.s;
      best = Math.min(best, width);
      if (--count[events[lo]!.term]! === 0) covered--;
      lo++;
    }
  }
  const termLength = positions.reduce((sum, p) => sum + (p[0]![1] - p[0]![0]), 0);
  return Number.isFinite(best) ? Math.min(1, termLength / Math.max(best, 1)) : 0;
}
