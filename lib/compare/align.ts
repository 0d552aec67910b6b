/**
 * Aligning the paragraphs of two reports: each paragraph of one with its counterpart in the other,
 * wherever it went. Counterparts are found by the character bigrams they share (grams.ts), not by
 * position, so a paragraph moved to another section still pairs; a paragraph split in two pairs
 * with both halves, two merged pair with the whole. Bigrams rather than jieba words: a changed
 * figure or a word cut differently changes a word's token but only the bigrams it touches, and
 * they are what the literal index already counts.
 */
import { gramSet, jaccard } from './grams';

/** A paragraph as alignment sees it. */
export interface AlignInput {
  /** Its text as published. */
  text: string;
  /** Its normalised text (what bigrams are read from). */
  norm: string;
  /** Its section heading, or null before the first heading. */
  section: string | null;
}

/** How a paragraph fared from report a to report b. */
export type PairStatus = 'same' | 'changed' | 'new' | 'dropped';

/** One line of the alignment: a paragraph of a, of b, or one of each. */
export interface Pair {
  /** Position of the paragraph in a, or null for a new one. */
  a: number | null;
  /** Position of the paragraph in b, or null for a dropped one. */
  b: number | null;
  status: PairStatus;
  /** Jaccard similarity of the two paragraphs' bigrams (1 when the same, 0 when one side is missing). */
  similarity: number;
  /** Whether the paragraph went to another section than the rest of its section did. */
  moved: boolean;
}

/** Counterparts share at least this share of their bigrams (Jaccard): a paragraph rewritten, not replaced. */
export const PAIR_SIMILARITY = 0.3;
/**
 * A paragraph that is this share or more of another (its bigrams found there) is a piece of it: a
 * split's second half, or a paragraph merged into another.
 */
export const PIECE_CONTAINMENT = 0.6;
/** A piece has at least this many bigrams: short lines (这一年，) occur in many paragraphs. */
const PIECE_MIN_GRAMS = 6;

interface Candidate {
  a: number;
  b: number;
  shared: number;
  similarity: number;
}

/** Pairs in reading order (b's, with a dropped paragraph after its predecessor's pair). */
export function alignParagraphs(as: AlignInput[], bs: AlignInput[]): Pair[] {
  const pairOfA = new Array<number>(as.length).fill(-1);
  const pairOfB = new Array<number>(bs.length).fill(-1);
  const pairs: Pair[] = [];
  const pair = (a: number | null, b: number | null, status: PairStatus, similarity: number) => {
    if (a !== null && pairOfA[a] === -1) pairOfA[a] = pairs.length;
    if (b !== null && pairOfB[b] === -1) pairOfB[b] = pairs.length;
    pairs.push({ a, b, status, similarity, moved: false });
  };

  // Paragraphs unchanged, each with the first unpaired one of the same text.
  const byText = new Map<string, number[]>();
  as.forEach((p, i) => {
    const same = byText.get(p.text);
    if (same) same.push(i);
    else byText.set(p.text, [i]);
  });
  bs.forEach((p, j) => {
    const i = byText.get(p.text)?.shift();
    if (i !== undefined) pair(i, j, 'same', 1);
  });

  const gramsA = as.map((p) => gramSet(p.norm));
  const gramsB = bs.map((p) => gramSet(p.norm));
  const candidates = sharedGrams(gramsA, gramsB, pairOfA, pairOfB);
  // Counterparts, one to one, the most alike first (nearer in the text on a tie).
  const distance = (c: Candidate) => Math.abs(c.a / Math.max(as.length, 1) - c.b / Math.max(bs.length, 1));
  candidates.sort((x, y) => y.similarity - x.similarity || distance(x) - distance(y));
  for (const c of candidates)
    if (c.similarity >= PAIR_SIMILARITY && pairOfA[c.a] === -1 && pairOfB[c.b] === -1)
      pair(c.a, c.b, 'changed', c.similarity);
  // Pieces: a paragraph left over that is mostly inside one that has its counterpart already.
  const containment = (c: Candidate, side: 'a' | 'b') =>
    c.shared / Math.max(1, (side === 'a' ? gramsA[c.a]! : gramsB[c.b]!).length);
  for (const side of ['b', 'a'] as const) {
    const best = new Map<number, Candidate>();
    for (const c of candidates) {
      const own = side === 'a' ? c.a : c.b;
      if ((side === 'a' ? pairOfA[own] : pairOfB[own]) !== -1) continue;
      if ((side === 'a' ? gramsA : gramsB)[own]!.length < PIECE_MIN_GRAMS) continue;
      if (containment(c, side) < PIECE_CONTAINMENT) continue;
      const seen = best.get(own);
      if (!seen || containment(c, side) > containment(seen, side)) best.set(own, c);
    }
    for (const c of best.values()) pair(c.a, c.b, 'changed', c.similarity);
  }
  bs.forEach((_, j) => pairOfB[j] === -1 && pair(null, j, 'new', 0));
  as.forEach((_, i) => pairOfA[i] === -1 && pair(i, null, 'dropped', 0));
  markMoved(pairs, as, bs);
  return inReadingOrder(pairs, as.length);
}

/**
 * The pairs of unpaired paragraphs that could pair, with the bigrams they share: b's bigrams looked
 * up in an inverted index of a's, counted per paragraph of a.
 */
function sharedGrams(gramsA: Float64Array[], gramsB: Float64Array[], pairOfA: number[], pairOfB: number[]) {
  const postings = new Map<number, number[]>();
  gramsA.forEach((keys, i) => {
    if (pairOfA[i] !== -1) return;
    for (const k of keys) {
      const list = postings.get(k);
      if (list) list.push(i);
      else postings.set(k, [i]);
    }
  });
  const counts = new Int32Array(gramsA.length);
  const out: Candidate[] = [];
  gramsB.forEach((keys, j) => {
    if (pairOfB[j] !== -1) return;
    const touched: number[] = [];
    for (const k of keys) for (const i of postings.get(k) ?? []) if (counts[i]!++ === 0) touched.push(i);
    for (const i of touched) {
      const shared = counts[i]!;
      counts[i] = 0;
      const similarity = jaccard(gramsA[i]!.length, keys.length, shared);
      // Only what can pair: alike enough, or one mostly inside the other.
      if (similarity >= PAIR_SIMILARITY || shared >= PIECE_CONTAINMENT * Math.min(gramsA[i]!.length, keys.length))
        out.push({ a: i, b: j, shared, similarity });
    }
  });
  return out;
}

/**
 * A pair is moved when its paragraph of b sits in another section than most of its a section's
 * paragraphs went to: a heading renamed from one year to the next moves nothing.
 */
function markMoved(pairs: Pair[], as: AlignInput[], bs: AlignInput[]): void {
  const votes = new Map<string | null, Map<string | null, number>>();
  for (const p of pairs) {
    if (p.a === null || p.b === null) continue;
    const from = as[p.a]!.section;
    const to = bs[p.b]!.section;
    const tally = votes.get(from) ?? new Map<string | null, number>();
    tally.set(to, (tally.get(to) ?? 0) + 1);
    votes.set(from, tally);
  }
  const target = new Map<string | null, string | null>();
  for (const [from, tally] of votes) target.set(from, [...tally].sort((x, y) => y[1] - x[1])[0]![0]);
  for (const p of pairs) if (p.a !== null && p.b !== null) p.moved = target.get(as[p.a]!.section) !== bs[p.b]!.section;
}

/**
 * b's order; a dropped paragraph goes after the last pair of the nearest paragraph before it in a
 * that has a counterpart (or first, when none has).
 */
function inReadingOrder(pairs: Pair[], aCount: number): Pair[] {
  const lastB = new Array<number>(aCount).fill(-1);
  for (const p of pairs) if (p.a !== null && p.b !== null) lastB[p.a] = Math.max(lastB[p.a]!, p.b);
  const key = (p: Pair): number => {
    if (p.b !== null) return p.b;
    let anchor = -1;
    for (let i = p.a! - 1; i >= 0 && anchor === -1; i--) anchor = lastB[i]!;
    return anchor + 0.5 + p.a! / (aCount + 1) / 2;
  };
  return pairs
    .map((p, at) => ({ p, key: key(p), at }))
    .sort((x, y) => x.key - y.key || (x.p.a ?? -1) - (y.p.a ?? -1) || x.at - y.at)
    .map(({ p }) => p);
}
