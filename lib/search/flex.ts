import { Index } from 'flexsearch';
import { StringColumn } from './columns';

/** The word index: FlexSearch over jieba tokens. Literal (character) matching is in grams.ts. */
export interface FlexIndexes {
  /** jieba word tokens; paragraphs are added as tokens joined by TOKEN_SEPARATOR. */
  words: Index;
}

/**
 * The word index as the artifact stores it: FlexSearch's map of word → paragraph ids, laid out
 * like the gram index (word k's ids are `postings[offsets[k] .. offsets[k + 1])`, ascending).
 */
export interface WordPostings {
  words: StringColumn;
  offsets: Uint32Array;
  postings: Uint32Array;
}

/** Separates pre-computed word tokens; it never occurs in normalised text tokens. */
export const TOKEN_SEPARATOR = '\u0001';

/**
 * The one factory for the build script and the server, so their options cannot drift (FlexSearch
 * imports an export only into an identically configured index). Tokenising happens in tokenize.ts,
 * so `encode` is plain splitting: FlexSearch's own tokenizer would split Chinese on spaces only.
 * Resolution 1 keeps one slot per word: every paragraph holding it, in the order added.
 */
export function createFlexIndexes(): FlexIndexes {
  return {
    words: new Index({
      tokenize: 'strict', resolution: 1, fastupdate: false,
      encode: (s: string) => (s.length ? s.split(TOKEN_SEPARATOR) : []),
    }),
  };
}

type MapChunk = [word: string, slots: number[][]][];

/**
 * Takes FlexSearch's export (JSON chunks of its map) apart into typed arrays. Its JSON of the
 * poetry corpus's word map is ~100 MB of numbers, which took ~6 s to parse and import at every
 * server start; typed arrays load as they lie in the file.
 */
export function exportWords(flex: FlexIndexes): WordPostings {
  const words: string[] = [];
  const offsets: number[] = [0];
  let postings = new Uint32Array(1 << 20);
  let used = 0;
  flex.words.export((key: string, data: string) => {
    if (!key.endsWith('map')) return; // the register serves updates and removals, which a built index never makes
    // Each chunk goes straight into the typed arrays, so the parsed JSON is garbage at once.
    for (const [word, slots] of JSON.parse(data) as MapChunk) {
      if (slots.length !== 1) throw new Error(`word index: "${word}" has ${slots.length} resolution slots, expected 1`);
      const ids = slots[0]!;
      if (used + ids.length > postings.length) {
        const grown = new Uint32Array(Math.max(postings.length * 2, used + ids.length));
        grown.set(postings.subarray(0, used));
        postings = grown;
      }
      const list = postings.subarray(used, used + ids.length);
      list.set(ids);
      list.sort(); // added in id order already; sorting keeps the invariant whatever FlexSearch does
      used += ids.length;
      words.push(word);
      offsets.push(used);
    }
  });
  return { words: StringColumn.from(words), offsets: Uint32Array.from(offsets), postings: postings.slice(0, used) };
}

/**
 * A FlexSearch index holding `postings`, through its import API: each word's one slot is a view
 * into the postings array, so a word lookup answers a sorted Uint32Array without copying.
 */
export function importWords(postings: WordPostings): FlexIndexes {
  const flex = createFlexIndexes();
  const { words, offsets } = postings;
  const entries = Array.from({ length: words.length }, (_, k) => [words.get(k), [postings.postings.subarray(offsets[k], offsets[k + 1])]]);
  // Typed as taking the JSON string, FlexSearch's import takes the parsed chunk as well (serialize.js).
  flex.words.import('map', entries as unknown as string);
  return flex;
}
