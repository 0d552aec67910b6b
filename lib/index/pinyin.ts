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

/** Letters of a reading: a–z, ü written v. */
const LETTERS = 26;

/**
 * A table of (reading, word) pairs sorted by reading, then word; `keys[i]` is pair i's reading and
 * pairs come in word order. Sorting a million strings with a comparator took seconds, so the pairs
 * are sorted as numbers first: a reading's first letters in base 27 (0 past its end, so a prefix
 * sorts first) above the pair's position. Only runs of readings sharing those letters, where one is
 * longer, are then put in order by comparing strings.
 */
export function readingTable(keys: string[], words: number[]): ReadingTable {
  const n = keys.length;
  const positionBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const letters = Math.floor((Number.MAX_SAFE_INTEGER.toString(2).length - positionBits) / Math.log2(LETTERS + 1));
  const scale = 2 ** positionBits;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    let prefix = 0;
    for (let j = 0; j < letters; j++) prefix = prefix * (LETTERS + 1) + (j < key.length ? key.charCodeAt(j) - 0x60 : 0); // a → 1
    sorted[i] = prefix * scale + i;
  }
  sorted.sort();
  const order = Uint32Array.from(sorted, (v) => v % scale);
  for (let start = 0; start < n;) {
    const prefix = Math.floor(sorted[start]! / scale);
    let end = start + 1;
    while (end < n && Math.floor(sorted[end]! / scale) === prefix) end++;
    const run = order.subarray(start, end);
    if (run.length > 1 && run.some((i) => keys[i]!.length > letters))
      run.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
    start = end;
  }
  return {
    keys: StringColumn.from(Array.from(order, (i) => keys[i]!)),
    words: Uint32Array.from(order, (i) => words[i]!),
  };
}

/** Reads every Chinese word of the vocabulary; other words (digits, Latin) have no reading. */
export function buildPinyinIndex(vocabulary: StringColumn): PinyinIndex {
  const full = { keys: [] as string[], words: [] as number[] };
  const initials = { keys: [] as string[], words: [] as number[] };
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
    for (const key of fulls) {
      full.keys.push(key);
      full.words.push(k);
    }
    for (const key of firsts) {
      initials.keys.push(key);
      initials.words.push(k);
    }
  }
  return { full: readingTable(full.keys, full.words), initials: readingTable(initials.keys, initials.words) };
}

/** The first position whose reading is ≥ `key` (or > `key` with `after`). */
function lowerBound(t: ReadingTable, key: string, after = false): number {
  let lo = 0;
  let hi = t.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = t.keys.get(mid);
    if (k < key || (after && k === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Words whose reading is exactly `key` (a view of the table, found by two binary searches), and
 * whether any reading is longer and starts with `key`: when none does, no longer span of the letters
 * is worth looking up. A short reading (`sz` as initials) names thousands of words; reading each key
 * to find the run's end made a long Latin term cost hundreds of milliseconds.
 */
export function readingRun(t: ReadingTable, key: string): { words: Uint32Array; longer: boolean } {
  const from = lowerBound(t, key);
  const to = lowerBound(t, key, true);
  return { words: t.words.subarray(from, to), longer: to < t.keys.length && t.keys.get(to).startsWith(key) };
}

/** Words whose reading is exactly `key`: a view of the table (see readingRun). */
export function wordsReading(t: ReadingTable, key: string): Uint32Array {
  return readingRun(t, key).words;
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
