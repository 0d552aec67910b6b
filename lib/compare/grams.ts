/**
 * A paragraph's wording as the set of its character bigrams: what comparison and similar
 * paragraphs measure overlap with. Bigrams, as the literal index keys them (index/grams.ts), so a
 * paragraph's set is read from its normalised text and its rarity from the index's own counts; a
 * paragraph of one character is the set of that character.
 */
import { gramKey } from '../index/grams';

/** A paragraph's distinct gram keys, ascending. */
export function gramSet(norm: string): Float64Array {
  const keys = new Float64Array(norm.length);
  let n = 0;
  let previous = -1;
  for (let i = 0; i < norm.length; i++) {
    let c = norm.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < norm.length) c = norm.codePointAt(i++)!; // a surrogate pair
    if (previous >= 0) keys[n++] = gramKey(previous, c);
    previous = c;
  }
  if (n === 0) return previous >= 0 ? Float64Array.of(gramKey(previous)) : new Float64Array(0);
  const sorted = keys.subarray(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!;
  return sorted.subarray(0, distinct);
}

/** Keys in both ascending sets. */
export function overlap(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

/** Jaccard similarity of two sets of the sizes given, sharing `shared` keys: 0–1. */
export function jaccard(sizeA: number, sizeB: number, shared: number): number {
  const union = sizeA + sizeB - shared;
  return union === 0 ? 1 : shared / union;
}
