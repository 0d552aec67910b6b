/** Every hit of a search over the embedded index, in its order, batch by batch: what an export reads. */
import type { SearchIndex } from '../../index/model';
import { Scratch } from '../../index/postings';
import { orderAll } from '../../query/execute';
import { parseQuery } from '../../query/parse';
import { kindsOf } from '../../query/score';
import type { Hit, HitsRequest, HitStream } from '../types';
import { hitAt, ownerOf, type HitOwner } from './search';

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
  const marking = { terms: plan.terms, tree: parsed.tree };
  let last: { at: number; owner: HitOwner } | null = null;
  const ownerAt = (at: number): HitOwner => {
    if (last?.at !== at) last = { at, owner: ownerOf(index.reports.read(at)) };
    return last.owner;
  };
  const hitOf = (id: number): Hit => hitAt(index, marking, { id, score: 0, kinds: kindsOf(plan.matches, id) }, ownerAt);
  let closed = false;
  async function* batches(): AsyncGenerator<Hit[]> {
    for (let i = 0; i < ids.length && !closed; i += HIT_BATCH) {
      yield Array.from(ids.subarray(i, Math.min(i + HIT_BATCH, ids.length)), hitOf);
    }
  }
  return { total: ids.length, batches: batches(), close: () => void (closed = true) };
}
