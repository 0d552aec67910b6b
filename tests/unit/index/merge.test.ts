import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReportSource } from '@/lib/content/types';
import { literalScan } from '@/lib/eval/literal-scan';
import { mergeIndexes } from '@/lib/index/merge';
import { mergeSorted } from '@/lib/index/merge-postings';
import type { SearchIndex } from '@/lib/index/model';
import { Scratch } from '@/lib/index/postings';
import { buildIndex } from '@/lib/indexer/builder';
import { normalize } from '@/lib/text/normalize';
import { rankLive } from '@/lib/query/execute';
import { parseQuery } from '@/lib/query/parse';
import { literalForm } from '@/scripts/bench/common';
import { queryMix } from '@/scripts/query-mix';
import { seededArchive, WORDINGS } from '@/tests/fixtures/archive';
import { teaCollection } from '@/tests/fixtures/tea-collection';

/** Forty-odd made-up reports: the archive drawn four times over, and the tea collection. */
const REPORTS: ReportSource[] = [...[7, 8, 9, 10].flatMap(seededArchive), ...teaCollection()];
const stamp = { contentHash: 'test', builtAt: new Date('2024-01-01T00:00:00Z'), storedAnswerMinMatches: Infinity };
const build = (reports: ReportSource[]) => buildIndex(reports, stamp);

/** Reports cut into `k` consecutive segments of uneven sizes. */
function cut(reports: ReportSource[], k: number): ReportSource[][] {
  const cuts = [0];
  for (let i = 1; i < k; i++) cuts.push(Math.round((reports.length * i * i) / (k * k)));
  cuts.push(reports.length);
  return cuts.slice(1).map((end, i) => reports.slice(cuts[i], end));
}

/** Everything a search reads, as plain values. */
function contents(index: SearchIndex) {
  const p = index.paragraphs;
  const { reports, wordPostings: w, grams, pinyin } = index;
  return {
    reports: { ids: reports.ids.all(), bodies: reports.bodies.all(), bounds: [...reports.bounds] },
    ids: p.ids.all(),
    texts: p.texts.all(),
    norms: p.norms.all(),
    columns: { report: [...p.columns.report], section: [...p.columns.section], tokens: [...p.columns.tokens] },
    words: { words: w.words.all(), offsets: [...w.offsets], postings: [...w.postings] },
    grams: {
      keys: [...grams.keys],
      offsets: [...grams.offsets],
      bytes: Buffer.from(grams.postings.bytes).toString('hex'),
    },
    pinyin: [pinyin.full, pinyin.initials].map((t) => ({ keys: t.keys.all(), words: [...t.words] })),
    avgLength: index.avgLength,
  };
}

const QUERIES = [
  ...WORDINGS.map((w) => w.text),
  '工作',
  '政协',
  '乡村',
  '县政府 完成',
  '茶',
  '任务 -乡村',
  'zx',
  '品牌',
];

function answers(index: SearchIndex) {
  const scratch = new Scratch();
  return QUERIES.map((q) => {
    const r = rankLive(index, parseQuery(q), undefined, 100, scratch);
    return { q, total: r.total, ranked: r.ranked.map((h) => [h.id, Number(h.score.toFixed(9))]) };
  });
}

const whole = build(REPORTS);
const NORMS = REPORTS.flatMap((r) => r.paragraphs.map((p) => normalize(p.text)));
/** Queries drawn from the reports' own text (scripts/query-mix.ts), and the scan's count of each. */
const MIX = queryMix(NORMS, 200);
const scan = (q: string) => literalScan(NORMS, q).length;

describe('merging segments', () => {
  it.each([1, 2, 5, 30])('makes from %i segments the index one build of the same reports makes', (k) => {
    const merged = mergeIndexes(
      cut(REPORTS, k).map((part) => ({ index: build(part) })),
      stamp,
    );
    expect(contents(merged)).toEqual(contents(whole));
    expect(answers(merged)).toEqual(answers(whole));
    // and every total is what Ctrl-F over the reports finds: the terms quoted (literal matches
    // only), a partial answer (no paragraph has every term) counting as none, as the bench counts
    for (const q of MIX) {
      const r = rankLive(merged, parseQuery(literalForm(q)), undefined, 10, new Scratch());
      expect(r.partial ? 0 : r.total).toBe(scan(q));
    }
  });

  it('leaves out deleted reports as if they had never been built', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.nat(REPORTS.length - 1), { maxLength: 12 }),
        (k, gone) => {
          const dead = new Set(gone.map((g) => REPORTS[g]!.id));
          const parts = cut(REPORTS, k).map((part) => ({
            index: build(part),
            deleted: Uint8Array.from(part, (r) => (dead.has(r.id) ? 1 : 0)),
          }));
          const merged = mergeIndexes(parts, stamp);
          const live = REPORTS.filter((r) => !dead.has(r.id));
          const expected = build(live);
          expect(contents(merged)).toEqual(contents(expected));
          expect(answers(merged)).toEqual(answers(expected));
          // and totals are what a plain scan of the live paragraphs finds
          const norms = live.flatMap((r) => r.paragraphs.map((p) => normalize(p.text)));
          for (const q of ['工作', '乡村振兴', '茶'])
            expect(rankLive(merged, parseQuery(q), undefined, 10, new Scratch()).total).toBe(
              literalScan(norms, q).length,
            );
        },
      ),
      { numRuns: 12 },
    );
  });

  it('merges sorted runs in order, equal entries together', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 5 }), (lists) => {
        const sorted = lists.map((l) => [...new Set(l)].sort((a, b) => a - b));
        const out: number[] = [];
        mergeSorted(
          sorted.map((l) => l.length),
          (p, i, q, j) => sorted[p]![i]! - sorted[q]![j]!,
          (p, from, to) => out.push(...sorted[p]!.slice(from, to)),
          (members) => out.push(sorted[members[0]![0]]![members[0]![1]]!),
        );
        expect(out).toEqual([...new Set(sorted.flat())].sort((a, b) => a - b));
      }),
    );
  });
});
