/**
 * The literal index: for every distinct character and character bigram, the sorted ids of the
 * paragraphs containing it, in one compressed-row layout (sorted gram keys, an offsets array into
 * one postings array). A string of two or more characters can only occur where all its bigrams
 * occur, so intersecting their lists gives the candidates that a substring check confirms.
 *
 * This replaced two FlexSearch indexes (characters, bigrams), whose postings as JavaScript arrays
 * in Maps took more memory than everything else together (BENCHMARKS.md). Grams are numbers, not strings, so building allocates no strings and loading
 * builds no Map: a lookup is a binary search in `keys`. Words stay in FlexSearch.
 */
import { ByteReader } from '../util/codec';
import { StringColumn } from './columns';
import {
  decodeGaps,
  EMPTY,
  encodeGaps,
  grownTo,
  intersectAll,
  lowerBound,
  type GapLists,
  type Scratch,
} from './postings';

/** The literal index, as stored and as searched. */
export interface GramIndex {
  /** Gram keys (see gramKey), ascending. */
  keys: Float64Array;
  /** Gram k is in `offsets[k + 1] - offsets[k]` paragraphs. */
  offsets: Uint32Array;
  /** Gram k's paragraph ids, ascending, as list k of gap varints. */
  postings: GapLists;
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

/** Slots a bigram table starts with; it doubles when half full. */
const INITIAL_BIGRAM_SLOTS = 1 << 16;
/** Grams the builder makes room for at first; its arrays double as needed. */
const INITIAL_GRAMS = 1 << 16;

/**
 * Bigrams by their two characters' ids, in an open-addressing hash table: a Map with the numeric
 * bigram key (beyond 2^31, so a heap number) was most of the gram index's build time.
 * A slot is four int32s (first id, second id, gram id, unused), so a probe touches one cache line.
 */
class BigramTable {
  private slots = new Int32Array(4 * INITIAL_BIGRAM_SLOTS).fill(-1);
  private used = 0;

  /** The id stored for (a, b), or the one `next()` gives it now. */
  idOf(a: number, b: number, next: () => number): number {
    let mask = (this.slots.length >> 2) - 1;
    let slot = hashPair(a, b) & mask;
    for (;;) {
      const at = slot << 2;
      if (this.slots[at + 2] === -1) break;
      if (this.slots[at] === a && this.slots[at + 1] === b) return this.slots[at + 2]!;
      slot = (slot + 1) & mask;
    }
    const id = next();
    if (++this.used * 2 > this.slots.length >> 2) {
      this.grow();
      mask = (this.slots.length >> 2) - 1;
      slot = hashPair(a, b) & mask;
      while (this.slots[(slot << 2) + 2] !== -1) slot = (slot + 1) & mask;
    }
    const at = slot << 2;
    this.slots[at] = a;
    this.slots[at + 1] = b;
    this.slots[at + 2] = id;
    return id;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    const mask = (this.slots.length >> 2) - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 2] === -1) continue;
      let slot = hashPair(old[at]!, old[at + 1]!) & mask;
      while (this.slots[(slot << 2) + 2] !== -1) slot = (slot + 1) & mask;
      this.slots.set(old.subarray(at, at + 3), slot << 2);
    }
  }
}

/** Multipliers from Fibonacci hashing and MurmurHash3's finaliser: they spread consecutive ids over the slots. */
const GOLDEN_RATIO_32 = 0x9e3779b1;
const MURMUR_C2 = 0x85ebca6b;
const PAIR_SALT = 0x7f4a7c15;

function hashPair(a: number, b: number): number {
  return Math.imul(a, GOLDEN_RATIO_32) ^ Math.imul(b + PAIR_SALT, MURMUR_C2);
}

/**
 * Builds the index from the normalised paragraphs' column, ids being their positions. It reads the
 * column's UTF-8 bytes in place: decoding a million paragraphs into strings first had cost ~180 MB
 * at the build's peak. The gram ids of each paragraph are listed in one pass, laid out gram by gram,
 * then compressed (two passes of hashing instead of the list measured twice as slow).
 */
export function buildGramIndex(norms: StringColumn): GramIndex {
  // Gram ids in order of first appearance: characters through a table indexed by code point,
  // bigrams through a hash table of character-id pairs. keyOf[id] is the gram's key.
  const charIds = new Int32Array(PLANE).fill(-1);
  const bigrams = new BigramTable();
  let keyOf = new Float64Array(INITIAL_GRAMS);
  let size = 0;
  // Per gram: [last paragraph counted, paragraphs counted], side by side for one cache line.
  let state = new Int32Array(2 * INITIAL_GRAMS);
  const { bytes, offsets: bounds } = norms;
  // A paragraph has at most one character and one bigram per character: sized once, no doubling.
  let characters = 0;
  for (let i = 0; i < bytes.length; i++) if ((bytes[i]! & 0xc0) !== 0x80) characters++; // not a continuation byte
  let pairs: Uint32Array | null = new Uint32Array(2 * characters);
  let used = 0;
  let pendingKey = 0;
  const docStarts = new Uint32Array(norms.length + 1);
  const reader = new ByteReader();
  const newId = () => {
    if (size === keyOf.length) {
      state = grownTo(state, state.length * 2);
      keyOf = grownTo(keyOf, keyOf.length * 2);
    }
    keyOf[size] = pendingKey;
    state[2 * size] = -1;
    return size++;
  };
  const add = (id: number, doc: number) => {
    if (state[2 * id] === doc) return; // already counted for this paragraph
    state[2 * id] = doc;
    state[2 * id + 1]!++;
    pairs![used++] = id;
  };
  for (let doc = 0; doc < norms.length; doc++) {
    docStarts[doc] = used;
    let previous = -1;
    let previousId = -1;
    const end = bounds[doc + 1]!;
    for (reader.reset(bytes, bounds[doc]!); reader.at < end;) {
      // The column's bytes are valid UTF-8, as Buffer wrote them.
      const c = reader.codePoint();
      let id = charIds[c]!;
      if (id === -1) {
        pendingKey = gramKey(c);
        id = charIds[c] = newId();
      }
      add(id, doc);
      if (previous >= 0) {
        pendingKey = gramKey(previous, c);
        add(bigrams.idOf(previousId, id, newId), doc);
      }
      previous = c;
      previousId = id;
    }
  }
  docStarts[norms.length] = used;

  // Number grams in key order, so the layout does not depend on insertion order.
  const order = Uint32Array.from({ length: size }, (_, id) => id);
  const keyed = keyOf.subarray(0, size);
  order.sort((a, b) => keyed[a]! - keyed[b]!);
  const keys = Float64Array.from(order, (id) => keyed[id]!);
  const rank = new Uint32Array(size);
  for (let k = 0; k < size; k++) rank[order[k]!] = k;
  const offsets = new Uint32Array(size + 1);
  for (let id = 0; id < size; id++) offsets[rank[id]! + 1] = state[2 * id + 1]!;
  for (let k = 0; k < size; k++) offsets[k + 1]! += offsets[k]!;
  const fill = offsets.slice(0, size);
  let postings: Uint32Array | null = new Uint32Array(used);
  for (let doc = 0; doc < norms.length; doc++) {
    for (let i = docStarts[doc]!; i < docStarts[doc + 1]!; i++) postings[fill[rank[pairs[i]!]!]!++] = doc;
  }
  pairs = null; // let go before the compressed copy is made
  const compressed = encodeGaps(offsets, postings);
  postings = null;
  return { keys, offsets, postings: compressed };
}

/** Paragraphs containing a gram (none when absent), decoded into the search's scratch. */
export function postingsOf(index: GramIndex, key: number, scratch: Scratch): Uint32Array {
  const k = lowerBound(index.keys, key);
  if (k === index.keys.length || index.keys[k] !== key) return EMPTY;
  const count = index.offsets[k + 1]! - index.offsets[k]!;
  return decodeGaps(index.postings, k, count, scratch.take(count));
}

/**
 * Paragraphs containing every gram of `text` (a candidate superset for texts of 3+ characters,
 * exact for 1 or 2), by intersecting sorted lists from the shortest up.
 */
export function literalCandidates(index: GramIndex, text: string, scratch: Scratch): Uint32Array {
  const chars = Array.from(text, (ch) => ch.codePointAt(0)!);
  if (chars.length === 0) return EMPTY;
  if (chars.length === 1) return postingsOf(index, gramKey(chars[0]!), scratch);
  const lists: Uint32Array[] = [];
  const seen = new Set<number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const key = gramKey(chars[i]!, chars[i + 1]!);
    if (seen.has(key)) continue;
    seen.add(key);
    const list = postingsOf(index, key, scratch);
    if (list.length === 0) return list;
    lists.push(list);
  }
  return intersectAll(lists, scratch);
}
