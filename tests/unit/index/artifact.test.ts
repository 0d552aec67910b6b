import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexArtifactError, readArtifact, readArtifactAsync, writeArtifact } from '@/lib/index/artifact';
import { search } from '@/lib/eval/search';
import { indexOf } from '@/tests/helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'artifact-'));
const index = indexOf(['資陽市政協書香政協品牌。', '党的二十大胜利召开。', '党的二十大胜利召开。']);

describe('index artifact', () => {
  it('round-trips: a loaded index answers as the built one did', () => {
    const file = path.join(dir, 'a.bin');
    writeArtifact(index, file);
    const loaded = readArtifact(file, { contentHash: 'test-hash' });
    for (const q of ['书香政协', '阳市政', '党', '二十大 -胜利']) {
      expect(search(loaded, q, { limit: 10, offset: 0 })).toEqual({
        ...search(index, q, { limit: 10, offset: 0 }),
        tookMs: expect.any(Number),
      });
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('gives repeated paragraphs distinct ids and the same ids on a rebuild', () => {
    const again = indexOf(['資陽市政協書香政協品牌。', '党的二十大胜利召开。', '党的二十大胜利召开。']);
    const ids = index.paragraphs.ids.all();
    expect(new Set(ids).size).toBe(3);
    expect(again.paragraphs.ids.all()).toEqual(ids);
  });

  it('loads the same index in the background, running `during` while the file is read', async () => {
    const file = path.join(dir, 'async.bin');
    writeArtifact(index, file);
    let ran = false;
    const loaded = await readArtifactAsync(file, Promise.resolve({ contentHash: 'test-hash' }), () => (ran = true));
    expect(ran).toBe(true);
    expect(search(loaded, '党', { limit: 10, offset: 0 })).toEqual({
      ...search(index, '党', { limit: 10, offset: 0 }),
      tookMs: expect.any(Number),
    });
    await expect(readArtifactAsync(file, Promise.resolve({ contentHash: 'other-hash' }))).rejects.toThrow(
      /other content/,
    );
    await expect(readArtifactAsync(path.join(dir, 'none.bin'), Promise.resolve({}))).rejects.toThrow(
      IndexArtifactError,
    );
  });

  it('refuses a missing artifact, saying which command to run', () => {
    expect(() => readArtifact(path.join(dir, 'none.bin'))).toThrow(/npm run build:index/);
  });

  it('refuses a corrupt artifact', () => {
    const file = path.join(dir, 'corrupt.bin');
    writeFileSync(file, '{"format":"report-search-index","vers');
    expect(() => readArtifact(file)).toThrow(IndexArtifactError);
  });

  it('refuses an artifact cut short', () => {
    const file = path.join(dir, 'short.bin');
    const size = writeArtifact(index, file);
    truncateSync(file, size - 10);
    expect(() => readArtifact(file)).toThrow(/damaged \(its checksum does not match\)/);
  });

  it('round-trips an index with empty sections, whose checksum must still chain', () => {
    const file = path.join(dir, 'latin.bin');
    writeArtifact(indexOf(['abc def', 'ghi']), file);
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as {
      sections: Record<string, { length: number }>;
    };
    expect(Object.values(header.sections).some((s) => s.length === 0)).toBe(true);
    expect(readArtifact(file).paragraphs.count).toBe(2);
  });

  it('refuses an artifact with any one byte changed, header, sections or footer', () => {
    const file = path.join(dir, 'flipped.bin');
    writeArtifact(index, file);
    const good = readFileSync(file);
    fc.assert(
      fc.property(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const bad = Buffer.from(good);
        bad[at]! ^= xor;
        writeFileSync(file, bad);
        expect(() => readArtifact(file)).toThrow(IndexArtifactError);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an artifact of another format version', () => {
    const file = path.join(dir, 'old.bin');
    writeFileSync(file, JSON.stringify({ format: 'report-search-index', version: 0 }));
    expect(() => readArtifact(file)).toThrow(/format version 0/);
  });

  it('refuses an artifact built from other content', () => {
    const file = path.join(dir, 'b.bin');
    writeArtifact(index, file);
    expect(() => readArtifact(file, { contentHash: 'other-hash' })).toThrow(/other content/);
  });

  it('refuses an artifact built by another engine, and says so', () => {
    const file = path.join(dir, 'engine.bin');
    writeArtifact(index, file);
    expect(() => readArtifact(file, { engine: index.engine })).not.toThrow();
    expect(() => readArtifact(file, { engine: 'another-engine' })).toThrow(
      /another version of the engine.*npm run build:index/,
    );
  });
});
