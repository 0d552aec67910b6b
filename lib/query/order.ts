/**
 * The orders a search's hits come in, as ranking rules (milli's): by relevance — BM25, the best
 * hundred re-ranked by how close the terms stand — or by the reports' dates, newest or oldest
 * first, a report's paragraphs in reading order. A page, a report's group and an export all take
 * their order from here: sorting is a rule chosen from a table, not a branch.
 */
import type { Sort } from '../api/search';
import type { Ranked } from '../index/model';
import { allByDate, earliestRuns, firstByDate, reportTable, type Runs } from './collection';

export type { Runs };
import type { Plan } from './plan';
import { byRank, proximityBonus } from './score';
import { rankAll, topHits } from './topk';

/** Only this many best hits are re-ranked by term proximity, which needs their match positions. */
export const RERANK_DEPTH = 100;

/** An order of hits. */
export interface Order {
  /** At least the first `depth` of `ids` (sorted, filtered), ranked. */
  first(plan: Plan, ids: Uint32Array, depth: number): Ranked[];
  /** Every one of `ids` in this order, as ids. */
  all(plan: Plan, ids: Uint32Array): Uint32Array;
  /** Of the runs of `ids` by report, the first `want` in this order, as positions in `runs`. */
  reports(plan: Plan, ids: Uint32Array, runs: Runs, want: number): number[];
  /** The first `k` of one report's own ids. */
  within(plan: Plan, own: Uint32Array, k: number): Ranked[];
}

/** The best hits re-ranked with the bonus for terms close together (only a query of several terms has one). */
function rerank(plan: Plan, head: Ranked[]): Ranked[] {
  const { matches, index } = plan;
  if (matches.length < 2) return head;
  for (const r of head) r.score += proximityBonus(index.paragraphs.norm(r.id), matches, r.kinds);
  return head.sort(byRank);
}

/** The best `k` of `ids` (at least RERANK_DEPTH), the first RERANK_DEPTH re-ranked by proximity. */
function best(plan: Plan, ids: Uint32Array, k: number): Ranked[] {
  const head = topHits(plan.index, plan.matches, ids, plan.mixed, Math.max(k, RERANK_DEPTH), plan.scratch);
  return [...rerank(plan, head.slice(0, RERANK_DEPTH)), ...head.slice(RERANK_DEPTH)];
}

const byRelevance: Order = {
  first: best,
  all(plan, ids) {
    const ordered = rankAll(plan.index, plan.matches, ids, plan.mixed, plan.scratch);
    rerank(plan, plan.rows(ordered.subarray(0, RERANK_DEPTH))).forEach((r, i) => (ordered[i] = r.id));
    return ordered;
  },
  /** In the order their best match comes in the ranking, found by ranking deeper until enough reports appear. */
  reports(plan, ids, runs, want) {
    const reportOf = plan.index.paragraphs.columns.report;
    const runOf = new Map<number, number>();
    for (let i = 0; i < runs.n; i++) runOf.set(runs.reports[i]!, i);
    const seen = new Set<number>();
    const order: number[] = [];
    for (let k = Math.max(RERANK_DEPTH, want * 4); ; k *= 4) {
      for (const r of best(plan, ids, k)) {
        const run = runOf.get(reportOf[r.id]!)!;
        if (!seen.has(run)) {
          seen.add(run);
          order.push(run);
        }
        if (order.length === want) break;
      }
      if (order.length >= want || k >= ids.length) return order;
    }
  },
  within(plan, own, k) {
    const head = topHits(plan.index, plan.matches, own, plan.mixed, k, plan.scratch).slice(0, k);
    return rerank(plan, head);
  },
};

/** Newest or oldest report first, a report's paragraphs in reading order. */
function byDate(sort: 'newest' | 'oldest'): Order {
  return {
    first: (plan, ids, depth) => plan.rows(firstByDate(plan.index, ids, sort, depth, plan.scratch)),
    all: (plan, ids) => allByDate(plan.index, ids, sort, plan.scratch),
    reports(plan, _ids, runs, want) {
      const place = reportTable(plan.index)[sort];
      const keys = plan.scratch.take(runs.n);
      for (let i = 0; i < runs.n; i++) keys[i] = place[runs.reports[i]!]!;
      return earliestRuns(keys.subarray(0, runs.n), want);
    },
    within: (plan, own, k) => plan.rows(own.subarray(0, k)),
  };
}

/** Each order by the name a request gives it. */
export const ORDERS: Record<Sort, Order> = {
  relevance: byRelevance,
  newest: byDate('newest'),
  oldest: byDate('oldest'),
};
