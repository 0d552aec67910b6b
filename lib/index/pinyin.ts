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

/** Width of a word's position written in base 36 after its reading, so that plain string order sorts pairs. */
const POSITION_DIGITS = 6;

function table(pairs: [string, number][]): ReadingTable {
  // Sorting strings natively is several times faster than a comparator over pairs (~1.3 M here).
  const joined = pairs.map(([key, k]) => `${key}\u0001${k.toString(36).padStart(POSITION_DIGITS, '0')}`).sort();
  const keys: string[] = new Array(joined.length);
  const words = new Uint32Array(joined.length);
  joined.forEach((entry, i) => {
    const cut = entry.indexOf('\u0001');
    keys[i] = entry.slice(0, cut);
    words[i] = parseInt(entry.slice(cut + 1), 36);
  });
  return { keys: StringColumn.from(keys), words };
}

/** Reads every Chinese word of the vocabulary; other words (digits, Latin) have no reading. */
export function buildPinyinIndex(vocabulary: StringColumn): PinyinIndex {
  const full: [string, number][] = [];
  const initials: [string, number][] = [];
  for (let k = 0; k < vocabulary.length; k++) {
    const word = vocabulary.get(k);
    if (!HAN.test(word)) continue;
    // A word's own readings, each once (了 le and liao share the initial l).
    const fulls = new Set<string>();
    const firsts = new Set<string>();
    for (const syllables of readingsOf(word)) {
      if (syllables.some((s) => !/^[a-zü]+$/.test(s))) continue;
      const spelled = syllables.map((s) => s.replace('ü', 'v'));
      fulls.add(spelled.join(''));
      firsts.add(spelled.map((s) => s[0]).join(''));
    }
    for (const key of fulls) full.push([key, k]);
    for (const key of firsts) initials.push([key, k]);
  }
  return { full: table(full), initials: table(initials) };
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
