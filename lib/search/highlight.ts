import { normalizeWithMap, toOriginal } from './normalize';
import type { QueryTerm, Range, Segment } from './types';

/** Start offsets of every occurrence of `needle` in `hay`, overlapping ones included. */
export function occurrences(hay: string, needle: string): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Sorts ranges and merges the overlapping ones, so the longest extent wins. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/**
 * What each positive term marks in normalised text: the term itself wherever it occurs, or, where it
 * does not occur as typed but all its words do (资阳政协 against 资阳市政协), each of its words. A
 * term whose words are not all there marks nothing, so 43户 does not light up the 43 in 1435.
 */
export function termSpans(norm: string, term: QueryTerm): Range[] {
  const pieces = norm.includes(term.text)
    ? [term.text]
    : term.words.every((w) => norm.includes(w)) ? term.words : [];
  const out: Range[] = [];
  for (const piece of pieces) {
    for (const start of occurrences(norm, piece)) out.push({ start, end: start + piece.length });
  }
  return out;
}

/**
 * Highlights of a query in a paragraph as UTF-16 ranges of the original `text`, sorted and merged.
 * Matching runs on the normalised text; ranges are mapped back, so 發展 is marked in a traditional
 * text searched as 发展.
 */
export function highlightRanges(text: string, norm: string, terms: QueryTerm[]): Range[] {
  const spans = mergeRanges(terms.filter((t) => t.kind !== 'exclude').flatMap((t) => termSpans(norm, t)));
  if (spans.length === 0) return [];
  if (norm === text) return spans;
  const map = normalizeWithMap(text);
  return mergeRanges(spans.map((r) => toOriginal(map, r)));
}

/** Splits text into marked and unmarked segments; `ranges` must be sorted and non-overlapping. */
export function toSegments(text: string, ranges: Range[], from = 0, to = text.length): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const r of ranges) {
    const start = Math.max(r.start, from);
    const end = Math.min(r.end, to);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < to) out.push({ text: text.slice(at, to), mark: false });
  return out;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The one place that produces HTML from segments: escaped text, `<mark>` around matches. */
export function segmentsToHtml(segments: Segment[]): string {
  return segments.map((s) => (s.mark ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join('');
}
