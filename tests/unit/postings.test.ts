import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringColumn } from '@/lib/search/columns';
import { difference, intersect, intersectAll, Membership, slice, union, unionAll } from '@/lib/search/postings';

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
        expect(plain(intersect(a, b))).toEqual(naive.intersect(a, b));
        expect(plain(union(a, b))).toEqual(naive.union(a, b));
        expect(plain(difference(a, b))).toEqual(naive.difference(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('combine many lists, and none', () => {
    fc.assert(
      fc.property(fc.array(sortedIds, { minLength: 1, maxLength: 5 }), (lists) => {
        expect(plain(intersectAll(lists))).toEqual(lists.map(plain).reduce((acc, l) => acc.filter((x) => l.includes(x))));
        expect(plain(unionAll(lists))).toEqual([...new Set(lists.flatMap(plain))].sort((x, y) => x - y));
      }),
      { numRuns: 200 },
    );
    expect(plain(intersectAll([]))).toEqual([]);
    expect(plain(unionAll([]))).toEqual([]);
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

describe('string columns', () => {
  it('give back every string as stored: empty ones, astral characters and lone surrogates made well-formed', () => {
    const strings = ['资阳市政协', '', '😀好', 'a\u0000b', '\ud800x', '全唐詩'];
    const column = StringColumn.from(strings);
    expect(column.length).toBe(strings.length);
    expect(column.all()).toEqual(strings.map((s) => s.toWellFormed()));
    expect(column.get(2)).toBe('😀好');
  });

  it('count and find a needle in the stored bytes as String.indexOf does in the decoded string', () => {
    const text = fc.string({ unit: fc.constantFrom('政', '协', '政协', 'a', '😀', '，', 'é'), maxLength: 20 });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), text, (strings, needle) => {
        const column = StringColumn.from(strings);
        strings.forEach((s, i) => {
          let expected = 0;
          for (let at = s.indexOf(needle); needle && at !== -1; at = s.indexOf(needle, at + needle.length)) expected++;
          expect(column.count(i, Buffer.from(needle))).toBe(expected);
          expect(column.includes(i, Buffer.from(needle))).toBe(expected > 0);
        });
      }),
      { numRuns: 300 },
    );
  });
});
