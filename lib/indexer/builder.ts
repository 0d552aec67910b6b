/** Assembling an index from parsed reports, in this thread (parallel.ts spreads the work over cores). */
import type { ReportSource } from '../content/types';
import {
  MAX_SECTIONS,
  MAX_TOKENS,
  ParagraphIds,
  Paragraphs,
  Reports,
  StringColumn,
  TextColumn,
} from '../index/columns';
import { engineVersion } from '../index/engine';
import { buildGramIndex, type GramIndex } from '../index/grams';
import { buildPinyinIndex, type PinyinIndex } from '../index/pinyin';
import type { ReportRecord, SearchIndex } from '../index/model';
import { createWordIndex, exportWords, loadWords, type WordPostings } from '../index/words';
import { analyze, type Analysis } from '../text/analyze';
import { normalize } from '../text/normalize';
import { addUserWords, keywords } from '../text/tokenize';
import { distinctiveColumn } from './distinctive';
import { precomputeAnswers, STORED_ANSWER_MIN_MATCHES } from './answers';

/** Key terms come from at most this much text, so their cost does not grow with the corpus. */
const KEYWORD_SAMPLE_CHARS = 200_000;

/**
 * Paragraphs picked evenly across the content until `budget` characters, joined by newlines: from
 * the texts a build holds, or from a segment's column when segments are merged (merges.ts), whose
 * UTF-8 bytes over three stand for its characters (Chinese characters are three bytes each).
 */
export function sampleText(texts: string[] | StringColumn, budget = KEYWORD_SAMPLE_CHARS): string {
  const column = texts instanceof StringColumn ? texts : null;
  const total = column ? column.bytes.length / 3 : (texts as string[]).reduce((n, t) => n + t.length, 0);
  const stride = Math.max(1, Math.ceil(total / budget));
  const picked: string[] = [];
  for (let i = 0; i < texts.length; i += stride) picked.push(column ? column.get(i) : (texts as string[])[i]!);
  return picked.join('\n');
}

/** What a build is told besides the reports. */
export interface BuildStamp {
  /** Hash of the content the reports were read from. */
  contentHash: string;
  /** When the build ran. */
  builtAt?: Date;
  /** The engine version to stamp; the working directory's by default. */
  engine?: string;
  /** One-term queries matching at least this many paragraphs get a stored answer. */
  storedAnswerMinMatches?: number;
  /** Words jieba keeps whole (dictionary.txt); this thread's jieba must have them already (addUserWords). */
  dictionary?: { word: string; tag: string | null }[];
  /** Groups of words that find each other (synonyms.txt). */
  synonyms?: string[][];
}

/**
 * Assembles an index. The expensive per-paragraph work (normalising, jieba, hashing), the word
 * index (FlexSearch) and the gram index come from outside, so they can run here (buildIndex) or
 * spread over threads (parallel.ts); the builder keeps the paragraph table, in paragraph order, and
 * puts the parts together. One builder makes one index: `finish` is called once.
 */
export class IndexBuilder {
  readonly texts: string[] = [];
  /** Per paragraph, its report's id. */
  readonly reportIds: string[] = [];
  readonly norms: string[] = [];
  private readonly reports: ReportRecord[] = [];
  /** Paragraph hashes seen in the current report, and how often. */
  private seen = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly columns = {
    report: [] as number[],
    section: [] as number[],
    tokens: [] as number[],
  };
  private totalTokens = 0;
  private normColumn: StringColumn | null = null;

  constructor(reports: ReportSource[]) {
    const reportIds = new Set<string>();
    for (const report of reports) {
      if (reportIds.has(report.id)) throw new Error(`build: two reports share the id "${report.id}"`);
      reportIds.add(report.id);
      const sections: string[] = [];
      this.reports.push({
        id: report.id,
        title: report.title,
        date: report.date,
        source: report.source,
        sections,
        ocr: report.ocr ?? false,
        region: report.region ?? null,
        level: report.level ?? null,
        kind: report.kind ?? null,
        year: report.year ?? null,
        first: this.texts.length,
        count: report.paragraphs.length,
      });
      report.paragraphs.forEach((p) => {
        if (p.section !== null && sections[sections.length - 1] !== p.section) {
          if (sections.length === MAX_SECTIONS)
            throw new Error(`build: report "${report.id}" has more than ${MAX_SECTIONS} sections`);
          sections.push(p.section);
        }
        this.texts.push(p.text);
        this.reportIds.push(report.id);
        this.columns.report.push(this.reports.length - 1);
        this.columns.section.push(p.section === null ? -1 : sections.length - 1);
      });
    }
  }

  /** Adds the next paragraph's analysis (see text/analyze.ts); its tokens go to the word index separately. */
  add({ norm, count, hash }: Analysis): void {
    if (this.normColumn) throw new Error('build: paragraph added after the texts were laid out');
    const at = this.norms.length;
    if (at === 0 || this.columns.report[at] !== this.columns.report[at - 1]) this.seen = new Map();
    const n = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, n);
    this.ids.push(n === 1 ? hash : `${hash}-${n}`);
    this.norms.push(norm);
    this.columns.tokens.push(count);
    this.totalTokens += count;
  }

  /**
   * The normalised texts as the index stores them, once every paragraph is added. The strings are
   * let go once the column holds them (a million of them over a large corpus); `norms` is empty after.
   */
  normsColumn(): StringColumn {
    if (!this.normColumn) {
      this.checkComplete();
      this.normColumn = StringColumn.from(this.norms);
      this.norms.length = 0;
    }
    return this.normColumn;
  }

  private checkComplete(): void {
    if (!this.normColumn && this.norms.length !== this.texts.length)
      throw new Error(`build: ${this.norms.length} of ${this.texts.length} paragraphs analysed`);
  }

  /** The index, from the word postings, the gram index over `norms`, and the key terms. */
  finish(
    wordPostings: WordPostings,
    grams: GramIndex,
    keyTerms: string[],
    stamp: BuildStamp,
    pinyin: PinyinIndex = buildPinyinIndex(wordPostings.words),
  ): SearchIndex {
    const { report, section, tokens } = this.columns;
    const norms = this.normsColumn();
    const reports = Reports.from(this.reports);
    const paragraphs = new Paragraphs(
      ParagraphIds.from(this.ids),
      TextColumn.from(this.texts, norms),
      norms,
      {
        report: Int32Array.from(report),
        section: Int16Array.from(section),
        tokens: Uint16Array.from(tokens, (n) => Math.min(n, MAX_TOKENS)),
      },
      reports.bounds,
    );
    // The columns hold it all now; the arrays of strings (millions over a large corpus) can go.
    for (const list of [this.ids, this.texts, this.reportIds, this.norms, report, section, tokens]) list.length = 0;
    const index: SearchIndex = {
      reports,
      paragraphs,
      // The word index goes through its stored form, so a built index is the one a server loads.
      wordIndex: loadWords(wordPostings),
      wordPostings,
      grams,
      pinyin,
      dictionary: (stamp.dictionary ?? []).map(({ word, tag }) => ({ word: normalize(word), tag })),
      synonyms: (stamp.synonyms ?? []).map((group) => [...new Set(group.map(normalize))]),
      keywords: keyTerms,
      distinctive: distinctiveColumn(wordPostings, paragraphs.columns.report, reports.bounds),
      contentHash: stamp.contentHash,
      engine: stamp.engine ?? engineVersion(),
      builtAt: (stamp.builtAt ?? new Date()).toISOString(),
      avgLength: paragraphs.count ? this.totalTokens / paragraphs.count : 0,
      answers: new Map(),
    };
    index.answers = precomputeAnswers(index, stamp.storedAnswerMinMatches ?? STORED_ANSWER_MIN_MATCHES);
    return index;
  }
}

/** Builds the in-memory index from parsed reports, in this thread. */
export function buildIndex(reports: ReportSource[], stamp: BuildStamp): SearchIndex {
  addUserWords(stamp.dictionary ?? []);
  const builder = new IndexBuilder(reports);
  const words = createWordIndex();
  builder.texts.forEach((text, i) => {
    const analysis = analyze(builder.reportIds[i]!, text);
    builder.add(analysis);
    words.add(i, analysis.tokens);
  });
  const sample = sampleText(builder.norms);
  return builder.finish(exportWords(words), buildGramIndex(builder.normsColumn()), keywords(sample), stamp);
}
