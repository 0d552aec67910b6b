import { createHash } from 'node:crypto';
import { Docs, Paragraphs, StringColumn } from './columns';
import { createFlexIndexes, exportWords, importWords, TOKEN_SEPARATOR, type FlexIndexes, type WordPostings } from './flex';
import { buildGramIndex, type GramIndex } from './grams';
import { normalize } from './normalize';
import { keywords, words } from './tokenize';
import { precomputeAnswers, type Answer } from './search';
import type { DocRecord, ReportSource } from './types';

/** Everything a search needs, in memory. */
export interface SearchIndex {
  /** Reports in content order. */
  docs: Docs;
  /** All paragraphs of all reports; a paragraph's position is its FlexSearch id. */
  paragraphs: Paragraphs;
  /** The FlexSearch word index over `paragraphs`. */
  flex: FlexIndexes;
  /** The same word index as typed arrays, as the artifact stores it. */
  words: WordPostings;
  /** Characters and bigrams → paragraphs, for literal matching. */
  grams: GramIndex;
  /** Stored answers to one-term queries for the terms matching the most paragraphs (search.ts). */
  answers: Map<string, Answer>;
  /** The content's key terms (jieba TF-IDF), offered as searches when a query finds nothing. */
  keywords: string[];
  /** Mean paragraph length in word tokens, for BM25. */
  avgLength: number;
  /** Hash of the content the index was built from. */
  contentHash: string;
  /** ISO time of the build. */
  builtAt: string;
}

/**
 * Paragraph ids hash the report id and the paragraph's text, so they survive rebuilds and edits
 * elsewhere in the report; a repeated paragraph gets a -2, -3 … suffix in reading order.
 */
export function paragraphId(reportId: string, text: string, seen: Map<string, number>): string {
  const base = 'p-' + createHash('sha1').update(reportId + '\n' + text).digest('hex').slice(0, 10);
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base}-${n}`;
}

/** Key terms come from at most this much text, so their cost does not grow with the corpus. */
const KEYWORD_SAMPLE_CHARS = 200_000;

/** Paragraphs picked evenly across the content until `budget` characters, joined by newlines. */
function sampleText(texts: string[], budget: number): string {
  const total = texts.reduce((n, t) => n + t.length, 0);
  const stride = Math.max(1, Math.ceil(total / budget));
  return texts.filter((_, i) => i % stride === 0).join('\n');
}

/**
 * One-term queries matching at least this many paragraphs get a stored answer. Below it a live
 * answer costs about as much as reading a stored one (~1 ms); over the poetry corpus ~390
 * characters and bigrams are above it.
 */
export const STORED_ANSWER_MIN_MATCHES = 10_000;

/** Builds the in-memory index from parsed reports. */
export function buildIndex(
  reports: ReportSource[],
  contentHash: string,
  builtAt = new Date(),
  storedAnswerMinMatches = STORED_ANSWER_MIN_MATCHES,
): SearchIndex {
  const docs: DocRecord[] = [];
  const ids: string[] = [];
  const texts: string[] = [];
  const norms: string[] = [];
  const docOf: number[] = [];
  const sectionOf: number[] = [];
  const ordinals: number[] = [];
  const tokenCounts: number[] = [];
  const flex = createFlexIndexes();
  const reportIds = new Set<string>();
  let totalLength = 0;
  for (const report of reports) {
    if (reportIds.has(report.id)) throw new Error(`build: two reports share the id "${report.id}"`);
    reportIds.add(report.id);
    const sections: string[] = [];
    const seen = new Map<string, number>();
    const doc: DocRecord = {
      id: report.id, title: report.title, date: report.date, source: report.source, sections,
      first: texts.length, count: report.paragraphs.length,
    };
    report.paragraphs.forEach((p, i) => {
      if (p.section !== null && sections[sections.length - 1] !== p.section) sections.push(p.section);
      const norm = normalize(p.text);
      const tokens = words(norm);
      flex.words.add(texts.length, tokens.join(TOKEN_SEPARATOR));
      ids.push(paragraphId(report.id, p.text, seen));
      texts.push(p.text);
      norms.push(norm);
      docOf.push(docs.length);
      sectionOf.push(p.section === null ? -1 : sections.length - 1);
      ordinals.push(i + 1);
      tokenCounts.push(tokens.length);
      totalLength += tokens.length;
    });
    docs.push(doc);
  }
  // The word index goes through its stored form, so a built index is the one a server loads.
  const wordPostings = exportWords(flex);
  const index: SearchIndex = {
    docs: Docs.from(docs),
    paragraphs: new Paragraphs(StringColumn.from(ids), StringColumn.from(texts), StringColumn.from(norms), {
      doc: Int32Array.from(docOf), section: Int32Array.from(sectionOf), ordinal: Int32Array.from(ordinals), tokens: Int32Array.from(tokenCounts),
    }),
    flex: importWords(wordPostings), words: wordPostings,
    grams: buildGramIndex(norms), contentHash, builtAt: builtAt.toISOString(),
    keywords: keywords(sampleText(norms, KEYWORD_SAMPLE_CHARS)),
    avgLength: texts.length ? totalLength / texts.length : 0,
    answers: new Map(),
  };
  index.answers = precomputeAnswers(index, storedAnswerMinMatches);
  return index;
}
