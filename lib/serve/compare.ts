/**
 * Comparing two reports for the API and the page: the alignment (compare/align.ts) with each
 * changed pair's marks and figures (compare/changes.ts), the summary, and the words distinctive
 * of each side against the other.
 */
import { alignParagraphs, type AlignInput } from '../compare/align';
import { changesBetween } from '../compare/changes';
import { countWords, distinctiveOf, type WordCounts } from '../compare/distinctive';
import type { ParagraphRecord, ReportRecord, SearchIndex } from '../index/model';
import { headingOf } from '../index/model';
import { wordTokens } from '../text/tokenize';
import { paragraphPath, reportPath } from './links';
import { NotFoundError } from './params';
import type { CompareFigure, ComparePair, CompareParagraph, CompareResponse } from './types';

/** A report by id, or a 404 that names it. */
export function reportNamed(index: SearchIndex, id: string, which: string): ReportRecord {
  const at = index.reports.indexOf(id);
  if (at < 0) throw new NotFoundError(`no report has the id "${id}" (${which})`);
  return index.reports.get(at);
}

/** Compares report `aId` (the earlier, left) with `bId` (the later, right). */
export function compareReports(index: SearchIndex, aId: string, bId: string): CompareResponse {
  const started = performance.now();
  const a = reportNamed(index, aId, 'a');
  const b = reportNamed(index, bId, 'b');
  const as = index.paragraphs.range(a.first, a.count);
  const bs = index.paragraphs.range(b.first, b.count);
  // The paragraphs as the answer gives them, which alignment reads too, with their normalised texts.
  const aParagraphs = as.map(paragraphOf(a));
  const bParagraphs = bs.map(paragraphOf(b));
  const input = (ps: CompareParagraph[], records: ParagraphRecord[]) =>
    ps.map((p, i): AlignInput => ({ ...p, norm: records[i]!.norm }));
  const aligned = alignParagraphs(input(aParagraphs, as), input(bParagraphs, bs));
  const figures: CompareFigure[] = [];
  const counts = { same: 0, changed: 0, new: 0, dropped: 0 };
  const pairs = aligned.map((p, at): ComparePair => {
    counts[p.status]++;
    const pa = p.a === null ? null : as[p.a]!;
    const pb = p.b === null ? null : bs[p.b]!;
    const changes = p.status === 'changed' ? changesBetween(pa!.text, pb!.text) : null;
    for (const f of changes?.figures ?? []) figures.push({ ...f, pair: at });
    return {
      a: pa?.id ?? null,
      b: pb?.id ?? null,
      status: p.status,
      similarity: Math.round(p.similarity * 1000) / 1000,
      moved: p.moved,
      removed: changes?.removed ?? [],
      added: changes?.added ?? [],
    };
  });
  // Each distinct text cut into words once: the paragraphs both reports share are most of them.
  const cut = new Map<string, string[]>();
  const words = (ps: ParagraphRecord[]) =>
    countWords(
      ps.map((p) => {
        let w = cut.get(p.norm);
        if (!w) cut.set(p.norm, (w = wordTokens(p.norm)));
        return w;
      }),
    );
  const aWords = words(as);
  const bWords = words(bs);
  const side = (r: ReportRecord, mine: WordCounts, theirs: WordCounts) => ({
    id: r.id,
    title: r.title,
    date: r.date,
    url: reportPath(r.id),
    distinctive: distinctiveOf(mine, theirs).map((k) => k.word),
  });
  return {
    a: side(a, aWords, bWords),
    b: side(b, bWords, aWords),
    summary: { ...counts, figures },
    pairs,
    paragraphs: { a: aParagraphs, b: bParagraphs },
    tookMs: Math.round((performance.now() - started) * 100) / 100,
  };
}

const paragraphOf =
  (r: ReportRecord) =>
  (p: ParagraphRecord): CompareParagraph => ({
    id: p.id,
    ordinal: p.ordinal,
    section: headingOf(r, p),
    text: p.text,
    url: paragraphPath(r.id, p.id),
  });
