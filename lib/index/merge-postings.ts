/**
 * The sorted parts of segments merged (merge.ts puts them together): vocabularies and their word
 * postings, gram keys and their gap-coded lists, pinyin reading tables. Each is a k-way merge of
 * sorted sequences that copies one part's entries a run at a time: merging a large segment with
 * small ones copies the large one's arrays in a few long pieces.
 */
import { ByteReader, readGaps, writeVarint } from '../util/codec';
import { StringColumn, type ColumnRows } from './columns';
import type { GramIndex } from './grams';
import type { SearchIndex } from './model';
import type { PinyinIndex, ReadingTable } from './pinyin';
import { grownTo } from './postings';
import type { WordPostings } from './words';

/** A part of a merge: a segment's index and where its live paragraphs go among the merged ones. */
export interface Placed {
  index: SearchIndex;
  /** Its live reports' ordinals, ascending. */
  reports: number[];
  /** Its live paragraphs, as ranges `[from, to)`. */
  ranges: [number, number][];
  /** Local paragraph → merged paragraph, -1 when deleted; null when none is (then it is + base). */
  map: Int32Array | null;
  /** The merged id of its first live paragraph. */
  base: number;
  /** Its live paragraphs. */
  count: number;
}

/**
 * Merges k sorted sequences. `compare(p, i, q, j)` orders entry i of part p against entry j of
 * part q. Entries equal across parts come to `group` together (in part order); a stretch of one
 * part's entries that all come before every other part's next comes to `run` at once, found by
 * galloping, so a large part merged with small ones is copied in long runs.
 */
export function mergeSorted(
  lengths: number[],
  compare: (p: number, i: number, q: number, j: number) => number,
  run: (p: number, from: number, to: number) => void,
  group: (members: [number, number][]) => void,
): void {
  const heads = lengths.map(() => 0);
  const k = lengths.length;
  for (;;) {
    let min = -1;
    for (let p = 0; p < k; p++) {
      if (heads[p]! >= lengths[p]!) continue;
      if (min < 0 || compare(p, heads[p]!, min, heads[min]!) < 0) min = p;
    }
    if (min < 0) return;
    const members: [number, number][] = [];
    let next = -1; // the part with the smallest head after min's
    for (let p = 0; p < k; p++) {
      if (heads[p]! >= lengths[p]!) continue;
      if (p === min || compare(p, heads[p]!, min, heads[min]!) === 0) members.push([p, heads[p]!]);
      else if (next < 0 || compare(p, heads[p]!, next, heads[next]!) < 0) next = p;
    }
    if (members.length > 1) {
      group(members);
      for (const [p] of members) heads[p]!++;
      continue;
    }
    // Min's entries before next's head: gallop, then a binary search in the last step.
    const from = heads[min]!;
    const end = lengths[min]!;
    const before = (i: number) => next < 0 || compare(min, i, next, heads[next]!) < 0;
    let step = 1;
    let lo = from + 1;
    while (lo < end && before(lo)) {
      lo += step;
      step *= 2;
    }
    let hi = Math.min(lo, end);
    lo = Math.max(from + 1, lo - Math.floor(step / 2));
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(mid)) lo = mid + 1;
      else hi = mid;
    }
    run(min, from, lo);
    heads[min] = lo;
  }
}

/** Compares strings as JavaScript sorts them (UTF-16 code units): the vocabulary's order (words.ts). */
function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A string column read at one position at a time, decoded once per position. */
function reader(column: StringColumn): (i: number) => string {
  let at = -1;
  let value = '';
  return (i) => {
    if (i !== at) {
      at = i;
      value = column.get(i);
    }
    return value;
  };
}

/** A Uint32 list that grows. */
class Grower {
  array: Uint32Array;
  length = 0;
  constructor(size: number) {
    this.array = new Uint32Array(Math.max(size, 16));
  }
  /** Room for `extra` more. */
  room(extra: number): Uint32Array {
    return (this.array = grownTo(this.array, this.length + extra));
  }
  push(x: number): void {
    if (this.length === this.array.length) this.room(1);
    this.array[this.length++] = x;
  }
  done(): Uint32Array {
    return this.array.slice(0, this.length);
  }
}

/** The first `length` of an array sized for the most a merge could make: a view when little is left over, else a copy. */
function fitted<T extends Uint8Array | Uint32Array | Float64Array>(a: T, length: number): T {
  return (length >= a.length * 0.9 ? a.subarray(0, length) : a.slice(0, length)) as T;
}

/** Row ranges of string columns, adjacent ones joined. */
class RowList {
  readonly pieces: ColumnRows[] = [];
  add(column: StringColumn, from: number, to: number): void {
    const last = this.pieces[this.pieces.length - 1];
    if (last && last.column === column && last.to === from) last.to = to;
    else if (to > from) this.pieces.push({ column, from, to });
  }
}

/** Appends a part's ids, renumbered, dropping deleted paragraphs; returns how many. */
function appendIds(out: Grower, ids: Uint32Array, p: Placed): number {
  const a = out.room(ids.length);
  const start = out.length;
  if (!p.map) {
    if (p.base === 0) a.set(ids, start);
    else for (let i = 0; i < ids.length; i++) a[start + i] = ids[i]! + p.base;
    out.length += ids.length;
  } else {
    let o = start;
    for (let i = 0; i < ids.length; i++) {
      const g = p.map[ids[i]!]!;
      if (g >= 0) a[o++] = g;
    }
    out.length = o;
  }
  return out.length - start;
}

/**
 * The vocabularies merged, each word once, with each part's word → merged word (-1 for a word
 * whose paragraphs are all deleted: it is dropped, as a build of the live reports would not have it).
 */
export function mergeWords(placed: Placed[]): { postings: WordPostings; maps: Int32Array[] } {
  const vocab = placed.map((p) => p.index.wordPostings);
  const readers = vocab.map((v) => [reader(v.words), reader(v.words)] as const);
  const maps = vocab.map((v) => new Int32Array(v.words.length).fill(-1));
  const words = new RowList();
  const offsets = new Grower(vocab.reduce((s, v) => s + v.words.length, 0) + 1);
  offsets.push(0);
  const postings = new Grower(vocab.reduce((s, v) => s + v.postings.length, 0));
  const one = (p: number, k: number) => {
    const v = vocab[p]!;
    if (appendIds(postings, v.postings.subarray(v.offsets[k], v.offsets[k + 1]), placed[p]!) === 0) return;
    words.add(v.words, k, k + 1);
    maps[p]![k] = offsets.length - 1;
    offsets.push(postings.length);
  };
  mergeSorted(
    vocab.map((v) => v.words.length),
    (p, i, q, j) => order(readers[p]![0](i), readers[q]![1](j)),
    (p, from, to) => {
      if (placed[p]!.map) {
        for (let k = from; k < to; k++) one(p, k);
        return;
      }
      // Nothing deleted: the run's lists in one piece, their offsets moved.
      const v = vocab[p]!;
      const start = postings.length;
      appendIds(postings, v.postings.subarray(v.offsets[from], v.offsets[to]), placed[p]!);
      const first = offsets.length - 1;
      const o = offsets.room(to - from);
      const shift = start - v.offsets[from]!;
      for (let k = from; k < to; k++) {
        maps[p]![k] = first + k - from;
        o[offsets.length++] = v.offsets[k + 1]! + shift;
      }
      words.add(v.words, from, to);
    },
    (members) => {
      const start = postings.length;
      for (const [p, k] of members) {
        const v = vocab[p]!;
        appendIds(postings, v.postings.subarray(v.offsets[k], v.offsets[k + 1]), placed[p]!);
      }
      if (postings.length === start) return;
      const [p0, k0] = members[0]!;
      words.add(vocab[p0]!.words, k0, k0 + 1);
      for (const [p, k] of members) maps[p]![k] = offsets.length - 1;
      offsets.push(postings.length);
    },
  );
  return {
    postings: { words: StringColumn.join(words.pieces), offsets: offsets.done(), postings: postings.done() },
    maps,
  };
}

/** The gram indexes merged: keys in order, each gram's lists renumbered and joined, as gap varints. */
export function mergeGrams(placed: Placed[]): GramIndex {
  const merged = new GramMerge(placed);
  const grams = merged.grams;
  mergeSorted(
    grams.map((g) => g.keys.length),
    (p, i, q, j) => grams[p]!.keys[i]! - grams[q]!.keys[j]!,
    (p, from, to) => merged.run(p, from, to),
    (members) => merged.joined(members),
  );
  return merged.result();
}

/**
 * The merged gram index as it is written: gram `size` is in `offsets[size + 1] - offsets[size]`
 * paragraphs, its list at `bytes[starts[size] .. starts[size + 1])`.
 */
class GramMerge {
  readonly grams: GramIndex[];
  private readonly keys: Float64Array;
  private readonly offsets: Uint32Array;
  private readonly starts: Uint32Array;
  private bytes: Uint8Array;
  private at = 0;
  private size = 0;
  private decoded = new Uint32Array(1024);
  private readonly reader = new ByteReader();

  constructor(private readonly placed: Placed[]) {
    this.grams = placed.map((p) => p.index.grams);
    this.keys = new Float64Array(this.grams.reduce((s, g) => s + g.keys.length, 0));
    this.offsets = new Uint32Array(this.keys.length + 1);
    this.starts = new Uint32Array(this.keys.length + 1);
    // Not zeroed: every byte up to `at` is written (64 MB over poetry, zeroed for nothing otherwise).
    this.bytes = Buffer.allocUnsafeSlow(this.grams.reduce((s, g) => s + g.postings.bytes.length, 0) + 1024);
  }

  result(): GramIndex {
    const { keys, offsets, starts, bytes, size, at } = this;
    return {
      keys: fitted(keys, size),
      offsets: fitted(offsets, size + 1),
      postings: { starts: fitted(starts, size + 1), bytes: fitted(bytes, at) },
    };
  }

  private room(extra: number): void {
    if (this.at + extra <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.at + extra));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }

  private close(key: number, count: number): void {
    this.keys[this.size] = key;
    this.offsets[this.size + 1] = this.offsets[this.size]! + count;
    this.starts[++this.size] = this.at;
  }

  /** One gram's lists from one or more parts: decoded, renumbered, encoded as one list. */
  joined(members: [number, number][]): void {
    let previous = 0;
    let count = 0;
    for (const [p, k] of members) {
      const g = this.grams[p]!;
      const size = g.offsets[k + 1]! - g.offsets[k]!;
      if (this.decoded.length < size) this.decoded = new Uint32Array(size * 2);
      const decoded = this.decoded;
      readGaps(g.postings.bytes, g.postings.starts[k]!, size, decoded);
      const part = this.placed[p]!;
      this.room(size * 5);
      const bytes = this.bytes;
      let at = this.at;
      if (count === 0 && !part.map && part.base === 0) {
        // The first list as it is: only its last id is needed, to continue from.
        const { starts: s, bytes: b } = g.postings;
        bytes.set(b.subarray(s[k], s[k + 1]), at);
        this.at = at + s[k + 1]! - s[k]!;
        previous = decoded[size - 1]!;
        count = size;
        continue;
      }
      for (let i = 0; i < size; i++) {
        const id = part.map ? part.map[decoded[i]!]! : decoded[i]! + part.base;
        if (id < 0) continue;
        at = writeVarint(bytes, at, id - previous);
        previous = id;
        count++;
      }
      this.at = at;
    }
    if (count > 0) this.close(this.grams[members[0]![0]]!.keys[members[0]![1]]!, count);
  }

  /** Grams `[from, to)` of part `p`, which no other part has: copied, a run at a time where no id moves. */
  run(p: number, from: number, to: number): void {
    const g = this.grams[p]!;
    const part = this.placed[p]!;
    if (part.map) {
      for (let k = from; k < to; k++) this.joined([[p, k]]);
      return;
    }
    const { starts: s, bytes: b } = g.postings;
    if (part.base === 0) {
      // The lists as they are, in one piece.
      this.room(s[to]! - s[from]!);
      this.bytes.set(b.subarray(s[from], s[to]), this.at);
      const shift = this.at - s[from]!;
      this.at += s[to]! - s[from]!;
      this.keys.set(g.keys.subarray(from, to), this.size);
      const count = this.offsets[this.size]! - g.offsets[from]!;
      for (let k = from; k < to; k++) {
        this.size++;
        this.offsets[this.size] = g.offsets[k + 1]! + count;
        this.starts[this.size] = s[k + 1]! + shift;
      }
      return;
    }
    // Each list as it is but for its first gap, its first id, moved by the base.
    for (let k = from; k < to; k++) {
      this.room(s[k + 1]! - s[k]! + 5);
      const first = this.reader.reset(b, s[k]!).varint();
      this.at = writeVarint(this.bytes, this.at, first + part.base);
      this.bytes.set(b.subarray(this.reader.at, s[k + 1]), this.at);
      this.at += s[k + 1]! - this.reader.at;
      this.close(g.keys[k]!, g.offsets[k + 1]! - g.offsets[k]!);
    }
  }
}

/** A reading table of each part merged: (reading, word) pairs in order, words renumbered, each pair once. */
function mergeTable(tables: ReadingTable[], maps: Int32Array[]): ReadingTable {
  const readers = tables.map((t) => [reader(t.keys), reader(t.keys)] as const);
  const keys = new RowList();
  const words = new Grower(tables.reduce((s, t) => s + t.words.length, 0));
  const word = (p: number, i: number) => maps[p]![tables[p]!.words[i]!]!;
  const push = (p: number, from: number, to: number) => {
    // A pair whose word went with the deleted reports is left out.
    let start = from;
    for (let i = from; i < to; i++) {
      const w = word(p, i);
      if (w >= 0) {
        words.push(w);
        continue;
      }
      keys.add(tables[p]!.keys, start, i);
      start = i + 1;
    }
    keys.add(tables[p]!.keys, start, to);
  };
  mergeSorted(
    tables.map((t) => t.words.length),
    (p, i, q, j) => order(readers[p]![0](i), readers[q]![1](j)) || word(p, i) - word(q, j),
    push,
    (members) => push(members[0]![0], members[0]![1], members[0]![1] + 1),
  );
  return { keys: StringColumn.join(keys.pieces), words: words.done() };
}

/** The parts' pinyin tables merged, their words numbered as in the merged vocabulary (`maps`). */
export function mergePinyin(placed: Placed[], maps: Int32Array[]): PinyinIndex {
  const table = (which: keyof PinyinIndex) =>
    mergeTable(
      placed.map((p) => p.index.pinyin[which]),
      maps,
    );
  return { full: table('full'), initials: table('initials') };
}
