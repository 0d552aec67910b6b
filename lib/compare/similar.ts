/**
 * Similar paragraphs: the paragraphs of other reports that share most of a paragraph's wording,
 * so a commitment can be followed from year to year and a passage copied from report to report
 * found. Similarity is the Jaccard similarity of the two paragraphs' character bigram sets
 * (grams.ts); it is found from the literal index, not by scanning.
 *
 * How: a paragraph reaching Jaccard θ with one of |x| bigrams shares at least θ|x| of them. The
 * paragraphs of each of its bigrams are counted from the gram index (ScanCount), except those of
 * its commonest 40%, which are most of the work and tell least; so a paragraph counted fewer than
 * θ|x| − skipped times cannot be similar, and the few counted that often are measured exactly
 * against their own bigrams. Skipping none counts every list of common bigrams; skipping half
 * (θ = 0.5, prefix filtering) leaves every paragraph that shares one rare bigram to measure. Over
 * the long-paragraph corpus the middle is ten times faster than either (BENCHMARKS.md).
 * Exact: nothing at or above the threshold is missed, nothing below it shown.
 */
import { postingsOf } from '../index/grams';
import type { SearchIndex } from '../index/model';
import { lowerBound, type Scratch } from '../index/postings';
import { gramSet, jaccard, overlap } from './grams';

/** Paragraphs this alike or more are similar (Jaccard of bigram sets). */
export const SIMILARITY_THRESHOLD = 0.5;
/**
 * Share of a paragraph's bigrams, its commonest, whose paragraphs are not counted (see above): 0
 * counts them all, SIMILARITY_THRESHOLD is prefix filtering. The bench measures the three.
 */
export const SKIPPED_SHARE = 0.4;
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
export function similarParagraphs(
  index: SearchIndex,
  id: number,
  limit: number,
  scratch: Scratch,
  skippedShare = SKIPPED_SHARE,
): Similar[] {
  scratch.begin();
  const { paragraphs } = index;
  const keys = gramSet(paragraphs.norm(id));
  if (keys.length < MIN_SIMILAR_GRAMS) return [];
  const report = paragraphs.columns.report;
  const own = report[id]!;
  // The overlap θ|x| needs, less a hair so that a similarity of exactly θ is not lost to rounding.
  const needed = SIMILARITY_THRESHOLD * keys.length - 1e-9;
  // The commonest bigrams' lists are most of the work and tell least: the first few are skipped,
  // so a candidate needs that many fewer counted, and its overlap is measured exactly.
  const { keys: gramKeys, offsets } = index.grams;
  const df = Array.from(keys, (key) => {
    const k = lowerBound(gramKeys, key);
    return offsets[k + 1]! - offsets[k]!; // every key of a paragraph of the index is in it
  });
  const order = Array.from(keys.keys()).sort((x, y) => df[y]! - df[x]!);
  const skipped = Math.floor(keys.length * skippedShare);
  const counts = scratch.take(paragraphs.count).fill(0);
  const touched: number[] = [];
  for (const k of order.slice(skipped)) {
    const list = postingsOf(index.grams, keys[k]!, scratch);
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      if (counts[p]!++ === 0) touched.push(p);
    }
  }
  const found: Similar[] = [];
  for (const p of touched) {
    if (counts[p]! < needed - skipped || report[p] === own) continue;
    const theirs = gramSet(paragraphs.norm(p));
    const similarity = jaccard(keys.length, theirs.length, overlap(keys, theirs));
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
