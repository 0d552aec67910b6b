import type { SearchIndex } from './build';
import { highlightRanges, segmentsToHtml, termSpans } from './highlight';
import { parseQuery } from './query';
import { closeness, countOccurrences, idf, tfWeight, WEIGHTS } from './rank';
import { makeSnippet } from './snippet';
import { codePointLength } from './tokenize';
import type { Facets, MatchKind, ParagraphRecord, QueryTerm, SearchHit, SearchResponse } from './types';

/** Paging and filters of a search. */
export interface SearchOptions {
  /** Hits to return, 1–100. */
  limit: number;
  /** Hits to skip. */
  offset: number;
  /** Only paragraphs of this report. */
  report?: string | null;
  /** Only paragraphs under this section heading. */
  section?: string | null;
}

/** Only this many best hits are re-ranked by term proximity, which needs their match positions. */
const RERANK_DEPTH = 100;

/** Where one positive term matched: as a substring, and as all of its jieba words. */
interface TermMatch {
  term: QueryTerm;
  /** Paragraphs containing the term's normalised text. */
  literal: Set<number>;
  /** Paragraphs holding every word of the term as a jieba token. */
  word: Set<number>;
  /** Per word of the term: its postings and idf. */
  words: { text: string; postings: Set<number>; idf: number }[];
  /** idf of the term as a substring. */
  literalIdf: number;
}

/** Looks terms up in the FlexSearch indexes; one instance per query so postings are fetched once. */
class Matcher {
  private readonly cache = new Map<string, Set<number>>();
  private readonly limit: number;

  constructor(private readonly index: SearchIndex) {
    this.limit = Math.max(index.paragraphs.length, 1);
  }

  /** Paragraphs with `word` among their tokens. */
  word(word: string): Set<number> {
    return this.cached(`w:${word}`, () => this.index.flex.words.search(word, { limit: this.limit }) as number[]);
  }

  /**
   * Paragraphs whose normalised text contains `text`: characters and bigrams give the candidates
   * from the index, and a substring check confirms those of three characters or more.
   */
  literal(text: string): Set<number> {
    return this.cached(`l:${text}`, () => {
      const { flex, paragraphs } = this.index;
      const length = codePointLength(text);
      if (length === 0) return [];
      if (length === 1) return flex.chars.search(text, { limit: this.limit }) as number[];
      const candidates = flex.bigrams.search(text, { limit: this.limit }) as number[];
      return length === 2 ? candidates : candidates.filter((id) => paragraphs[id]!.norm.includes(text));
    });
  }

  match(term: QueryTerm): TermMatch {
    const n = this.index.paragraphs.length;
    const literal = this.literal(term.text);
    const words = term.words.map((w) => {
      const postings = this.word(w);
      return { text: w, postings, idf: idf(postings.size, n) };
    });
    const word = words.length ? intersect(words.map((w) => w.postings)) : new Set<number>();
    return { term, literal, word, words, literalIdf: idf(literal.size, n) };
  }

  private cached(key: string, load: () => number[]): Set<number> {
    let set = this.cache.get(key);
    if (!set) this.cache.set(key, (set = new Set(load())));
    return set;
  }
}

/** Runs a query and returns one page of hits, best first; throws QueryError for refused queries. */
export function search(index: SearchIndex, raw: string, options: SearchOptions): SearchResponse {
  const { limit, offset } = options;
  const filters = { report: options.report ?? null, section: options.section ?? null };
  const started = performance.now();
  const parsed = parseQuery(raw);
  const matcher = new Matcher(index);
  const positives = parsed.terms.filter((t) => t.kind !== 'exclude');
  const matches = positives.map((t) => matcher.match(t));
  const excluded = union(parsed.terms.filter((t) => t.kind === 'exclude').map((t) => matcher.literal(t.text)));

  const sets = matches.map((m) => union([m.literal, m.word]));
  let ids = [...intersect(sets)].filter((id) => !excluded.has(id));
  let partial = false;
  if (ids.length === 0 && matches.length > 1) {
    ids = [...union(sets)].filter((id) => !excluded.has(id));
    partial = ids.length > 0;
  }

  const facets = countFacets(index, ids);
  ids = applyFilters(index, ids, filters);
  const ranked = ids.map((id) => scoreParagraph(index, matches, id)).sort(byRank);
  const head = ranked.slice(0, RERANK_DEPTH);
  if (matches.length > 1) {
    for (const r of head) r.score += proximityBonus(index.paragraphs[r.id]!.norm, matches, r.kinds);
    head.sort(byRank);
  }
  const page = [...head, ...ranked.slice(RERANK_DEPTH)].slice(offset, offset + limit);

  return {
    query: raw,
    normalized: parsed.normalized,
    terms: parsed.terms,
    total: ids.length,
    facets,
    filters,
    partial,
    offset,
    limit,
    tookMs: Math.round((performance.now() - started) * 1000) / 1000,
    hits: page.map((r) => toHit(index, raw, parsed.terms, r)),
  };
}

interface Ranked {
  id: number;
  score: number;
  /** Per positive term: how it matched here, or null. */
  kinds: (MatchKind | null)[];
}

function byRank(a: Ranked, b: Ranked): number {
  const matchedA = a.kinds.filter(Boolean).length;
  const matchedB = b.kinds.filter(Boolean).length;
  return matchedB - matchedA || b.score - a.score || a.id - b.id;
}

/**
 * BM25 over jieba words, plus: a term matched only across word boundaries counts half; a multi-word
 * term found exactly as typed earns an adjacency bonus; a phrase scores by its exact occurrences.
 */
function scoreParagraph(index: SearchIndex, matches: TermMatch[], id: number): Ranked {
  const p = index.paragraphs[id]!;
  const tf = (needle: string) => tfWeight(countOccurrences(p.norm, needle), p.length, index.avgLength);
  let score = 0;
  const kinds = matches.map((m): MatchKind | null => {
    const literal = m.literal.has(id);
    if (m.term.kind === 'phrase') {
      if (literal) score += WEIGHTS.phrase * m.literalIdf * tf(m.term.text);
      return literal ? 'literal' : null;
    }
    for (const w of m.words) if (w.postings.has(id)) score += w.idf * tf(w.text);
    if (m.word.has(id)) {
      if (literal && m.words.length > 1) score += WEIGHTS.adjacency * m.literalIdf;
      return 'word';
    }
    if (literal) score += WEIGHTS.literalOnly * m.literalIdf * tf(m.term.text);
    return literal ? 'literal' : null;
  });
  return { id, score, kinds };
}

function proximityBonus(norm: string, matches: TermMatch[], kinds: (MatchKind | null)[]): number {
  const matched = matches.filter((_, k) => kinds[k] !== null);
  if (matched.length < 2) return 0;
  const positions = matched.map((m) => termSpans(norm, m.term).map((r): [number, number] => [r.start, r.end]));
  return WEIGHTS.proximity * (matched.length - 1) * closeness(positions);
}

function toHit(index: SearchIndex, raw: string, terms: QueryTerm[], r: Ranked): SearchHit {
  const p: ParagraphRecord = index.paragraphs[r.id]!;
  const doc = index.docs[p.doc]!;
  const highlights = highlightRanges(p.text, p.norm, terms);
  const snippetSegments = makeSnippet(p.text, highlights);
  return {
    id: p.id,
    // toWellFormed: a lone surrogate in the query cannot be percent-encoded; U+FFFD stands in for it.
    url: `/reports/${encodeURIComponent(doc.id)}?q=${encodeURIComponent(raw.toWellFormed())}#${p.id}`,
    text: p.text,
    snippet: segmentsToHtml(snippetSegments),
    snippetSegments,
    highlights,
    score: Math.round(r.score * 10000) / 10000,
    match: r.kinds.every((k) => k === 'word') ? 'word' : 'literal',
    matchedTerms: r.kinds.filter(Boolean).length,
    termMatches: r.kinds,
    doc: { id: doc.id, title: doc.title, date: doc.date },
    section: p.section >= 0 ? (doc.sections[p.section] ?? null) : null,
    ordinal: p.ordinal,
  };
}

/** Matches per report and per section, in reading order. */
function countFacets(index: SearchIndex, ids: number[]): Facets {
  const reports = new Map<number, number>();
  const sections = new Map<string, { doc: number; section: number; count: number }>();
  for (const id of ids) {
    const p = index.paragraphs[id]!;
    reports.set(p.doc, (reports.get(p.doc) ?? 0) + 1);
    const key = `${p.doc}:${p.section}`;
    const entry = sections.get(key) ?? { doc: p.doc, section: p.section, count: 0 };
    entry.count++;
    sections.set(key, entry);
  }
  return {
    reports: [...reports].sort((a, b) => a[0] - b[0]).map(([doc, count]) => {
      const d = index.docs[doc]!;
      return { id: d.id, title: d.title, count };
    }),
    sections: [...sections.values()].sort((a, b) => a.doc - b.doc || a.section - b.section).map((s) => {
      const d = index.docs[s.doc]!;
      return { report: d.id, section: s.section >= 0 ? (d.sections[s.section] ?? null) : null, count: s.count };
    }),
  };
}

function applyFilters(index: SearchIndex, ids: number[], filters: SearchResponse['filters']): number[] {
  if (filters.report === null && filters.section === null) return ids;
  return ids.filter((id) => {
    const p = index.paragraphs[id]!;
    const doc = index.docs[p.doc]!;
    if (filters.report !== null && doc.id !== filters.report) return false;
    return filters.section === null || (p.section >= 0 && doc.sections[p.section] === filters.section);
  });
}

function intersect(sets: Set<number>[]): Set<number> {
  if (sets.length === 0) return new Set();
  const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  return new Set([...smallest!].filter((id) => rest.every((s) => s.has(id))));
}

function union(sets: Set<number>[]): Set<number> {
  const out = new Set<number>();
  for (const s of sets) for (const id of s) out.add(id);
  return out;
}
