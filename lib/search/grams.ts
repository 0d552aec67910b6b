/**
 * The literal index: for every distinct character and character bigram, the sorted ids of the
 * paragraphs containing it, in one compressed-row layout (an offsets array into one postings
 * array). A string of two or more characters can only occur where all its bigrams occur, so
 * intersecting their lists gives the candidates that a substring check confirms.
 *
 * This replaced two FlexSearch indexes (characters, bigrams): over the poetry corpus they held
 * ~25 M postings as JavaScript arrays in Maps, which cost more memory and build time than
 * everything else together (see BENCHMARKS.md). Words stay in FlexSearch.
 */

/** The literal index, as stored and as searched. */
export interface GramIndex {
  /** The grams (1 or 2 code points), sorted. */
  grams: string[];
  /** Gram k's postings are `postings[offsets[k] .. offsets[k + 1])`. */
  offsets: Uint32Array;
  /** Paragraph ids, sorted within each gram. */
  postings: Uint32Array;
  /** Gram → position in `grams`. */
  lookup: Map<string, number>;
}

/** The distinct grams of normalised text: every character and every adjacent pair. */
export function gramsOf(norm: string): Set<string> {
  const out = new Set<string>();
  let previous = '';
  for (const ch of norm) {
    out.add(ch);
    if (previous) out.add(previous + ch);
    previous = ch;
  }
  return out;
}

/** Builds the index from normalised paragraphs, ids being their positions. */
export function buildGramIndex(norms: Iterable<string>): GramIndex {
  const ids = new Map<string, number>();
  const counts: number[] = [];
  let pairs = new Uint32Array(1 << 20);
  let used = 0;
  const docStarts: number[] = [];
  for (const norm of norms) {
    docStarts.push(used);
    for (const gram of gramsOf(norm)) {
      let id = ids.get(gram);
      if (id === undefined) {
        id = counts.length;
        ids.set(gram, id);
        counts.push(0);
      }
      counts[id]!++;
      if (used === pairs.length) {
        const grown = new Uint32Array(pairs.length * 2);
        grown.set(pairs);
        pairs = grown;
      }
      pairs[used++] = id;
    }
  }
  docStarts.push(used);
  // Grams in sorted order, so the stored layout does not depend on insertion order.
  const grams = [...ids.keys()].sort();
  const rank = new Uint32Array(grams.length);
  grams.forEach((g, k) => (rank[ids.get(g)!] = k));
  const offsets = new Uint32Array(grams.length + 1);
  for (const id of ids.values()) offsets[rank[id]! + 1] = counts[id]!;
  for (let k = 0; k < grams.length; k++) offsets[k + 1]! += offsets[k]!;
  const fill = offsets.slice(0, grams.length);
  const postings = new Uint32Array(used);
  for (let doc = 0; doc + 1 < docStarts.length; doc++) {
    for (let i = docStarts[doc]!; i < docStarts[doc + 1]!; i++) postings[fill[rank[pairs[i]!]!]!++] = doc;
  }
  return { grams, offsets, postings, lookup: new Map(grams.map((g, k) => [g, k])) };
}

/** The postings of one gram (empty when absent). */
export function postingsOf(index: GramIndex, gram: string): Uint32Array {
  const k = index.lookup.get(gram);
  return k === undefined ? new Uint32Array(0) : index.postings.subarray(index.offsets[k], index.offsets[k + 1]);
}

/**
 * Paragraphs containing every gram of `text` (a candidate superset for texts of 3+ characters,
 * exact for 1 or 2), by intersecting sorted lists from the shortest up.
 */
export function literalCandidates(index: GramIndex, text: string): Uint32Array {
  const chars = Array.from(text);
  if (chars.length === 0) return new Uint32Array(0);
  if (chars.length === 1) return postingsOf(index, chars[0]!);
  const lists: Uint32Array[] = [];
  const seen = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    if (seen.has(gram)) continue;
    seen.add(gram);
    const list = postingsOf(index, gram);
    if (list.length === 0) return list;
    lists.push(list);
  }
  lists.sort((a, b) => a.length - b.length);
  let result = lists[0]!;
  for (let i = 1; i < lists.length && result.length > 0; i++) result = intersectSorted(result, lists[i]!);
  return result;
}

/** Intersection of two sorted id lists; gallops through the longer one. */
function intersectSorted(small: Uint32Array, large: Uint32Array): Uint32Array {
  const out = new Uint32Array(small.length);
  let n = 0;
  let lo = 0;
  for (let i = 0; i < small.length; i++) {
    const x = small[i]!;
    let step = 1;
    let hi = lo;
    while (hi < large.length && large[hi]! < x) {
      lo = hi;
      hi += step;
      step *= 2;
    }
    hi = Math.min(hi, large.length);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (large[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo < large.length && large[lo] === x) out[n++] = x;
  }
  return out.subarray(0, n);
}
