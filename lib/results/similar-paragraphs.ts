/** A paragraph's similar paragraphs in other reports, as GET /api/similar and the page give them. */
import type { SimilarHit, SimilarResponse } from '../api/compare';
import type { ParagraphAt, Searcher } from '../backend/types';
import { paragraphPath, reportPath } from './links';

/** A paragraph as the answer names it, with its links. */
function described(p: ParagraphAt): Omit<SimilarHit, 'similarity'> {
  return {
    id: p.id,
    report: p.report,
    url: `${reportPath(p.report.id)}#${encodeURIComponent(p.id)}`,
    paragraphUrl: paragraphPath(p.report.id, p.id),
    text: p.text,
    section: p.section,
    ordinal: p.ordinal,
  };
}

/** The paragraphs of other reports alike to the one named, most alike first; NotFoundError when it is not there. */
export async function similarTo(
  searcher: Searcher,
  reportId: string,
  paragraphId: string,
  limit: number,
): Promise<SimilarResponse> {
  const started = performance.now();
  const answer = await searcher.similar(reportId, paragraphId, limit);
  return {
    paragraph: described(answer.paragraph),
    threshold: answer.threshold,
    hits: answer.hits.map((h) => ({ ...described(h), similarity: Math.round(h.similarity * 1000) / 1000 })),
    tookMs: Math.round((performance.now() - started) * 100) / 100,
  };
}
