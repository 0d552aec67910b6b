/** The relevance suite's figures: literal recall against the scan, and MRR@10. */
import type { SearchIndex } from '../index/model';
import { headingOf } from '../index/model';
import { searchRequest } from '../api/search';
import { searcherOf } from '../backend/embedded/searcher';
import type { Searcher } from '../backend/types';
import { normalize } from '../text/normalize';
import { literalScan } from './literal-scan';
import type { RelevanceQuery } from './queries';

/** What one query of the suite got. */
export interface QueryResult {
  query: RelevanceQuery;
  /** Paragraphs a literal scan says must be hits. */
  expected: number;
  /** Paragraphs the engine counts (`total`). */
  found: number;
  /** Paragraph ids the scan found and the engine missed. */
  missing: string[];
  /** 1-based rank of the `first` paragraph in the top 10, or null (only for queries with `first`). */
  rank: number | null;
}

/** The suite's figures. */
export interface Evaluation {
  /** Share of (query, paragraph) pairs a literal scan finds that the engine also returns. */
  literalRecall: number;
  /** Mean reciprocal rank of the intended paragraph within the top 10, over queries with `first`. */
  mrr10: number;
  results: QueryResult[];
}

/**
 * Runs the suite against a searcher (by default the embedded one over `index`). The oracle is a
 * plain scan of `index`'s paragraphs: String.includes of each normalised term over every
 * normalised paragraph, which is what Ctrl-F on the page would find (for an expert query, its tree
 * evaluated so, fields read from each paragraph's report and section).
 */
export async function evaluate(
  index: SearchIndex,
  queries: RelevanceQuery[],
  searcher: Searcher = searcherOf(index),
): Promise<Evaluation> {
  const paragraphs = index.paragraphs.range(0, index.paragraphs.count);
  const texts = paragraphs.map((p) => normalize(p.text));
  const fieldsOf = (id: number) => {
    const p = paragraphs[id]!;
    const r = index.reports.get(p.report);
    return { title: r.title, date: r.date, year: r.year, source: r.source, section: headingOf(r, p) };
  };
  let expectedPairs = 0;
  let foundPairs = 0;
  let reciprocal = 0;
  let ranked = 0;
  const key = (report: string, id: string) => `${report}/${id}`;
  const results: QueryResult[] = [];
  for (const query of queries) {
    const expected = literalScan(texts, query.q, fieldsOf).map((id) => paragraphs[id]!);
    const { hits, total } = await searcher.search(searchRequest({ q: query.q, limit: paragraphs.length }));
    const returned = new Set(hits.map((h) => key(h.report.id, h.id)));
    const missing = expected.filter((p) => !returned.has(key(index.reports.ids.get(p.report), p.id))).map((p) => p.id);
    expectedPairs += expected.length;
    foundPairs += expected.length - missing.length;
    let rank: number | null = null;
    if (query.first !== undefined) {
      const intended = paragraphs.filter((p) => p.text.includes(query.first!));
      if (intended.length !== 1)
        throw new Error(`relevance: "${query.first}" is in ${intended.length} paragraphs, not 1`);
      const at = hits.slice(0, 10).findIndex((h) => h.id === intended[0]!.id);
      rank = at === -1 ? null : at + 1;
      ranked++;
      reciprocal += rank ? 1 / rank : 0;
    }
    results.push({ query, expected: expected.length, found: total, missing, rank });
  }
  return {
    literalRecall: expectedPairs ? foundPairs / expectedPairs : 1,
    mrr10: ranked ? reciprocal / ranked : 1,
    results,
  };
}
