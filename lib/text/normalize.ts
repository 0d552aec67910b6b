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

/** Normalises text for matching; documents and queries both go through here. */
export function normalize(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += normalizeChar(text.slice(i, i + 2)); // a surrogate pair: one astral character
        i++;
        continue;
      }
    }
    out += unitCache[unit] ??= normalizeChar(text[i]!);
  }
  return out;
}

/** Normalises text and keeps, for every normalised code unit, where it came from. */
export function normalizeWithMap(text: string): Normalized {
  const from: number[] = [];
  const to: number[] = [];
  let out = '';
  let offset = 0;
  for (const ch of text) {
    const n = normalizeChar(ch);
    for (let i = 0; i < n.length; i++) {
      from.push(offset);
      to.push(offset + ch.length);
    }
    out += n;
    offset += ch.length;
  }
  return { text: out, from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** Maps a range of normalised text back to the original text's UTF-16 offsets. */
export function toOriginal(map: Normalized, range: Range): Range {
  if (range.end <= range.start) return { start: 0, end: 0 };
  return { start: map.from[range.start] ?? 0, end: map.to[range.end - 1] ?? 0 };
}
