/** A report as a hit names it: the one shape for search hits and similar paragraphs. */
import { reportYear, type ReportRecord } from '../index/model';
import type { HitReport } from './types';

export function hitReport(r: ReportRecord): HitReport {
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
