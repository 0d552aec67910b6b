/**
 * Similar paragraphs: the paragraphs of other reports that share most of a paragraph's wording,
 * so a commitment can be followed from year to year and a passage copied from report to report
 * found. Similarity is the Jaccard similarity of the two paragraphs' character bigram sets
 * (grams.ts); it is found from the literal index, not by scanning.
 *
 * How (measured against prefix filtering over the rarest bigrams, BENCHMARKS.md): every bigram of
 * the paragraph is looked up in the gram index and its paragraphs counted (ScanCount), which gives
 * each candidate's exact overlap. A paragraph reaching Jaccard θ with one of |x| bigrams shares at
 * least θ|x| of them, so only candidates counted that often are measured, with their own bigrams.
 * Exact: nothing at or above the threshold is missed, nothing below it shown.
 */
import { postingsOf } from '../index/grams';
import type { SearchIndex } from '../index/model';
import type { Scratch } from '../index/postings';
import { gramSet, jaccard, overlap } from './grams';

/** Paragraphs this alike or more are similar (Jaccard of bigram sets). */
export const SIMILARITY_THRESHOLD = 0.5;
/** A paragraph needs this many distinct bigrams to have similar ones: a short line is everywhere. */
export const MIN_SIMILAR_GRAMS = 6;

/** A similar paragraph. */
export interface Similar {
  /** Its position in the index. */
  id: number;
  /** Jaccard similarity of the bigram sets, 0–1. */
  similarity: number;
}

/** The paragraphs of other reports at least SIMILARITY_THRESHOLD alike to paragraph `id`, most alike first. */
export function similarParagraphs(index: SearchIndex, id: number, limit: number, scratch: Scratch): Similar[] {
  scratch.begin();
  const { paragraphs } = index;
  const keys = gramSet(paragraphs.norm(id));
  if (keys.length < MIN_SIMILAR_GRAMS) return [];
  const report = paragraphs.columns.report;
  const own = report[id]!;
  const counts = scratch.take(paragraphs.count).fill(0);
  const touched: number[] = [];
  for (const key of keys) {
    const list = postingsOf(index.grams, key, scratch);
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      if (counts[p]!++ === 0) touched.push(p);
    }
  }
  // The overlap θ|x| needs, less a hair so that a similarity of exactly θ is not lost to rounding.
  const needed = SIMILARITY_THRESHOLD * keys.length - 1e-9;
  const found: Similar[] = [];
  for (const p of touched) {
    const shared = counts[p]!;
    if (shared < needed || report[p] === own) continue;
    const theirs = gramSet(paragraphs.norm(p));
    const similarity = jaccard(keys.length, theirs.length, shared);
    if (similarity >= SIMILARITY_THRESHOLD) found.push({ id: p, similarity });
  }
  return found.sort((x, y) => y.similarity - x.similarity || x.id - y.id).slice(0, limit);
}

/** Jaccard similarity of two paragraphs' bigram sets, measured directly: for tests and tools. */
export function similarityOf(normA: string, normB: string): number {
  const a = gramSet(normA);
  const b = gramSet(normB);
  return jaccard(a.length, b.length, overlap(a, b));
}
