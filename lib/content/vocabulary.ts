/**
 * The content folder's own vocabulary: `dictionary.txt`, words jieba must keep whole (its user
 * dictionary form: a word a line, then an optional frequency and part-of-speech tag), and
 * `synonyms.txt`, groups of words that find each other (one group a line, words separated by
 * spaces or commas). `#` starts a comment in both.
 */
import { ContentError } from './fields';

/** The file names, in the content folder. */
export const DICTIONARY_FILE = 'dictionary.txt';
export const SYNONYMS_FILE = 'synonyms.txt';

/** A word of the user dictionary. */
export interface DictionaryEntry {
  word: string;
  /** jieba's part-of-speech tag, or null. */
  tag: string | null;
}

/** Lines without comments and surrounding space, with their 1-based numbers; blank ones dropped. */
function lines(source: string): [number, string][] {
  return source
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, i): [number, string] => [i + 1, line.replace(/#.*$/, '').trim()])
    .filter(([, line]) => line.length > 0);
}

/** Parses a user dictionary: `word [frequency] [tag]` a line. */
export function parseDictionary(file: string, source: string): DictionaryEntry[] {
  return lines(source).map(([n, line]) => {
    const [word, ...rest] = line.split(/\s+/);
    let tag: string | null = null;
    for (const field of rest) {
      if (/^\d+$/.test(field)) continue; // a frequency: jieba's inserted words take the user weight anyway
      if (!/^[a-z]+$/i.test(field) || tag !== null) {
        throw new ContentError(file, n, `expected "word [frequency] [tag]", got "${line}"`);
      }
      tag = field;
    }
    return { word: word!, tag };
  });
}

/** Parses synonym groups: words separated by spaces or commas (, ， 、), two or more a line. */
export function parseSynonyms(file: string, source: string): string[][] {
  return lines(source).map(([n, line]) => {
    const words = [...new Set(line.split(/[\s,，、]+/u).filter(Boolean))];
    if (words.length < 2) throw new ContentError(file, n, `a synonym group needs two or more words, got "${line}"`);
    return words;
  });
}
