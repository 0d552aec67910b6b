import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeGaps,
  difference,
  encodeGaps,
  intersect,
  intersectAll,
  Membership,
  Scratch,
  slice,
  union,
  unionAll,
} from '@/lib/index/postings';

const scratch = new Scratch();

/** A sorted list of distinct ids, sometimes dense, sometimes sparse, so galloping gets both. */
const sortedIds = fc
  .uniqueArray(fc.oneof(fc.nat(60), fc.nat(5000)), { maxLength: 300 })
  .map((xs) => Uint32Array.from(xs).sort());
const plain = (a: Uint32Array) => Array.from(a);
const naive = {
  intersect: (a: Uint32Array, b: Uint32Array) => plain(a).filter((x) => b.includes(x)),
  union: (a: Uint32Array, b: Uint32Array) => [...new Set([...a, ...b])].sort((x, y) => x - y),
  difference: (a: Uint32Array, b: Uint32Array) => plain(a).filter((x) => !b.includes(x)),
};

describe('sorted id sets', () => {
  it('intersect, unite and subtract as Set arithmetic does, keeping the result sorted', () => {
    fc.assert(
      fc.property(sortedIds, sortedIds, (a, b) => {
        expect(plain(intersect(a, b, scratch))).toEqual(naive.intersect(a, b));
        expect(plain(union(a, b, scratch))).toEqual(naive.union(a, b));
        expect(plain(difference(a, b, scratch))).toEqual(naive.difference(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('combine many lists, and none', () => {
    fc.assert(
      fc.property(fc.array(sortedIds, { minLength: 1, maxLength: 5 }), (lists) => {
        expect(plain(intersectAll(lists, scratch))).toEqual(
          lists.map(plain).reduce((acc, l) => acc.filter((x) => l.includes(x))),
        );
        expect(plain(unionAll(lists, scratch))).toEqual([...new Set(lists.flatMap(plain))].sort((x, y) => x - y));
      }),
      { numRuns: 200 },
    );
    expect(plain(intersectAll([], scratch))).toEqual([]);
    expect(plain(unionAll([], scratch))).toEqual([]);
  });

  it('slices an id range out of a list', () => {
    fc.assert(
      fc.property(sortedIds, fc.nat(5000), fc.nat(5000), (a, x, y) => {
        const [from, to] = x <= y ? [x, y] : [y, x];
        expect(plain(slice(a, from, to))).toEqual(plain(a).filter((id) => id >= from && id < to));
      }),
    );
  });

  it('answers membership asked in any order, ascending runs walking forward', () => {
    fc.assert(
      fc.property(sortedIds, fc.array(fc.nat(5000), { maxLength: 100 }), (a, asks) => {
        const m = new Membership(a);
        const ascending = [...asks].sort((x, y) => x - y);
        for (const x of [...ascending, ...asks]) expect(m.has(x)).toBe(a.includes(x));
      }),
    );
  });
});

describe('lists stored as gap varints', () => {
  it('decode to the lists encoded, gaps of one to four bytes and beyond, empty lists included', () => {
    const wide = fc
      .uniqueArray(fc.oneof(fc.nat(200), fc.nat(1 << 20), fc.nat(2 ** 31 - 1)), { maxLength: 50 })
      .map((xs) => Uint32Array.from(xs).sort());
    fc.assert(
      fc.property(fc.array(fc.oneof(sortedIds, wide), { maxLength: 8 }), (lists) => {
        const offsets = new Uint32Array(lists.length + 1);
        lists.forEach((l, k) => (offsets[k + 1] = offsets[k]! + l.length));
        const all = new Uint32Array(offsets[lists.length]!);
        lists.forEach((l, k) => all.set(l, offsets[k]));
        const encoded = encodeGaps(offsets, all);
        lists.forEach((l, k) => {
          const out = new Uint32Array(l.length + 3).fill(7);
          expect(plain(decodeGaps(encoded, k, l.length, out))).toEqual(plain(l));
        });
      }),
    );
  });

  it('take one byte for a gap below 128, and two up to 16,383', () => {
    const ids = Uint32Array.from([0, 127, 254, 16_637]);
    const { starts, bytes } = encodeGaps(Uint32Array.from([0, 4]), ids);
    expect(Array.from(starts)).toEqual([0, 5]);
    expect(bytes.length).toBe(5);
  });
});
