/**
 * The word index: FlexSearch over jieba tokens, one slot per word holding every paragraph with it.
 * Literal (character) matching is in grams.ts.
 */
import { Index } from 'flexsearch';
import { TOKEN_SEPARATOR } from '../text/analyze';
import { StringColumn } from './columns';

/** The FlexSearch index of jieba word tokens; paragraphs are added as tokens joined by TOKEN_SEPARATOR. */
export type WordIndex = Index;

/**
 * The word index as the artifact stores it: FlexSearch's map of word → paragraph ids, laid out
 * like the gram index (word k's ids are `postings[offsets[k] .. offsets[k + 1])`, ascending). Kept
 * uncompressed, unlike the gram postings: a search reads whole word lists to score a few candidates,
 * and decoding them made the poetry mix ~50% slower at p50 to save 18 MB.
 */
export interface WordPostings {
  words: StringColumn;
  offsets: Uint32Array;
  postings: Uint32Array;
}

/**
 * The one factory for the build and the server, so their options cannot drift: the server's index
 * answers from the map the build's made (WordMap), so both must encode alike and keep one slot a
 * word. Tokenising happens in text/, so `encode`
 * is plain splitting: FlexSearch's own tokenizer would split Chinese on spaces only. Resolution 1
 * keeps one slot per word: every paragraph holding it, in the order added.
 */
export function createWordIndex(): WordIndex {
  return new Index({
    tokenize: 'strict',
    resolution: 1,
    fastupdate: false,
    encode: (s: string) => (s.length ? s.split(TOKEN_SEPARATOR) : []),
  });
}

/** FlexSearch's map as resolution 1 keeps it: each word's one slot of ids, in the order added. */
type FlexSearchMap = Map<string, number[][]>;

/**
 * Lays FlexSearch's map out as postings, reading it where FlexSearch keeps it (the `map` property,
 * as WordMap below). Its own export writes the map as JSON to be parsed back: three times as slow
 * over 300 k poetry lines (509 vs 167 ms).
 */
export function exportWords(index: WordIndex): WordPostings {
  const map = (index as unknown as { map: FlexSearchMap }).map;
  const words: string[] = [];
  const offsets = new Uint32Array(map.size + 1);
  let total = 0;
  for (const slots of map.values()) total += slots[0]?.length ?? 0;
  const postings = new Uint32Array(total);
  // Sorted as JavaScript sorts strings, so that segments' vocabularies merge as sorted lists (merge.ts).
  for (const word of [...map.keys()].sort()) {
    const slots = map.get(word)!;
    if (slots.length !== 1) throw new Error(`word index: "${word}" has ${slots.length} resolution slots, expected 1`);
    const ids = slots[0]!;
    for (let i = 1; i < ids.length; i++) {
      // Added in id order already; sorting keeps the invariant whatever FlexSearch does.
      if (ids[i]! <= ids[i - 1]!) {
        ids.sort((a, b) => a - b);
        break;
      }
    }
    postings.set(ids, offsets[words.length]);
    offsets[words.length + 1] = offsets[words.length]! + ids.length;
    words.push(word);
  }
  return { words: StringColumn.from(words), offsets, postings };
}

/** Slots of the word table per word at least: it is at most two thirds full, so a probe ends soon. */
const TABLE_SLACK = 1.5;

/** FNV-1a over bytes `from .. to` of `bytes`: where a word's search starts in the table. */
function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * FlexSearch's map for an index loaded from postings, read straight from their columns. Imported
 * as a Map, each of poetry's 1.27 M words cost an entry, a key string and a view, ~290 MB of V8
 * heap and a second at load (BENCHMARKS.md); this holds one table of word positions (4 bytes a
 * slot), filled from the words' UTF-8 bytes without decoding them. FlexSearch's search reads its
 * map through `get` alone, and gets what the import gave it: the word's one slot, a view into the
 * postings. A loaded index is never added to, so the map refuses writes.
 */
export class WordMap extends Map<string, Uint32Array[]> {
  /** The hash table: word k is stored as k + 1, 0 marks a free slot; a power of two long. */
  readonly table: Uint32Array;
  private readonly mask: number;

  /** `table`, when given, is one a WordMap over the same postings made (another thread's). */
  constructor(
    private readonly postings: WordPostings,
    table?: Uint32Array,
  ) {
    super();
    if (table) {
      this.table = table;
      this.mask = table.length - 1;
      return;
    }
    const { bytes, offsets } = postings.words;
    const words = postings.words.length;
    let size = 1;
    while (size < words * TABLE_SLACK) size *= 2;
    this.table = new Uint32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < words; k++) {
      let slot = hashBytes(bytes, offsets[k]!, offsets[k + 1]!) & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = k + 1;
    }
  }

  /** Position of `word` among the postings' words, or -1. */
  find(word: string): number {
    const needle = Buffer.from(word);
    const { bytes, offsets } = this.postings.words;
    for (let slot = hashBytes(needle, 0, needle.length) & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.table[slot]!;
      if (entry === 0) return -1;
      const k = entry - 1;
      const start = offsets[k]!;
      if (
        offsets[k + 1]! - start === needle.length &&
        bytes.compare(needle, 0, needle.length, start, start + needle.length) === 0
      )
        return k;
    }
  }

  override get(word: string): Uint32Array[] | undefined {
    const k = this.find(word);
    if (k < 0) return undefined;
    const { offsets, postings } = this.postings;
    return [postings.subarray(offsets[k], offsets[k + 1])];
  }

  override has(word: string): boolean {
    return this.find(word) >= 0;
  }

  override get size(): number {
    return this.postings.words.length;
  }

  override set(): this {
    throw new Error('word index: a loaded index is read-only');
  }
}

/** A FlexSearch index answering from `postings`, through a WordMap in place of its own map. */
export function loadWords(postings: WordPostings, table?: Uint32Array): WordIndex {
  const index = createWordIndex();
  // FlexSearch keeps its map in the `map` property (kept by name in its bundles) and reads it with `get`.
  (index as unknown as { map: Map<string, unknown> }).map = new WordMap(postings, table);
  return index;
}

/** The hash table of a loaded word index's WordMap, to send with its postings (backend/embedded/load-worker.ts). */
export function wordTable(index: WordIndex): Uint32Array | undefined {
  const map = (index as unknown as { map: Map<string, unknown> }).map;
  return map instanceof WordMap ? map.table : undefined;
}

/**
 * Paragraphs with `word` among their tokens, as a sorted id list. FlexSearch answers with the slot
 * itself (a view into the postings) for a word it holds, and with a plain empty array for one it
 * does not.
 */
export function lookUpWord(index: WordIndex, word: string, paragraphs: number): Uint32Array {
  const ids = index.search(word, { limit: Math.max(paragraphs, 1) }) as unknown as Uint32Array | number[];
  return ids instanceof Uint32Array ? ids : Uint32Array.from(ids).sort();
}
