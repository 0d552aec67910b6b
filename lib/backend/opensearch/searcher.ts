/**
 * The Searcher over a cluster: the seam's calls answered by OpenSearch and the catalogue. A search
 * is three requests at most: the counts per report (and per section) with the terms' collection
 * statistics, in one _msearch; then the candidates, chosen on the cluster as the embedded
 * engine's shortlist chooses them and ranked here by its code (rank.ts). Totals and facets come
 * from the per-report counts by the embedded engine's own folding (query/collection.ts), and are
 * checked exact: a terms aggregation with an error bound or left-over documents is an error, as
 * is a failed shard — never a silent undercount.
 */
import type { API, Client, Types } from '@opensearch-project/opensearch';
import { ParamError } from '../../api/errors';
import type { SearchRequest } from '../../api/search';
import type { TrendSeries } from '../../api/trend';
import { MAX_SECTIONS } from '../../index/columns';
import type { Ranked } from '../../index/model';
import { Scratch } from '../../index/postings';
import { facetsOfRuns, tableTest } from '../../query/collection';
import { MAX_FACETS } from '../../query/facets';
import { parseQuery, type ParsedQuery, type QueryTerm } from '../../query/parse';
import { describeTree } from '../../query/reading';
import { isDirect } from '../../query/score';
import { highlightRanges } from '../../query/spans';
import { FULL_SCORING_LIMIT, smallestKeys } from '../../query/topk';
import type { Hit, HitStream, SearchAnswer, Searcher } from '../types';
import type { Catalogue } from './catalogue';
import { checkShards, onCluster, serviceError, type IndexNames } from './connection';
import { literalQuery, type ClusterQuery } from './mapping';
import { directQuery, filterClauses, matchQuery, positiveTerms } from './query';
import { candidateMatches, rankCandidates, rowsOf, type Candidate, type TermStats } from './rank';

/** What a candidate's document is asked for. */
const CANDIDATE_FIELDS = ['report', 'id', 'ordinal', 'section', 'heading', 'norm', 'words', 'tokens', 'text', 'place'];

/** Matches counted per report (by catalogue position) and per section of each. */
interface Counts {
  total: number;
  byReport: Map<number, number>;
  bySection: Map<number, Map<number, number>>;
}

/** The `k` largest counts (ties to the earlier), as positions of `counts`, in position order: the facets' rule. */
function largest(counts: number[], k: number, scratch: Scratch): number[] {
  const max = Math.max(0, ...counts);
  const keys = scratch.take(counts.length);
  counts.forEach((c, i) => (keys[i] = max - c));
  return Array.from(smallestKeys(keys.subarray(0, counts.length), k, max + 1, scratch));
}

/** Refused on this backend until it is built: a 400 in the error shape, saying so. */
function notYet(what: string): ParamError {
  return new ParamError(
    'unsupported_on_cluster',
    `此检索后端暂不支持${what} (${what} is not yet answered on the OpenSearch backend)`,
  );
}

export class ClusterSearcher implements Searcher {
  readonly identity: string;
  readonly info: Searcher['info'];
  private readonly scratch = new Scratch();

  constructor(
    private readonly client: Client,
    private readonly names: IndexNames,
    readonly catalogue: Catalogue,
  ) {
    this.identity = `opensearch\n${catalogue.contentHash}\n${catalogue.builtAt}`;
    this.info = {
      reports: catalogue.reports.length,
      paragraphs: catalogue.paragraphs,
      builtAt: catalogue.builtAt,
      keywords: [],
    };
  }

  private get paragraphIndex(): string {
    return this.names.alias('paragraphs');
  }

  /** A search's body, sent; its shards checked. */
  private async query<T = unknown>(body: API.Search_RequestBody, routing?: string) {
    const { body: answer } = await onCluster(() =>
      this.client.search({
        index: this.paragraphIndex,
        ...(routing && { routing }),
        allow_partial_search_results: false,
        body,
      }),
    );
    checkShards(answer);
    return answer.hits.hits.map((h) => h._source as T & object);
  }

  /** Per positive term, the collection's statistics (one filter aggregation each, over every paragraph). */
  private statsBody(terms: QueryTerm[]): API.Search_RequestBody {
    const aggs: Record<string, Types.Common_Aggregations.AggregationContainer> = {};
    terms.forEach((t, k) => {
      aggs[`l${k}`] = { filter: literalQuery(t.text) };
      aggs[`d${k}`] = { filter: directQuery(t) };
      t.words.forEach((w, j) => (aggs[`w${k}_${j}`] = { filter: { term: { words: w } } }));
    });
    return { size: 0, track_total_hits: true, query: { match_all: {} }, aggs };
  }

  /** The matches counted by report and section: exact, or an error. */
  private countsBody(match: ClusterQuery): API.Search_RequestBody {
    // A shard that returns fewer buckets than it may has sent every one: then the error bound is 0.
    // So each may send one more than there are reports (sections: than a report may have).
    const reports = this.catalogue.reports.length + 1;
    const sections = MAX_SECTIONS + 1;
    return {
      size: 0,
      track_total_hits: true,
      query: match,
      // The client's types leave out a terms aggregation's field; the cluster takes it.
      aggs: {
        reports: {
          terms: { field: 'report', size: reports, shard_size: reports },
          aggs: { sections: { terms: { field: 'section', size: sections, shard_size: sections } } },
        },
      } as unknown as Record<string, Types.Common_Aggregations.AggregationContainer>,
    };
  }

  private readCounts(answer: Record<string, unknown>): Counts {
    checkShards(answer);
    type Buckets = {
      buckets: { key: string | number; doc_count: number; sections?: Buckets }[];
      sum_other_doc_count?: number;
      doc_count_error_upper_bound?: number;
    };
    const aggs = answer.aggregations as { reports: Buckets };
    const exact = (b: Buckets) => {
      if ((b.sum_other_doc_count ?? 0) !== 0 || (b.doc_count_error_upper_bound ?? 0) !== 0)
        throw new Error('opensearch: a count by report was not exact (a terms aggregation left documents out)');
    };
    exact(aggs.reports);
    const counts: Counts = {
      total: (answer.hits as { total: { value: number } }).total.value,
      byReport: new Map(),
      bySection: new Map(),
    };
    for (const b of aggs.reports.buckets) {
      const at = this.catalogue.indexOf(String(b.key));
      if (at < 0) continue; // a report the catalogue does not know yet: its sync is not finished
      counts.byReport.set(at, b.doc_count);
      exact(b.sections!);
      counts.bySection.set(at, new Map(b.sections!.buckets.map((s) => [Number(s.key), s.doc_count])));
    }
    return counts;
  }

  private readStats(answer: Record<string, unknown>, terms: QueryTerm[]): TermStats[] {
    checkShards(answer);
    const aggs = answer.aggregations as Record<string, { doc_count: number }>;
    return terms.map((t, k) => ({
      literal: aggs[`l${k}`]!.doc_count,
      direct: aggs[`d${k}`]!.doc_count,
      words: t.words.map((_, j) => aggs[`w${k}_${j}`]!.doc_count),
    }));
  }

  /** The counts of `match`, and the terms' statistics, in one round trip. */
  private async countAndStats(
    match: ClusterQuery,
    terms: QueryTerm[],
  ): Promise<{ counts: Counts; stats: TermStats[] }> {
    const index = this.paragraphIndex;
    const { body } = await onCluster(() =>
      this.client.msearch({ body: [{ index }, this.countsBody(match), { index }, this.statsBody(terms)] }),
    );
    const [counts, stats] = body.responses as Record<string, unknown>[];
    for (const r of [counts!, stats!])
      if ('error' in r) {
        const status = (r as { status?: number }).status ?? 500;
        throw serviceError(
          Object.assign(new Error(`opensearch: ${JSON.stringify((r as { error: unknown }).error).slice(0, 300)}`), {
            meta: { statusCode: status },
          }),
        );
      }
    return { counts: this.readCounts(counts!), stats: this.readStats(stats!, terms) };
  }

  async search(request: SearchRequest): Promise<SearchAnswer> {
    if (request.group === 'report') throw notYet('按报告分组');
    const parsed = parseQuery(request.q);
    const terms = positiveTerms(parsed);
    const { catalogue } = this;
    let partial = false;
    const first = await this.countAndStats(matchQuery(parsed, catalogue), terms);
    const { stats } = first;
    let { counts } = first;
    if (counts.total === 0 && !parsed.tree && terms.length >= 2) {
      ({ counts } = await this.countAndStats(matchQuery(parsed, catalogue, true), []));
      partial = counts.total > 0;
    }
    const mixed = parsed.tree ? terms.length > 1 : partial && terms.length > 2;
    const { total, facets } = this.fold(counts, request);
    const want = request.offset + request.limit;
    let ranked: { candidate: Candidate; row: Ranked }[] = [];
    if (total > 0 && request.offset < total) {
      const match = matchQuery(parsed, catalogue, partial);
      const filter = [match, ...filterClauses(request, catalogue)];
      ranked =
        request.sort === 'relevance'
          ? await this.byRelevance(filter, terms, stats, mixed, total, want)
          : await this.byDate(filter, terms, stats, request, counts, want);
    }
    return {
      normalized: parsed.normalized,
      terms: parsed.terms,
      ...(describeTree(parsed) ?? {}),
      total,
      facets,
      partial,
      hits: ranked.slice(request.offset, want).map(({ candidate, row }) => this.hit(parsed, candidate, row)),
    };
  }

  /** The total under every filter, and the facets by the embedded engine's rules (query/collect.ts). */
  private fold(counts: Counts, request: SearchRequest) {
    const { catalogue, scratch } = this;
    scratch.begin();
    const inFields = tableTest(catalogue.table, request);
    const positions = [...counts.byReport.keys()].sort((a, b) => a - b);
    const kept = positions.filter((at) => !inFields || inFields(at));
    // Reports and sections, under the field filters.
    const reportCounts = kept.map((at) => counts.byReport.get(at)!);
    const sections: { at: number; section: number; count: number }[] = [];
    for (const at of kept)
      for (const [section, count] of [...counts.bySection.get(at)!].sort((a, b) => a[0] - b[0]))
        if (section >= 0) sections.push({ at, section, count });
    const facets = {
      reports: largest(reportCounts, MAX_FACETS, scratch).map((k) => ({
        id: catalogue.reports[kept[k]!]!.id,
        title: catalogue.reports[kept[k]!]!.title,
        count: reportCounts[k]!,
      })),
      sections: largest(
        sections.map((s) => s.count),
        MAX_FACETS,
        scratch,
      ).map((k) => {
        const s = sections[k]!;
        return {
          report: catalogue.reports[s.at]!.id,
          section: catalogue.reports[s.at]!.sections[s.section] ?? '',
          count: s.count,
        };
      }),
      ...facetsOfRuns(
        catalogue.table,
        {
          reports: Uint32Array.from(positions),
          counts: Uint32Array.from(positions, (at) => counts.byReport.get(at)!),
          n: positions.length,
        },
        request,
      ),
    };
    // The total: under the field filters, then the report and the section asked for.
    let total = 0;
    for (const at of kept) {
      if (request.report !== null && catalogue.reports[at]!.id !== request.report) continue;
      if (request.section === null) total += counts.byReport.get(at)!;
      else
        for (const [section, count] of counts.bySection.get(at)!)
          if (section >= 0 && catalogue.reports[at]!.sections[section] === request.section) total += count;
    }
    return { total, facets };
  }

  /**
   * The best `want` by relevance: the embedded engine's shortlist (most terms, fewest words, content
   * order) of at least FULL_SCORING_LIMIT chosen on the cluster, then scored and ranked here.
   */
  private async byRelevance(
    filter: ClusterQuery[],
    terms: QueryTerm[],
    stats: TermStats[],
    mixed: boolean,
    total: number,
    want: number,
  ) {
    const size = Math.min(total, Math.max(FULL_SCORING_LIMIT, want));
    // Mixed matches rank by how many terms they hold: each term adds 1 to the score the shortlist sorts by.
    const query: ClusterQuery = mixed
      ? { bool: { filter, should: terms.map((t) => ({ constant_score: { filter: directQuery(t), boost: 1 } })) } }
      : { bool: { filter } };
    const candidates = await this.query<Candidate>({
      size,
      track_total_hits: false,
      _source: CANDIDATE_FIELDS,
      query,
      sort: [
        ...(mixed ? [{ _score: { order: 'desc' as const } }] : []),
        { short: { order: 'asc' } },
        { place: { order: 'asc' } },
      ],
    });
    // Local ids in content order: the embedded engine's last tie-break is a paragraph's position.
    candidates.sort((a, b) => (a.place < b.place ? -1 : a.place > b.place ? 1 : 0));
    const matches = candidateMatches(candidates, terms, stats, this.catalogue.paragraphs);
    this.scratch.begin();
    return rankCandidates(candidates, matches, this.catalogue.avgLength, mixed, want, this.scratch).map((row) => ({
      candidate: candidates[row.id]!,
      row,
    }));
  }

  /** The first `want` by the reports' dates: the reports worked out from the counts, their matches fetched in reading order. */
  private async byDate(
    filter: ClusterQuery[],
    terms: QueryTerm[],
    stats: TermStats[],
    request: SearchRequest,
    counts: Counts,
    want: number,
  ) {
    const { catalogue } = this;
    const sort = request.sort as 'newest' | 'oldest';
    const place = catalogue.table[sort];
    const inFields = tableTest(catalogue.table, request);
    const reports = [...counts.byReport.keys()]
      .filter(
        (at) =>
          (!inFields || inFields(at)) && (request.report === null || catalogue.reports[at]!.id === request.report),
      )
      .sort((a, b) => place[a]! - place[b]!);
    const candidates: Candidate[] = [];
    for (const at of reports) {
      if (candidates.length >= want) break;
      const id = catalogue.reports[at]!.id;
      const own = await this.query<Candidate>(
        {
          size: want - candidates.length,
          _source: CANDIDATE_FIELDS,
          query: { bool: { filter: [...filter, { term: { report: id } }] } },
          sort: [{ ordinal: { order: 'asc' } }],
        },
        id,
      );
      candidates.push(...own);
    }
    const matches = candidateMatches(candidates, terms, stats, catalogue.paragraphs);
    return rowsOf(candidates, matches, catalogue.avgLength).map((row) => ({ candidate: candidates[row.id]!, row }));
  }

  private hit(parsed: ParsedQuery, c: Candidate, row: Ranked): Hit {
    const at = this.catalogue.indexOf(c.report);
    return {
      id: c.id,
      report: this.catalogue.hit(at),
      section: c.heading,
      ordinal: c.ordinal,
      text: c.text,
      highlights: highlightRanges(c.text, c.norm, parsed.terms, row.kinds.map(isDirect), parsed.tree),
      score: row.score,
      termMatches: row.kinds,
    };
  }

  async trend(): Promise<TrendSeries[]> {
    throw notYet('趋势统计');
  }

  async hits(): Promise<HitStream> {
    throw notYet('导出');
  }

  async reportInfo(id: string) {
    const at = this.catalogue.indexOf(id);
    return at < 0 ? null : this.catalogue.info(at);
  }

  /** A report's paragraphs in reading order, from the one shard that holds them (routed by report). */
  private async paragraphsOf(id: string): Promise<Candidate[]> {
    const at = this.catalogue.indexOf(id);
    const count = this.catalogue.reports[at]!.paragraphs;
    return this.query<Candidate>(
      {
        size: count,
        _source: CANDIDATE_FIELDS,
        query: { term: { report: id } },
        sort: [{ ordinal: { order: 'asc' } }],
      },
      id,
    );
  }

  async report(id: string, q?: string) {
    const at = this.catalogue.indexOf(id);
    if (at < 0) return null;
    let terms: QueryTerm[] = [];
    try {
      if (q) terms = parseQuery(q).terms.filter((t) => t.kind !== 'exclude');
    } catch {
      terms = [];
    }
    const paragraphs = (await this.paragraphsOf(id)).map((p) => ({
      id: p.id,
      ordinal: p.ordinal,
      section: p.heading,
      text: p.text,
      norm: p.norm,
      highlights: terms.length ? highlightRanges(p.text, p.norm, terms) : [],
    }));
    return { report: this.catalogue.info(at), paragraphs, distinctive: [] };
  }

  async paragraph(reportId: string, paragraphId: string) {
    const at = this.catalogue.indexOf(reportId);
    if (at < 0) return null;
    const { body } = await onCluster(() =>
      this.client.get(
        { index: this.paragraphIndex, id: `${reportId}/${paragraphId}`, routing: reportId },
        { ignore: [404] },
      ),
    );
    const p = (body as { found?: boolean; _source?: Candidate })._source;
    if (!p) return null;
    return {
      report: this.catalogue.info(at),
      paragraph: { id: p.id, ordinal: p.ordinal, section: p.heading, text: p.text },
    };
  }

  async similar(): Promise<never> {
    throw notYet('相似段落');
  }

  async reports(order: 'newest' | 'content', offset: number, limit: number) {
    return this.catalogue.slice(order, offset, limit);
  }

  async reportsTitled(text: string, limit: number) {
    return this.catalogue.titled(text, limit);
  }

  async earlier(reportId: string) {
    return this.catalogue.earlier(reportId);
  }
}
