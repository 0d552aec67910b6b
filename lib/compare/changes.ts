/**
 * What changed within a pair of paragraphs: the characters removed from a and added in b, as
 * ranges to mark, and the figures that changed (7.5% → 7%, 412件 → 455件), called out on their own.
 * One diff gives both: jsdiff's Myers diff over the texts cut into tokens, where a figure with its
 * unit is one token and anything else is one character. So 7.5% → 7% reads as one figure
 * replaced, not as ".5" deleted, and a changed figure is a removed figure token next to an added one.
 */
import { diffArrays } from 'diff';
import type { Range } from '../text/range';

/** A figure that changed, with the words just before it (增长 7.5% → 7%). */
export interface FigureChange {
  /** The figure in a, with its unit. */
  a: string;
  /** The figure in b, with its unit. */
  b: string;
  /** Up to CONTEXT characters of b's text before the figure, unchanged in both. */
  before: string;
}

/** A pair's changes. */
export interface Changes {
  /** Ranges of a's text not in b. */
  removed: Range[];
  /** Ranges of b's text not in a. */
  added: Range[];
  /** Figures changed, in b's order. */
  figures: FigureChange[];
}

/** Characters of context before a changed figure, at most (it starts after the last clause break). */
const CONTEXT = 16;
/**
 * Edits beyond which two paragraphs are marked as changed whole: Myers' diff costs edits × length,
 * and a paragraph rewritten through is better read whole than speckled with marks.
 */
const MAX_EDITS = 1500;

const UNITS =
  '个百分点|百分点|%|％|‰|' +
  '(?:[万亿千百]?(?:元|美元|吨|千瓦时|平方米|平方公里|公里|千米|米|亩|公顷|人次|户|人|件|个|项|家|所|座|条|篇|名|位|场|期|批|次|天|倍|台|辆|套|处|栋|张|份|部|册|万|亿))';
/**
 * A figure: digits (ASCII or full width) with decimals or thousands separators, and its unit when
 * it has one. Not a date (2023年, 3月, 5日), which changes every year and is no finding.
 */
const FIGURE = new RegExp(
  `[0-9０-９]+(?:[.,．，][0-9０-９]+)*(?:${UNITS})?(?![0-9０-９年月日号])|[0-9０-９]+(?:[.．][0-9０-９]+)?(?=[年月日号])`,
  'gu',
);

interface Token {
  text: string;
  start: number;
  figure: boolean;
}

/** The text as figures (whole) and single characters (code points), each with where it starts. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  const chars = (to: number) => {
    for (const ch of text.slice(at, to)) {
      out.push({ text: ch, start: at, figure: false });
      at += ch.length;
    }
  };
  for (const m of text.matchAll(FIGURE)) {
    chars(m.index);
    // A date's number is a token of its own, so it diffs whole, but it is no figure to call out.
    const dated = /[年月日号]/u.test(text[m.index + m[0].length] ?? '');
    out.push({ text: m[0], start: at, figure: !dated });
    at += m[0].length;
  }
  chars(text.length);
  return out;
}

/** Adds `[start, end)` to ranges, joining it to the last one when they touch. */
function extend(ranges: Range[], start: number, end: number): void {
  const last = ranges[ranges.length - 1];
  if (last && last.end === start) last.end = end;
  else ranges.push({ start, end });
}

/** What changed from a to b. */
export function changesBetween(a: string, b: string): Changes {
  const ta = tokens(a);
  const tb = tokens(b);
  // What both start and end with is unchanged: only the middle goes to the diff, whose cost grows
  // with length times edits (a paragraph merged into a longer one is all prefix and addition).
  let head = 0;
  while (head < ta.length && head < tb.length && ta[head]!.text === tb[head]!.text) head++;
  let tail = 0;
  while (
    tail < ta.length - head &&
    tail < tb.length - head &&
    ta[ta.length - 1 - tail]!.text === tb[tb.length - 1 - tail]!.text
  )
    tail++;
  const middle = (t: Token[]) => t.slice(head, t.length - tail).map((x) => x.text);
  const diff = diffArrays(middle(ta), middle(tb), { maxEditLength: MAX_EDITS });
  if (!diff) {
    // Too far apart to diff: the middle of each is marked whole.
    const span = (t: Token[]): Range[] => {
      const [first, last] = [t[head], t[t.length - 1 - tail]];
      return first && last && head <= t.length - 1 - tail
        ? [{ start: first.start, end: last.start + last.text.length }]
        : [];
    };
    return { removed: span(ta), added: span(tb), figures: [] };
  }
  const removed: Range[] = [];
  const added: Range[] = [];
  const figures: FigureChange[] = [];
  let i = head;
  let j = head;
  // Figures removed and added since the last unchanged run: paired in order, they changed.
  let gone: Token[] = [];
  let came: Token[] = [];
  const flush = () => {
    for (let k = 0; k < Math.min(gone.length, came.length); k++)
      figures.push({ a: gone[k]!.text, b: came[k]!.text, before: contextBefore(b, came[k]!.start) });
    gone = [];
    came = [];
  };
  for (const change of diff) {
    const n = change.count ?? change.value.length;
    if (change.removed) {
      for (const t of ta.slice(i, i + n)) {
        extend(removed, t.start, t.start + t.text.length);
        if (t.figure) gone.push(t);
      }
      i += n;
    } else if (change.added) {
      for (const t of tb.slice(j, j + n)) {
        extend(added, t.start, t.start + t.text.length);
        if (t.figure) came.push(t);
      }
      j += n;
    } else {
      flush();
      i += n;
      j += n;
    }
  }
  flush();
  return { removed, added, figures };
}

/** The characters before `at`, back to the last sentence break, at most CONTEXT of them. */
function contextBefore(text: string, at: number): string {
  const before = Array.from(text.slice(0, at)).slice(-CONTEXT).join('');
  const cut = Math.max(...['。', '，', '；', '：', '、', ',', ';'].map((p) => before.lastIndexOf(p)));
  return before.slice(cut + 1);
}
