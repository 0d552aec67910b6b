/** The reports in the collection, newest first, a page at a time: what the home page lists. */
import type { SearchIndex } from '../index/model';

/** Reports per page of the list. */
export const CATALOG_PAGE_SIZE = 50;

/** One report in the list. */
export interface CatalogEntry {
  id: string;
  title: string;
  date: string | null;
  /** Number of paragraphs in the report. */
  paragraphs: number;
}

/** One page of the list. */
export interface CatalogPage {
  /** Reports in the collection. */
  total: number;
  /** 1-based page shown, and how many there are. */
  page: number;
  pages: number;
  reports: CatalogEntry[];
}

/** Each index's reports in list order, worked out once: sorting a large collection per request would not do. */
const orders = new WeakMap<SearchIndex, Int32Array>();

function order(index: SearchIndex): Int32Array {
  let sorted = orders.get(index);
  if (!sorted) {
    const { reports } = index;
    const dates = Array.from({ length: reports.count }, (_, i) => reports.get(i).date ?? '');
    // Newest first; undated reports last; ties in content order.
    sorted = Int32Array.from({ length: reports.count }, (_, i) => i).sort((a, b) =>
      dates[b]! > dates[a]! ? 1 : dates[b]! < dates[a]! ? -1 : a - b,
    );
    orders.set(index, sorted);
  }
  return sorted;
}

/** Report `i` as the list shows it. */
export function catalogEntry(index: SearchIndex, i: number): CatalogEntry {
  const r = index.reports.get(i);
  return { id: r.id, title: r.title, date: r.date, paragraphs: r.count };
}

/** Page `page` (1-based, clamped to the pages there are) of the reports, newest first. */
export function catalogPage(index: SearchIndex, page: number, size = CATALOG_PAGE_SIZE): CatalogPage {
  const total = index.reports.count;
  const pages = Math.max(1, Math.ceil(total / size));
  const at = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const ids = order(index).subarray((at - 1) * size, at * size);
  return {
    total,
    page: at,
    pages,
    reports: Array.from(ids, (i) => catalogEntry(index, i)),
  };
}
