/**
 * What a term also finds. A term in Latin letters is also read as pinyin: full (zhengxie), initials
 * (zx), several words at once (youshilaixieshang → 有事来协商), and — for the query's last term,
 * still being typed — an unfinished last syllable (zhengx → 政协). A term in a synonyms.txt group
 * also finds the group's other words. A term in Chinese characters never finds its homophones, and
 * a quoted phrase is exact: neither is expanded. Every expansion is a Chinese text that occurs in
 * the index, so it can be marked where it matched.
 */
import type { SearchIndex } from '../index/model';
import { readingRun, readingsOf, wordsReadingFrom, type ReadingTable } from '../index/pinyin';
import type { Matcher } from './match';
import type { Expansion, ParsedQuery, QueryTerm } from './parse';

/**
 * Longest Latin term also read as pinyin, in letters (全面建成小康社会 is 31 in full): a longer one is
 * searched as itself only. Reading costs time in proportion to the letters, and this bounds it.
 */
export const MAX_PINYIN_LETTERS = 40;

/** A term read as pinyin: Latin letters only (after normalisation, so lower case). */
const LATIN = /^[a-z]+$/;
/** The longest reading of one word, in letters: longer spans are never looked up. */
const MAX_READING = 24;
/** Partial spellings kept per position of the term, the likeliest first. */
const BEAM = 24;
/** Homophones tried per reading, the most common first. */
const PER_READING = 12;
/** Pinyin expansions kept per term, those in most paragraphs first. */
export const MAX_PINYIN_EXPANSIONS = 12;

/**
 * A Chinese spelling of the term so far: its text, how many words it took, and how common they are
 * (their log frequencies). Fewer words first — a reading of one word is what the letters most
 * likely mean (sxzx is 书香政协 before it is four common characters) — then the commoner.
 */
interface Spelling {
  text: string;
  words: number;
  frequency: number;
}

const likelier = (a: Spelling, b: Spelling) => a.words - b.words || b.frequency - a.frequency;

const synonymMaps = new WeakMap<SearchIndex, Map<string, string[]>>();

/** Each word of a synonym group → the group's other words. */
function synonymsOf(index: SearchIndex): Map<string, string[]> {
  let map = synonymMaps.get(index);
  if (!map) {
    map = new Map();
    for (const group of index.synonyms) {
      for (const word of group)
        map.set(word, [...new Set([...(map.get(word) ?? []), ...group.filter((w) => w !== word)])]);
    }
    synonymMaps.set(index, map);
  }
  return map;
}

function extend(s: Spelling, word: string, df: number): Spelling {
  return { text: s.text + word, words: s.words + 1, frequency: s.frequency + Math.log(df + 1) };
}

/** Paragraphs holding word k of the vocabulary: how common it is. */
function frequency(index: SearchIndex, k: number): number {
  const { offsets } = index.wordPostings;
  return offsets[k + 1]! - offsets[k]!;
}

/**
 * The `n` words of `ks` in most paragraphs, the commonest first: a selection in one pass, since a
 * short reading (`s`, `sz` as initials) names thousands of words and sorting them all per position
 * made a long Latin term cost hundreds of milliseconds.
 */
function commonest(index: SearchIndex, ks: ArrayLike<number>, n: number): { k: number; df: number }[] {
  const top: { k: number; df: number }[] = [];
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i]!;
    const df = frequency(index, k);
    if (top.length === n && df <= top[n - 1]!.df) continue;
    if (top.length === n) top.pop();
    let at = top.length;
    while (at > 0 && top[at - 1]!.df < df) at--;
    top.splice(at, 0, { k, df });
  }
  return top;
}

/**
 * The Chinese texts the letters could spell, in one table (full readings or initials): every way
 * to cut the letters into readings of vocabulary words, the likeliest kept at each position. With
 * `open`, the last piece may be the start of a reading (a syllable still being typed).
 */
function spellings(index: SearchIndex, table: ReadingTable, letters: string, open: boolean): string[] {
  const words = index.wordPostings.words;
  const best: Spelling[][] = Array.from({ length: letters.length + 1 }, () => []);
  best[0] = [{ text: '', words: 0, frequency: 0 }];
  const finals: Spelling[] = [];
  const likeliest = (ks: ArrayLike<number>) => commonest(index, ks, PER_READING);
  // The same letters recur at many positions (zxzxzx…): each is looked up once.
  const seen = new Map<string, { found: { k: number; df: number }[]; longer: boolean }>();
  const lookUp = (key: string) => {
    let hit = seen.get(key);
    if (!hit) {
      const run = readingRun(table, key);
      hit = { found: likeliest(run.words), longer: run.longer };
      seen.set(key, hit);
    }
    return hit;
  };
  for (let i = 0; i < letters.length; i++) {
    const from = best[i]!;
    if (from.length === 0) continue;
    for (let j = i + 1; j <= Math.min(letters.length, i + MAX_READING); j++) {
      const { found, longer } = lookUp(letters.slice(i, j));
      if (found.length > 0) {
        for (const s of from) for (const { k, df } of found) best[j]!.push(extend(s, words.get(k), df));
        best[j] = best[j]!.sort(likelier).slice(0, BEAM);
      }
      if (!longer) break; // no reading starts with these letters: none with more of them either
    }
    // Only a tail that is no reading yet is a syllable still being typed (zhengx, not zhengxie).
    if (open && lookUp(letters.slice(i)).found.length === 0) {
      const found = likeliest(wordsReadingFrom(table, letters.slice(i), PER_READING * 8));
      for (const s of from) for (const { k, df } of found) finals.push(extend(s, words.get(k), df));
    }
  }
  return [...best[letters.length]!, ...finals].sort(likelier).map((s) => s.text);
}

/**
 * Whether a spelling of several characters reads as the letters in context: a spelling is made of
 * vocabulary words, and a word of one character carries every reading it has, so 在 + 省 spelt zx
 * (省 as xing) although 在省 reads zai sheng. Full readings must give the letters (or, `open`,
 * start with them: a syllable still being typed); initials must be them.
 */
function readsAs(text: string, letters: string, initials: boolean, open: boolean): boolean {
  if (Array.from(text).length < 2) return true; // one character has no context to read it in
  const syllables = readingsOf(text)[0]!.map((s) => s.replace(/ü/g, 'v'));
  if (initials) return syllables.map((s) => s[0]).join('') === letters;
  const reading = syllables.join('');
  return open ? reading.startsWith(letters) : reading === letters;
}

/** The pinyin expansions of a Latin term: spellings that occur in the index, the commonest first. */
function pinyinExpansions(index: SearchIndex, matcher: Matcher, term: QueryTerm, last: boolean): Expansion[] {
  // Longer than any pinyin a person types for one term: searched as the letters themselves only.
  if (!LATIN.test(term.text) || term.text.length > MAX_PINYIN_LETTERS) return [];
  const candidates = new Set([
    ...spellings(index, index.pinyin.full, term.text, last).filter((s) => readsAs(s, term.text, false, last)),
    ...spellings(index, index.pinyin.initials, term.text, false).filter((s) => readsAs(s, term.text, true, false)),
  ]);
  return [...candidates]
    .map((text) => ({ text, count: matcher.literal(text).length }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1))
    .slice(0, MAX_PINYIN_EXPANSIONS)
    .map(({ text }) => ({ text, kind: 'pinyin' }));
}

/** A whole pinyin syllable (without tone): an optional initial, then a final. */
const SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|iao|ian|van|ai|ei|ao|ou|an|en|er|in|un|vn|ia|ie|iu|ua|uo|ue|ve|ui|a|o|e|i|u|v)$/;

/**
 * Runs of two or more plain terms, next to each other in a plain query, each a whole pinyin
 * syllable (zheng xie, shu xiang): people type pinyin with spaces, and such a run is also read as
 * one word.
 */
function syllableRuns(parsed: ParsedQuery): QueryTerm[][] {
  if (parsed.tree) return [];
  const runs: QueryTerm[][] = [];
  let run: QueryTerm[] = [];
  for (const term of parsed.terms) {
    if (term.kind === 'term' && LATIN.test(term.text) && SYLLABLE.test(term.text)) run.push(term);
    else {
      if (run.length > 1) runs.push(run);
      run = [];
    }
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

/**
 * The query with each plain term's expansions filled in. Syllables typed apart (zheng xie) each
 * also find what they spell together (政协), so the paragraphs holding that hold every term.
 */
export function expandQuery(index: SearchIndex, parsed: ParsedQuery, matcher: Matcher): ParsedQuery {
  const synonyms = synonymsOf(index);
  const plain = parsed.terms.filter((t) => t.kind === 'term');
  const lastTerm = plain[plain.length - 1];
  const together = new Map<QueryTerm, Expansion[]>();
  for (const run of syllableRuns(parsed)) {
    const joined: QueryTerm = { text: run.map((t) => t.text).join(''), kind: 'term', words: [], expansions: [] };
    const found = pinyinExpansions(index, matcher, joined, run[run.length - 1] === lastTerm);
    for (const term of run) together.set(term, found);
  }
  const terms = parsed.terms.map((term): QueryTerm => {
    if (term.kind !== 'term') return term;
    const own = pinyinExpansions(index, matcher, term, term === lastTerm);
    const expansions: Expansion[] = [
      ...(synonyms.get(term.text) ?? []).map((text): Expansion => ({ text, kind: 'synonym' })),
      ...(together.get(term) ?? []),
      ...own.filter((e) => !together.get(term)?.some((t) => t.text === e.text)),
    ];
    return expansions.length ? { ...term, expansions } : term;
  });
  return { ...parsed, terms };
}
