import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashContent, hashContentAsync, listContent, listContentFiles, readContent } from '@/lib/content/folder';
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

  it('skips a FIFO, a link to a device, a folder and a broken link, says why, and reads the rest', async () => {
    const odd = mkdtempSync(path.join(tmpdir(), 'folder-odd-'));
    writeFileSync(path.join(odd, 'good.md'), '---\ntitle: 好\n---\n\n正文。\n');
    const plain = mkdtempSync(path.join(tmpdir(), 'folder-plain-'));
    cpSync(path.join(odd, 'good.md'), path.join(plain, 'good.md'));
    execFileSync('mkfifo', [path.join(odd, 'fifo.md')]); // opened for reading, it would wait for a writer forever
    symlinkSync('/dev/zero', path.join(odd, 'zero.md')); // read, it would never end
    mkdirSync(path.join(odd, 'folder.md'));
    symlinkSync(path.join(odd, 'gone'), path.join(odd, 'dangling.jsonl'));
    expect(listContent(odd).skipped).toEqual([
      { file: 'dangling.jsonl', reason: 'a link to nothing' },
      { file: 'fifo.md', reason: 'a named pipe (FIFO), not a regular file' },
      { file: 'folder.md', reason: 'a folder, not a regular file' },
      { file: 'zero.md', reason: 'a device or socket, not a regular file' },
    ]);
    const content = readContent(odd);
    expect(content.reports.map((r) => r.id)).toEqual(['good']);
    expect(content.contentHash).toBe(readContent(plain).contentHash);
    const files = listContentFiles(odd);
    expect(await hashContentAsync(files)).toBe(content.contentHash);
  });

  it('refuses a file swapped for a FIFO after it was listed, at once', async () => {
    const swapped = mkdtempSync(path.join(tmpdir(), 'folder-swap-'));
    const file = path.join(swapped, 'late.md');
    execFileSync('mkfifo', [file]);
    expect(() => hashContent([file])).toThrow(/late\.md is a named pipe/);
    await expect(hashContentAsync([file])).rejects.toThrow(/late\.md is a named pipe/);
  });
});
