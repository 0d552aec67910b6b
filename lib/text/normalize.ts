import * as OpenCC from 'opencc-js';
import type { Range } from './range';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const cache = new Map<string, string>();

/**
 * Normalises one character: NFKC (full-width → half-width, compatibility forms), traditional →
 * simplified, lower case. Conversion is per character on purpose: OpenCC's phrase tables make the
 * result depend on neighbours (乾燥 → 干燥, 乾隆 stays), and then a substring of the text would not
 * normalise to a substring of the normalised text — the query 乾 would miss what Ctrl-F finds.
 */
export function normalizeChar(ch: string): string {
  let out = cache.get(ch);
  if (out === undefined) {
    out = '';
    for (const c of ch.normalize('NFKC')) out += toSimplified(c).toLowerCase();
    cache.set(ch, out);
  }
  return out;
}

/** normalizeChar of each UTF-16 unit that is a character by itself, filled as met: no hashing per character. */
const unitCache: (string | undefined)[] = new Array<string | undefined>(0x10000);

/** The length in UTF-16 units of the character starting at `i`: 2 for a surrogate pair, else 1. */
function charLength(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdbff || i + 1 >= text.length) return 1;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

/** normalizeChar of the character of `length` units at `i`. */
function normalizeAt(text: string, i: number, length: number): string {
  if (length === 2) return normalizeChar(text.slice(i, i + 2)); // an astral character
  return (unitCache[text.charCodeAt(i)] ??= normalizeChar(text[i]!));
}

/** Normalises text for matching; documents and queries both go through here. */
export function normalize(text: string): string {
  let out = '';
  for (let i = 0, length = 0; i < text.length; i += length) {
    length = charLength(text, i);
    out += normalizeAt(text, i, length);
  }
  return out;
}

/**
 * The ranges of `text` that `ranges` of normalize(text) came from: a range starts where the
 * character producing its first unit starts and ends where the one producing its last unit ends;
 * an empty range gives {0, 0}. The text is walked once, only as far as the last range reaches
 * (highlighting a hit maps a few ranges of a text of hundreds of characters).
 */
export function toOriginalRanges(text: string, ranges: Range[]): Range[] {
  // The normalised positions asked about: each range's first unit and last unit.
  const asked = [...new Set(ranges.filter((r) => r.end > r.start).flatMap((r) => [r.start, r.end - 1]))].sort(
    (a, b) => a - b,
  );
  const from = new Map<number, number>();
  const to = new Map<number, number>();
  let next = 0; // the next position of `asked` to find
  let unit = 0; // where the current character's normalised form starts
  for (let i = 0, length = 0; i < text.length && next < asked.length; i += length) {
    length = charLength(text, i);
    unit += normalizeAt(text, i, length).length;
    for (; next < asked.length && asked[next]! < unit; next++) {
      from.set(asked[next]!, i);
      to.set(asked[next]!, i + length);
    }
  }
  return ranges.map((r) =>
    r.end <= r.start ? { start: 0, end: 0 } : { start: from.get(r.start) ?? 0, end: to.get(r.end - 1) ?? 0 },
  );
}
