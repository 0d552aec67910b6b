import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDir, readContent } from '@/lib/content/folder';
import { literalScan, type ParagraphFields } from '@/lib/eval/literal-scan';
import { buildIndex } from '@/lib/indexer/builder';
import { headingOf } from '@/lib/index/model';
import { QueryError } from '@/lib/query/parse';
import { search } from '@/lib/eval/search';
import { MAX_QUERY_LENGTH } from '@/lib/api/limits';
import { SOUP_PIECES } from '@/scripts/query-mix';

const { reports, ...stamp } = readContent(contentDir());
// The seed report, and a second report of another year and publisher, so that fields select: a
// review of 2020 published in 2021, so year: must read its own year, not its date's.
const other = {
  id: 'other-2021',
  title: '另一份二〇二〇年工作综述',
  date: '2021-03-01',
  year: 2020,
  source: '县政协',
  paragraphs: reports[0]!.paragraphs
    .slice(0, 8)
    .map((p, i) => ({ text: `${p.text.slice(0, 40)}另${i}`, section: '其他工作' })),
};
const index = buildIndex([...reports, other], stamp);
const n = index.paragraphs.count;
const norms = Array.from({ length: n }, (_, i) => index.paragraphs.norm(i));
const fields = (id: number): ParagraphFields => {
  const p = index.paragraphs.get(id);
  const r = index.reports.get(p.report);
  return { title: r.title, date: r.date, year: r.year, source: r.source, section: headingOf(r, p) };
};

/** A piece of the corpus's text, 1–4 characters, without spaces, quotes or the language's symbols. */
const piece = fc
  .tuple(fc.nat({ max: n - 1 }), fc.nat({ max: 400 }), fc.integer({ min: 1, max: 4 }))
  .map(([id, at, len]) => {
    const text = norms[id]!;
    const start = at % Math.max(1, text.length - len);
    return text.slice(start, start + len);
  })
  .filter((t) => t.length > 0 && !/[\s"“”「」『』()（）|｜\-－:：]/u.test(t) && !/^(OR|AND|NOT|SENT|NEAR.*)$/.test(t));

/** Expert query trees over quoted pieces of the corpus (terms found only literally). */
const leaf = piece.map((t) => `"${t}"`);
const SYNTAX = /[\s"“”「」『』()（）|｜\-－:：]/u;
/** Two quoted pieces of one paragraph, up to 40 characters apart: nearness that sometimes holds. */
const pair = fc
  .tuple(fc.nat({ max: n - 1 }), fc.nat({ max: 400 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 3 }))
  .map(([id, at, gap, len]) => {
    const text = norms[id]!;
    const a = at % Math.max(1, text.length - gap - 2 * len);
    return [text.slice(a, a + len), text.slice(a + len + gap, a + 2 * len + gap)] as const;
  })
  .filter(([a, b]) => a.length > 0 && b.length > 0 && !SYNTAX.test(a + b))
  .map(([a, b]) => [`"${a}"`, `"${b}"`] as const);
const tree = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(pair, fc.integer({ min: 0, max: 30 })).map(([[a, b], d]) => `${a} NEAR/${d} ${b}`),
    pair.map(([a, b]) => `${b} SENT ${a}`),
    pair.map(([a, b]) => `(${a} ${b})`),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => `(${a} OR ${b})`),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => `(${a} ${b})`),
    fc.tuple(tie('node'), leaf).map(([a, b]) => `(${a} -${b})`),
    fc
      .tuple(
        tie('node'),
        fc.constantFrom('year:2023', 'year:2020-2021', 'year:2021', 'title:资阳', 'source:县政协', 'section:其他'),
      )
      .map(([a, f]) => `(${a} ${f})`),
  ),
}));

/** The engine's matches for a query, as paragraph positions. */
function engine(q: string): number[] {
  const found = search(index, q, { limit: n, offset: 0 });
  const ids = found.hits.map((h) => {
    const report = index.reports.indexOf(h.doc.id);
    return index.reports.get(report).first + h.ordinal - 1;
  });
  expect(found.total).toBe(ids.length);
  return ids.sort((a, b) => a - b);
}

describe('expert queries against the literal-scan oracle', () => {
  it('find exactly the paragraphs the oracle finds, for trees of phrases with AND, OR, NOT, NEAR, SENT and fields', () => {
    fc.assert(
      fc.property(tree.node, (q) => {
        fc.pre(q.length <= MAX_QUERY_LENGTH && (q.match(/"/g)?.length ?? 0) <= 20);
        let expected: number[];
        try {
          expected = literalScan(norms, q, fields);
        } catch (err) {
          if (err instanceof QueryError) return; // too many terms: refused alike below
          throw err;
        }
        expect(engine(q)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('find at least what the oracle finds when terms are unquoted (a term also matches as its jieba words)', () => {
    fc.assert(
      fc.property(tree.node, (q) => {
        const bare = q.replace(/"/g, '');
        fc.pre(bare.length <= MAX_QUERY_LENGTH && !/ -/.test(bare));
        let expected: number[];
        try {
          expected = literalScan(norms, bare, fields);
        } catch (err) {
          if (err instanceof QueryError) return;
          throw err;
        }
        const found = new Set(engine(bare));
        expect(expected.filter((id) => !found.has(id))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('pair two separate occurrences, never one occurrence with itself', () => {
    const count = (q: string) => engine(q).length;
    const twice = norms.filter((t) => t.indexOf('政') !== t.lastIndexOf('政')).length;
    expect(count('政 SENT 政')).toBeLessThan(count('政'));
    expect(count('"政协" NEAR/0 政')).toBeLessThan(count('政协'));
    // 政 NEAR/100 政 holds in a paragraph with 政 at least twice, at most 100 characters apart.
    expect(count('政 NEAR/100 政')).toBeLessThanOrEqual(twice);
    expect(count('政 NEAR/100 政')).toBeGreaterThan(0);
    expect(count('政 NEAR/100 政')).toBe(literalScan(norms, '政 NEAR/100 政', fields).length);
  });

  it('mark a NEAR pair together, from the first term to the second', () => {
    const [hit] = search(index, '委员 NEAR/3 担当', { limit: 1, offset: 0 }).hits;
    expect(hit!.highlights.map((r) => hit!.text.slice(r.start, r.end))).toContain('委员责任担当');
  });

  it('never throw anything but a refusal for any soup of operators, terms and brackets', () => {
    const soup = fc
      .array(fc.constantFrom(...SOUP_PIECES, '政协', '委员'), {
        maxLength: 80,
      })
      .map((parts) => parts.join(' ').slice(0, MAX_QUERY_LENGTH));
    fc.assert(
      fc.property(soup, (q) => {
        try {
          search(index, q, { limit: 10, offset: 0 });
        } catch (err) {
          expect(err).toBeInstanceOf(QueryError);
          expect((err as QueryError).position ?? 0).toBeLessThanOrEqual(q.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
