/** A paragraph's score for a query, and how each term matched it. */
import type { MatchKind, Ranked, SearchIndex } from '../index/model';
import { closeness, tfWeight, WEIGHTS } from './bm25';
import type { TermMatch } from './match';
import { termSpans } from './spans';

/**
 * BM25 over jieba words, plus: a term matched only across word boundaries counts half; a multi-word
 * term found exactly as typed earns an adjacency bonus; a phrase scores by its exact occurrences.
 */
export function scoreParagraph(index: SearchIndex, matches: TermMatch[], id: number): number {
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
  for (const m of matches) if (m.literal.has(id) || m.word.has(id)) n++;
  return n;
}

/** Per positive term, how it matched this paragraph: as words, only literally, or not at all. */
export function kindsOf(matches: TermMatch[], id: number): (MatchKind | null)[] {
  return matches.map((m) => {
    if (m.term.kind !== 'phrase' && m.word.has(id)) return 'word';
    return m.literal.has(id) ? 'literal' : null;
  });
}

/** A bonus for terms that sit close together in the paragraph's normalised text. */
export function proximityBonus(norm: string, matches: TermMatch[], kinds: (MatchKind | null)[]): number {
  const matched = matches.filter((_, k) => kinds[k] !== null);
  if (matched.length < 2) return 0;
  const positions = matched.map((m) => termSpans(norm, m.term).map((r): [number, number] => [r.start, r.end]));
  return WEIGHTS.proximity * (matched.length - 1) * closeness(positions);
}

/** Ranking order: more terms matched, then a higher score, then reading order. */
export function byRank(a: Ranked, b: Ranked): number {
  const matchedA = a.kinds.filter(Boolean).length;
  const matchedB = b.kinds.filter(Boolean).length;
  return matchedB - matchedA || b.score - a.score || a.id - b.id;
}
