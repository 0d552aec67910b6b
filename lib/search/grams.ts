/**
 * The literal index: for every distinct character and character bigram, the sorted ids of the
 * paragraphs containing it, in one compressed-row layout (sorted gram keys, an offsets array into
 * one postings array). A string of two or more characters can only occur where all its bigrams
 * occur, so intersecting their lists gives the candidates that a substring check confirms.
 *
 * This replaced two FlexSearch indexes (characters, bigrams): over the poetry corpus they held
 * ~25 M postings as JavaScript arrays in Maps, more memory than everything else together (see
 * BENCHMARKS.md). Grams are numbers, not strings, so building allocates no strings and loading
 * builds no Map: a lookup is a binary search in `keys`. Words stay in FlexSearch.
 */
import { EMPTY, intersectAll } from './postings';

/** The literal index, as stored and as searched. */
export interface GramIndex {
  /** Gram keys (see gramKey), ascending. */
  keys: Float64Array;
  /** Gram k's postings are `postings[offsets[k] .. offsets[k + 1])`. */
  offsets: Uint32Array;
  /** Paragraph ids, ascending within each gram. */
  postings: Uint32Array;
}

const PLANE = 0x110000;

/** A character's key is its code point; a bigram's is above every code point. */
export function gramKey(first: number, second?: number): number {
  return second === undefined ? first : (first + 1) * PLANE + second;
}

/** The character or bigram a key stands for. */
export function gramText(key: number): string {
  return key < PLANE ? String.fromCodePoint(key) : String.fromCodePoint(Math.floor(key / PLANE) - 1, key % PLANE);
}

/** Builds the index from normalised paragraphs, ids being their positions. */
export function buildGramIndex(norms: string[]): GramIndex {
  // Gram ids in order of first appearance: characters through a table indexed by code point,
  // bigrams through a Map. keyOf[id] is the gram's key.
  const charIds = new Int32Array(PLANE).fill(-1);
  const bigramIds = new Map<number, number>();
  const keyOf: number[] = [];
  let counts: Uint32Array = new Uint32Array(1 << 16);
  let lastDoc = new Int32Array(1 << 16).fill(-1);
  let pairs: Uint32Array = new Uint32Array(1 << 20);
  let used = 0;
  const docStarts = new Uint32Array(norms.length + 1);
  const add = (key: number, doc: number) => {
    let id = key < PLANE ? charIds[key]! : (bigramIds.get(key) ?? -1);
    if (id === -1) {
      id = keyOf.length;
      keyOf.push(key);
      if (key < PLANE) charIds[key] = id;
      else bigramIds.set(key, id);
      if (id === counts.length) {
        counts = grow(counts, counts.length * 2) as Uint32Array;
        const seen = new Int32Array(counts.length).fill(-1);
        seen.set(lastDoc);
        lastDoc = seen;
      }
    }
    if (lastDoc[id] === doc) return; // already counted for this paragraph
    lastDoc[id] = doc;
    counts[id]!++;
    if (used === pairs.length) pairs = grow(pairs, pairs.length * 2) as Uint32Array;
    pairs[used++] = id;
  };
  for (let doc = 0; doc < norms.length; doc++) {
    docStarts[doc] = used;
    const norm = norms[doc]!;
    let previous = -1;
    for (let i = 0; i < norm.length; i++) {
      const c = norm.codePointAt(i)!;
      if (c > 0xffff) i++;
      add(gramKey(c), doc);
      if (previous >= 0) add(gramKey(previous, c), doc);
      previous = c;
    }
  }
  docStarts[norms.length] = used;

  // Number grams in key order, so the layout does not depend on insertion order.
  const size = keyOf.length;
  const byKey = Array.from({ length: size }, (_, id) => id).sort((a, b) => keyOf[a]! - keyOf[b]!);
  const keys = Float64Array.from(byKey, (id) => keyOf[id]!);
  const rank = new Uint32Array(size);
  byKey.forEach((id, k) => (rank[id] = k));
  const offsets = new Uint32Array(size + 1);
  for (let id = 0; id < size; id++) offsets[rank[id]! + 1] = counts[id]!;
  for (let k = 0; k < size; k++) offsets[k + 1]! += offsets[k]!;
  const fill = offsets.slice(0, size);
  const postings = new Uint32Array(used);
  for (let doc = 0; doc < norms.length; doc++) {
    for (let i = docStarts[doc]!; i < docStarts[doc + 1]!; i++) postings[fill[rank[pairs[i]!]!]!++] = doc;
  }
  return { keys, offsets, postings };
}

function grow(a: Uint32Array | Int32Array, size: number): Uint32Array | Int32Array {
  const out = new (a.constructor as Uint32ArrayConstructor)(size);
  out.set(a);
  return out;
}

/** The postings of one gram (empty when absent). */
export function postingsOf(index: GramIndex, key: number): Uint32Array {
  let lo = 0;
  let hi = index.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  if (lo === index.keys.length || index.keys[lo] !== key) return EMPTY;
  return index.postings.subarray(index.offsets[lo], index.offsets[lo + 1]);
}

/**
 * Paragraphs containing every gram of `text` (a candidate superset for texts of 3+ characters,
 * exact for 1 or 2), by intersecting sorted lists from the shortest up.
 */
export function literalCandidates(index: GramIndex, text: string): Uint32Array {
  const chars = Array.from(text, (ch) => ch.codePointAt(0)!);
  if (chars.length === 0) return EMPTY;
  if (chars.length === 1) return postingsOf(index, gramKey(chars[0]!));
  const lists: Uint32Array[] = [];
  const seen = new Set<number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const key = gramKey(chars[i]!, chars[i + 1]!);
    if (seen.has(key)) continue;
    seen.add(key);
    const list = postingsOf(index, key);
    if (list.length === 0) return list;
    lists.push(list);
  }
  return intersectAll(lists);
}
