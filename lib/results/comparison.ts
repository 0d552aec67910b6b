/**
 * Comparing two reports for the API and the page: the alignment (compare/align.ts) with each
 * changed pair's marks and figures (compare/changes.ts), the summary, and the words distinctive of
 * each side against the other. Backend-neutral: it reads the two reports' paragraphs from the searcher.
 */
import { NotFoundError, ParamError } from '../api/errors';
import { MAX_COMPARE_PARAGRAPHS } from '../api/limits';
import type { CompareFigure, ComparePair, CompareParagraph, CompareResponse } from '../api/compare';
import type { ReportDocument, ReportParagraph, Searcher } from '../backend/types';
import { alignParagraphs } from '../compare/align';
import { changesBetween } from '../compare/changes';
import { countWords, distinctiveOf, type WordCounts } from '../compare/distinctive';
import { wordTokens } from '../text/tokenize';
import { paragraphPath, reportPath } from './links';

/** Report `id` with its paragraphs, or a 404 that names it; a report too long to compare at once is a 400. */
async function reportNamed(searcher: Searcher, id: string, which: string): Promise<ReportDocument> {
  const document = await searcher.report(id);
  if (!document) throw new NotFoundError(`no report has the id "${id}" (${which})`);
  if (document.paragraphs.length > MAX_COMPARE_PARAGRAPHS)
    throw new ParamError(
      'report_too_long',
      `report "${id}" (${which}) has ${document.paragraphs.length} paragraphs; a comparison takes reports of at most ${MAX_COMPARE_PARAGRAPHS}`,
    );
  return document;
}

/** Lets the event loop run (other requests, the health check) between slices of a comparison. */
const turn = () => new Promise((resolve) => setImmediate(resolve));
/** Paragraphs a slice of the comparison's loops handles before it lets others run. */
const SLICE = 128;

/** Compares report `aId` (the earlier, left) with `bId` (the later, right). */
export async function compareReports(searcher: Searcher, aId: string, bId: string): Promise<CompareResponse> {
  const started = performance.now();
  const [a, b] = await Promise.all([reportNamed(searcher, aId, 'a'), reportNamed(searcher, bId, 'b')]);
  const as = a.paragraphs;
  const bs = b.paragraphs;
  const aligned = alignParagraphs(as, bs);
  await turn();
  const figures: CompareFigure[] = [];
  const counts = { same: 0, changed: 0, new: 0, dropped: 0 };
  const pairs: ComparePair[] = [];
  for (let at = 0; at < aligned.length; at++) {
    if (at % SLICE === SLICE - 1) await turn();
    const p = aligned[at]!;
    counts[p.status]++;
    const pa = p.a === null ? null : as[p.a]!;
    const pb = p.b === null ? null : bs[p.b]!;
    const changes = p.status === 'changed' ? changesBetween(pa!.text, pb!.text) : null;
    for (const f of changes?.figures ?? []) figures.push({ ...f, pair: at });
    pairs.push({
      a: pa?.id ?? null,
      b: pb?.id ?? null,
      status: p.status,
      similarity: Math.round(p.similarity * 1000) / 1000,
      moved: p.moved,
      removed: changes?.removed ?? [],
      added: changes?.added ?? [],
    });
  }
  // Each distinct text cut into words once: the paragraphs both reports share are most of them.
  const cut = new Map<string, string[]>();
  const words = async (ps: ReportParagraph[]) => {
    const tokens: string[][] = [];
    for (const p of ps) {
      if (tokens.length % SLICE === SLICE - 1) await turn();
      let w = cut.get(p.norm);
      if (!w) cut.set(p.norm, (w = wordTokens(p.norm)));
      tokens.push(w);
    }
    return countWords(tokens);
  };
  const aWords = await words(as);
  const bWords = await words(bs);
  const side = ({ report }: ReportDocument, mine: WordCounts, theirs: WordCounts) => ({
    id: report.id,
    title: report.title,
    date: report.date,
    url: reportPath(report.id),
    distinctive: distinctiveOf(mine, theirs).map((k) => k.word),
  });
  return {
    a: side(a, aWords, bWords),
    b: side(b, bWords, aWords),
    summary: { ...counts, figures },
    pairs,
    paragraphs: { a: as.map(paragraphOf(a)), b: bs.map(paragraphOf(b)) },
    tookMs: Math.round((performance.now() - started) * 100) / 100,
  };
}

const paragraphOf =
  ({ report }: ReportDocument) =>
  (p: ReportParagraph): CompareParagraph => ({
    id: p.id,
    ordinal: p.ordinal,
    section: p.section,
    text: p.text,
    url: paragraphPath(report.id, p.id),
  });
