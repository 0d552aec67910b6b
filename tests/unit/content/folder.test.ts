import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashContent, hashContentAsync, listContentFiles, readContent } from '@/lib/content/folder';
import { readWhole } from '@/lib/util/files';

const dir = mkdtempSync(path.join(tmpdir(), 'folder-'));

describe('the content folder', () => {
  it('hashes content the same way in the background', async () => {
    const files = listContentFiles(path.resolve('content'));
    expect(await hashContentAsync(files)).toBe(hashContent(files));
    const empty = path.join(dir, 'empty.md');
    writeFileSync(empty, '');
    expect((await readWhole(empty)).length).toBe(0);
  });

  it('reads a JSON Lines file of hundreds of thousands of documents, and hashes it read or in chunks alike', async () => {
    const big = mkdtempSync(path.join(tmpdir(), 'folder-big-'));
    const line = (i: number) => JSON.stringify({ id: `d${i}`, title: `第${i}首`, paragraphs: ['床前明月光'] });
    writeFileSync(path.join(big, 'poems.jsonl'), Array.from({ length: 200_000 }, (_, i) => line(i)).join('\n'));
    const content = readContent(big);
    expect(content.reports).toHaveLength(200_000);
    const files = listContentFiles(big); // ~15 MB: many chunks of the hash's reads
    expect(hashContent(files)).toBe(content.contentHash);
    expect(await hashContentAsync(files)).toBe(content.contentHash);
  });
});
