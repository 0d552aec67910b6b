/**
 * The collection's reports as filters, facets, date order and trends read them: per index, one table
 * of each report's title, date, year, region, level, kind, publisher and size, made once (the
 * server makes it when it loads an index). Every such filter selects whole reports, so it is a test
 * of a report, and matches are counted report by report: paragraphs are stored report by report,
 * so over sorted ids a report's are one run.
 */
import type { CollectionFilters } from '../api/params';
import type { FacetValue, SearchFacets, Sort } from '../api/search';
import { FACETS, REPORT_FIELDS, TITLE_YEAR, type Facet, type ReportField } from '../content/fields';
import { normalize } from '../text/normalize';
import { reportYear, type ReportRecord, type SearchIndex } from '../index/model';
import { EMPTY, type Scratch } from '../index/postings';

export type { FacetValue, Sort };

/** A facet lists at most this many values, the ones with most matches, ties in content order (years: all of them). */
export const MAX_VALUES = 20;

/**
 * Filters on the reports' fields; an empty list or null filters nothing. Several values of one
 * field are OR, different fields AND. `from` and `to` are inclusive: a year (`2023`) compares the
 * report's year (its own `year`, else its date's), a month or a day (`2023-05`, `2023-05-31`) its
 * date, so a report without a date never falls within a month or a day.
 */
export type ReportFilters = Omit<CollectionFilters, 'report' | 'section'>;

/** Whether any report field is filtered. */
export function filtersReports(f: ReportFilters): boolean {
  return f.from !== null || f.to !== null || REPORT_FIELDS.some(({ param }) => f[param].length > 0);
}

/** Matching paragraphs by each report field; each facet counts under every filter but its own. */
export type ReportFacets = Omit<SearchFacets, 'reports' | 'sections'>;

/** Per index, each report's fields as columns. */
export interface ReportTable {
  titles: string[];
  dates: (string | null)[];
  years: (number | null)[];
  /** Each report field's value per report (null: none). */
  fields: Record<ReportField, (string | null)[]>;
  /** Characters of each report's paragraphs (code points of their normalised text). */
  characters: Float64Array;
  /** Each report's place from the newest: by date, a report without one by its year, one with neither last; ties in content order. */
  newest: Uint32Array;
  /** And from the oldest (still last: those without a date or a year). */
  oldest: Uint32Array;
  /** Per facet, its distinct values and each report's value as a code (-1: none): counting is indexing. */
  coded: Record<Facet, { values: string[]; codes: Int32Array }>;
}

const tables = new WeakMap<SearchIndex, ReportTable>();

/** Gives `index` a report table made elsewhere (on the thread that loaded it: backend/embedded/loader.ts). */
export function setReportTable(index: SearchIndex, table: ReportTable): void {
  tables.set(index, table);
}

/** The report table of `index`, made once. */
export function reportTable(index: SearchIndex): ReportTable {
  let table = tables.get(index);
  if (table) return table;
  const n = index.reports.count;
  const characters = new Float64Array(n);
  const { bytes, offsets } = index.paragraphs.norms;
  for (let r = 0; r < n; r++) {
    // Code points are the bytes that do not continue a UTF-8 sequence.
    let chars = 0;
    for (let b = offsets[index.reports.bounds[r]!]!, end = offsets[index.reports.bounds[r + 1]!]!; b < end; b++)
      if ((bytes[b]! & 0xc0) !== 0x80) chars++;
    characters[r] = chars;
  }
  table = tableOf(
    Array.from({ length: n }, (_, r) => index.reports.read(r)),
    characters,
  );
  tables.set(index, table);
  return table;
}

/** What a report table is made from, per report in content order. */
export type TableRow = Pick<ReportRecord, 'title' | 'date' | 'year' | ReportField>;

/**
 * The table of reports given in content order with their sizes in characters: an index's, or a
 * cluster's catalogue (backend/opensearch), which counts and filters by the same code.
 */
export function tableOf(reports: TableRow[], characters: Float64Array): ReportTable {
  const n = reports.length;
  const t = {
    titles: [],
    dates: [],
    years: [],
    fields: Object.fromEntries(REPORT_FIELDS.map((f) => [f.param, []])) as unknown as ReportTable['fields'],
    characters,
    newest: new Uint32Array(n),
    oldest: new Uint32Array(n),
  } as Omit<ReportTable, 'coded'> & Partial<Pick<ReportTable, 'coded'>>;
  for (const report of reports) {
    t.titles.push(report.title);
    t.dates.push(report.date);
    t.years.push(reportYear(report));
    for (const { param } of REPORT_FIELDS) t.fields[param].push(report[param]);
  }
  // Date order by a number per report: 20230115 for a date, 20230000 for a year alone (before its dated reports), none last.
  const keys = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const date = t.dates[r];
    const year = t.years[r];
    keys[r] = date ? Number(date.replaceAll('-', '')) : year !== null && year !== undefined ? year * 10_000 : NaN;
  }
  const order = (sign: 1 | -1) =>
    Array.from({ length: n }, (_, r) => r).sort((a, b) => {
      const [ka, kb] = [keys[a]!, keys[b]!];
      if (Number.isNaN(ka) || Number.isNaN(kb)) return (Number.isNaN(ka) ? 1 : 0) - (Number.isNaN(kb) ? 1 : 0) || a - b;
      return sign * (ka - kb) || a - b;
    });
  order(-1).forEach((r, place) => (t.newest[r] = place));
  order(1).forEach((r, place) => (t.oldest[r] = place));
  const code = (value: (r: number) => string | null) => {
    const position = new Map<string, number>();
    const codes = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const v = value(r);
      if (v === null) codes[r] = -1;
      else {
        let c = position.get(v);
        if (c === undefined) position.set(v, (c = position.size));
        codes[r] = c;
      }
    }
    return { values: [...position.keys()], codes };
  };
  t.coded = {
    years: code((r) => (t.years[r] === null ? null : String(t.years[r]))),
    ...Object.fromEntries(REPORT_FIELDS.map((f) => [f.facet, code((r) => t.fields[f.param][r] ?? null)])),
  } as ReportTable['coded'];
  return t as ReportTable;
}

/** The filters other than on facet `except`. */
function without(f: ReportFilters, except?: Facet): ReportFilters {
  if (!except) return f;
  if (except === 'years') return { ...f, from: null, to: null };
  return { ...f, [REPORT_FIELDS.find((field) => field.facet === except)!.param]: [] };
}

/**
 * The filters as a test of a report, or null when nothing is filtered: each field's chosen values
 * become a table by value code, so a report is tested by indexing, not by comparing strings.
 */
export function reportTest(
  index: SearchIndex,
  filters: ReportFilters,
  except?: Facet,
): ((r: number) => boolean) | null {
  return tableTest(reportTable(index), filters, except);
}

/** reportTest over a table (a report is its position in the table). */
export function tableTest(t: ReportTable, filters: ReportFilters, except?: Facet): ((r: number) => boolean) | null {
  const f = without(filters, except);
  if (!filtersReports(f)) return null;
  const allowed: { codes: Int32Array; ok: Uint8Array }[] = [];
  const choose = (facet: Facet, ok: (value: string) => boolean) => {
    const { values, codes } = t.coded[facet];
    allowed.push({ codes, ok: Uint8Array.from(values, (v) => (ok(v) ? 1 : 0)) });
  };
  for (const { param, facet, match } of REPORT_FIELDS) {
    const chosen = f[param];
    if (chosen.length === 0) continue;
    choose(
      facet,
      match === 'prefix' ? (v) => chosen.some((prefix) => v.startsWith(prefix)) : (v) => chosen.includes(v),
    );
  }
  // A year bound compares the report's year; a month or a day its date (none: out).
  const yearly = (bound: string | null) => bound === null || bound.length === 4;
  if (yearly(f.from) && yearly(f.to) && (f.from || f.to))
    choose(
      'years',
      (v) => (f.from === null || Number(v) >= Number(f.from)) && (f.to === null || Number(v) <= Number(f.to)),
    );
  const daily = (bound: string | null, r: number, after: boolean) => {
    if (bound === null || bound.length === 4) return true;
    const date = t.dates[r]?.slice(0, bound.length);
    return date !== undefined && date !== null && (after ? date >= bound : date <= bound);
  };
  const mixed = !(yearly(f.from) && yearly(f.to));
  const year = (bound: string | null, r: number, after: boolean) => {
    if (bound === null || bound.length !== 4) return true;
    const y = t.years[r];
    return y !== null && y !== undefined && (after ? y >= Number(bound) : y <= Number(bound));
  };
  return (r) => {
    for (const { codes, ok } of allowed) {
      const c = codes[r]!;
      if (c < 0 || ok[c] === 0) return false;
    }
    return !mixed || (year(f.from, r, true) && year(f.to, r, false) && daily(f.from, r, true) && daily(f.to, r, false));
  };
}

/** The ids (sorted) whose reports pass the filters; each report is tested once, at its first id. */
export function filterReports(index: SearchIndex, ids: Uint32Array, f: ReportFilters): Uint32Array {
  const test = reportTest(index, f);
  if (!test) return ids;
  const reportOf = index.paragraphs.columns.report;
  let last = -1;
  let ok = false;
  return ids.filter((id) => {
    const r = reportOf[id]!;
    if (r !== last) {
      last = r;
      ok = test(r);
    }
    return ok;
  });
}

/** Matches counted by report: the `n` reports (positions in content order, ascending) and their counts. */
export interface Runs {
  reports: Uint32Array;
  counts: Uint32Array;
  n: number;
}

/** The runs of sorted `ids` by report: each run's report and its number of ids, `n` runs. */
export function reportRuns(index: SearchIndex, ids: Uint32Array, scratch: Scratch): Runs {
  const reportOf = index.paragraphs.columns.report;
  const reports = scratch.take(ids.length);
  const counts = scratch.take(ids.length);
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const report = reportOf[ids[i]!]!;
    if (n > 0 && reports[n - 1] === report) counts[n - 1]!++;
    else {
      reports[n] = report;
      counts[n++] = 1;
    }
  }
  return { reports, counts, n };
}

/**
 * Matching paragraphs (`ids`, sorted, before the report filters) by each report field. Each facet
 * counts under every filter but its own, so its values are the choices that filter offers: with
 * region=四川省, the regions facet still lists the other provinces.
 */
export function countReportFacets(
  index: SearchIndex,
  ids: Uint32Array,
  f: ReportFilters,
  scratch: Scratch,
): ReportFacets {
  const table = reportTable(index);
  const counted = FACETS.some((d) => table.coded[d].values.length > 0);
  return facetsOfRuns(table, counted ? reportRuns(index, ids, scratch) : { reports: EMPTY, counts: EMPTY, n: 0 }, f);
}

/** countReportFacets from the matches' counts per report (`runs`, in content order), as a cluster's aggregation gives them. */
export function facetsOfRuns(table: ReportTable, runs: Runs, f: ReportFilters): ReportFacets {
  const counted = FACETS.filter((d) => table.coded[d].values.length > 0);
  const out = Object.fromEntries(FACETS.map((d) => [d, []])) as unknown as ReportFacets;
  for (const dimension of counted) {
    const test = tableTest(table, f, dimension);
    const { values, codes } = table.coded[dimension];
    // A tally kept between searches, cleared where touched: a dimension can have thousands of values, a query touches few.
    const counts = tallyOf(dimension, values.length);
    const touched = tally(codes, runs.reports, runs.counts, runs.n, test, counts);
    const chosen = dimension === 'years' ? touched : mostCounted(touched, counts, MAX_VALUES);
    const found = chosen.map((c) => ({ value: values[c]!, count: counts[c]! }));
    for (const c of touched) counts[c] = 0;
    out[dimension] = dimension === 'years' ? found.sort((a, b) => Number(a.value) - Number(b.value)) : found;
  }
  return out;
}

/** Adds each run's count to its report's value code in `counts`; the codes touched, in the order met. */
function tally(
  codes: Int32Array,
  reports: Uint32Array,
  runCounts: Uint32Array,
  n: number,
  test: ((r: number) => boolean) | null,
  counts: Float64Array,
): number[] {
  const touched: number[] = [];
  for (let k = 0; k < n; k++) {
    const r = reports[k]!;
    const c = codes[r]!;
    if (c < 0 || (test !== null && !test(r))) continue;
    if (counts[c] === 0) touched.push(c);
    counts[c]! += runCounts[k]!;
  }
  return touched;
}

/** Per facet, a tally by value code, zero between uses. */
const tallies = new Map<Facet, Float64Array>();

function tallyOf(dimension: Facet, size: number): Float64Array {
  let tally = tallies.get(dimension);
  if (!tally || tally.length < size) tallies.set(dimension, (tally = new Float64Array(size)));
  return tally;
}

/**
 * The `k` codes with the largest counts, ties to the value met first in the collection (the lower
 * code). Kept in a short sorted list that a code enters only when it beats the last: a common
 * character over poetry meets thousands of authors, and sorting them all, or comparing their names
 * on every tie, was most of its facets' cost.
 */
function mostCounted(codes: number[], counts: Float64Array, k: number): number[] {
  const top: number[] = [];
  const before = (a: number, b: number) => counts[b]! - counts[a]! || a - b;
  for (const c of codes) {
    if (top.length === k && before(c, top[k - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && before(c, top[at - 1]!) < 0) at--;
    top.splice(at, 0, c);
    if (top.length > k) top.pop();
  }
  return top;
}

/**
 * The first `k` of `ids` (sorted) in date order: report by report, newest (or oldest) first, each
 * report's paragraphs in reading order. Only the k earliest reports are ordered: a report holds at
 * least one of the ids, so no more are needed.
 */
export function firstByDate(
  index: SearchIndex,
  ids: Uint32Array,
  sort: 'newest' | 'oldest',
  k: number,
  scratch: Scratch,
): Uint32Array {
  const place = reportTable(index)[sort];
  const runs = reportRuns(index, ids, scratch);
  const keys = scratch.take(runs.n);
  for (let i = 0; i < runs.n; i++) keys[i] = place[runs.reports[i]!]!;
  const chosen = earliestRuns(keys.subarray(0, runs.n), k);
  // Where each run starts in ids.
  const starts = scratch.take(runs.n + 1);
  starts[0] = 0;
  for (let i = 0; i < runs.n; i++) starts[i + 1] = starts[i]! + runs.counts[i]!;
  const out = new Uint32Array(Math.min(k, ids.length));
  let n = 0;
  for (const run of chosen) {
    for (let i = starts[run]!; i < starts[run + 1]! && n < out.length; i++) out[n++] = ids[i]!;
    if (n === out.length) break;
  }
  return out;
}

/**
 * Positions of the `k` smallest of `keys` (each run's place in date order, distinct), in key order.
 * A page wants few of many: one pass keeps the k smallest in a short sorted list (sorting every run,
 * or a histogram of every report's place — 311 k for poetry — was most of a query sorted by date).
 * Many wanted (an export, a deep page): a sort.
 */
export function earliestRuns(keys: Uint32Array, k: number): number[] {
  const n = keys.length;
  if (k * 8 >= n) {
    return Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => keys[a]! - keys[b]!)
      .slice(0, k);
  }
  const top: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (top.length === k && key >= keys[top[k - 1]!]!) continue;
    let at = top.length;
    while (at > 0 && key < keys[top[at - 1]!]!) at--;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

/** Every id of `ids` (sorted) in date order, as firstByDate orders them. */
export function allByDate(
  index: SearchIndex,
  ids: Uint32Array,
  sort: 'newest' | 'oldest',
  scratch: Scratch,
): Uint32Array {
  return firstByDate(index, ids, sort, ids.length, scratch);
}

/**
 * A title with its year taken out, normalised: titles of the same kind of report in different
 * years share it (a series: 青溪县2023年政府工作报告 and 青溪县2022年政府工作报告); null without a year.
 */
export function seriesKey(title: string): string | null {
  return TITLE_YEAR.test(title) ? normalize(title.replace(TITLE_YEAR, '#')) : null;
}
