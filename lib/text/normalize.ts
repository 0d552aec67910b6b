import * as OpenCC from 'opencc-js';
import type { Range } from './range';

/** Text after normalisation, with the way back to the original's UTF-16 offsets. */
export interface Normalized {
  /** The normalised text. */
  text: string;
  /** For each code unit of `text`, the original offset where its source character starts. */
  from: Int32Array;
  /** For each code unit of `text`, the original offset just past its source character. */
  to: Int32Array;
}

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

/** Normalises text and keeps, for every normalised code unit, where it came from. */
export function normalizeWithMap(text: string): Normalized {
  // Normalising rarely lengthens text (NFKC's ligatures and squared words do): room for that, grown if needed.
  let from: Int32Array = new Int32Array(text.length + 8);
  let to: Int32Array = new Int32Array(text.length + 8);
  let out = '';
  for (let i = 0, length = 0; i < text.length; i += length) {
    length = charLength(text, i);
    const n = normalizeAt(text, i, length);
    if (out.length + n.length > from.length) {
      const size = 2 * (out.length + n.length);
      from = grown(from, size);
      to = grown(to, size);
    }
    from.fill(i, out.length, out.length + n.length);
    to.fill(i + length, out.length, out.length + n.length);
    out += n;
  }
  return { text: out, from: from.slice(0, out.length), to: to.slice(0, out.length) };
}

function grown(a: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size);
  out.set(a);
  return out;
}

/** Maps a range of normalised text back to the original text's UTF-16 offsets. */
export function toOriginal(map: Normalized, range: Range): Range {
  if (range.end <= range.start) return { start: 0, end: 0 };
  return { start: map.from[range.start] ?? 0, end: map.to[range.end - 1] ?? 0 };
}
