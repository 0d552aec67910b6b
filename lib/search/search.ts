import type { SearchIndex } from './build';
import { gramText, literalCandidates } from './grams';
import { highlightRanges, segmentsToHtml, termSpans } from './highlight';
import { beginSearch, difference, EMPTY, searchArray, intersectAll, Membership, slice, union, unionAll } from './postings';
import { parseQuery, type ParsedQuery } from './query';
import { closeness, idf, tfWeight, WEIGHTS } from './rank';
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
const FULL_SCORING_LIMIT = 1000;
/** Facets list at most this many reports and sections, the ones with most matches. */
const MAX_FACETS = 20;

/** Where one positive term matched: as a substring, and as all of its jieba words. */
interface TermMatch {
  term: QueryTerm;
  /** Paragraphs containing the term's normalised text. */
  literal: Membership;
  /** Paragraphs holding every word of the term as a jieba token. */
  word: Membership;
  /** Paragraphs matching the term either way: what the query needs. */
  any: Uint32Array;
  /** Per word of the term: its postings, idf, and UTF-8 bytes. */
  words: { text: string; postings: Membership; idf: number; bytes: Uint8Array }[];
  /** idf of the term as a substring. */
  literalIdf: number;
  /** The term's normalised text as UTF-8, to count it in stored paragraphs without decoding them. */
  bytes: Uint8Array;
}

/** Looks terms up in the indexes; one instance per query so postings are fetched once. */
class Matcher {
  private readonly cache = new Map<string, Uint32Array>();
  private readonly n: number;

  constructor(private readonly index: SearchIndex) {
    this.n = index.paragraphs.count;
  }

  /** Paragraphs with `word` among their tokens (FlexSearch, whose slots are sorted id arrays). */
  word(word: string): Uint32Array {
    return this.cached(`w:${word}`, () => {
      const ids = this.index.flex.words.search(word, { limit: Math.max(this.n, 1) }) as unknown as Uint32Array | number[];
      // A word FlexSearch does not hold comes back as a plain empty array.
      return ids instanceof Uint32Array ? ids : Uint32Array.from(ids).sort();
    });
  }

  /**
   * Paragraphs whose normalised text contains `text`: the gram index gives the candidates, and a
   * substring check confirms those of three characters or more.
   */
  literal(text: string): Uint32Array {
    return this.cached(`l:${text}`, () => {
      const candidates = literalCandidates(this.index.grams, text);
      if (codePointLength(text) <= 2) return candidates;
      const { norms } = this.index.paragraphs;
      const needle = Buffer.from(text);
      const out = searchArray(candidates.length);
      let n = 0;
      for (let i = 0; i < candidates.length; i++) if (norms.includes(candidates[i]!, needle)) out[n++] = candidates[i]!;
      return out.subarray(0, n);
    });
  }

  match(term: QueryTerm): TermMatch {
    const literal = this.literal(term.text);
    const words = term.words.map((w) => {
      const postings = this.word(w);
      return { text: w, postings: new Membership(postings), idf: idf(postings.length, this.n), bytes: Buffer.from(w) };
    });
    const word = words.length ? intersectAll(words.map((w) => w.postings.ids)) : EMPTY;
    // A paragraph holding the whole term as one of its words contains it as typed, so then the
    // word matches are a subset of the literal ones: the common case, and no union to make.
    const any = words.length === 0 || term.words.includes(term.text) ? literal : union(literal, word);
    return {
      term, literal: new Membership(literal), word: new Membership(word), any, words,
      literalIdf: idf(literal.length, this.n), bytes: Buffer.from(term.text),
    };
  }

  private cached(key: string, load: () => Uint32Array): Uint32Array {
    let ids = this.cache.get(key);
    if (!ids) this.cache.set(key, (ids = load()));
    return ids;
  }
}

/**
 * The page-independent part of an answer to a one-term query: the count, the facets, and the
 * best RERANK_DEPTH hits ranked. Stored for the heaviest terms (see precomputeAnswers).
 */
export interface Answer {
  total: number;
  facets: Facets;
  head: Ranked[];
}

/** Runs a query and returns one page of hits, best first; throws QueryError for refused queries. */
export function search(index: SearchIndex, raw: string, options: SearchOptions): SearchResponse {
  const started = performance.now();
  const parsed = parseQuery(raw);
  const { limit, offset } = options;
  const filters = { report: options.report ?? null, section: options.section ?? null };
  const stored = storedAnswer(index, parsed, filters, offset + limit);
  const { total, facets, partial, ranked } = stored ? { ...stored, partial: false, ranked: stored.head } : rank(index, parsed, filters, offset + limit);
  return {
    query: raw,
    normalized: parsed.normalized,
    terms: parsed.terms,
    total,
    facets,
    filters,
    partial,
    offset,
    limit,
    tookMs: Math.round((performance.now() - started) * 1000) / 1000,
    hits: ranked.slice(offset, offset + limit).map((r) => toHit(index, raw, parsed.terms, r)),
  };
}

/** The answer stored for this query, when it is one plain term with one and the page lies within it. */
function storedAnswer(index: SearchIndex, parsed: ParsedQuery, filters: SearchResponse['filters'], depth: number): Answer | null {
  if (parsed.terms.length !== 1 || parsed.terms[0]!.kind !== 'term' || filters.report !== null || filters.section !== null) return null;
  const answer = index.answers.get(parsed.terms[0]!.text);
  return answer && (depth <= answer.head.length || answer.head.length >= answer.total) ? answer : null;
}

/** Matches, counts, facets and the best `depth` hits in order (at least RERANK_DEPTH). */
function rank(index: SearchIndex, parsed: ParsedQuery, filters: SearchResponse['filters'], depth: number) {
  beginSearch();
  const matcher = new Matcher(index);
  const matches = parsed.terms.filter((t) => t.kind !== 'exclude').map((t) => matcher.match(t));
  const excluded = unionAll(parsed.terms.filter((t) => t.kind === 'exclude').map((t) => matcher.literal(t.text)));

  let ids = matches.length ? difference(intersectAll(matches.map((m) => m.any)), excluded) : EMPTY;
  let partial = false;
  if (ids.length === 0 && matches.length > 1) {
    ids = difference(unionAll(matches.map((m) => m.any)), excluded);
    partial = ids.length > 0;
  }

  const facets = countFacets(index, ids);
  ids = applyFilters(index, ids, filters);
  // When no paragraph has both of two terms, each of the others has exactly one: no need to count.
  const head = topHits(index, matches, ids, partial && matches.length > 2, Math.max(depth, RERANK_DEPTH));
  const reranked = head.slice(0, RERANK_DEPTH);
  if (matches.length > 1) {
    for (const r of reranked) r.score += proximityBonus(index.paragraphs.norm(r.id), matches, r.kinds);
    reranked.sort(byRank);
  }
  return { total: ids.length, facets, partial, ranked: [...reranked, ...head.slice(RERANK_DEPTH)] };
}

/**
 * Answers for the terms that match the most paragraphs: every character and bigram found in at
 * least `minMatches` of them, computed by the same ranking a live query runs. A query for one
 * such term (秋, 人, 山 over poetry match ~100 k lines each) then reads its first pages instead
 * of counting facets and scoring a shortlist over all its matches, which took ~5 ms each.
 */
export function precomputeAnswers(index: SearchIndex, minMatches: number): Map<string, Answer> {
  const answers = new Map<string, Answer>();
  const { keys, offsets } = index.grams;
  for (let k = 0; k < keys.length; k++) {
    if (offsets[k + 1]! - offsets[k]! < minMatches) continue;
    const text = gramText(keys[k]!);
    let parsed: ParsedQuery;
    try {
      parsed = parseQuery(text);
    } catch {
      continue;
    }
    const term = parsed.terms[0];
    if (parsed.terms.length !== 1 || term!.kind !== 'term' || answers.has(term!.text)) continue;
    const { total, facets, ranked } = rank(index, parsed, { report: null, section: null }, RERANK_DEPTH);
    answers.set(term!.text, { total, facets, head: ranked.slice(0, RERANK_DEPTH) });
  }
  return answers;
}

/**
 * The best `k` of `all` (sorted ids), ranked. Candidates are scored into typed arrays; only the k
 * best become objects, so a query matching a hundred thousand paragraphs does not allocate as many.
 * `mixed`: paragraphs match different numbers of terms, and those matching more rank first.
 */
function topHits(index: SearchIndex, matches: TermMatch[], all: Uint32Array, mixed: boolean, k: number): Ranked[] {
  const depth = Math.max(FULL_SCORING_LIMIT, k); // never fewer than the page asked for
  const ids = all.length > depth ? shortlist(index, matches, all, mixed, depth) : all;
  const n = ids.length;
  const matched = new Uint8Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    matched[i] = mixed ? matchedTerms(matches, id) : matches.length;
    scores[i] = scoreParagraph(index, matches, id);
  }
  const better = (a: number, b: number) => matched[b]! - matched[a]! || scores[b]! - scores[a]! || ids[a]! - ids[b]!;
  const order = selectBest(n, Math.min(k, n), better);
  return order.map((i) => ({ id: ids[i]!, score: scores[i]!, kinds: kindsOf(matches, ids[i]!) }));
}

/** Terms matched by a paragraph. */
function matchedTerms(matches: TermMatch[], id: number): number {
  let n = 0;
  for (const m of matches) if (m.literal.has(id) || m.word.has(id)) n++;
  return n;
}

/** Paragraph lengths above this share the last bucket of the shortlist's histogram. */
const LENGTH_BUCKETS = 1024;

/**
 * The `limit` ids (of more) matching the most terms and, among those, with the fewest words, ties
 * by id: where BM25 puts a term that occurs once. Counting sort, not a comparison sort: one pass
 * fills a histogram of (terms missed, length), which gives the cut-off; a second pass collects.
 */
function shortlist(index: SearchIndex, matches: TermMatch[], ids: Uint32Array, mixed: boolean, limit: number): Uint32Array {
  const { tokens } = index.paragraphs.columns;
  const keys = searchArray(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const missed = mixed ? matches.length - matchedTerms(matches, id) : 0;
    keys[i] = missed * LENGTH_BUCKETS + Math.min(tokens[id]!, LENGTH_BUCKETS - 1);
  }
  return smallestKeys(keys, limit, (matches.length + 1) * LENGTH_BUCKETS).map((i) => ids[i]!);
}

/**
 * Positions of the `limit` smallest keys (each below `range`), ties to the earlier position, in
 * position order. A counting sort: one pass histograms the keys, which gives the cut-off key, and
 * a second collects — linear, where comparing a hundred thousand candidates in a heap was not.
 */
function smallestKeys(keys: Uint32Array, limit: number, range: number): Uint32Array {
  if (keys.length <= limit) return Uint32Array.from(keys, (_, i) => i);
  const histogram = searchArray(range).fill(0);
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

export interface Ranked {
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
  const { norms, columns } = index.paragraphs;
  const length = columns.tokens[id]!;
  let score = 0;
  for (const m of matches) {
    const literal = m.literal.has(id);
    if (m.term.kind === 'phrase') {
      if (literal) score += WEIGHTS.phrase * m.literalIdf * tfWeight(norms.count(id, m.bytes), length, index.avgLength);
      continue;
    }
    for (const w of m.words) if (w.postings.has(id)) score += w.idf * tfWeight(norms.count(id, w.bytes), length, index.avgLength);
    if (m.word.has(id)) {
      if (literal && m.words.length > 1) score += WEIGHTS.adjacency * m.literalIdf;
    } else if (literal) {
      score += WEIGHTS.literalOnly * m.literalIdf * tfWeight(norms.count(id, m.bytes), length, index.avgLength);
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
  const p: ParagraphRecord = index.paragraphs.get(r.id);
  const doc = index.docs.get(p.doc);
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
 * Paragraphs are stored report by report and section by section, so over sorted ids each report's
 * (and section's) matches are one run: counting is a single pass with no table per report.
 */
function countFacets(index: SearchIndex, ids: Uint32Array): Facets {
  const { doc: docOf, section: sectionOf } = index.paragraphs.columns;
  // Runs in typed arrays: pushing a hundred thousand counts onto JavaScript arrays took ~30 ms.
  const docs = searchArray(ids.length);
  const docCounts = searchArray(ids.length);
  const sectionDocs = searchArray(ids.length);
  const sections = searchArray(ids.length);
  const sectionCounts = searchArray(ids.length);
  let nd = 0;
  let ns = 0;
  const headed = index.paragraphs.hasSections;
  for (let i = 0; i < ids.length; i++) {
    const doc = docOf[ids[i]!]!;
    if (nd > 0 && docs[nd - 1] === doc) docCounts[nd - 1]!++;
    else {
      docs[nd] = doc;
      docCounts[nd++] = 1;
    }
    if (!headed) continue;
    const section = sectionOf[ids[i]!]!;
    if (section < 0) continue;
    if (ns > 0 && sectionDocs[ns - 1] === doc && sections[ns - 1] === section) sectionCounts[ns - 1]!++;
    else {
      sectionDocs[ns] = doc;
      sections[ns] = section;
      sectionCounts[ns++] = 1;
    }
  }
  // The largest counts, ties in reading order, shown in reading order.
  const largest = (counts: Uint32Array, n: number) => {
    let max = 0;
    for (let i = 0; i < n; i++) if (counts[i]! > max) max = counts[i]!;
    const keys = searchArray(n);
    for (let i = 0; i < n; i++) keys[i] = max - counts[i]!;
    return Array.from(smallestKeys(keys, MAX_FACETS, max + 1));
  };
  return {
    reports: largest(docCounts, nd).map((k) => {
      const d = index.docs.get(docs[k]!);
      return { id: d.id, title: d.title, count: docCounts[k]! };
    }),
    sections: largest(sectionCounts, ns).map((k) => {
      const d = index.docs.get(sectionDocs[k]!);
      return { report: d.id, section: d.sections[sections[k]!] ?? '', count: sectionCounts[k]! };
    }),
  };
}

function applyFilters(index: SearchIndex, ids: Uint32Array, filters: SearchResponse['filters']): Uint32Array {
  let out = ids;
  if (filters.report !== null) {
    const doc = index.docs.indexOf(filters.report);
    if (doc < 0) return EMPTY;
    out = slice(out, index.docs.bounds[doc]!, index.docs.bounds[doc + 1]!);
  }
  if (filters.section !== null) {
    const { doc: docOf, section: sectionOf } = index.paragraphs.columns;
    const titles = new Map<number, string[]>();
    out = out.filter((id) => {
      const section = sectionOf[id]!;
      if (section < 0) return false;
      const doc = docOf[id]!;
      let headings = titles.get(doc);
      if (!headings) titles.set(doc, (headings = index.docs.get(doc).sections));
      return headings[section] === filters.section;
    });
  }
  return out;
}
