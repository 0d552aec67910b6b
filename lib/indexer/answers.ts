/** Stored answers: the heaviest one-term queries, answered once at build time by the live ranking. */
import { gramText } from '../index/grams';
import type { StoredAnswer, SearchIndex } from '../index/model';
import { Scratch } from '../index/postings';
import { EVERYTHING, RERANK_DEPTH, rankLive } from '../query/execute';
import { parseQuery, type ParsedQuery } from '../query/parse';

/**
 * One-term queries matching at least this many paragraphs get a stored answer. Below it a live
 * answer costs about as much as reading a stored one; over the poetry corpus a few hundred
 * characters and bigrams are above it, none over the seed report.
 */
export const STORED_ANSWER_MIN_MATCHES = 10_000;

/**
 * Answers for the terms that match the most paragraphs: every character and bigram found in at
 * least `minMatches` of them, computed by the same ranking a live query runs. A query for one
 * such term (秋, 人, 山 over poetry match ~100 k lines each) then reads its first pages instead
 * of counting facets and scoring a shortlist over all its matches.
 */
export function precomputeAnswers(index: SearchIndex, minMatches: number): Map<string, StoredAnswer> {
  const answers = new Map<string, StoredAnswer>();
  const scratch = new Scratch();
  const { keys, offsets } = index.grams;
  for (let k = 0; k < keys.length; k++) {
    if (offsets[k + 1]! - offsets[k]! < minMatches) continue;
    let parsed: ParsedQuery;
    try {
      parsed = parseQuery(gramText(keys[k]!));
    } catch {
      continue;
    }
    const [term] = parsed.terms;
    if (parsed.terms.length !== 1 || term!.kind !== 'term' || answers.has(term!.text)) continue;
    const { terms, total, facets, ranked } = rankLive(index, parsed, EVERYTHING, RERANK_DEPTH, scratch);
    if (terms[0]!.expansions.length > 0) continue; // a query with expansions is always answered live
    // Only the facets by report and section are stored: those by report field are counted at query time.
    answers.set(term!.text, {
      total,
      facets: { reports: facets.reports, sections: facets.sections },
      head: ranked.slice(0, RERANK_DEPTH),
    });
  }
  return answers;
}
