/**
 * Each report's distinctive terms against the rest of the collection, computed at build time from
 * the word postings (compare/distinctive.ts has the measure), so a report page only reads them.
 */
import { StringColumn } from '../index/columns';
import type { WordPostings } from '../index/words';
import {
  bestTerms,
  isTermWord,
  logLikelihood,
  MIN_KEYNESS,
  MIN_PARAGRAPHS,
  type Keyness,
} from '../compare/distinctive';

/**
 * Per report, its distinctive words as a JSON array (empty when it has none: a collection of one
 * report has nothing to set it against). A word's postings run report by report, since a report's
 * paragraphs are consecutive: each run is the word's paragraphs in that report.
 */
export function distinctiveColumn(words: WordPostings, reportOf: Int32Array, bounds: Int32Array): StringColumn {
  const reports = bounds.length - 1;
  const n = reportOf.length;
  const scored = new Map<number, Keyness[]>();
  const { offsets, postings } = words;
  for (let k = 0; k < words.words.length; k++) {
    const from = offsets[k]!;
    const to = offsets[k + 1]!;
    const df = to - from;
    if (df < MIN_PARAGRAPHS) continue;
    let word: string | null = null;
    for (let at = from; at < to;) {
      const r = reportOf[postings[at]!]!;
      let end = at + 1;
      while (end < to && reportOf[postings[end]!] === r) end++;
      const a = end - at;
      at = end;
      if (a < MIN_PARAGRAPHS) continue;
      const c = bounds[r + 1]! - bounds[r]!;
      const score = logLikelihood(a, df - a, c, n - c);
      if (score < MIN_KEYNESS) continue;
      word ??= words.words.get(k);
      if (!isTermWord(word)) break;
      const list = scored.get(r);
      if (list) list.push({ word, score });
      else scored.set(r, [{ word, score }]);
    }
  }
  return StringColumn.from(
    Array.from({ length: reports }, (_, r) => {
      const list = scored.get(r);
      return list ? JSON.stringify(bestTerms(list).map((t) => t.word)) : '';
    }),
  );
}

/** A report's distinctive terms, as distinctiveColumn stores them (a JSON array per report, empty for none). */
export function readDistinctive(column: StringColumn, report: number): string[] {
  const json = column.get(report);
  return json ? (JSON.parse(json) as string[]) : [];
}
