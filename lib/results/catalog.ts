/** The reports in the collection, newest first, a page at a time: what the home page lists. */
import type { ReportSummary, Searcher } from '../backend/types';

/** Reports per page of the list. */
export const CATALOG_PAGE_SIZE = 50;

/** One page of the list. */
export interface CatalogPage {
  /** Reports in the collection. */
  total: number;
  /** 1-based page shown, and how many there are. */
  page: number;
  pages: number;
  reports: ReportSummary[];
}

/** Page `page` (1-based, clamped to the pages there are) of the reports, newest first. */
export async function catalogPage(searcher: Searcher, page: number, size = CATALOG_PAGE_SIZE): Promise<CatalogPage> {
  const total = searcher.info.reports;
  const pages = Math.max(1, Math.ceil(total / size));
  const at = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { total, page: at, pages, reports: await searcher.reports('newest', (at - 1) * size, size) };
}
