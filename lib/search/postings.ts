/**
 * Sets of paragraph ids as sorted, distinct Uint32Arrays: what the gram index and the word index
 * store, and what a search combines. Intersection gallops through the longer list, union and
 * difference merge, and membership walks forward from the last answer — so the work follows the
 * shorter list, and no per-paragraph table is ever allocated or cleared.
 */

export const EMPTY = new Uint32Array(0);

/**
 * Where the arrays a search makes (intersections, unions, confirmed matches, facet counts, the
 * shortlist's keys) live: one buffer, handed out front to back and taken back whole when the next
 * search begins. A common character matches ~170 k poetry lines; allocated fresh per query, arrays
 * that size cost 0.5–2.5 ms each and, as external memory, pushed V8 into full collections.
 */
let arena = new Uint32Array(1 << 16);
let arenaUsed = 0;

/** Starts a search: every list handed out before is void (searches run one at a time). */
export function beginSearch(): void {
  arenaUsed = 0;
}

/** Room for `size` uint32s (ids, counts, keys), valid until the next beginSearch. Not cleared. */
export function searchArray(size: number): Uint32Array {
  if (arenaUsed + size > arena.length) {
    // Lists already handed out keep the old buffer; new ones come from a bigger one.
    arena = new Uint32Array(Math.max(arena.length * 2, size * 2));
    arenaUsed = 0;
  }
  const out = arena.subarray(arenaUsed, arenaUsed + size);
  arenaUsed += size;
  return out;
}

/** Ids in both sorted lists. */
export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  if (small.length === 0) return EMPTY;
  const out = searchArray(small.length);
  let n = 0;
  let lo = 0;
  for (let i = 0; i < small.length; i++) {
    const x = small[i]!;
    lo = gallop(large, x, lo);
    if (lo === large.length) break;
    if (large[lo] === x) out[n++] = x;
  }
  return out.subarray(0, n);
}

/** Ids in every list, smallest first so the result shrinks fastest. */
export function intersectAll(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 0) return EMPTY;
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result = sorted[0]!;
  for (let i = 1; i < sorted.length && result.length > 0; i++) result = intersect(result, sorted[i]!);
  return result;
}

/** Ids in either sorted list. */
export function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = searchArray(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      out[n++] = x;
      i++;
    } else if (y < x) {
      out[n++] = y;
      j++;
    } else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.subarray(0, n);
}

/** Ids in any of the lists. */
export function unionAll(lists: Uint32Array[]): Uint32Array {
  return lists.reduce(union, EMPTY);
}

/** Ids of `a` not in `b`. */
export function difference(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length === 0 || b.length === 0) return a;
  const out = searchArray(a.length);
  let n = 0;
  let lo = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    lo = gallop(b, x, lo);
    if (lo === b.length || b[lo] !== x) out[n++] = x;
  }
  return out.subarray(0, n);
}

/** Ids of the sorted list within [from, to). */
export function slice(ids: Uint32Array, from: number, to: number): Uint32Array {
  return ids.subarray(gallop(ids, from, 0), gallop(ids, to, 0));
}

/** The first position at or after `lo` whose id is ≥ x (the list's length when there is none). */
function gallop(list: Uint32Array, x: number, lo: number): number {
  let step = 1;
  let hi = lo;
  while (hi < list.length && list[hi]! < x) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, list.length);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Membership in a sorted list. Asked in ascending order it walks forward from its last answer;
 * asked out of order it starts over, which is a binary search.
 */
export class Membership {
  /** The first position whose id is ≥ the last id asked about. */
  private at = 0;
  private last = 0;

  constructor(readonly ids: Uint32Array) {}

  has(x: number): boolean {
    if (x < this.last) this.at = 0;
    this.last = x;
    this.at = gallop(this.ids, x, this.at);
    return this.at < this.ids.length && this.ids[this.at] === x;
  }
}
