import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParagraphIds, Reports, StringColumn, TextColumn, type ReportRecord } from '@/lib/index/columns';
import { normalize } from '@/lib/text/normalize';

describe('string columns', () => {
  it('give back every string as stored: empty ones, astral characters and lone surrogates made well-formed', () => {
    const strings = ['资阳市政协', '', '😀好', 'a\u0000b', '\ud800x', '全唐詩'];
    const column = StringColumn.from(strings);
    expect(column.length).toBe(strings.length);
    expect(column.all()).toEqual(strings.map((s) => s.toWellFormed()));
    expect(column.get(2)).toBe('😀好');
  });

  it('count and find a needle in the stored bytes as String.indexOf does in the decoded string, short strings and long', () => {
    const unit = fc.constantFrom('政', '协', '政协', 'a', '😀', '，', 'é');
    const text = fc.string({ unit, maxLength: 20 });
    // Past 256 bytes a string is searched natively: these reach ~900.
    const long = fc.string({ unit, minLength: 60, maxLength: 300 });
    fc.assert(
      fc.property(fc.array(fc.oneof(text, long), { minLength: 1, maxLength: 5 }), text, (strings, needle) => {
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

describe('reports', () => {
  it('give back every field as built, whichever are empty, and store empty trailing fields as nothing', () => {
    const title = fc.string({ maxLength: 8 });
    const maybe = fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: null });
    const record = fc.record({
      title,
      date: maybe,
      source: maybe,
      sections: fc.array(title, { maxLength: 3 }),
      ocr: fc.boolean(),
      region: maybe,
      level: maybe,
      kind: maybe,
      year: fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), (bodies) => {
        let first = 0;
        const records: ReportRecord[] = bodies.map((b, i) => {
          const r = { id: `r${i}`, ...b, first, count: i % 3 };
          first += r.count;
          return r;
        });
        const reports = Reports.from(records);
        records.forEach((r, i) => expect(reports.get(i)).toEqual(r));
      }),
    );
    const bare = Reports.from([
      {
        id: 'p',
        title: '日詩',
        date: null,
        source: null,
        sections: [],
        ocr: false,
        region: null,
        level: null,
        kind: null,
        year: null,
        first: 0,
        count: 1,
      },
    ]);
    expect(bare.bodies.get(0)).toBe('["日詩"]');
  });
});

describe('texts stored as differences from their normalised texts', () => {
  it('give back every text as published, whatever normalising did to it', () => {
    const unit = fc.constantFrom(
      '資',
      '陽',
      '政',
      '协',
      'Ａ',
      'B',
      'b',
      '，',
      '。',
      ' ',
      '😀',
      '㍿',
      'ﬁ',
      '\ud800',
      'é',
      'e\u0301',
    );
    fc.assert(
      fc.property(fc.array(fc.string({ unit, maxLength: 20 }), { maxLength: 8 }), (texts) => {
        const norms = StringColumn.from(texts.map(normalize));
        const column = TextColumn.from(texts, norms);
        expect(column.all()).toEqual(texts.map((t) => t.toWellFormed()));
      }),
    );
  });

  it('store nothing for a text that is its normalised text, and the differences for one that is not', () => {
    const texts = ['资阳市政协', '資陽市政協，好', '㍿'];
    const column = TextColumn.from(texts, StringColumn.from(texts.map(normalize)));
    const size = (i: number) => column.patches.offsets[i + 1]! - column.patches.offsets[i]!;
    expect(size(0)).toBe(0);
    expect(size(1)).toBeLessThan(Buffer.byteLength(texts[1]!)); // four characters differ: 資 陽 協 ，
    expect(column.get(2)).toBe('㍿');
  });
});

describe('paragraph ids', () => {
  it('give back every id, repeats numbered, from five bytes a paragraph', () => {
    const ids = ['p-0123456789', 'p-abcdef0123', 'p-abcdef0123-2', 'p-ffffffffff', 'p-0000000000-17'];
    const column = ParagraphIds.from(ids);
    expect(column.all()).toEqual(ids);
    expect(column.hashes.length).toBe(25);
  });

  it('refuse an id of another shape rather than store it wrong', () => {
    expect(() => ParagraphIds.from(['p-123'])).toThrow(/ten hex digits/);
    expect(() => ParagraphIds.from(['p-0123456789-0'])).toThrow(/ten hex digits/);
  });
});
