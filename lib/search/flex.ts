import { Index } from 'flexsearch';

/** The word index: FlexSearch over jieba tokens. Literal (character) matching is in grams.ts. */
export interface FlexIndexes {
  /** jieba word tokens; paragraphs are added as tokens joined by TOKEN_SEPARATOR. */
  words: Index;
}

/** A serialised FlexIndexes: FlexSearch's export chunks, by index name and key. */
export type FlexDump = Record<keyof FlexIndexes, Record<string, string>>;

/** Separates pre-computed word tokens; it never occurs in normalised text tokens. */
export const TOKEN_SEPARATOR = '\u0001';

/**
 * The one factory for the build script and the server, so their options cannot drift (FlexSearch
 * imports an export only into an identically configured index). Tokenising happens in tokenize.ts,
 * so `encode` is plain splitting: FlexSearch's own tokenizer would split Chinese on spaces only.
 */
export function createFlexIndexes(): FlexIndexes {
  return {
    words: new Index({
      tokenize: 'strict', resolution: 1, fastupdate: false,
      encode: (s: string) => (s.length ? s.split(TOKEN_SEPARATOR) : []),
    }),
  };
}

/** Serialises the indexes into plain strings. */
export function exportFlex(flex: FlexIndexes): FlexDump {
  const dump: FlexDump = { words: {} };
  flex.words.export((key: string, data: string) => {
    dump.words[key] = data;
  });
  return dump;
}

/** Rebuilds indexes from an export made by exportFlex. */
export function importFlex(dump: FlexDump): FlexIndexes {
  const flex = createFlexIndexes();
  for (const [key, data] of Object.entries(dump.words)) flex.words.import(key, data);
  return flex;
}
