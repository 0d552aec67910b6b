/**
 * The OpenSearch index a collection's paragraphs go into, and the one query that keeps the promise
 * "never miss what Ctrl-F finds" on it: a literal substring of the normalised text.
 *
 * Normalisation and jieba stay in Node (the same pipeline as the embedded engine); the cluster
 * receives `norm`, the normalised text, and `words`, its jieba tokens joined by spaces. `norm` is
 * cut into single characters and `norm.bi` into overlapping pairs by the ngram tokenizer with
 * min = max and no token classes, so every character (punctuation, spaces, digits too) is a token
 * and a token's position is its character's index: a phrase of pairs is then exactly a substring
 * match. A one-character text makes no pair, and goes to `norm` as a term (a phrase on `norm.bi`
 * would match nothing). Both fields score a match by how often it occurs (a scripted similarity:
 * the phrase frequency per term), which a per-year sum turns into occurrence counts.
 */

import type { Types } from '@opensearch-project/opensearch';

/** How the paragraphs index is analysed. */
export const PARAGRAPH_SETTINGS: Types.Indices_Common.IndexSettings = {
  // A page deep in the results (offset 10,000) and a grouped search ranking deeper until enough
  // reports appear read past OpenSearch's default window of 10,000 hits.
  max_result_window: 200_000,
  analysis: {
    tokenizer: {
      char1: { type: 'ngram', min_gram: 1, max_gram: 1, token_chars: [] },
      char2: { type: 'ngram', min_gram: 2, max_gram: 2, token_chars: [] },
    },
    analyzer: {
      chars: { type: 'custom', tokenizer: 'char1' },
      pairs: { type: 'custom', tokenizer: 'char2' },
      tokens: { type: 'custom', tokenizer: 'whitespace' },
    },
  },
  // A match's score is how often it occurs: summed per bucket, the trend's occurrence counts. (The
  // client's types know only the built-in similarities by name; the cluster takes a scripted one.)
  similarity: {
    occurrences: { type: 'scripted', script: { source: 'return query.boost * doc.freq;' } },
  } as Types.Indices_Common.IndexSettings['similarity'],
};

/** The paragraphs index's fields. */
export const PARAGRAPH_MAPPINGS: Types.Common_Mapping.TypeMapping = {
  dynamic: 'strict',
  properties: {
    norm: {
      type: 'text',
      analyzer: 'chars',
      similarity: 'occurrences',
      fields: { bi: { type: 'text', analyzer: 'pairs', similarity: 'occurrences' } },
    },
    words: { type: 'text', analyzer: 'tokens' },
    year: { type: 'integer' },
    // Where the paragraph is: its report, its id there, its position, its section (by position and heading).
    report: { type: 'keyword' },
    id: { type: 'keyword' },
    ordinal: { type: 'integer' },
    section: { type: 'integer' },
    heading: { type: 'keyword' },
    // The content file it came from, replaced or deleted with it.
    file: { type: 'keyword' },
    fhash: { type: 'keyword' },
    // Content order (file, report in file, paragraph): the embedded engine's paragraph order, its last tie-break.
    place: { type: 'keyword' },
    // Its word tokens (the BM25 length), and capped as the shortlist buckets them (query/topk.ts).
    tokens: { type: 'integer' },
    short: { type: 'short' },
    // The paragraph as published: returned, never searched.
    text: { type: 'text', index: false },
  },
};

/** One document per report: what its page, the facets and the filters read (the catalogue), and its file. */
export const REPORT_MAPPINGS: Types.Common_Mapping.TypeMapping = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    title: { type: 'keyword' },
    date: { type: 'keyword' },
    source: { type: 'keyword' },
    region: { type: 'keyword' },
    level: { type: 'keyword' },
    kind: { type: 'keyword' },
    year: { type: 'integer' },
    ocr: { type: 'boolean' },
    sections: { type: 'keyword', index: false },
    paragraphs: { type: 'integer' },
    characters: { type: 'long' },
    // Characters under each section: a trend's text under a section filter.
    sectionChars: { type: 'long', index: false },
    tokens: { type: 'long' },
    file: { type: 'keyword' },
    fhash: { type: 'keyword' },
    place: { type: 'keyword' },
  },
};

/** One document per content file: its hash, so an unchanged file is not sent again. */
export const FILE_MAPPINGS: Types.Common_Mapping.TypeMapping = {
  dynamic: 'strict',
  properties: {
    name: { type: 'keyword' },
    hash: { type: 'keyword' },
    reports: { type: 'integer' },
    paragraphs: { type: 'integer' },
    builtAt: { type: 'keyword' },
  },
};

/** A query, as the cluster's query language has it. */
export type ClusterQuery = Types.Common_QueryDsl.QueryContainer;

/** The paragraphs whose normalised text contains `text` (already normalised): what Ctrl-F finds. */
export function literalQuery(text: string): ClusterQuery {
  const chars = Array.from(text);
  if (chars.length === 0) throw new Error('literalQuery: an empty text matches everywhere');
  if (chars.length === 1) return { term: { norm: text } };
  return { match_phrase: { 'norm.bi': { query: text, slop: 0 } } };
}

/**
 * How many tokens a literal match of `text` scores per occurrence: the phrase's pairs (the
 * scripted similarity sums its script over a phrase's terms), or the one character.
 */
export function tokensPerOccurrence(text: string): number {
  return Math.max(1, Array.from(text).length - 1);
}
