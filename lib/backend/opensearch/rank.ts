/**
 * Ranking a cluster's candidates by the embedded engine's own code. The cluster selects the
 * candidates as the embedded engine's shortlist does (query/topk.ts: the most terms matched, then
 * the fewest words, then content order) and returns their texts; here they become a small index
 * of their own — their normalised texts, lengths and term matches — scored with the collection's
 * statistics (document frequencies counted on the cluster, the catalogue's mean length) by
 * query/score.ts and query/topk.ts, and the best re-ranked by proximity as query/order.ts does.
 * The same candidates and the same statistics give the same ranking as the embedded engine.
 */
import { MAX_TOKENS, StringColumn } from '../../index/columns';
import type { Ranked } from '../../index/model';
import { EMPTY, Membership, type Scratch } from '../../index/postings';
import { idf } from '../../query/bm25';
import type { TermMatch } from '../../query/match';
import { RERANK_DEPTH } from '../../query/order';
import type { QueryTerm } from '../../query/parse';
import { byRank, kindsOf, proximityBonus, scoreParagraph, type ScoringIndex } from '../../query/score';
import { topHits } from '../../query/topk';

/** A candidate paragraph as the cluster returns it. */
export interface Candidate {
  report: string;
  id: string;
  ordinal: number;
  section: number;
  heading: string | null;
  norm: string;
  words: string;
  tokens: number;
  text: string;
  place: string;
}

/** What the collection says of a term, counted on the cluster. */
export interface TermStats {
  /** Paragraphs containing its text (its literal matches). */
  literal: number;
  /** Paragraphs it matches itself, literally or as words. */
  direct: number;
  /** Per jieba word of the term, paragraphs holding it as a token. */
  words: number[];
}

/** Candidates as an index of their own: local ids are positions in `candidates` (content order). */
class CandidateIndex implements ScoringIndex {
  readonly paragraphs: ScoringIndex['paragraphs'];

  constructor(
    candidates: Candidate[],
    readonly avgLength: number,
  ) {
    this.paragraphs = {
      norms: StringColumn.from(candidates.map((c) => c.norm)),
      columns: { tokens: Uint16Array.from(candidates, (c) => Math.min(c.tokens, MAX_TOKENS)) },
    };
  }
}

/** The local ids (ascending) for which `test` holds. */
function idsWhere(n: number, test: (i: number) => boolean): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (test(i)) out.push(i);
  return out.length ? Uint32Array.from(out) : EMPTY;
}

/** The positive terms' matches among the candidates, weighed by the collection's statistics. */
export function candidateMatches(
  candidates: Candidate[],
  terms: QueryTerm[],
  stats: TermStats[],
  n: number,
): TermMatch[] {
  const tokenSets = candidates.map((c) => new Set(c.words.split(' ')));
  return terms.map((term, k) => {
    const s = stats[k]!;
    const literally = candidates.map((c) => c.norm.includes(term.text));
    const literal = idsWhere(candidates.length, (i) => literally[i]!);
    const parts = term.words.map((w, j) => ({
      text: w,
      postings: new Membership(idsWhere(candidates.length, (i) => tokenSets[i]!.has(w))),
      idf: idf(s.words[j]!, n),
      bytes: Buffer.from(w),
    }));
    const asWords = tokenSets.map((set) => parts.length > 0 && parts.every((p) => set.has(p.text)));
    const word = idsWhere(candidates.length, (i) => asWords[i]!);
    const direct = idsWhere(candidates.length, (i) => literally[i]! || asWords[i]!);
    return {
      term,
      literal: new Membership(literal),
      word: new Membership(word),
      direct: new Membership(direct),
      any: direct,
      expansions: [],
      parts,
      literalIdf: idf(s.literal, n),
      anyIdf: idf(s.direct, n),
      bytes: Buffer.from(term.text),
    };
  });
}

/**
 * The best `k` candidates in the embedded engine's order (query/order.ts's relevance order: scored,
 * the first RERANK_DEPTH re-ranked by how close the terms stand). Ranked ids are local.
 */
export function rankCandidates(
  candidates: Candidate[],
  matches: TermMatch[],
  avgLength: number,
  mixed: boolean,
  k: number,
  scratch: Scratch,
): Ranked[] {
  const index = new CandidateIndex(candidates, avgLength);
  const all = Uint32Array.from(candidates, (_, i) => i);
  const head = topHits(index, matches, all, mixed, Math.max(k, RERANK_DEPTH), scratch);
  if (matches.length < 2) return head;
  const top = head.slice(0, RERANK_DEPTH);
  for (const r of top) r.score += proximityBonus(candidates[r.id]!.norm, matches, r.kinds);
  return [...top.sort(byRank), ...head.slice(RERANK_DEPTH)];
}

/** Candidates as ranked rows in their own order (a date order's page): their scores and how each term matched. */
export function rowsOf(candidates: Candidate[], matches: TermMatch[], avgLength: number): Ranked[] {
  const index = new CandidateIndex(candidates, avgLength);
  return candidates.map((_, id) => ({ id, score: scoreParagraph(index, matches, id), kinds: kindsOf(matches, id) }));
}

/**
 * The first `k` of one report's candidates as a group shows them (query/order.ts `within`): the
 * best `k` by score, then those re-ranked by proximity.
 */
export function rankWithin(
  candidates: Candidate[],
  matches: TermMatch[],
  avgLength: number,
  mixed: boolean,
  k: number,
  scratch: Scratch,
): Ranked[] {
  const index = new CandidateIndex(candidates, avgLength);
  const head = topHits(
    index,
    matches,
    Uint32Array.from(candidates, (_, i) => i),
    mixed,
    k,
    scratch,
  ).slice(0, k);
  if (matches.length < 2) return head;
  for (const r of head) r.score += proximityBonus(candidates[r.id]!.norm, matches, r.kinds);
  return head.sort(byRank);
}
