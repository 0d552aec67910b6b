/**
 * Plain text, as a page's text is saved: the title on the first line, then the publication line
 * (发布时间 … 来源 … 阅读次数), then paragraphs a line each, short lines standing alone as section
 * headings, and the site's footer at the end.
 */
import {
  clean,
  isFurniture,
  looksLikeHeading,
  readPublicationLine,
  takeDateLine,
  type Block,
  type Draft,
} from './draft';

/** Reads a plain-text report. */
export function readText(text: string): Draft {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map(clean)
    .filter((line) => line.length > 0);
  const title = lines.shift() ?? '';
  let date: string | null = null;
  let source: string | null = null;
  const blocks: Block[] = [];
  for (const line of lines) {
    const publication = blocks.length === 0 ? readPublicationLine(line) : null;
    if (publication) {
      date ??= publication.date;
      source ??= publication.source;
      continue;
    }
    if (isFurniture(line)) continue;
    blocks.push({ kind: looksLikeHeading(line) ? 'heading' : 'paragraph', text: line });
  }
  return takeDateLine({ title, date, source, blocks });
}
