/** Choosing the best k of many matches without scoring, sorting or allocating for all of them. */
import type { Ranked } from '../index/model';
import type { Scratch } from '../index/postings';
import type { TermMatch } from './match';
import { directTerms, kindsOf, matchedTerms, scoreParagraph, type ScoringIndex } from './score';

/**
 * Beyond this many matches only this many are scored in full: the ones that match the most terms
 * and, among those, the shortest paragraphs — where BM25 puts a term that occurs once. A single
 * common character can match a hundred thousand lines of poetry; `total` still counts them all.
 */
export const FULL_SCORING_LIMIT = 1000;
/** Paragraph lengths above this share the last bucket of the shortlist's histogram. */
const LENGTH_BUCKETS = 1024;
/** Below this many candidates per hit wanted, sorting them all beats keeping a heap. */
const SORT_ALL_RATIO = 4;

/**
 * The best `k` of `all` (sorted ids), ranked. Candidates are scored into typed arrays; only the k
 * best become objects, so a query matching a hundred thousand paragraphs does not allocate as many.
 * `mixed`: paragraphs match different numbers of terms, and those matching more rank first. When
 * terms have expansions, among those, paragraphs matching more terms themselves rank first.
 */
export function topHits(
  index: ScoringIndex,
  matches: TermMatch[],
  all: Uint32Array,
  mixed: boolean,
  k: number,
  scratch: Scratch,
): Ranked[] {
  const { ids, scores, order } = best(index, matches, all, mixed, k, scratch);
  return order.map((i) => ({ id: ids[i]!, score: scores[i]!, kinds: kindsOf(matches, ids[i]!) }));
}

/**
 * Every one of `all` (sorted ids) in topHits' order, as ids only: an export of a hundred thousand
 * hits orders them without making an object for each.
 */
export function rankAll(
  index: ScoringIndex,
  matches: TermMatch[],
  all: Uint32Array,
  mixed: boolean,
  scratch: Scratch,
): Uint32Array {
  const { ids, order } = best(index, matches, all, mixed, all.length, scratch);
  return Uint32Array.from(order, (i) => ids[i]!);
}

/** The candidates topHits scores (a shortlist of `all` beyond FULL_SCORING_LIMIT), their scores, and the best k's positions in order. */
function best(
  index: ScoringIndex,
  matches: TermMatch[],
  all: Uint32Array,
  mixed: boolean,
  k: number,
  scratch: Scratch,
) {
  const depth = Math.max(FULL_SCORING_LIMIT, k); // never fewer than the page asked for
  const expanded = matches.some((m) => m.expansions.length > 0);
  const ids = all.length > depth ? shortlist(index, matches, all, mixed, expanded, depth, scratch) : all;
  const n = ids.length;
  const matched = new Uint8Array(n);
  const direct = new Uint8Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    matched[i] = mixed ? matchedTerms(matches, id) : matches.length;
    direct[i] = expanded ? directTerms(matches, id) : matched[i]!;
    scores[i] = scoreParagraph(index, matches, id);
  }
  const better = (a: number, b: number) =>
    matched[b]! - matched[a]! || direct[b]! - direct[a]! || scores[b]! - scores[a]! || ids[a]! - ids[b]!;
  return { ids, scores, order: selectBest(n, Math.min(k, n), better) };
}

/**
 * The `limit` ids (of more) matching the most terms, then the most of them themselves (not only
 * through an expansion), and among those with the fewest words, ties by id: where BM25 puts a term
 * that occurs once. Counting sort, not a comparison sort: one pass fills a histogram of (terms
 * missed, terms matched only by expansion, length), which gives the cut-off; a second collects.
 */
function shortlist(
  index: ScoringIndex,
  matches: TermMatch[],
  ids: Uint32Array,
  mixed: boolean,
  expanded: boolean,
  limit: number,
  scratch: Scratch,
): Uint32Array {
  const { tokens } = index.paragraphs.columns;
  const keys = scratch.take(ids.length);
  const tiers = matches.length + 1;
  // Counted list by list in a tally: asking each of 300 k candidates (an OR of common characters
  // over poetry) about each term was most of such a query.
  const matched = mixed
    ? countIn(
        matches.map((m) => m.any),
        ids,
        scratch,
      )
    : null;
  const direct = expanded
    ? countIn(
        matches.map((m) => m.direct.ids),
        ids,
        scratch,
      )
    : null;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const terms = matched ? matched[i]! : matches.length;
    const indirect = direct ? terms - direct[i]! : 0;
    keys[i] =
      ((matches.length - terms) * tiers + indirect) * LENGTH_BUCKETS + Math.min(tokens[id]!, LENGTH_BUCKETS - 1);
  }
  return smallestKeys(keys, limit, tiers * tiers * LENGTH_BUCKETS, scratch).map((i) => ids[i]!);
}

/** A zeroed tally, one count per paragraph, kept between the searches of a thread. */
let tally = new Uint8Array(0);

/**
 * For each of `ids`, in how many of `lists` it is: each list adds one at its ids in a tally of the
 * paragraphs, the tally is read at `ids`, then cleared. Asking each candidate about each term, as
 * matchedTerms does, took 14 ms of a 26 ms OR of four common characters over poetry.
 */
function countIn(lists: Uint32Array[], ids: Uint32Array, scratch: Scratch): Uint32Array {
  const counts = scratch.take(ids.length);
  let size = ids.length ? ids[ids.length - 1]! + 1 : 0;
  for (const list of lists) if (list.length) size = Math.max(size, list[list.length - 1]! + 1);
  if (tally.length < size) tally = new Uint8Array(size);
  for (const list of lists) for (let j = 0; j < list.length; j++) tally[list[j]!]!++;
  for (let i = 0; i < ids.length; i++) counts[i] = tally[ids[i]!]!;
  for (const list of lists) for (let j = 0; j < list.length; j++) tally[list[j]!] = 0;
  return counts;
}

/**
 * Positions of the `limit` smallest keys (each below `range`), ties to the earlier position, in
 * position order. A counting sort: one pass histograms the keys, which gives the cut-off key, and
 * a second collects — linear, where comparing a hundred thousand candidates in a heap was not.
 */
export function smallestKeys(keys: Uint32Array, limit: number, range: number, scratch: Scratch): Uint32Array {
  if (keys.length <= limit) return Uint32Array.from(keys, (_, i) => i);
  const histogram = scratch.take(range).fill(0);
  for (let i = 0; i < keys.length; i++) histogram[keys[i]!]!++;
  let cutoff = 0;
  let before = 0;
  while (before + histogram[cutoff]! < limit) before += histogram[cutoff++]!;
  let ties = limit - before;
  const out = new Uint32Array(limit);
  let n = 0;
  for (let i = 0; i < keys.length && n < limit; i++) {
    if (keys[i]! < cutoff || (keys[i] === cutoff && ties-- > 0)) out[n++] = i;
  }
  return out;
}

/** Indices 0..n-1 of the k best by `better` (negative when a ranks first), in order. */
function selectBest(n: number, k: number, better: (a: number, b: number) => number): number[] {
  if (n <= k * SORT_ALL_RATIO)
    return Array.from({ length: n }, (_, i) => i)
      .sort(better)
      .slice(0, k);
  // A max-heap (by rank) of the k best so far: its root is the worst kept.
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[l]!, heap[worst]!) > 0) worst = l;
      if (r < heap.length && better(heap[r]!, heap[worst]!) > 0) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let j = heap.length - 1; j > 0;) {
        const parent = (j - 1) >> 1;
        if (better(heap[j]!, heap[parent]!) <= 0) break;
        [heap[j], heap[parent]] = [heap[parent]!, heap[j]!];
        j = parent;
      }
    } else if (better(i, heap[0]!) < 0) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(better);
}
