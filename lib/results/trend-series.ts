/** A trend's series as GET /api/trend and the chart give them. */
import type { TrendRequest, TrendResponse } from '../api/trend';
import type { Searcher } from '../backend/types';
import { filtersEcho } from './hits';

/** Each query's series over the filtered collection, by the request's buckets. */
export async function trend(searcher: Searcher, request: TrendRequest): Promise<TrendResponse> {
  return { by: request.by, filters: filtersEcho(request), series: await searcher.trend(request) };
}
