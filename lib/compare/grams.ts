/**
 * A paragraph's wording as the set of its character bigrams: what comparison and similar
 * paragraphs measure overlap with. Bigrams, as the literal index keys them (index/grams.ts), so a
 * paragraph's set is read from its normalised text and its rarity from the index's own counts; a
 * paragraph of one character is the set of that character.
 */
import { gramKey } from '../index/grams';

/** A paragraph's distinct gram keys, ascending. */
export function gramSet(norm: string): Float64Array {
  const chars = Array.from(norm, (c) => c.codePointAt(0)!);
  if (chars.length === 1) return Float64Array.of(gramKey(chars[0]!));
  const keys = new Float64Array(Math.max(0, chars.length - 1));
  for (let i = 0; i + 1 < chars.length; i++) keys[i] = gramKey(chars[i]!, chars[i + 1]!);
  keys.sort();
  let n = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[i - 1]) keys[n++] = keys[i]!;
  return keys.subarray(0, n);
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
