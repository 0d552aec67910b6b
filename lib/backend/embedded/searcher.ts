/** The Searcher over one loaded embedded index: the seam's calls answered by the engine in this process. */
import type { SearchRequest } from '../../api/search';
import type { TrendRequest, TrendSeries } from '../../api/trend';
import type { SearchIndex } from '../../index/model';
import { Scratch } from '../../index/postings';
import { parseNumbered } from '../../query/parse';
import { trendOf } from '../../query/trend';
import type { HitsRequest, HitStream, SearchAnswer, Searcher } from '../types';
import { hitStream } from './hits';
import {
  earlierReport,
  paragraphDocument,
  reportDocument,
  reportInfo,
  reportSlice,
  reportsTitled,
  similarTo,
} from './reports';
import { searchIndex } from './search';

/**
 * This thread's scratch for the calls that run to their end without yielding, which is all of them
 * but an export (it has its own). A worker thread has its own module state, and so its own.
 */
const threadScratch = new Scratch();

/** Searchers by index: a searcher is the index's, made once. */
const searchers = new WeakMap<SearchIndex, EmbeddedSearcher>();

/** The searcher of `index`. */
export function searcherOf(index: SearchIndex): Searcher {
  let searcher = searchers.get(index);
  if (!searcher) searchers.set(index, (searcher = new EmbeddedSearcher(index)));
  return searcher;
}

class EmbeddedSearcher implements Searcher {
  readonly identity: string;
  readonly info: Searcher['info'];

  constructor(readonly index: SearchIndex) {
    this.identity = `${index.contentHash}\n${index.builtAt}`;
    this.info = {
      reports: index.reports.count,
      paragraphs: index.paragraphs.count,
      builtAt: index.builtAt,
      keywords: index.keywords,
    };
  }

  async search(request: SearchRequest): Promise<SearchAnswer> {
    return searchIndex(this.index, request, threadScratch);
  }

  /** Each query's series, the event loop let run between them: a trend of six costly queries is six slices, not one. */
  async trend(request: TrendRequest): Promise<TrendSeries[]> {
    const queries = request.q.map((q, k) => ({ q, parsed: parseNumbered(q, k, request.q.length) }));
    const series: TrendSeries[] = [];
    for (const query of queries) {
      if (series.length > 0) await new Promise((resolve) => setImmediate(resolve));
      series.push(...trendOf(this.index, [query], request.by, request, threadScratch));
    }
    return series;
  }

  async hits(request: HitsRequest): Promise<HitStream> {
    return hitStream(this.index, request);
  }

  async reportInfo(id: string) {
    const at = this.index.reports.indexOf(id);
    return at < 0 ? null : reportInfo(this.index, at);
  }

  async report(id: string, q?: string) {
    return reportDocument(this.index, id, q, threadScratch);
  }

  async paragraph(reportId: string, paragraphId: string) {
    return paragraphDocument(this.index, reportId, paragraphId);
  }

  async similar(reportId: string, paragraphId: string, limit: number) {
    return similarTo(this.index, reportId, paragraphId, limit, threadScratch);
  }

  async reports(order: 'newest' | 'content', offset: number, limit: number) {
    return reportSlice(this.index, order, offset, limit);
  }

  async reportsTitled(text: string, limit: number) {
    return reportsTitled(this.index, text, limit);
  }

  async earlier(reportId: string) {
    return earlierReport(this.index, reportId);
  }
}
