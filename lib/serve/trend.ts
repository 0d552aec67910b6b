/** GET /api/trend: how often each query matches, year by year (or by another report field). */
import { Scratch } from '../index/postings';
import type { SearchIndex } from '../index/model';
import { parseQuery, QueryError, type ParsedQuery } from '../query/parse';
import { trendOf } from '../query/trend';
import type { TrendParams } from './params';
import { filtersOf } from './search';
import type { TrendResponse } from './types';

const scratch = new Scratch();

/** The trend a request asks for; throws QueryError when one of its queries is refused. */
export function trend(index: SearchIndex, params: TrendParams): TrendResponse {
  const queries = params.q.map((q, k) => ({ q, parsed: parseNumbered(q, k, params.q.length) }));
  const filters = filtersOf(params);
  return { by: params.by, filters, series: trendOf(index, queries, params.by, filters, scratch) };
}

/** Parses the k-th of n queries; a refusal names which one, and its position is within that one. */
function parseNumbered(q: string, k: number, n: number): ParsedQuery {
  try {
    return parseQuery(q);
  } catch (err) {
    if (!(err instanceof QueryError) || n === 1) throw err;
    throw new QueryError(err.code, `q ${k + 1} of ${n} ("${q.slice(0, 20)}"): ${err.message}`, err.position);
  }
}
