import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, utf8Length, utf8LengthAt, varintLength, writeUtf8, writeVarint } from '@/lib/util/codec';

describe('the byte codec', () => {
  it('reads back every varint it writes, in the bytes it says, up to 2^53', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(300), fc.nat(), fc.maxSafeNat())), (ns) => {
        const bytes = new Uint8Array(ns.reduce((sum, n) => sum + varintLength(n), 0));
        let at = 0;
        for (const n of ns) at = writeVarint(bytes, at, n);
        expect(at).toBe(bytes.length);
        const reader = new ByteReader(bytes, 0);
        expect(ns.map(() => reader.varint())).toEqual(ns);
      }),
    );
  });

  it('writes LEB128: low seven bits first, the high bit on every byte but the last', () => {
    const bytes = new Uint8Array(3);
    expect(writeVarint(bytes, 0, 300)).toBe(2);
    expect([...bytes.subarray(0, 2)]).toEqual([0xac, 0x02]);
  });

  it('writes and reads UTF-8 as Buffer does, for every kind of code point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const text = s.toWellFormed();
        const expected = Buffer.from(text);
        const out = new Uint8Array(expected.length);
        let o = 0;
        const points = Array.from(text, (ch) => ch.codePointAt(0)!);
        for (const c of points) o = writeUtf8(out, o, c);
        expect(Buffer.from(out.subarray(0, o)).equals(expected)).toBe(true);
        const reader = new ByteReader(expected, 0);
        for (const c of points) {
          expect(utf8LengthAt(expected, reader.at)).toBe(utf8Length(c));
          expect(reader.codePoint()).toBe(c);
        }
        expect(reader.at).toBe(expected.length);
      }),
    );
  });
});
