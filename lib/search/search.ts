import type { SearchIndex } from './build';
import { literalCandidates } from './grams';
import { highlightRanges, segmentsToHtml, termSpans } from './highlight';
import { IdSet, StampPool } from './idset';
import { parseQuery, type ParsedQuery } from './query';
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
/**
 * Beyond this many matches only this many are scored in full: the ones that match the most terms
 * and, among those, the shortest paragraphs — where BM25 puts a term that occurs once. A single
 * common character can match a hundred thousand lines of poetry; `total` still counts them all.
 */
const FULL_SCORING_LIMIT = 3000;
/** Facets list at most this many reports and sections, the ones with most matches. */
const MAX_FACETS = 20;

/** Where one positive term matched: as a substring, and as all of its jieba words. */
interface TermMatch {
  term: QueryTerm;
  /** Paragraphs containing the term's normalised text. */
  literal: IdSet;
  /** Paragraphs holding every word of the term as a jieba token. */
  word: IdSet;
  /** Per word of the term: its postings and idf. */
  words: { text: string; postings: IdSet; idf: number }[];
  /** idf of the term as a substring. */
  literalIdf: number;
}

const pools = new WeakMap<SearchIndex, StampPool>();

/**
 * Looks terms up in the indexes; one instance per query so postings are fetched once. Every set it
 * makes is tracked, so `release` can return their membership tables to the index's pool.
 */
class Matcher {
  private readonly cache = new Map<string, IdSet>();
  private readonly made: IdSet[] = [];
  private readonly n: number;
  private readonly pool: StampPool;

  constructor(private readonly index: SearchIndex) {
    this.n = index.paragraphs.length;
    let pool = pools.get(index);
    if (!pool) pools.set(index, (pool = new StampPool(this.n)));
    this.pool = pool;
  }

  /** Paragraphs with `word` among their tokens (FlexSearch). */
  word(word: string): IdSet {
    return this.cached(`w:${word}`, () => this.index.flex.words.search(word, { limit: Math.max(this.n, 1) }) as number[]);
  }

  /**
   * Paragraphs whose normalised text contains `text`: the gram index gives the candidates, and a
   * substring check confirms those of three characters or more.
   */
  literal(text: string): IdSet {
    return this.cached(`l:${text}`, () => {
      const candidates = literalCandidates(this.index.grams, text);
      if (codePointLength(text) <= 2) return candidates;
      const { paragraphs } = this.index;
      return candidates.filter((id) => paragraphs[id]!.norm.includes(text));
    });
  }

  match(term: QueryTerm): TermMatch {
    const literal = this.literal(term.text);
    const words = term.words.map((w) => {
      const postings = this.word(w);
      return { text: w, postings, idf: idf(postings.size, this.n) };
    });
    const word = this.track(words.length ? IdSet.intersect(words.map((w) => w.postings), this.pool) : new IdSet([], this.pool));
    return { term, literal, word, words, literalIdf: idf(literal.size, this.n) };
  }

  union(sets: IdSet[]): IdSet {
    return this.track(IdSet.union(sets, this.pool));
  }

  intersect(sets: IdSet[]): IdSet {
    return this.track(IdSet.intersect(sets, this.pool));
  }

  /** Returns every membership table taken during this query to the pool. */
  release(): void {
    for (const set of this.made) set.release();
  }

  private track(set: IdSet): IdSet {
    this.made.push(set);
    return set;
  }

  private cached(key: string, load: () => ArrayLike<number>): IdSet {
    let set = this.cache.get(key);
    if (!set) this.cache.set(key, (set = this.track(new IdSet(load(), this.pool))));
    return set;
  }
}

/** Runs a query and returns one page of hits, best first; throws QueryError for refused queries. */
export function search(index: SearchIndex, raw: string, options: SearchOptions): SearchResponse {
  const started = performance.now();
  const parsed = parseQuery(raw);
  const matcher = new Matcher(index);
  try {
    return run(index, raw, parsed, matcher, options, started);
  } finally {
    matcher.release();
  }
}

function run(index: SearchIndex, raw: string, parsed: ParsedQuery, matcher: Matcher, options: SearchOptions, started: number): SearchResponse {
  const { limit, offset } = options;
  const filters = { report: options.report ?? null, section: options.section ?? null };
  const positives = parsed.terms.filter((t) => t.kind !== 'exclude');
  const matches = positives.map((t) => matcher.match(t));
  const excluded = matcher.union(parsed.terms.filter((t) => t.kind === 'exclude').map((t) => matcher.literal(t.text)));
  const without = (set: IdSet) => (excluded.size === 0 ? Array.from(set.ids) : Array.from(set.ids).filter((id) => !excluded.has(id)));

  const sets = matches.map((m) => matcher.union([m.literal, m.word]));
  let ids = matches.length ? without(matcher.intersect(sets)) : [];
  let partial = false;
  if (ids.length === 0 && matches.length > 1) {
    ids = without(matcher.union(sets));
    partial = ids.length > 0;
  }

  const facets = countFacets(index, ids);
  ids = applyFilters(index, ids, filters);
  const head = topHits(index, matches, ids, Math.max(offset + limit, RERANK_DEPTH));
  const reranked = head.slice(0, RERANK_DEPTH);
  if (matches.length > 1) {
    for (const r of reranked) r.score += proximityBonus(index.paragraphs[r.id]!.norm, matches, r.kinds);
    reranked.sort(byRank);
  }
  const page = [...reranked, ...head.slice(RERANK_DEPTH)].slice(offset, offset + limit);

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

/**
 * The best `k` of `ids`, ranked. Every candidate is scored into typed arrays; only the k best
 * become objects, so a query matching a hundred thousand paragraphs does not allocate as many.
 */
function topHits(index: SearchIndex, matches: TermMatch[], all: number[], k: number): Ranked[] {
  const ids = all.length > FULL_SCORING_LIMIT ? shortlist(index, matches, all, FULL_SCORING_LIMIT) : all;
  const n = ids.length;
  const matched = new Uint8Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    matched[i] = matchedTerms(matches, id);
    scores[i] = scoreParagraph(index, matches, id);
  }
  const better = (a: number, b: number) => matched[b]! - matched[a]! || scores[b]! - scores[a]! || ids[a]! - ids[b]!;
  const order = selectBest(n, Math.min(k, n), better);
  return order.map((i) => ({ id: ids[i]!, score: scores[i]!, kinds: kindsOf(matches, ids[i]!) }));
}

function matchedTerms(matches: TermMatch[], id: number): number {
  let n = 0;
  for (const m of matches) if (m.literal.has(id) || m.word.has(id)) n++;
  return n;
}

/** The `limit` ids matching the most terms, shortest paragraphs first: cheap to compute for all. */
function shortlist(index: SearchIndex, matches: TermMatch[], ids: number[], limit: number): number[] {
  const matched = new Uint8Array(ids.length);
  const lengths = new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    matched[i] = matchedTerms(matches, ids[i]!);
    lengths[i] = index.paragraphs[ids[i]!]!.norm.length;
  }
  const better = (a: number, b: number) => matched[b]! - matched[a]! || lengths[a]! - lengths[b]! || ids[a]! - ids[b]!;
  return selectBest(ids.length, limit, better).map((i) => ids[i]!);
}

/** Indices 0..n-1 of the k best by `better` (negative when a ranks first), in order. */
function selectBest(n: number, k: number, better: (a: number, b: number) => number): number[] {
  if (n <= k * 4) return Array.from({ length: n }, (_, i) => i).sort(better).slice(0, k);
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
      for (let j = heap.length - 1; j > 0; ) {
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
function scoreParagraph(index: SearchIndex, matches: TermMatch[], id: number): number {
  const p = index.paragraphs[id]!;
  const tf = (needle: string) => tfWeight(countOccurrences(p.norm, needle), p.length, index.avgLength);
  let score = 0;
  for (const m of matches) {
    const literal = m.literal.has(id);
    if (m.term.kind === 'phrase') {
      if (literal) score += WEIGHTS.phrase * m.literalIdf * tf(m.term.text);
      continue;
    }
    for (const w of m.words) if (w.postings.has(id)) score += w.idf * tf(w.text);
    if (m.word.has(id)) {
      if (literal && m.words.length > 1) score += WEIGHTS.adjacency * m.literalIdf;
    } else if (literal) {
      score += WEIGHTS.literalOnly * m.literalIdf * tf(m.term.text);
    }
  }
  return score;
}

/** Per positive term, how it matched this paragraph: as words, only literally, or not at all. */
function kindsOf(matches: TermMatch[], id: number): (MatchKind | null)[] {
  return matches.map((m) => {
    if (m.term.kind !== 'phrase' && m.word.has(id)) return 'word';
    return m.literal.has(id) ? 'literal' : null;
  });
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

/**
 * Matches per report and per headed section: the MAX_FACETS largest of each, in reading order.
 * Counting runs in a typed array, and only the largest are sorted: over poetry every match can be a
 * report of its own, and sorting a hundred thousand counts was most of a common query's time.
 */
function countFacets(index: SearchIndex, ids: number[]): Facets {
  const perDoc = new Uint32Array(index.docs.length);
  const docs: number[] = [];
  const sections = new Map<number, number>();
  for (const id of ids) {
    const p = index.paragraphs[id]!;
    if (perDoc[p.doc]!++ === 0) docs.push(p.doc);
    if (p.section >= 0) {
      const key = p.doc * 65536 + p.section;
      sections.set(key, (sections.get(key) ?? 0) + 1);
    }
  }
  const largest = (keys: number[], count: (key: number) => number) =>
    selectBest(keys.length, Math.min(MAX_FACETS, keys.length), (a, b) => count(keys[b]!) - count(keys[a]!) || keys[a]! - keys[b]!)
      .map((i) => keys[i]!)
      .sort((a, b) => a - b);
  return {
    reports: largest(docs, (doc) => perDoc[doc]!).map((doc) => {
      const d = index.docs[doc]!;
      return { id: d.id, title: d.title, count: perDoc[doc]! };
    }),
    sections: largest([...sections.keys()], (key) => sections.get(key)!).map((key) => {
      const d = index.docs[Math.floor(key / 65536)]!;
      return { report: d.id, section: d.sections[key % 65536] ?? '', count: sections.get(key)! };
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
