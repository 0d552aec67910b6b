/** The window of a paragraph a result list shows. */
import type { Range, Segment } from '../api/search';
import { toSegments } from './marks';

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
  // `ranges` are sorted and disjoint (spans.ts merges them), which bestWindow relies on.
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

/**
 * The window of `maxLength` around one of the matches that holds the most distinct matched strings,
 * then the most matches. One pass: the windows' bounds only move forward as the anchor does, so the
 * matches inside are a sliding run of the sorted, disjoint ranges, counted as they enter and leave
 * (comparing every window with every match took time quadratic in the matches: seconds for a
 * one-character query in a long paragraph).
 */
export function bestWindow(text: string, ranges: Range[], maxLength: number): [number, number] {
  let best: [number, number] = [0, maxLength];
  let bestKey = [-1, -1];
  const keys = ranges.map((r) => text.slice(r.start, r.end).toLowerCase());
  const counts = new Map<string, number>();
  let lo = 0; // first range starting inside the window
  let hi = 0; // first range not yet counted
  const add = (i: number) => counts.set(keys[i]!, (counts.get(keys[i]!) ?? 0) + 1);
  const remove = (i: number) => {
    const n = counts.get(keys[i]!)! - 1;
    if (n === 0) counts.delete(keys[i]!);
    else counts.set(keys[i]!, n);
  };
  for (const anchor of ranges) {
    let start = Math.max(anchor.start - Math.floor(maxLength / LEAD_DIVISOR), 0);
    const end = Math.min(start + maxLength, text.length);
    start = Math.max(end - maxLength, 0);
    for (; lo < ranges.length && ranges[lo]!.start < start; lo++) if (lo < hi) remove(lo);
    if (hi < lo) hi = lo;
    for (; hi < ranges.length && ranges[hi]!.end <= end; hi++) add(hi);
    const distinct = counts.size;
    const inside = hi - lo;
    if (distinct > bestKey[0]! || (distinct === bestKey[0] && inside > bestKey[1]!)) {
      best = [start, end];
      bestKey = [distinct, inside];
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
