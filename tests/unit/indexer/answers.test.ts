import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArtifact, writeArtifact } from '@/lib/index/artifact';
import { buildIndex } from '@/lib/indexer/builder';
import type { SearchIndex } from '@/lib/index/model';
import { readContent } from '@/lib/content/folder';
import type { SearchRequest } from '@/lib/api/search';
import { search } from '@/lib/eval/search';

type SearchOptions = Partial<SearchRequest>;

// The seed report, with an answer stored for every character and bigram found in 5+ paragraphs
// (the real threshold, 10,000, is met only by large corpora such as the poetry benchmark).
const { reports, contentHash } = readContent(path.resolve('content'));
const index = buildIndex(reports, {
  contentHash,
  builtAt: new Date('2023-01-01T00:00:00Z'),
  storedAnswerMinMatches: 5,
});
const live: SearchIndex = { ...index, answers: new Map() };
const answer = (ix: SearchIndex, q: string, options: SearchOptions) => ({ ...search(ix, q, options), tookMs: 0 });

describe('stored answers', () => {
  it('are made for the terms that match the most paragraphs', () => {
    expect(index.answers.size).toBeGreaterThan(50);
    expect(index.answers.has('政协')).toBe(true);
    expect(index.answers.has('的')).toBe(true);
    for (const stored of index.answers.values()) expect(stored.total).toBeGreaterThanOrEqual(5);
  });

  it('answer exactly as the live ranking does, page by page', () => {
    const pages: SearchOptions[] = [
      { limit: 10, offset: 0 },
      { limit: 3, offset: 4 },
      { limit: 100, offset: 0 },
      { limit: 20, offset: 90 },
      { limit: 10, offset: 200 },
    ];
    for (const term of index.answers.keys()) {
      for (const page of pages) expect(answer(index, term, page)).toEqual(answer(live, term, page));
    }
  });

  it('are read for a plain one-term query, and not for filters, phrases, exclusions or several terms', () => {
    const tampered: SearchIndex = {
      ...index,
      answers: new Map([['政协', { ...index.answers.get('政协')!, total: -1 }]]),
    };
    expect(search(tampered, '政协', { limit: 10, offset: 0 }).total).toBe(-1);
    expect(search(tampered, '政協', { limit: 10, offset: 0 }).total).toBe(-1);
    for (const [q, options] of [
      ['政协', { report: 'ziyang-cppcc-2022' }],
      ['政协', { section: '创先争优树品牌' }],
      ['"政协"', {}],
      ['政协 -委员', {}],
      ['政协 委员', {}],
    ] as const) {
      expect(search(tampered, q, { limit: 10, offset: 0, ...options }).total).toBeGreaterThan(0);
    }
  });

  it('survive the artifact', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'answers-')), 'index.bin');
    writeArtifact(index, file);
    const loaded = readArtifact(file);
    expect([...loaded.answers]).toEqual([...index.answers]);
    expect(answer(loaded, '政协', { limit: 10, offset: 0 })).toEqual(answer(live, '政协', { limit: 10, offset: 0 }));
  });
});
