import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QueryError } from '@/lib/query/parse';
import { search } from '@/lib/eval/search';
import { getSearchIndex } from '@/lib/backend/embedded/holder';
import { hostileString, onlyMarkTags } from '@/tests/arbitraries';
import { indexOf } from '@/tests/helpers';

const index = getSearchIndex();
/** Content that is itself hostile: markup, entities, controls and emoji inside Chinese text. */
const hostile = indexOf([
  '<script>alert(1)</script>政协委员<img src=x onerror=alert(1)>提案',
  '资阳 & "书香" <mark>政协</mark> \u202e反转\u200b零宽',
  '👩‍👩‍👧家庭 😀 1+7+N (界别) [a-z]* ^$ 協商',
]);

describe('the query pipeline under arbitrary Unicode', () => {
  it.each([
    ['the report', index],
    ['hostile content', hostile],
  ] as const)(
    'over %s, either refuses a query by name or answers with in-bounds highlights and escaped snippets',
    (_, ix) => {
      fc.assert(
        fc.property(hostileString(), (q) => {
          let result;
          try {
            result = search(ix, q, { limit: 100, offset: 0 });
          } catch (err) {
            expect(err).toBeInstanceOf(QueryError);
            return;
          }
          expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
          for (const hit of result.hits) {
            for (const r of hit.highlights) {
              expect(r.start).toBeGreaterThanOrEqual(0);
              expect(r.end).toBeGreaterThan(r.start);
              expect(r.end).toBeLessThanOrEqual(hit.text.length);
            }
            expect(onlyMarkTags(hit.snippet)).toBe(true);
          }
        }),
        { numRuns: 400 },
      );
    },
  );

  it('finds every paragraph containing any substring of the report, however it was cut', () => {
    const texts = index.paragraphs.texts.all();
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.nat(10_000), fc.integer({ min: 1, max: 8 }), (p, at, length) => {
        const text = texts[p]!;
        const start = at % text.length;
        const needle = text.slice(start, start + length).trim();
        fc.pre(needle.length > 0 && !/\s|^["“「『-]/.test(needle));
        const hits = search(index, needle, { limit: 100, offset: 0 }).hits.map((h) => h.text);
        expect(hits).toContain(text);
      }),
      // Found by this property once: a cut that is a lone ( or starts with one, in the seed's 委员(界别).
      {
        numRuns: 400,
        examples: [
          [17, 3094, 1],
          [17, 3094, 3],
        ],
      },
    );
  });
});
