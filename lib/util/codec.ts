/**
 * The one byte codec of the index: LEB128 varints (seven bits a byte, low bits first, the high bit
 * set on every byte but the last) and UTF-8 code points. Every structure that packs numbers or
 * characters into bytes (gap-coded postings, text patches, the gram index's scan of the norms)
 * goes through these, so the format has one definition (lib/index/FORMAT.md).
 */

/** Bytes the varint of `n` (a non-negative integer below 2^53) takes. */
export function varintLength(n: number): number {
  let length = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    length++;
  }
  return length;
}

/** Writes `n` as a varint at `at`; returns the position after it. */
export function writeVarint(bytes: Uint8Array, at: number, n: number): number {
  while (n >= 0x80) {
    bytes[at++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 0x80);
  }
  bytes[at++] = n;
  return at;
}

/**
 * Reads `count` varints from `at` as the gaps of an ascending list: `out[i]` is the sum of the first
 * i + 1. Returns the position after the last. The hot loop of a search (decoding a gram's
 * postings), so it reads in int32 arithmetic, exact for sums below 2^31 (ids are paragraph
 * positions), and keeps its position in a local rather than in a reader's field, which halved its
 * speed.
 */
export function readGaps(bytes: Uint8Array, at: number, count: number, out: Uint32Array): number {
  let id = 0;
  for (let i = 0; i < count; i++) {
    let byte = bytes[at++]!;
    let gap = byte & 0x7f;
    for (let shift = 7; byte & 0x80; shift += 7) {
      byte = bytes[at++]!;
      gap |= (byte & 0x7f) << shift;
    }
    id += gap;
    out[i] = id;
  }
  return at;
}

/** Bytes of code point `c` in UTF-8. */
export function utf8Length(c: number): number {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/** Bytes of the character whose UTF-8 starts at `at`, from its first byte. */
export function utf8LengthAt(bytes: Uint8Array, at: number): number {
  const b0 = bytes[at]!;
  return b0 < 0x80 ? 1 : b0 < 0xe0 ? 2 : b0 < 0xf0 ? 3 : 4;
}

/** Writes `c` as UTF-8 at `o`; returns the position after it. */
export function writeUtf8(out: Uint8Array, o: number, c: number): number {
  if (c < 0x80) {
    out[o++] = c;
  } else if (c < 0x800) {
    out[o++] = 0xc0 | (c >> 6);
    out[o++] = 0x80 | (c & 0x3f);
  } else if (c < 0x10000) {
    out[o++] = 0xe0 | (c >> 12);
    out[o++] = 0x80 | ((c >> 6) & 0x3f);
    out[o++] = 0x80 | (c & 0x3f);
  } else {
    out[o++] = 0xf0 | (c >> 18);
    out[o++] = 0x80 | ((c >> 12) & 0x3f);
    out[o++] = 0x80 | ((c >> 6) & 0x3f);
    out[o++] = 0x80 | (c & 0x3f);
  }
  return o;
}

/**
 * Reads varints and code points from bytes, moving `at` past each. One reader is reused across
 * calls (`reset`), so hot loops allocate nothing; V8 inlines its small methods.
 */
export class ByteReader {
  constructor(
    public bytes: Uint8Array = new Uint8Array(0),
    public at = 0,
  ) {}

  /** Points the reader at `bytes` from `at`; returns it. */
  reset(bytes: Uint8Array, at: number): this {
    this.bytes = bytes;
    this.at = at;
    return this;
  }

  /** The varint at the position; exact up to 2^53 (the first 28 bits in int32 arithmetic). */
  varint(): number {
    const bytes = this.bytes;
    let at = this.at;
    let byte = bytes[at++]!;
    let n = byte & 0x7f;
    if (byte & 0x80) {
      byte = bytes[at++]!;
      n |= (byte & 0x7f) << 7;
      if (byte & 0x80) {
        byte = bytes[at++]!;
        n |= (byte & 0x7f) << 14;
        if (byte & 0x80) {
          byte = bytes[at++]!;
          n |= (byte & 0x7f) << 21;
          for (let scale = 2 ** 28; byte & 0x80; scale *= 0x80) {
            byte = bytes[at++]!;
            n += (byte & 0x7f) * scale;
          }
        }
      }
    }
    this.at = at;
    return n;
  }

  /** The code point whose UTF-8 starts at the position (the bytes are valid UTF-8). */
  codePoint(): number {
    const bytes = this.bytes;
    const at = this.at;
    const b0 = bytes[at]!;
    if (b0 < 0x80) {
      this.at = at + 1;
      return b0;
    }
    if (b0 < 0xe0) {
      this.at = at + 2;
      return ((b0 & 0x1f) << 6) | (bytes[at + 1]! & 0x3f);
    }
    if (b0 < 0xf0) {
      this.at = at + 3;
      return ((b0 & 0x0f) << 12) | ((bytes[at + 1]! & 0x3f) << 6) | (bytes[at + 2]! & 0x3f);
    }
    this.at = at + 4;
    return (
      ((b0 & 0x07) << 18) | ((bytes[at + 1]! & 0x3f) << 12) | ((bytes[at + 2]! & 0x3f) << 6) | (bytes[at + 3]! & 0x3f)
    );
  }
}
