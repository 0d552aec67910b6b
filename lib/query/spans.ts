/** Where a query's terms sit in a paragraph: the spans a reader sees marked. */
import { toOriginalRanges } from '../text/normalize';
import type { Range } from '../text/range';
import type { QueryNode, QueryTerm } from './parse';

/** Start offsets of every occurrence of `needle` in `hay`, overlapping ones included. */
export function occurrences(hay: string, needle: string): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Characters between two spans, whichever comes first; negative when they overlap. NEAR/n holds when at most n. */
export function between(a: Range, b: Range): number {
  return Math.max(b.start - a.end, a.start - b.end);
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
 * does not occur as typed but all its words do (资阳政协 against 资阳市政协), each of its words; and
 * wherever they occur, its expansions (the Chinese a pinyin term spells, its synonyms). A term whose
 * words are not all there marks nothing of them, so 43户 does not light up the 43 in 1435.
 */
export function termSpans(norm: string, term: QueryTerm, expansions = true): Range[] {
  const pieces = norm.includes(term.text) ? [term.text] : term.words.every((w) => norm.includes(w)) ? term.words : [];
  const out: Range[] = [];
  for (const piece of [...pieces, ...(expansions ? term.expansions.map((e) => e.text) : [])]) {
    for (const start of occurrences(norm, piece)) out.push({ start, end: start + piece.length });
  }
  return out;
}

/**
 * Highlights of a query in a paragraph as UTF-16 ranges of the original `text`, sorted and merged.
 * Matching runs on the normalised text; ranges are mapped back, so 發展 is marked in a traditional
 * text searched as 发展. `direct`, per positive term, says the paragraph holds the term itself: then
 * its expansions are not marked (N matched literally does not mark 年 beside it).
 */
export function highlightRanges(
  text: string,
  norm: string,
  terms: QueryTerm[],
  direct?: boolean[],
  tree?: QueryNode,
): Range[] {
  const positive = terms.filter((t) => t.kind !== 'exclude');
  const spans = mergeRanges([
    ...positive.flatMap((t, k) => termSpans(norm, t, !direct?.[k])),
    ...(tree ? nearPairs(norm, terms, tree) : []),
  ]);
  if (spans.length === 0) return [];
  if (norm === text) return spans;
  return mergeRanges(toOriginalRanges(text, spans));
}

/**
 * Where an expert query's NEAR pairs hold in normalised text, each pair as one span from the start
 * of the first term to the end of the second: marked together, the reader sees what was near what.
 */
export function nearPairs(norm: string, terms: QueryTerm[], tree: QueryNode): Range[] {
  const out: Range[] = [];
  const visit = (node: QueryNode) => {
    if (node.op === 'and' || node.op === 'or') node.children.forEach(visit);
    if (node.op !== 'near') return;
    const [left, right] = [terms[node.left]!, terms[node.right]!];
    if (left.kind === 'exclude' || right.kind === 'exclude') return;
    for (const a of termSpans(norm, left))
      for (const b of termSpans(norm, right))
        if (between(a, b) >= 0 && between(a, b) <= node.distance)
          out.push({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });
  };
  visit(tree);
  return out;
}
