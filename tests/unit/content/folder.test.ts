import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashContent, hashContentAsync, listContentFiles } from '@/lib/content/folder';
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
});
