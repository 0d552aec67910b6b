/** A paragraph's similar paragraphs in other reports, for the API and the page. */
import { hitReport } from './hit-report';
import { SIMILARITY_THRESHOLD, similarParagraphs } from '../compare/similar';
import type { SearchIndex } from '../index/model';
import { headingOf } from '../index/model';
import { Scratch } from '../index/postings';
import { reportNamed } from './compare';
import { paragraphPath, reportPath } from './links';
import { NotFoundError } from './params';
import type { SimilarHit, SimilarResponse } from './types';

/** This thread's scratch for similar paragraphs (a request runs without yielding). */
const scratch = new Scratch();

/** Position of paragraph `paragraphId` of report `reportId` in the index, or a 404. */
export function paragraphAt(index: SearchIndex, reportId: string, paragraphId: string): number {
  const report = reportNamed(index, reportId, 'report');
  const at = index.paragraphs.indexIn(paragraphId, report.first, report.count);
  if (at < 0) throw new NotFoundError(`report "${reportId}" has no paragraph "${paragraphId}"`);
  return at;
}

/** The paragraph at `at` as a hit names it (without its similarity). */
function described(index: SearchIndex, at: number): Omit<SimilarHit, 'similarity'> {
  const p = index.paragraphs.get(at);
  const r = index.reports.get(p.report);
  return {
    id: p.id,
    report: hitReport(r),
    url: `${reportPath(r.id)}#${encodeURIComponent(p.id)}`,
    paragraphUrl: paragraphPath(r.id, p.id),
    text: p.text,
    section: headingOf(r, p),
    ordinal: p.ordinal,
  };
}

/** The paragraphs of other reports at least SIMILARITY_THRESHOLD alike to the one named, most alike first. */
export function similarTo(index: SearchIndex, reportId: string, paragraphId: string, limit: number): SimilarResponse {
  const started = performance.now();
  const at = paragraphAt(index, reportId, paragraphId);
  const hits = similarParagraphs(index, at, limit, scratch).map((s) => ({
    ...described(index, s.id),
    similarity: Math.round(s.similarity * 1000) / 1000,
  }));
  return {
    paragraph: described(index, at),
    threshold: SIMILARITY_THRESHOLD,
    hits,
    tookMs: Math.round((performance.now() - started) * 100) / 100,
  };
}
