/**
 * Sets of paragraph ids as sorted, distinct Uint32Arrays: what the gram index and the word index
 * store, and what a search combines. Intersection gallops through the longer list, union and
 * difference merge, and membership walks forward from the last answer — so the work follows the
 * shorter list, and no per-paragraph table is ever allocated or cleared.
 */
import { readGaps, varintLength, writeVarint } from '../util/codec';

export const EMPTY = new Uint32Array(0);

/** Room the first search asks for, in uint32s; a scratch grows past it as searches need. */
const INITIAL_SCRATCH = 1 << 16;

/**
 * Where the arrays a search makes (intersections, unions, confirmed matches, facet counts, the
 * shortlist's keys) live: one buffer, handed out front to back and taken back whole when the next
 * search begins. A common character matches ~170 k poetry lines; allocated fresh per query, arrays
 * that size cost milliseconds each and, as external memory, pushed V8 into full collections.
 * A search owns its scratch for its duration: two searches at once (in worker threads, say) each
 * need their own.
 */
export class Scratch {
  private buffer = new Uint32Array(INITIAL_SCRATCH);
  private used = 0;

  /** Starts a search: every list handed out before is void. */
  begin(): void {
    this.used = 0;
  }

  /** Room for `size` uint32s (ids, counts, keys), valid until the next begin. Not cleared. */
  take(size: number): Uint32Array {
    if (this.used + size > this.buffer.length) {
      // Lists already handed out keep the old buffer; new ones come from a bigger one.
      this.buffer = new Uint32Array(Math.max(this.buffer.length * 2, size * 2));
      this.used = 0;
    }
    const out = this.buffer.subarray(this.used, this.used + size);
    this.used += size;
    return out;
  }
}

/** Ids in both sorted lists. */
export function intersect(a: Uint32Array, b: Uint32Array, scratch: Scratch): Uint32Array {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  if (small.length === 0) return EMPTY;
  const out = scratch.take(small.length);
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
export function intersectAll(lists: Uint32Array[], scratch: Scratch): Uint32Array {
  if (lists.length === 0) return EMPTY;
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result = sorted[0]!;
  for (let i = 1; i < sorted.length && result.length > 0; i++) result = intersect(result, sorted[i]!, scratch);
  return result;
}

/** Ids in either sorted list. */
export function union(a: Uint32Array, b: Uint32Array, scratch: Scratch): Uint32Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = scratch.take(a.length + b.length);
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
export function unionAll(lists: Uint32Array[], scratch: Scratch): Uint32Array {
  return lists.reduce((all, list) => union(all, list, scratch), EMPTY);
}

/** Ids of `a` not in `b`. */
export function difference(a: Uint32Array, b: Uint32Array, scratch: Scratch): Uint32Array {
  if (a.length === 0 || b.length === 0) return a;
  const out = scratch.take(a.length);
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
  return lowerBound(list, x, lo, Math.min(hi, list.length));
}

/** The first position in [lo, hi) of a sorted array whose value is ≥ x (hi when there is none). */
export function lowerBound(list: ArrayLike<number>, x: number, lo = 0, hi = list.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A copy of `a` with room for at least `size` elements, doubling, for arrays filled as they grow. */
export function grownTo<T extends Uint32Array | Int32Array | Float64Array | Uint8Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const out = new (a.constructor as new (n: number) => T)(Math.max(a.length * 2, size));
  out.set(a);
  return out;
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

/**
 * Sorted id lists stored compressed: each list as the gaps between its ids, each gap a LEB128
 * varint (seven bits a byte, the high bit set on every byte but a gap's last). Over poetry the
 * gram postings went 145 → 65 MB (BENCHMARKS.md). List k is `bytes[starts[k] .. starts[k + 1])`;
 * its length stays in the caller's own count offsets, which searches read without decoding.
 */
export interface GapLists {
  starts: Uint32Array;
  bytes: Uint8Array;
}

/** Lists `ids[offsets[k] .. offsets[k + 1])`, each ascending, as gap varints. */
export function encodeGaps(offsets: Uint32Array, ids: Uint32Array): GapLists {
  const lists = offsets.length - 1;
  const starts = new Uint32Array(lists + 1);
  for (let k = 0; k < lists; k++) {
    let size = 0;
    let previous = 0;
    for (let i = offsets[k]!; i < offsets[k + 1]!; i++) {
      size += varintLength(ids[i]! - previous);
      previous = ids[i]!;
    }
    starts[k + 1] = starts[k]! + size;
  }
  const bytes = new Uint8Array(starts[lists]!);
  let at = 0;
  for (let k = 0; k < lists; k++) {
    let previous = 0;
    for (let i = offsets[k]!; i < offsets[k + 1]!; i++) {
      at = writeVarint(bytes, at, ids[i]! - previous);
      previous = ids[i]!;
    }
  }
  return { starts, bytes };
}

/** List k of `lists`, `count` ids long, decoded into `out` (at least `count` long); returns the filled part. */
export function decodeGaps(lists: GapLists, k: number, count: number, out: Uint32Array): Uint32Array {
  readGaps(lists.bytes, lists.starts[k]!, count, out);
  return out.subarray(0, count);
}
