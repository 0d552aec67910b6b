import { Index } from 'flexsearch';
import { grams } from './tokenize';

/** The three FlexSearch indexes over paragraphs: jieba words, single characters, bigrams. */
export interface FlexIndexes {
  /** jieba word tokens; paragraphs are added as tokens joined by TOKEN_SEPARATOR. */
  words: Index;
  /** Distinct characters, for one-character queries. */
  chars: Index;
  /** Distinct character bigrams: candidates for any substring of two or more characters. */
  bigrams: Index;
}

/** A serialised FlexIndexes: FlexSearch's export chunks, by index name and key. */
export type FlexDump = Record<keyof FlexIndexes, Record<string, string>>;

/** Separates pre-computed word tokens; it never occurs in normalised text tokens. */
export const TOKEN_SEPARATOR = '\u0001';

/**
 * The one factory for the build script and the server, so their options cannot drift (FlexSearch
 * imports an export only into an identically configured index). Tokenising happens in tokenize.ts,
 * so each `encode` is plain splitting: FlexSearch's own tokenizer would split Chinese on spaces only.
 */
export function createFlexIndexes(): FlexIndexes {
  const options = { tokenize: 'strict', resolution: 1, fastupdate: false } as const;
  return {
    words: new Index({ ...options, encode: (s: string) => (s.length ? s.split(TOKEN_SEPARATOR) : []) }),
    chars: new Index({ ...options, encode: (s: string) => grams(s, 1) }),
    bigrams: new Index({ ...options, encode: (s: string) => grams(s, 2) }),
  };
}

/** Serialises the indexes into plain strings. */
export function exportFlex(flex: FlexIndexes): FlexDump {
  const dump: FlexDump = { words: {}, chars: {}, bigrams: {} };
  for (const name of Object.keys(dump) as (keyof FlexIndexes)[]) {
    flex[name].export((key: string, data: string) => {
      dump[name][key] = data;
    });
  }
  return dump;
}

/** Rebuilds indexes from an export made by exportFlex. */
export function importFlex(dump: FlexDump): FlexIndexes {
  const flex = createFlexIndexes();
  for (const name of Object.keys(dump) as (keyof FlexIndexes)[]) {
    for (const [key, data] of Object.entries(dump[name])) flex[name].import(key, data);
  }
  return flex;
}
