/** The window of a paragraph a result list shows. */
import type { Range } from '../text/range';
import { toSegments } from './segments';
import type { Segment } from './types';

/** Longest snippet, in UTF-16 code units, before ellipses. */
export const SNIPPET_LENGTH = 110;
/** Where the window starts: a fifth of its length before the match it is built around. */
const LEAD_DIVISOR = 5;
/** Characters a cut may move to reach a clause boundary. */
const BOUNDARY_SLACK = 36;
const BOUNDARY = /[。；，、！？：,;!?:]/;
const ELLIPSIS = '…';

/**
 * A window of the paragraph for a result list: the one holding the most distinct matched strings
 * (then the most matches, then the earliest), cut after clause punctuation where one is near, with
 * … where text was left out. Matches inside are marked; a match cut by the window is marked in part.
 */
export function makeSnippet(text: string, ranges: Range[], maxLength = SNIPPET_LENGTH): Segment[] {
  if (text.length <= maxLength) return toSegments(text, ranges);
  let [start, end] = bestWindow(text, ranges, maxLength);
  const inside = ranges.filter((r) => r.end > start && r.start < end);
  const firstMark = inside[0]?.start ?? start;
  const lastMark = inside[inside.length - 1]?.end ?? start;
  if (start > 0) {
    const b = nearestBoundary(
      text,
      Math.max(start - BOUNDARY_SLACK, 0),
      Math.min(start + BOUNDARY_SLACK, firstMark),
      start - 1,
    );
    if (b !== -1) start = b + 1;
  }
  if (end < text.length) {
    const b = nearestBoundary(text, Math.max(lastMark, end - BOUNDARY_SLACK), end, end - 1);
    if (b !== -1) end = b + 1;
  }
  start = avoidSplitPair(text, start);
  end = avoidSplitPair(text, end);
  const segments = toSegments(text, ranges, start, end);
  if (start > 0) segments.unshift({ text: ELLIPSIS, mark: false });
  if (end < text.length) segments.push({ text: ELLIPSIS, mark: false });
  return segments;
}

function bestWindow(text: string, ranges: Range[], maxLength: number): [number, number] {
  let best: [number, number] = [0, maxLength];
  let bestKey = [-1, -1];
  for (const anchor of ranges) {
    let start = Math.max(anchor.start - Math.floor(maxLength / LEAD_DIVISOR), 0);
    const end = Math.min(start + maxLength, text.length);
    start = Math.max(end - maxLength, 0);
    const inside = ranges.filter((r) => r.start >= start && r.end <= end);
    const distinct = new Set(inside.map((r) => text.slice(r.start, r.end).toLowerCase())).size;
    if (distinct > bestKey[0]! || (distinct === bestKey[0] && inside.length > bestKey[1]!)) {
      best = [start, end];
      bestKey = [distinct, inside.length];
    }
  }
  return best;
}

/** Position of the clause boundary in text[from, to) nearest to `target`, or -1. */
function nearestBoundary(text: string, from: number, to: number, target: number): number {
  let best = -1;
  for (let i = from; i < to; i++) {
    if (BOUNDARY.test(text[i]!) && (best === -1 || Math.abs(i - target) < Math.abs(best - target))) best = i;
  }
  return best;
}

function avoidSplitPair(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return i > 0 && i < text.length && code >= 0xdc00 && code <= 0xdfff ? i - 1 : i;
}
