/**
 * The Searcher over a cluster: the seam's calls answered by OpenSearch and the catalogue. A plain
 * search is two requests, three for partial results: the counts per report (and per section) with
 * the terms' collection statistics, in one _msearch; then the candidates, chosen on the cluster as
 * the embedded engine's shortlist chooses them and ranked here by its code (rank.ts); an expert
 * query's NEAR and SENT pairs are found first. Pinyin and synonym expansions are not made here yet:
 * a query is searched as typed. Totals and facets come
 * from the per-report counts by the embedded engine's own folding (query/collection.ts), and are
 * checked exact: a terms aggregation with an error bound or left-over documents is an error, as
 * is a failed shard — never a silent undercount.
 */
import type { API, Client, Types } from '@opensearch-project/opensearch';
import { NotFoundError, UnavailableError } from '../../api/errors';
import { gramSet, jaccard, overlap } from '../../compare/grams';
import { MIN_SIMILAR_GRAMS, SIMILARITY_THRESHOLD } from '../../compare/similar';
import type { SearchRequest } from '../../api/search';
import type { TrendRequest, TrendSeries } from '../../api/trend';
import { MAX_SECTIONS } from '../../index/columns';
import type { Ranked } from '../../index/model';
import { Scratch } from '../../index/postings';
import { facetsOfRuns, tableTest } from '../../query/collection';
import { MAX_FACETS } from '../../query/facets';
import { parseNumbered, parseQuery, type ParsedQuery, type QueryNode, type QueryTerm } from '../../query/parse';
import { termSpans } from '../../query/spans';
import { near, tooCostly } from '../../query/tree';
import { MAX_NEAR_SCAN } from '../../api/limits';
import { describeTree } from '../../query/reading';
import { isDirect, kindsOf } from '../../query/score';
import { hundredths, tableBuckets, typedTerm } from '../../query/trend';
import { highlightRanges } from '../../query/spans';
import { GROUP_HITS } from '../../query/collect';
import { RERANK_DEPTH } from '../../query/order';
import { FULL_SCORING_LIMIT, smallestKeys } from '../../query/topk';
import type { Hit, HitsRequest, HitStream, ParagraphAt, SearchAnswer, Searcher, SimilarAnswer } from '../types';
import type { Catalogue } from './catalogue';
import { checkShards, onCluster, serviceError, type IndexNames } from './connection';
import { literalQuery, tokensPerOccurrence, type ClusterQuery } from './mapping';
import { directQuery, filterClauses, idsQuery, matchQuery, positiveTerms, treeTerm, type Pairs } from './query';
import { candidateMatches, rankCandidates, rankWithin, rowsOf, type Candidate, type TermStats } from './rank';

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

/** A terms aggregation's answer, each bucket with its sub-aggregations `S`. */
type TermsBuckets<S = object> = {
  buckets: ({ key: string | number; doc_count: number } & S)[];
  sum_other_doc_count?: number;
  doc_count_error_upper_bound?: number;
};

/** A terms aggregation that left documents out, or may have miscounted, is an error: never an undercount. */
function exact(b: TermsBuckets<unknown>): void {
  if ((b.sum_other_doc_count ?? 0) !== 0 || (b.doc_count_error_upper_bound ?? 0) !== 0)
    throw new Error('opensearch: a count by report was not exact (a terms aggregation left documents out)');
}

/** Whether matches hold different numbers of terms, those holding more ranking first (query/plan.ts mixed). */
function mixedOf(parsed: ParsedQuery, terms: QueryTerm[], partial: boolean): boolean {
  return parsed.tree ? terms.length > 1 : partial && terms.length > 2;
}

/** Hits an export's batch holds (as the embedded engine's). */
const HIT_BATCH = 256;

/** Matches read per request when every one is read (a trend counted by the highlighter). */
const MATCH_BATCH = 2_000;
/** How long a point in time is kept between two batches. */
const PIT_KEEP_ALIVE = '1m';

export class ClusterSearcher implements Searcher {
  readonly identity: string;
  readonly info: Searcher['info'];
  private readonly scratch = new Scratch();
  /** Each query's NEAR and SENT pairs, found once however many requests it makes. */
  private readonly pairs = new WeakMap<ParsedQuery, Pairs>();

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
    type Buckets = TermsBuckets<{ sections: TermsBuckets }>;
    const aggs = answer.aggregations as { reports: Buckets };
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
      exact(b.sections);
      counts.bySection.set(at, new Map(b.sections.buckets.map((s) => [Number(s.key), s.doc_count])));
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
    const parsed = parseQuery(request.q);
    const terms = positiveTerms(parsed);
    const { catalogue } = this;
    const { counts, stats, partial } = await this.matching(parsed, terms);
    const mixed = mixedOf(parsed, terms, partial);
    const { total, facets } = this.fold(counts, request);
    const want = request.offset + request.limit;
    const answer = {
      normalized: parsed.normalized,
      terms: parsed.terms,
      ...(describeTree(parsed) ?? {}),
      total,
      facets,
      partial,
    };
    if (request.group === 'report') {
      const filter = [await this.matchOf(parsed, partial), ...filterClauses(request, catalogue)];
      const grouped = await this.groups(filter, terms, stats, mixed, request, counts, total, want);
      return {
        ...answer,
        hits: [],
        groupTotal: grouped.total,
        groups: grouped.groups.slice(request.offset, want).map((g) => ({
          report: catalogue.hit(g.at),
          count: g.count,
          hits: g.ranked.map(({ candidate, row }) => this.hit(parsed, candidate, row)),
        })),
      };
    }
    let ranked: { candidate: Candidate; row: Ranked }[] = [];
    if (total > 0 && request.offset < total) {
      const match = await this.matchOf(parsed, partial);
      const filter = [match, ...filterClauses(request, catalogue)];
      ranked =
        request.sort === 'relevance'
          ? await this.byRelevance(filter, terms, stats, mixed, total, want)
          : await this.byDate(filter, terms, stats, request, counts, want);
    }
    return {
      ...answer,
      hits: ranked.slice(request.offset, want).map(({ candidate, row }) => this.hit(parsed, candidate, row)),
    };
  }

  /**
   * The first `want` reports with matches under the filters, in the order asked for, each with its
   * count and its first GROUP_HITS (query/collect.ts collectGroups): by relevance, in the order
   * their best match comes, found by ranking deeper until enough reports appear; by date, the
   * reports' own order.
   */
  private async groups(
    filter: ClusterQuery[],
    terms: QueryTerm[],
    stats: TermStats[],
    mixed: boolean,
    request: SearchRequest,
    counts: Counts,
    total: number,
    want: number,
  ) {
    const { catalogue } = this;
    const withMatches = this.reportsByDate({ ...request, sort: 'oldest' }, counts);
    // Under a section filter a report's count is its section's.
    const countOf = (at: number) =>
      request.section === null
        ? counts.byReport.get(at)!
        : [...counts.bySection.get(at)!].reduce(
            (n, [k, c]) => n + (k >= 0 && catalogue.reports[at]!.sections[k] === request.section ? c : 0),
            0,
          );
    const having = withMatches.filter((at) => countOf(at) > 0);
    const wanted = Math.min(want, having.length);
    let chosen: number[];
    if (request.sort !== 'relevance')
      chosen = this.reportsByDate(request, counts)
        .filter((at) => countOf(at) > 0)
        .slice(0, wanted);
    else {
      // As query/order.ts: reports seen in a shallower ranking keep their places; a deeper one adds to them.
      chosen = [];
      const seen = new Set<number>();
      for (let k = Math.max(RERANK_DEPTH, wanted * 4); ; k *= 4) {
        for (const { candidate } of await this.byRelevance(filter, terms, stats, mixed, total, k)) {
          const at = catalogue.indexOf(candidate.report);
          if (!seen.has(at)) {
            seen.add(at);
            chosen.push(at);
          }
          if (chosen.length === wanted) break;
        }
        if (chosen.length >= wanted || k >= total) break;
      }
    }
    const groups = [];
    for (const at of chosen) {
      const id = catalogue.ids[at]!;
      const own = [...filter, { term: { report: id } }];
      const candidates =
        request.sort === 'relevance'
          ? await this.query<Candidate>(
              {
                size: Math.min(countOf(at), FULL_SCORING_LIMIT),
                _source: CANDIDATE_FIELDS,
                query: mixed
                  ? {
                      bool: {
                        filter: own,
                        should: terms.map((t) => ({ constant_score: { filter: directQuery(t), boost: 1 } })),
                      },
                    }
                  : { bool: { filter: own } },
                sort: [
                  ...(mixed ? [{ _score: { order: 'desc' as const } }] : []),
                  { short: { order: 'asc' } },
                  { place: { order: 'asc' } },
                ],
              },
              id,
            )
          : await this.query<Candidate>(
              {
                size: GROUP_HITS,
                _source: CANDIDATE_FIELDS,
                query: { bool: { filter: own } },
                sort: [{ ordinal: { order: 'asc' } }],
              },
              id,
            );
      candidates.sort((a, b) => (a.place < b.place ? -1 : a.place > b.place ? 1 : 0));
      const matches = candidateMatches(candidates, terms, stats, catalogue.paragraphs);
      this.scratch.begin();
      const rows =
        request.sort === 'relevance'
          ? rankWithin(candidates, matches, catalogue.avgLength, mixed, GROUP_HITS, this.scratch)
          : rowsOf(candidates, matches, catalogue.avgLength);
      groups.push({ at, count: countOf(at), ranked: rows.map((row) => ({ candidate: candidates[row.id]!, row })) });
    }
    return { total: having.length, groups };
  }

  /** What `parsed` matches in the cluster's language, its NEAR and SENT pairs found first (once per query). */
  private async matchOf(parsed: ParsedQuery, partial = false): Promise<ClusterQuery> {
    let pairs = this.pairs.get(parsed);
    if (!pairs) this.pairs.set(parsed, (pairs = await this.findPairs(parsed)));
    return matchQuery(parsed, this.catalogue, partial, pairs);
  }

  /**
   * Where each NEAR and SENT pair of a tree holds, as query/tree.ts finds it: the paragraphs
   * holding both terms are read (at most MAX_NEAR_SCAN over the query's pairs, else the query is
   * refused as too costly, at the same point as on the embedded engine) and the two occurrences'
   * distance checked here; the pair becomes the ids of those where it holds.
   */
  private async findPairs(parsed: ParsedQuery): Promise<Pairs> {
    const pairs: Pairs = new Map();
    if (!parsed.tree) return pairs;
    const byKey = new Map<string, ClusterQuery>();
    let scanned = 0;
    const visit = async (node: QueryNode): Promise<void> => {
      if (node.op === 'not') return visit(node.child);
      if (node.op === 'and' || node.op === 'or') {
        for (const c of node.children) await visit(c);
        return;
      }
      if (node.op !== 'near' && node.op !== 'sent') return;
      const distance = node.op === 'near' ? node.distance : null;
      const key = `${Math.min(node.left, node.right)} ${Math.max(node.left, node.right)} ${distance}`;
      let found = byKey.get(key);
      if (!found) {
        const both: ClusterQuery = { bool: { filter: [treeTerm(parsed, node.left), treeTerm(parsed, node.right)] } };
        scanned += await this.count(both);
        if (scanned > MAX_NEAR_SCAN) throw tooCostly(scanned);
        const ids: string[] = [];
        const [left, right] = [parsed.terms[node.left]!, parsed.terms[node.right]!];
        for await (const batch of this.everyMatch(both, ['report', 'id', 'norm']))
          for (const c of batch)
            if (near(c.norm, termSpans(c.norm, left), termSpans(c.norm, right), distance))
              ids.push(`${c.report}/${c.id}`);
        byKey.set(key, (found = idsQuery(ids)));
      }
      pairs.set(node, found);
    };
    await visit(parsed.tree);
    return pairs;
  }

  /** How many paragraphs a query matches, exactly. */
  private async count(query: ClusterQuery): Promise<number> {
    const { body } = await onCluster(() =>
      this.client.search({
        index: this.paragraphIndex,
        allow_partial_search_results: false,
        body: { size: 0, track_total_hits: true, query },
      }),
    );
    checkShards(body);
    return (body.hits.total as { value: number }).value;
  }

  /**
   * What a query matches, counted, with its terms' statistics: every term, or when no paragraph
   * holds them all (a plain query of two terms or more), any of them — partial results, as the
   * embedded engine's plan has them.
   */
  private async matching(parsed: ParsedQuery, terms: QueryTerm[]) {
    const { counts, stats } = await this.countAndStats(await this.matchOf(parsed), terms);
    if (counts.total > 0 || parsed.tree || terms.length < 2) return { counts, stats, partial: false };
    const some = await this.countAndStats(await this.matchOf(parsed, true), []);
    return { counts: some.counts, stats, partial: some.counts.total > 0 };
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
    const reports = this.reportsByDate(request, counts);
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

  /**
   * Each query's paragraphs and occurrences bucket by bucket, exact. A query counted as typed (one
   * term that cannot overlap itself: query/trend.ts typedTerm) is counted on the cluster: the
   * mapping's similarity scores a match by its occurrences, summed per report. Any other has its
   * occurrences as the highlights mark them, which only the highlighter knows: its matches are read
   * with a point in time, a batch at a time, and counted here.
   */
  async trend(request: TrendRequest): Promise<TrendSeries[]> {
    const { catalogue } = this;
    const queries = request.q.map((q, k) => ({ q, parsed: parseNumbered(q, k, request.q.length) }));
    const buckets = tableBuckets(catalogue.table, catalogue.ids, request.by, request);
    if (request.section !== null) {
      buckets.characters.fill(0);
      catalogue.reports.forEach((r, at) => {
        const b = buckets.of[at]!;
        if (b >= 0)
          r.sections.forEach((h, k) => h === request.section && (buckets.characters[b]! += r.sectionChars[k]!));
      });
    }
    const series: TrendSeries[] = [];
    for (const { q, parsed } of queries) {
      const filter = [await this.matchOf(parsed), ...filterClauses(request, catalogue)];
      const perReport = await this.occurrencesByReport(parsed, filter);
      const paragraphs = new Float64Array(buckets.keys.length);
      const occurrences = new Float64Array(buckets.keys.length);
      let [matched, total] = [0, 0];
      for (const [at, n] of perReport) {
        matched += n.paragraphs;
        total += n.occurrences;
        const b = buckets.of[at]!;
        if (b < 0) continue;
        paragraphs[b]! += n.paragraphs;
        occurrences[b]! += n.occurrences;
      }
      series.push({
        q,
        paragraphs: matched,
        occurrences: total,
        buckets: buckets.keys.map((key, b) => ({
          key,
          paragraphs: paragraphs[b]!,
          occurrences: occurrences[b]!,
          characters: buckets.characters[b]!,
          perTenThousand: buckets.characters[b] ? hundredths((occurrences[b]! * 10_000) / buckets.characters[b]!) : 0,
        })),
      });
    }
    return series;
  }

  /** Per report (catalogue position), its matching paragraphs and their occurrences. */
  private async occurrencesByReport(
    parsed: ParsedQuery,
    filter: ClusterQuery[],
  ): Promise<Map<number, { paragraphs: number; occurrences: number }>> {
    const out = new Map<number, { paragraphs: number; occurrences: number }>();
    const typed = typedTerm(parsed.terms, parsed.tree);
    if (typed) {
      const size = this.catalogue.reports.length + 1;
      const { body } = await onCluster(() =>
        this.client.search({
          index: this.paragraphIndex,
          allow_partial_search_results: false,
          body: {
            size: 0,
            track_total_hits: true,
            query: { bool: { must: [literalQuery(typed.text)], filter } },
            aggs: {
              reports: {
                terms: { field: 'report', size, shard_size: size },
                aggs: { occurrences: { sum: { script: { source: '_score' } } } },
              },
            } as unknown as Record<string, Types.Common_Aggregations.AggregationContainer>,
          },
        }),
      );
      checkShards(body);
      const reports = (body.aggregations as unknown as { reports: TermsBuckets<{ occurrences: { value: number } }> })
        .reports;
      exact(reports);
      const per = tokensPerOccurrence(typed.text);
      for (const b of reports.buckets) {
        const at = this.catalogue.indexOf(String(b.key));
        if (at >= 0) out.set(at, { paragraphs: b.doc_count, occurrences: Math.round(b.occurrences.value / per) });
      }
      return out;
    }
    const terms = positiveTerms(parsed);
    const none = terms.map((t) => ({ literal: 0, direct: 0, words: t.words.map(() => 0) }));
    for await (const batch of this.everyMatch({ bool: { filter } }, ['report', 'norm', 'words'])) {
      const matches = candidateMatches(batch, terms, none, this.catalogue.paragraphs);
      batch.forEach((c, i) => {
        const at = this.catalogue.indexOf(c.report);
        if (at < 0) return;
        const n = highlightRanges(c.norm, c.norm, parsed.terms, kindsOf(matches, i).map(isDirect), parsed.tree).length;
        const entry = out.get(at) ?? { paragraphs: 0, occurrences: 0 };
        entry.paragraphs++;
        entry.occurrences += n;
        out.set(at, entry);
      });
    }
    return out;
  }

  /**
   * Every paragraph `query` matches, in content order, a batch at a time: one point in time, so a
   * sync between batches changes nothing that is read; let go of when the reading ends or fails.
   */
  private async *everyMatch(query: ClusterQuery, fields: string[]): AsyncGenerator<Candidate[]> {
    const { body: pit } = await onCluster(() =>
      this.client.createPit({ index: [this.paragraphIndex], keep_alive: PIT_KEEP_ALIVE }),
    );
    try {
      let after: Types.Common.SortResults | undefined;
      for (;;) {
        const { body } = await onCluster(() =>
          this.client.search({
            allow_partial_search_results: false,
            body: {
              size: MATCH_BATCH,
              _source: fields,
              query,
              pit: { id: pit.pit_id, keep_alive: PIT_KEEP_ALIVE },
              sort: [{ place: { order: 'asc' } }],
              ...(after && { search_after: after }),
            },
          }),
        );
        checkShards(body);
        const hits = body.hits.hits;
        if (hits.length) yield hits.map((h) => h._source as Candidate);
        if (hits.length < MATCH_BATCH) return;
        after = hits[hits.length - 1]!.sort;
      }
    } finally {
      await this.client.deletePit({ body: { pit_id: [pit.pit_id] } }).catch(() => {});
    }
  }

  /**
   * Every hit of a search in its order, as an export reads it. By date: the reports in date order
   * (from the counts), each one's matches read in reading order. By relevance, as the embedded
   * engine's rankAll: every match is read once with a point in time and scored in its batch — only
   * its rank keys are kept, never its text — the first RERANK_DEPTH re-ranked by proximity; then
   * the hits are fetched in order, a batch at a time, as the reader asks for them.
   */
  async hits(request: HitsRequest): Promise<HitStream> {
    const parsed = parseQuery(request.q);
    const terms = positiveTerms(parsed);
    const { catalogue } = this;
    const { counts, stats, partial } = await this.matching(parsed, terms);
    const { total } = this.fold(counts, { ...request, limit: 0, offset: 0 });
    const filter = [await this.matchOf(parsed, partial), ...filterClauses(request, catalogue)];
    const order =
      request.sort === 'relevance'
        ? await this.rankEvery(filter, terms, stats, mixedOf(parsed, terms, partial))
        : this.reportsByDate(request, counts).map((at) => catalogue.ids[at]!);
    let closed = false;
    const hitOf = (c: Candidate) => {
      const matches = candidateMatches([c], terms, stats, catalogue.paragraphs);
      return this.hit(parsed, c, { id: 0, score: 0, kinds: kindsOf(matches, 0) });
    };
    const fetch = (ids: { report: string; id: string }[]) => this.fetch(ids);
    const every = (query: ClusterQuery) => this.everyMatch(query, CANDIDATE_FIELDS);
    async function* batches(): AsyncGenerator<Hit[]> {
      if (request.sort === 'relevance') {
        const ids = order as { report: string; id: string }[];
        for (let i = 0; i < ids.length && !closed; i += HIT_BATCH)
          yield (await fetch(ids.slice(i, i + HIT_BATCH))).map(hitOf);
        return;
      }
      for (const report of order as string[]) {
        if (closed) return;
        const within = { bool: { filter: [...filter, { term: { report } }] } };
        for await (const batch of every(within)) {
          if (closed) return;
          yield batch.map(hitOf);
        }
      }
    }
    return { total, batches: batches(), close: () => void (closed = true) };
  }

  /** The reports with matches under the filters, in the date order asked for. */
  private reportsByDate(request: HitsRequest | SearchRequest, counts: Counts): number[] {
    const { catalogue } = this;
    const place = catalogue.table[request.sort as 'newest' | 'oldest'];
    const inFields = tableTest(catalogue.table, request);
    return [...counts.byReport.keys()]
      .filter(
        (at) =>
          (!inFields || inFields(at)) && (request.report === null || catalogue.reports[at]!.id === request.report),
      )
      .sort((a, b) => place[a]! - place[b]!);
  }

  /** Every match of `filter` in relevance order (query/topk.ts rankAll's), as ids. */
  private async rankEvery(filter: ClusterQuery[], terms: QueryTerm[], stats: TermStats[], mixed: boolean) {
    const keys: { report: string; id: string; place: string; matched: number; direct: number; score: number }[] = [];
    const { avgLength, paragraphs } = this.catalogue;
    for await (const batch of this.everyMatch({ bool: { filter } }, [
      'report',
      'id',
      'place',
      'norm',
      'words',
      'tokens',
    ])) {
      const matches = candidateMatches(batch, terms, stats, paragraphs);
      rowsOf(batch, matches, avgLength).forEach((row, i) => {
        const matched = row.kinds.filter(Boolean).length;
        keys.push({
          report: batch[i]!.report,
          id: batch[i]!.id,
          place: batch[i]!.place,
          matched: mixed ? matched : terms.length,
          direct: row.kinds.filter(isDirect).length,
          score: row.score,
        });
      });
    }
    keys.sort(
      (a, b) =>
        b.matched - a.matched ||
        b.direct - a.direct ||
        b.score - a.score ||
        (a.place < b.place ? -1 : a.place > b.place ? 1 : 0),
    );
    // The first RERANK_DEPTH re-ranked by proximity, as a page's are: their texts are read again.
    const head = await this.fetch(keys.slice(0, RERANK_DEPTH));
    head.sort((a, b) => (a.place < b.place ? -1 : a.place > b.place ? 1 : 0));
    this.scratch.begin();
    const reranked = rankCandidates(
      head,
      candidateMatches(head, terms, stats, paragraphs),
      avgLength,
      mixed,
      head.length,
      this.scratch,
    );
    return [...reranked.map((r) => head[r.id]!), ...keys.slice(RERANK_DEPTH)].map(({ report, id }) => ({ report, id }));
  }

  /** Paragraphs by report and id, in the order given (one multi-get, each routed to its report's shard). */
  private async fetch(ids: { report: string; id: string }[]): Promise<Candidate[]> {
    if (ids.length === 0) return [];
    const { body } = await onCluster(() =>
      this.client.mget({
        body: {
          docs: ids.map(({ report, id }) => ({
            _index: this.paragraphIndex,
            _id: `${report}/${id}`,
            routing: report,
            _source: CANDIDATE_FIELDS,
          })),
        },
      }),
    );
    return body.docs.map((d, i) => {
      const source = (d as { _source?: Candidate })._source;
      // Gone between the ranking and this read (a sync removed it): an export must not silently skip it.
      if (!source)
        throw new UnavailableError(
          `检索集群的内容在导出时变了，请重试 (paragraph ${ids[i]!.report}/${ids[i]!.id} went away)`,
        );
      return source;
    });
  }

  async reportInfo(id: string) {
    const at = this.catalogue.indexOf(id);
    return at < 0 ? null : this.catalogue.info(at);
  }

  /** A report's paragraphs in reading order. */
  private async paragraphsOf(id: string): Promise<Candidate[]> {
    const out: Candidate[] = [];
    // Read with a point in time, however long the report: one search may return only so many.
    for await (const batch of this.everyMatch({ term: { report: id } }, CANDIDATE_FIELDS)) out.push(...batch);
    return out;
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

  /**
   * Paragraphs of other reports at least SIMILARITY_THRESHOLD alike (Jaccard of character-pair
   * sets, compare/similar.ts): a paragraph that alike shares at least that share of this one's
   * pairs, so the cluster finds every candidate by counting shared pairs (terms_set over the pairs
   * field), and each is measured here exactly. Nothing at or above the threshold is missed.
   */
  async similar(reportId: string, paragraphId: string, limit: number): Promise<SimilarAnswer> {
    const at = this.catalogue.indexOf(reportId);
    if (at < 0) throw new NotFoundError(`no report has the id "${reportId}" (report)`);
    const [self] = await this.fetch([{ report: reportId, id: paragraphId }]).catch((err: unknown) => {
      if (err instanceof UnavailableError && /went away/.test(err.message)) return [];
      throw err;
    });
    if (!self) throw new NotFoundError(`report "${reportId}" has no paragraph "${paragraphId}"`);
    const answer = {
      paragraph: this.paragraphAt(self),
      threshold: SIMILARITY_THRESHOLD,
      hits: [] as SimilarAnswer['hits'],
    };
    const keys = gramSet(self.norm);
    if (keys.length < MIN_SIMILAR_GRAMS) return answer;
    const chars = Array.from(self.norm);
    const pairs = [...new Set(chars.slice(1).map((c, i) => chars[i]! + c))];
    const needed = Math.ceil(SIMILARITY_THRESHOLD * keys.length - 1e-9);
    const query: ClusterQuery = {
      bool: {
        filter: [
          { terms_set: { 'norm.bi': { terms: pairs, minimum_should_match_script: { source: String(needed) } } } },
        ],
        must_not: [{ term: { report: reportId } }],
      },
    };
    const found: { candidate: Candidate; similarity: number }[] = [];
    for await (const batch of this.everyMatch(query, CANDIDATE_FIELDS))
      for (const c of batch) {
        const theirs = gramSet(c.norm);
        const similarity = jaccard(keys.length, theirs.length, overlap(keys, theirs));
        if (similarity >= SIMILARITY_THRESHOLD) found.push({ candidate: c, similarity });
      }
    found.sort(
      (x, y) =>
        y.similarity - x.similarity ||
        (x.candidate.place < y.candidate.place ? -1 : x.candidate.place > y.candidate.place ? 1 : 0),
    );
    answer.hits = found
      .slice(0, limit)
      .map(({ candidate, similarity }) => ({ ...this.paragraphAt(candidate), similarity }));
    return answer;
  }

  private paragraphAt(c: Candidate): ParagraphAt {
    return {
      report: this.catalogue.hit(this.catalogue.indexOf(c.report)),
      id: c.id,
      ordinal: c.ordinal,
      section: c.heading,
      text: c.text,
    };
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
