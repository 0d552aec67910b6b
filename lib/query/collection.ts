/**
 * The collection's reports as filters, facets, date order and trends read them: per index, one table
 * of each report's date, year, region, level, kind, publisher and size, made on first use. Every
 * such filter selects whole reports, so it is a mask over reports, and matches are counted report
 * by report: paragraphs are stored report by report, so over sorted ids a report's are one run.
 */
import { reportYear, type SearchIndex } from '../index/model';
import { EMPTY, type Scratch } from '../index/postings';
import { smallestKeys } from './topk';

/** The report fields a search can filter and count by, as the API names their facets. */
export const DIMENSIONS = ['years', 'regions', 'levels', 'kinds', 'sources'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A facet lists at most this many values, the ones with most matches (years: all of them). */
export const MAX_VALUES = 20;

/**
 * Filters on the reports' fields; an empty list or null filters nothing. Several values of one
 * field are OR, different fields AND. `from` and `to` are inclusive: a year (`2023`) compares the
 * report's year (its own `year`, else its date's), a month or a day (`2023-05`, `2023-05-31`) its
 * date, so a report without a date never falls within a month or a day.
 */
export interface ReportFilters {
  from: string | null;
  to: string | null;
  /** Region prefixes: `四川省` is every region that begins with it. */
  regions: string[];
  levels: string[];
  kinds: string[];
  sources: string[];
}

/** No report filter. */
export const ALL_REPORTS: ReportFilters = { from: null, to: null, regions: [], levels: [], kinds: [], sources: [] };

/** Whether any report field is filtered. */
export function filtersReports(f: ReportFilters): boolean {
  return f.from !== null || f.to !== null || DIMENSIONS.some((d) => d !== 'years' && f[d].length > 0);
}

/** A facet's value and how many matching paragraphs have it. */
export interface FacetValue {
  value: string;
  count: number;
}

/** Matching paragraphs by each report field; each facet counts under every filter but its own. */
export type ReportFacets = Record<Dimension, FacetValue[]>;

/** Per index, each report's fields as columns. */
export interface ReportTable {
  dates: (string | null)[];
  years: (number | null)[];
  regions: (string | null)[];
  levels: (string | null)[];
  kinds: (string | null)[];
  sources: (string | null)[];
  /** Characters of each report's paragraphs (code points of their normalised text). */
  characters: Float64Array;
  /** Each report's place from the newest: by date, a report without one by its year, one with neither last; ties in content order. */
  newest: Uint32Array;
  /** And from the oldest (still last: those without a date or a year). */
  oldest: Uint32Array;
  /** Whether any report has a value for the dimension: a facet no report has is not counted. */
  present: Record<Dimension, boolean>;
}

const tables = new WeakMap<SearchIndex, ReportTable>();

/** The report table of `index`, made once. */
export function reportTable(index: SearchIndex): ReportTable {
  let table = tables.get(index);
  if (table) return table;
  const n = index.reports.count;
  const t: ReportTable = {
    dates: [],
    years: [],
    regions: [],
    levels: [],
    kinds: [],
    sources: [],
    characters: new Float64Array(n),
    newest: new Uint32Array(n),
    oldest: new Uint32Array(n),
    present: { years: false, regions: false, levels: false, kinds: false, sources: false },
  };
  const { bytes, offsets } = index.paragraphs.norms;
  for (let r = 0; r < n; r++) {
    const report = index.reports.get(r);
    t.dates.push(report.date);
    t.years.push(reportYear(report));
    t.regions.push(report.region);
    t.levels.push(report.level);
    t.kinds.push(report.kind);
    t.sources.push(report.source);
    // Code points are the bytes that do not continue a UTF-8 sequence.
    let chars = 0;
    for (let b = offsets[index.reports.bounds[r]!]!, end = offsets[index.reports.bounds[r + 1]!]!; b < end; b++)
      if ((bytes[b]! & 0xc0) !== 0x80) chars++;
    t.characters[r] = chars;
  }
  const key = (r: number) => t.dates[r] ?? (t.years[r] === null ? null : String(t.years[r]));
  const keys = Array.from({ length: n }, (_, r) => key(r));
  const dated = (a: number, b: number) => (keys[a] === null ? 1 : 0) - (keys[b] === null ? 1 : 0);
  const order = (sign: 1 | -1) =>
    Array.from({ length: n }, (_, r) => r).sort(
      (a, b) => dated(a, b) || sign * (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0) || a - b,
    );
  for (const dimension of DIMENSIONS) t.present[dimension] = (t[dimension] as unknown[]).some((v) => v !== null);
  order(-1).forEach((r, place) => (t.newest[r] = place));
  order(1).forEach((r, place) => (t.oldest[r] = place));
  tables.set(index, (table = t));
  return table;
}

/** A report's value for a dimension, as its facet lists it. */
export function valueOf(table: ReportTable, dimension: Dimension, r: number): string | null {
  if (dimension === 'years') return table.years[r] === null ? null : String(table.years[r]);
  return table[dimension][r] ?? null;
}

/** Whether report `r` passes the filters on every field but `except`. */
function passes(table: ReportTable, f: ReportFilters, r: number, except?: Dimension): boolean {
  if (except !== 'years' && (f.from !== null || f.to !== null)) {
    const date = (bound: string) => (bound.length === 4 ? table.years[r] : table.dates[r]?.slice(0, bound.length));
    if (f.from !== null) {
      const d = date(f.from);
      if (d === null || d === undefined || String(d) < f.from) return false;
    }
    if (f.to !== null) {
      const d = date(f.to);
      if (d === null || d === undefined || String(d) > f.to) return false;
    }
  }
  for (const dimension of ['levels', 'kinds', 'sources'] as const) {
    if (dimension === except || f[dimension].length === 0) continue;
    const value = table[dimension][r] ?? null;
    if (value === null || !f[dimension].includes(value)) return false;
  }
  if (except !== 'regions' && f.regions.length > 0) {
    const region = table.regions[r] ?? null;
    if (region === null || !f.regions.some((prefix) => region.startsWith(prefix))) return false;
  }
  return true;
}

/** Per report, whether it passes the filters (on every field but `except`); null when nothing is filtered. */
export function reportMask(index: SearchIndex, f: ReportFilters, except?: Dimension): Uint8Array | null {
  if (!filtersReports(except ? { ...f, ...(except === 'years' ? { from: null, to: null } : { [except]: [] }) } : f))
    return null;
  const table = reportTable(index);
  const mask = new Uint8Array(index.reports.count);
  for (let r = 0; r < mask.length; r++) mask[r] = passes(table, f, r, except) ? 1 : 0;
  return mask;
}

/** The ids (sorted) whose reports pass the filters. */
export function filterReports(index: SearchIndex, ids: Uint32Array, f: ReportFilters): Uint32Array {
  const mask = reportMask(index, f);
  if (!mask) return ids;
  if (!mask.includes(1)) return EMPTY;
  const reportOf = index.paragraphs.columns.report;
  return ids.filter((id) => mask[reportOf[id]!] === 1);
}

/** The runs of sorted `ids` by report: each run's report and its number of ids, `n` runs. */
export function reportRuns(
  index: SearchIndex,
  ids: Uint32Array,
  scratch: Scratch,
): { reports: Uint32Array; counts: Uint32Array; n: number } {
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
  const runs = DIMENSIONS.some((d) => table.present[d])
    ? reportRuns(index, ids, scratch)
    : { reports: EMPTY, counts: EMPTY, n: 0 };
  const out = {} as ReportFacets;
  for (const dimension of DIMENSIONS) {
    if (!table.present[dimension]) {
      out[dimension] = [];
      continue;
    }
    const mask = reportMask(index, f, dimension);
    const counts = new Map<string, number>();
    for (let k = 0; k < runs.n; k++) {
      const r = runs.reports[k]!;
      if (mask && mask[r] === 0) continue;
      const value = valueOf(table, dimension, r);
      if (value !== null) counts.set(value, (counts.get(value) ?? 0) + runs.counts[k]!);
    }
    const values = [...counts].map(([value, count]) => ({ value, count }));
    out[dimension] =
      dimension === 'years'
        ? values.sort((a, b) => Number(a.value) - Number(b.value))
        : values
            .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
            .slice(0, MAX_VALUES);
  }
  return out;
}

/** Orders of a result list: by relevance, or by the reports' dates. */
export const SORTS = ['relevance', 'newest', 'oldest'] as const;
export type Sort = (typeof SORTS)[number];

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
  const chosen = Array.from(smallestKeys(keys, Math.min(k, runs.n), index.reports.count, scratch));
  chosen.sort((a, b) => keys[a]! - keys[b]!);
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

/** Every id of `ids` (sorted) in date order, as firstByDate orders them. */
export function allByDate(
  index: SearchIndex,
  ids: Uint32Array,
  sort: 'newest' | 'oldest',
  scratch: Scratch,
): Uint32Array {
  return firstByDate(index, ids, sort, ids.length, scratch);
}
