/**
 * The cluster's reports, held in this process: a report is a few hundred bytes, so even the
 * national archive's catalogue (some hundred thousand reports) is small beside its paragraphs.
 * Filters, facets and date order are worked out from it by the embedded engine's own code
 * (query/collection.ts: the report table), from the per-report counts the cluster aggregates.
 */
import type { Client } from '@opensearch-project/opensearch';
import { titleYear } from '../../content/fields';
import type { HitReport } from '../../api/search';
import { reportYear } from '../../index/model';
import { seriesKey, tableOf, type ReportTable } from '../../query/collection';
import { normalize } from '../../text/normalize';
import type { ReportInfo, ReportSummary } from '../types';
import type { IndexNames } from './connection';
import { META_ID, scan } from './indexer';

/** A report as the reports index holds it. */
export interface CatalogueReport {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  region: string | null;
  level: string | null;
  kind: string | null;
  year: number | null;
  ocr: boolean;
  sections: string[];
  paragraphs: number;
  characters: number;
  /** Characters of the paragraphs under each section. */
  sectionChars: number[];
  tokens: number;
  place: string;
}

export class Catalogue {
  /** Position of each report in content order, by id. */
  private readonly byId = new Map<string, number>();
  /** The report table the shared filter and facet code reads. */
  readonly table: ReportTable;
  readonly paragraphs: number;
  /** Mean paragraph length in word tokens, for BM25 (as the embedded build has it). */
  readonly avgLength: number;
  /** Normalised titles, for the title finder and title: queries. */
  readonly titles: string[];
  /** Report ids in content order. */
  readonly ids: string[];
  private newestFirst: number[] | null = null;

  constructor(
    /** In content order. */
    readonly reports: CatalogueReport[],
    readonly contentHash: string,
    readonly builtAt: string,
  ) {
    reports.forEach((r, at) => this.byId.set(r.id, at));
    this.table = tableOf(
      reports,
      Float64Array.from(reports, (r) => r.characters),
    );
    this.paragraphs = reports.reduce((n, r) => n + r.paragraphs, 0);
    const tokens = reports.reduce((n, r) => n + r.tokens, 0);
    this.avgLength = this.paragraphs ? tokens / this.paragraphs : 0;
    this.titles = reports.map((r) => normalize(r.title));
    this.ids = reports.map((r) => r.id);
  }

  indexOf(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  hit(at: number): HitReport {
    const r = this.reports[at]!;
    return {
      id: r.id,
      title: r.title,
      date: r.date,
      source: r.source,
      region: r.region,
      level: r.level,
      kind: r.kind,
      year: reportYear(r),
    };
  }

  info(at: number): ReportInfo {
    return { ...this.hit(at), ocr: this.reports[at]!.ocr };
  }

  summary(at: number): ReportSummary {
    const r = this.reports[at]!;
    return { id: r.id, title: r.title, date: r.date, paragraphs: r.paragraphs };
  }

  /** Reports `offset` to `offset + limit`, newest first (undated last, ties in content order) or in content order. */
  slice(order: 'newest' | 'content', offset: number, limit: number): ReportSummary[] {
    const end = Math.min(offset + limit, this.reports.length);
    const start = Math.min(offset, end);
    if (order === 'content') return Array.from({ length: end - start }, (_, k) => this.summary(start + k));
    this.newestFirst ??= this.reports
      .map((_, i) => i)
      .sort((a, b) => {
        const [da, db] = [this.reports[a]!.date ?? '', this.reports[b]!.date ?? ''];
        return db > da ? 1 : db < da ? -1 : a - b;
      });
    return this.newestFirst.slice(start, end).map((i) => this.summary(i));
  }

  /** Reports whose normalised title contains `text` normalised, at most `limit`, in content order. */
  titled(text: string, limit: number): ReportSummary[] {
    const needle = normalize(text.trim());
    if (!needle) return [];
    const out: ReportSummary[] = [];
    for (let i = 0; i < this.titles.length && out.length < limit; i++)
      if (this.titles[i]!.includes(needle)) out.push(this.summary(i));
    return out;
  }

  /** The same series' report of the latest earlier year (query/collection.ts seriesKey), or null. */
  earlier(id: string): ReportSummary | null {
    const at = this.indexOf(id);
    if (at < 0) return null;
    const { title } = this.reports[at]!;
    const key = seriesKey(title);
    const year = titleYear(title);
    if (key === null || year === null) return null;
    let best = -1;
    let bestYear = -Infinity;
    this.reports.forEach((r, i) => {
      const y = titleYear(r.title);
      if (y === null || y >= year || y <= bestYear || seriesKey(r.title) !== key) return;
      [best, bestYear] = [i, y];
    });
    return best < 0 ? null : this.summary(best);
  }
}

/** The catalogue in service on the cluster: every report in content order, and the content's stamp. */
export async function loadCatalogue(client: Client, names: IndexNames): Promise<Catalogue> {
  const reports: CatalogueReport[] = [];
  for await (const { source } of scan<CatalogueReport>(client, names.alias('reports'), 'place')) reports.push(source);
  const stamp = await stampOf(client, names);
  return new Catalogue(reports, stamp?.hash ?? '', stamp?.builtAt ?? '');
}

/** The cluster's content stamp — its hash and when it was sent — or null before the first sync. */
export async function stampOf(client: Client, names: IndexNames): Promise<{ hash: string; builtAt: string } | null> {
  const meta = await client.get({ index: names.alias('files'), id: META_ID }, { ignore: [404] });
  return (meta.body as { _source?: { hash: string; builtAt: string } })._source ?? null;
}
