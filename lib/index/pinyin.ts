/**
 * Pinyin readings of the word index's vocabulary, so a query typed in Latin letters can find the
 * Chinese words it spells: full pinyin without tones (政协 → zhengxie) and initials (zx). Readings
 * come from pinyin-pro, per word, so polyphones read as the word has them (重要 zhongyao, 银行
 * yinhang); a word of one character gets every reading it has (了 le, liao). The cost is in the
 * build: a query only looks readings up. Each table is sorted by reading, for exact and prefix
 * lookups by binary search.
 */
import { pinyin } from 'pinyin-pro';
import { StringColumn } from './columns';

/** Readings and the words that have them, sorted by reading. */
export interface ReadingTable {
  /** Readings, ascending. */
  keys: StringColumn;
  /** For each reading, the word (its position in the word index's vocabulary). */
  words: Uint32Array;
}

/** The vocabulary's full readings and initials. */
export interface PinyinIndex {
  full: ReadingTable;
  initials: ReadingTable;
}

const HAN = /^\p{Script=Han}+$/u;

/** A word's readings as syllable lists: one in context, or every one of a single character's. */
export function readingsOf(word: string): string[][] {
  if (Array.from(word).length === 1) {
    const all = pinyin(word, { toneType: 'none', type: 'array', multiple: true });
    return [...new Set(all)].map((syllable) => [syllable]);
  }
  return [pinyin(word, { toneType: 'none', type: 'array' })];
}

function table(pairs: [string, number][]): ReadingTable {
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  return { keys: StringColumn.from(pairs.map((p) => p[0])), words: Uint32Array.from(pairs, (p) => p[1]) };
}

/** Reads every Chinese word of the vocabulary; other words (digits, Latin) have no reading. */
export function buildPinyinIndex(vocabulary: StringColumn): PinyinIndex {
  const full: [string, number][] = [];
  const initials: [string, number][] = [];
  for (let k = 0; k < vocabulary.length; k++) {
    const word = vocabulary.get(k);
    if (!HAN.test(word)) continue;
    for (const syllables of readingsOf(word)) {
      if (syllables.some((s) => !/^[a-zü]+$/.test(s))) continue;
      const spelled = syllables.map((s) => s.replace('ü', 'v'));
      full.push([spelled.join(''), k]);
      initials.push([spelled.map((s) => s[0]).join(''), k]);
    }
  }
  return { full: table(dedupe(full)), initials: table(dedupe(initials)) };
}

function dedupe(pairs: [string, number][]): [string, number][] {
  const seen = new Set<string>();
  return pairs.filter(([key, word]) => !seen.has(`${key}\0${word}`) && Boolean(seen.add(`${key}\0${word}`)));
}

/** The first position whose reading is ≥ `key`. */
function lowerBound(t: ReadingTable, key: string): number {
  let lo = 0;
  let hi = t.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.keys.get(mid) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Words whose reading is exactly `key`. */
export function wordsReading(t: ReadingTable, key: string): number[] {
  const out: number[] = [];
  for (let i = lowerBound(t, key); i < t.keys.length && t.keys.get(i) === key; i++) out.push(t.words[i]!);
  return out;
}

/** Words whose reading starts with `prefix`, at most `limit` of them. */
export function wordsReadingFrom(t: ReadingTable, prefix: string, limit: number): number[] {
  const out: number[] = [];
  for (
    let i = lowerBound(t, prefix);
    i < t.keys.length && out.length < limit && t.keys.get(i).startsWith(prefix);
    i++
  ) {
    out.push(t.words[i]!);
  }
  return out;
}
