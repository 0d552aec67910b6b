/**
 * The word index: FlexSearch over jieba tokens, one slot per word holding every paragraph with it.
 * Literal (character) matching is in grams.ts.
 */
import { Index } from 'flexsearch';
import { TOKEN_SEPARATOR } from '../text/analyze';
import { StringColumn } from './columns';
import { grownTo } from './postings';

/** The FlexSearch index of jieba word tokens; paragraphs are added as tokens joined by TOKEN_SEPARATOR. */
export type WordIndex = Index;

/**
 * The word index as the artifact stores it: FlexSearch's map of word → paragraph ids, laid out
 * like the gram index (word k's ids are `postings[offsets[k] .. offsets[k + 1])`, ascending).
 */
export interface WordPostings {
  words: StringColumn;
  offsets: Uint32Array;
  postings: Uint32Array;
}

/** Postings the export makes room for at first; the array doubles as needed. */
const INITIAL_POSTINGS = 1 << 20;

/**
 * The one factory for the build and the server, so their options cannot drift (FlexSearch imports
 * an export only into an identically configured index). Tokenising happens in text/, so `encode`
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

type MapChunk = [word: string, slots: number[][]][];

/**
 * Takes FlexSearch's export (JSON chunks of its map) apart into typed arrays. Its JSON of a large
 * corpus's word map is mostly numbers, slow to parse and import at every server start; typed
 * arrays load as they lie in the file.
 */
export function exportWords(index: WordIndex): WordPostings {
  const words: string[] = [];
  const offsets: number[] = [0];
  let postings = new Uint32Array(INITIAL_POSTINGS);
  let used = 0;
  index.export((key: string, data: string) => {
    if (!key.endsWith('map')) return; // the register serves updates and removals, which a built index never makes
    // Each chunk goes straight into the typed arrays, so the parsed JSON is garbage at once.
    for (const [word, slots] of JSON.parse(data) as MapChunk) {
      if (slots.length !== 1) throw new Error(`word index: "${word}" has ${slots.length} resolution slots, expected 1`);
      const ids = slots[0]!;
      postings = grownTo(postings, used + ids.length);
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
export function importWords(postings: WordPostings): WordIndex {
  const index = createWordIndex();
  const { words, offsets } = postings;
  const entries = Array.from({ length: words.length }, (_, k) => [
    words.get(k),
    [postings.postings.subarray(offsets[k], offsets[k + 1])],
  ]);
  // Typed as taking the JSON string, FlexSearch's import takes the parsed chunk as well (serialize.js).
  index.import('map', entries as unknown as string);
  return index;
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
