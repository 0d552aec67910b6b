/**
 * The data model: what an index holds, as the build makes it, the artifact stores it and every
 * search reads it. "Report" is a published document; "paragraph" is the unit that is searched.
 */
import type { ParagraphRecord, Paragraphs, ReportRecord, Reports, StringColumn } from './columns';
import type { GramIndex } from './grams';
import type { PinyinIndex } from './pinyin';
import type { WordIndex, WordPostings } from './words';

export type { ParagraphRecord, ReportRecord };
export { headingOf, reportYear } from './columns';

/**
 * How a term matched a paragraph: as jieba words, only as a substring, or only through one of its
 * expansions (a pinyin reading, a synonym).
 */
export type MatchKind = 'word' | 'literal' | 'pinyin' | 'synonym';

/** Counts of matching paragraphs by report and by section, for filtering. */
export interface Facets {
  /** Per report with matches: its id, title and number of matching paragraphs. */
  reports: { id: string; title: string; count: number }[];
  /** Per headed section with matches: its report's id, its heading and count (text before the first heading is not a section). */
  sections: { report: string; section: string; count: number }[];
}

/** One ranked paragraph of an answer. */
export interface Ranked {
  /** Position of the paragraph in the index. */
  id: number;
  /** Its score; higher ranks first. */
  score: number;
  /** Per positive term of the query: how it matched here, or null. */
  kinds: (MatchKind | null)[];
}

/**
 * The page-independent part of an answer: the count, the facets, and the best hits ranked. Stored
 * in the index for the heaviest one-term queries (indexer/answers.ts).
 */
export interface StoredAnswer {
  /** Matching paragraphs. */
  total: number;
  /** Matches by report and section. */
  facets: Facets;
  /** The best hits, best first. */
  head: Ranked[];
}

/** Everything a search needs, in memory. */
export interface SearchIndex {
  /** Reports in content order. */
  reports: Reports;
  /** All paragraphs of all reports; a paragraph's position is its id in every index. */
  paragraphs: Paragraphs;
  /** The FlexSearch word index over `paragraphs`. */
  wordIndex: WordIndex;
  /** The same word index as typed arrays, as the artifact stores it. */
  wordPostings: WordPostings;
  /** Characters and bigrams → paragraphs, for literal matching. */
  grams: GramIndex;
  /** Pinyin readings of the word index's vocabulary, for queries typed in Latin letters. */
  pinyin: PinyinIndex;
  /** The content's own words (dictionary.txt), normalised, which jieba keeps whole; the server adds them too. */
  dictionary: { word: string; tag: string | null }[];
  /** Groups of words that find each other (synonyms.txt), normalised. */
  synonyms: string[][];
  /** Stored answers to one-term queries for the terms matching the most paragraphs, by normalised term. */
  answers: Map<string, StoredAnswer>;
  /** Per report, the words it uses far more than the rest of the collection, as a JSON array (empty for none). */
  distinctive: StringColumn;
  /** The content's key terms (jieba TF-IDF), offered as searches when a query finds nothing. */
  keywords: string[];
  /** Mean paragraph length in word tokens, for BM25. */
  avgLength: number;
  /** Hash of the content the index was built from. */
  contentHash: string;
  /** Hash of the engine that built it (index/engine.ts). */
  engine: string;
  /** ISO time of the build. */
  builtAt: string;
}
