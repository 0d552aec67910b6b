/** Every hit of a search over the embedded index, in its order, batch by batch: what an export reads. */
import type { HitReport } from '../../api/search';
import { headingOf, type ReportRecord, type SearchIndex } from '../../index/model';
import { Scratch } from '../../index/postings';
import { orderAll } from '../../query/execute';
import { parseQuery } from '../../query/parse';
import { isDirect, kindsOf } from '../../query/score';
import { highlightRanges } from '../../query/spans';
import type { Hit, HitsRequest, HitStream } from '../types';
import { hitReport } from './search';

/** Hits made per batch. */
export const HIT_BATCH = 256;

/**
 * The ordered hits of a request. The order is worked out now; a batch's hits (their marks and
 * report fields) are made as the reader asks for it, without scores (an export has no use for
 * them: 0). The matches are kept in a scratch of the stream's own: other searches run between its
 * batches. A report is decoded once per run of its hits and not kept: an export may pass through
 * every report of the collection.
 */
export function hitStream(index: SearchIndex, request: HitsRequest): HitStream {
  const parsed = parseQuery(request.q);
  const { plan, ids } = orderAll(index, parsed, { filters: request, sort: request.sort }, new Scratch());
  let last: { at: number; record: ReportRecord; hit: HitReport } | null = null;
  const hitOf = (id: number): Hit => {
    const p = index.paragraphs.get(id);
    if (last?.at !== p.report) {
      const record = index.reports.read(p.report);
      last = { at: p.report, record, hit: hitReport(record) };
    }
    const kinds = kindsOf(plan.matches, id);
    return {
      id: p.id,
      report: last.hit,
      section: headingOf(last.record, p),
      ordinal: p.ordinal,
      text: p.text,
      highlights: highlightRanges(p.text, p.norm, plan.terms, kinds.map(isDirect), parsed.tree),
      score: 0,
      termMatches: kinds,
    };
  };
  let closed = false;
  async function* batches(): AsyncGenerator<Hit[]> {
    for (let i = 0; i < ids.length && !closed; i += HIT_BATCH) {
      yield Array.from(ids.subarray(i, Math.min(i + HIT_BATCH, ids.length)), hitOf);
    }
  }
  return { total: ids.length, batches: batches(), close: () => void (closed = true) };
}
