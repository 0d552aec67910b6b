/** A paragraph's score for a query, and how each term matched it. */
import type { MatchKind, Ranked, SearchIndex } from '../index/model';
import type { StringColumn } from '../index/columns';
import { closeness, tfWeight, WEIGHTS } from './bm25';
import type { TermMatch } from './match';
import { termSpans } from './spans';

/**
 * What scoring reads of an index: the paragraphs' normalised texts, their lengths and the mean
 * length. An index is one; so is a cluster's candidates held in Node (backend/opensearch/rank.ts),
 * which are ranked by this same code.
 */
export interface ScoringIndex {
  paragraphs: { norms: Pick<StringColumn, 'count'>; columns: { tokens: ArrayLike<number> } };
  avgLength: SearchIndex['avgLength'];
}

/**
 * BM25 over jieba words, plus: a term matched only across word boundaries counts half; a multi-word
 * term found exactly as typed earns an adjacency bonus; a phrase scores by its exact occurrences.
 */
export function scoreParagraph(index: ScoringIndex, matches: TermMatch[], id: number): number {
  const { norms, columns } = index.paragraphs;
  const length = columns.tokens[id]!;
  let score = 0;
  for (const m of matches) {
    const literal = m.literal.has(id);
    if (m.term.kind === 'phrase') {
      if (literal) score += WEIGHTS.phrase * m.literalIdf * tfWeight(norms.count(id, m.bytes), length, index.avgLength);
      continue;
    }
    for (const w of m.parts)
      if (w.postings.has(id)) score += w.idf * tfWeight(norms.count(id, w.bytes), length, index.avgLength);
    if (m.word.has(id)) {
      if (literal && m.parts.length > 1) score += WEIGHTS.adjacency * m.literalIdf;
    } else if (literal) {
      score += WEIGHTS.literalOnly * m.literalIdf * tfWeight(norms.count(id, m.bytes), length, index.avgLength);
    } else {
      // Not the term itself: the likeliest of its expansions found here, the commonest reading first.
      let best = 0;
      for (const e of m.expansions) {
        if (e.literal.has(id))
          best = Math.max(best, e.prior * m.anyIdf * tfWeight(norms.count(id, e.bytes), length, index.avgLength));
      }
      score += WEIGHTS.expansion * best;
    }
  }
  return score;
}

/**
 * Terms matched by a paragraph: kindsOf's count of non-null entries, without building the array
 * (the shortlist asks for every candidate).
 */
export function matchedTerms(matches: TermMatch[], id: number): number {
  let n = 0;
  for (const m of matches) if (m.direct.has(id) || matchesExpansion(m, id)) n++;
  return n;
}

/** Whether one of a term's expansions occurs in the paragraph (a loop: this runs for every candidate). */
function matchesExpansion(m: TermMatch, id: number): boolean {
  for (const e of m.expansions) if (e.literal.has(id)) return true;
  return false;
}

/** Terms a paragraph matches themselves, not only through an expansion. */
export function directTerms(matches: TermMatch[], id: number): number {
  let n = 0;
  for (const m of matches) if (m.direct.has(id)) n++;
  return n;
}

/** Per positive term, how it matched this paragraph: as words, only literally, only by an expansion, or not at all. */
export function kindsOf(matches: TermMatch[], id: number): (MatchKind | null)[] {
  return matches.map((m) => {
    if (m.term.kind !== 'phrase' && m.word.has(id)) return 'word';
    if (m.literal.has(id)) return 'literal';
    return m.expansions.find((e) => e.literal.has(id))?.expansion.kind ?? null;
  });
}

/** Whether a match kind is the term itself rather than one of its expansions. */
export function isDirect(kind: MatchKind | null): boolean {
  return kind === 'word' || kind === 'literal';
}

/** A bonus for terms that sit close together in the paragraph's normalised text. */
export function proximityBonus(norm: string, matches: TermMatch[], kinds: (MatchKind | null)[]): number {
  const matched = matches.filter((_, k) => kinds[k] !== null);
  if (matched.length < 2) return 0;
  const positions = matched.map((m) => termSpans(norm, m.term).map((r): [number, number] => [r.start, r.end]));
  return WEIGHTS.proximity * (matched.length - 1) * closeness(positions);
}

/**
 * Ranking order: more terms matched, then more of them matched themselves (not only through an
 * expansion), then a higher score, then reading order.
 */
export function byRank(a: Ranked, b: Ranked): number {
  const count = (r: Ranked, which: (k: MatchKind | null) => boolean) => r.kinds.filter(which).length;
  return (
    count(b, Boolean) - count(a, Boolean) || count(b, isDirect) - count(a, isDirect) || b.score - a.score || a.id - b.id
  );
}
