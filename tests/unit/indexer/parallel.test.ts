import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArtifact } from '@/lib/index/artifact';
import { buildIndex } from '@/lib/indexer/builder';
import { buildIndexInParallel } from '@/lib/indexer/parallel';
import { readContent } from '@/lib/content/folder';

describe('the parallel build', () => {
  it('writes byte for byte the artifact the one-thread build writes', async () => {
    const { reports, contentHash } = readContent(path.resolve('content'));
    // Two reports in chunks of 10 paragraphs, so chunks cross report boundaries.
    const twice = [...reports, ...reports.map((r) => ({ ...r, id: `${r.id}-copy` }))];
    const builtAt = new Date('2023-01-01T00:00:00Z');
    const dir = mkdtempSync(path.join(tmpdir(), 'build-'));
    const files = [path.join(dir, 'one.bin'), path.join(dir, 'parallel.bin')];
    writeArtifact(buildIndex(twice, { contentHash, builtAt, storedAnswerMinMatches: 5 }), files[0]!);
    writeArtifact(
      await buildIndexInParallel(
        twice,
        { contentHash, builtAt, storedAnswerMinMatches: 5 },
        { minParagraphs: 0, chunkSize: 10 },
      ),
      files[1]!,
    );
    const [one, parallel] = files.map((f) => readFileSync(f));
    expect(parallel!.equals(one!)).toBe(true);
  }, 60_000);
});
