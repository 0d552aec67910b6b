import { describe, expect, it } from 'vitest';
import type { ReportSource } from '@/lib/content/types';
import { buildIndex } from '@/lib/indexer/builder';
import { readArtifact, writeArtifact } from '@/lib/index/artifact';
import { search } from '@/lib/eval/search';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const reports: ReportSource[] = [
  {
    id: 'review-2023',
    title: '青溪县政协2023年工作综述',
    date: '2024-01-20', // published the next January: the year it covers is its own field
    source: '青溪县政协',
    region: '某省青溪县',
    level: '县',
    kind: '综述',
    year: 2023,
    paragraphs: [{ text: '全年开展协商议政活动十二次。', section: null }],
  },
  {
    id: 'plain-2024',
    title: '青溪县2024年政府工作报告',
    date: '2024-02-18',
    source: null,
    paragraphs: [{ text: '全年开展协商议政活动十五次。', section: null }],
  },
];

describe("a hit's report", () => {
  // Through the artifact, as a server reads it.
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hit-report-')), 'index.bin');
  writeArtifact(buildIndex(reports, { contentHash: 'test' }), file);
  const index = readArtifact(file);
  const docs = () => search(index, '协商议政', { limit: 10, offset: 0 }).hits.map((h) => h.doc);

  it('carries its date, source, region, level, kind and the year it covers', () => {
    expect(docs()).toContainEqual({
      id: 'review-2023',
      title: '青溪县政协2023年工作综述',
      date: '2024-01-20',
      source: '青溪县政协',
      region: '某省青溪县',
      level: '县',
      kind: '综述',
      year: 2023,
    });
  });

  it("takes a report's year from its date when it gives none, and leaves what it does not say null", () => {
    expect(docs()).toContainEqual({
      id: 'plain-2024',
      title: '青溪县2024年政府工作报告',
      date: '2024-02-18',
      source: null,
      region: null,
      level: null,
      kind: null,
      year: 2024,
    });
  });

  it('is what year: filters by: the year a report covers, not the year it was published', () => {
    const ids = (q: string) => search(index, q, { limit: 10, offset: 0 }).hits.map((h) => h.doc.id);
    expect(ids('year:2023 协商议政')).toEqual(['review-2023']);
    expect(ids('year:2024 协商议政')).toEqual(['plain-2024']);
  });
});
