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
 * elsewhere in the report; a repeated paragraph gets a -2, -3 … suffix in reading order (see
 * IndexBuilder.add).
 */
export function paragraphHash(reportId: string, text: string): string {
  return 'p-' + createHash('sha1').update(reportId + '\n' + text).digest('hex').slice(0, 10);
}

/** Key terms come from at most this much text, so their cost does not grow with the corpus. */
const KEYWORD_SAMPLE_CHARS = 200_000;

/** Paragraphs picked evenly across the content until `budget` characters, joined by newlines. */
export function sampleText(texts: string[], budget = KEYWORD_SAMPLE_CHARS): string {
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

/** A paragraph's analysis: its normalised text, its jieba words joined by TOKEN_SEPARATOR, its hash. */
export interface Analysis {
  norm: string;
  tokens: string;
  hash: string;
}

export function analyze(reportId: string, text: string): Analysis {
  const norm = normalize(text);
  return { norm, tokens: words(norm).join(TOKEN_SEPARATOR), hash: paragraphHash(reportId, text) };
}

/**
 * Assembles an index. The expensive per-paragraph work (normalising, jieba, hashing) and the gram
 * index come from outside, so they can run here (buildIndex) or in worker threads
 * (build-parallel.ts); everything else, FlexSearch included, happens in this thread, in paragraph
 * order. One builder makes one index: `wordPostings` and `finish` are called once each.
 */
export class IndexBuilder {
  readonly texts: string[] = [];
  /** Per paragraph, its report's id. */
  readonly reportIds: string[] = [];
  readonly norms: string[] = [];
  private readonly docs: DocRecord[] = [];
  /** Paragraph hashes seen in the current report, and how often. */
  private seen = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly columns = { doc: [] as number[], section: [] as number[], ordinal: [] as number[], tokens: [] as number[] };
  private flex: FlexIndexes | null = createFlexIndexes();
  private totalTokens = 0;
  private normColumn: StringColumn | null = null;

  constructor(reports: ReportSource[]) {
    const reportIds = new Set<string>();
    for (const report of reports) {
      if (reportIds.has(report.id)) throw new Error(`build: two reports share the id "${report.id}"`);
      reportIds.add(report.id);
      const sections: string[] = [];
      this.docs.push({
        id: report.id, title: report.title, date: report.date, source: report.source, sections,
        first: this.texts.length, count: report.paragraphs.length,
      });
      report.paragraphs.forEach((p, i) => {
        if (p.section !== null && sections[sections.length - 1] !== p.section) sections.push(p.section);
        this.texts.push(p.text);
        this.reportIds.push(report.id);
        this.columns.doc.push(this.docs.length - 1);
        this.columns.section.push(p.section === null ? -1 : sections.length - 1);
        this.columns.ordinal.push(i + 1);
      });
    }
  }

  /** Adds the next paragraph's analysis (see analyze). */
  add({ norm, tokens, hash }: Analysis): void {
    const count = tokens.length ? tokens.split(TOKEN_SEPARATOR).length : 0;
    if (!this.flex) throw new Error('build: paragraph added after the word index was laid out');
    const at = this.norms.length;
    if (at === 0 || this.columns.doc[at] !== this.columns.doc[at - 1]) this.seen = new Map();
    const n = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, n);
    this.ids.push(n === 1 ? hash : `${hash}-${n}`);
    this.flex.words.add(at, tokens);
    this.norms.push(norm);
    this.columns.tokens.push(count);
    this.totalTokens += count;
  }

  /** The word index in its stored form, once every paragraph is added. Call once: the builder's FlexSearch index is let go. */
  wordPostings(): WordPostings {
    this.checkComplete();
    if (!this.flex) throw new Error('build: the word index was already laid out');
    const postings = exportWords(this.flex);
    this.flex = null; // over poetry its maps are ~1 GB; the index gets a fresh one from the postings
    return postings;
  }

  /** The normalised texts as the index stores them, once every paragraph is added. */
  normsColumn(): StringColumn {
    this.checkComplete();
    return (this.normColumn ??= StringColumn.from(this.norms));
  }

  private checkComplete(): void {
    if (this.norms.length !== this.texts.length) throw new Error(`build: ${this.norms.length} of ${this.texts.length} paragraphs analysed`);
  }

  /** The index, from the word postings, the gram index over `norms`, and the key terms. */
  finish(
    words: WordPostings, grams: GramIndex, keyTerms: string[], contentHash: string, builtAt: Date, storedAnswerMinMatches: number,
  ): SearchIndex {
    const { doc, section, ordinal, tokens } = this.columns;
    const paragraphs = new Paragraphs(StringColumn.from(this.ids), StringColumn.from(this.texts), this.normsColumn(), {
      doc: Int32Array.from(doc), section: Int32Array.from(section), ordinal: Int32Array.from(ordinal), tokens: Int32Array.from(tokens),
    });
    // The columns hold it all now; the arrays of strings (over poetry ~3 M strings) can go.
    for (const list of [this.ids, this.texts, this.reportIds, this.norms, doc, section, ordinal, tokens]) list.length = 0;
    const index: SearchIndex = {
      docs: Docs.from(this.docs),
      paragraphs,
      // The word index goes through its stored form, so a built index is the one a server loads.
      flex: importWords(words), words, grams, keywords: keyTerms, contentHash, builtAt: builtAt.toISOString(),
      avgLength: paragraphs.count ? this.totalTokens / paragraphs.count : 0,
      answers: new Map(),
    };
    index.answers = precomputeAnswers(index, storedAnswerMinMatches);
    return index;
  }
}

/** Builds the in-memory index from parsed reports, in this thread. */
export function buildIndex(
  reports: ReportSource[],
  contentHash: string,
  builtAt = new Date(),
  storedAnswerMinMatches = STORED_ANSWER_MIN_MATCHES,
): SearchIndex {
  const builder = new IndexBuilder(reports);
  builder.texts.forEach((text, i) => builder.add(analyze(builder.reportIds[i]!, text)));
  const { norms } = builder;
  return builder.finish(builder.wordPostings(), buildGramIndex(norms), keywords(sampleText(norms)), contentHash, builtAt, storedAnswerMinMatches);
}
