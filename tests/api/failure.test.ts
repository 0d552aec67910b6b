import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { GET as searchRoute } from '@/app/api/search/route';
import { UnavailableError } from '@/lib/api/errors';
import { getSearchIndex, setIndexProblem } from '@/lib/backend/embedded/holder';
import type { ErrorResponse } from '@/lib/api/errors';

const dir = mkdtempSync(path.join(tmpdir(), 'failure-'));

describe('without a usable index', () => {
  // This file runs in its own worker, so pointing SEARCH_INDEX elsewhere affects no other test.
  it('answers 503 from /api/health and /api/search with what to run, while the artifact is corrupt', async () => {
    const index = path.join(dir, 'corrupt');
    mkdirSync(index);
    writeFileSync(path.join(index, 'manifest.json'), '{"format":"report-search-segments","version":1,"segments":[');
    process.env.SEARCH_INDEX = index;
    for (const res of [
      await health(new Request('http://localhost/api/health')),
      await searchRoute(new Request('http://localhost/api/search?q=政协')),
    ]) {
      expect(res.status).toBe(503);
      const body = (await res.json()) as ErrorResponse;
      expect(body.error.code).toBe('index_unavailable');
      expect(body.error.message).toMatch(/npm run build:index/);
    }
  });
});

describe('a failed load', () => {
  it('is remembered: the same artifact is not read again per request, a new one is', () => {
    const index = path.join(dir, 'remembered');
    mkdirSync(index);
    const file = path.join(index, 'manifest.json');
    writeFileSync(file, 'not an index');
    process.env.SEARCH_INDEX = index;
    const first = catchError(getSearchIndex);
    expect(first).toBeInstanceOf(UnavailableError);
    expect(catchError(getSearchIndex)).toBe(first); // the very same error: nothing was read again
    writeFileSync(file, 'still not an index, but another file');
    const second = catchError(getSearchIndex);
    expect(second).toBeInstanceOf(UnavailableError);
    expect(second).not.toBe(first);
  });
});

describe('no index, and the rebuild failed', () => {
  it('answers 503 from /api/health with the file and line that stopped the rebuild', async () => {
    process.env.SEARCH_INDEX = path.join(dir, 'never-built');
    setIndexProblem({ file: 'content/bad.md', line: 3, message: 'front matter line is not "key: value"' });
    try {
      const res = await health(new Request('http://localhost/api/health'));
      expect(res.status).toBe(503);
      const body = (await res.json()) as ErrorResponse;
      expect(body.error.code).toBe('index_unavailable');
      expect(body.error.message).toContain('building one failed: content/bad.md:3: front matter line');
    } finally {
      setIndexProblem(null);
    }
  });
});

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  return null;
}

describe('npm run build:index', () => {
  const build = (contentDir: string, indexFile: string) =>
    spawnSync('npx', ['tsx', 'scripts/build-index.ts'], {
      env: { ...process.env, CONTENT_DIR: contentDir, SEARCH_INDEX: indexFile },
      encoding: 'utf8',
    });

  /** Every file of an index folder, by name. */
  const files = (index: string) =>
    Object.fromEntries(readdirSync(index).map((f) => [f, readFileSync(path.join(index, f))]));

  it('stops on malformed front matter, naming file and line, and leaves the old index untouched', () => {
    const content = path.join(dir, 'bad-content');
    mkdirSync(content);
    writeFileSync(path.join(content, 'good.md'), '---\ntitle: 好报告\n---\n\n正文段落。\n');
    const indexFile = path.join(dir, 'index');
    expect(build(content, indexFile).status).toBe(0);
    const before = files(indexFile);

    writeFileSync(path.join(content, 'bad.md'), '---\ntitle: 坏报告\ndate 2023-01-01\n---\n\n段落。\n');
    const result = build(content, indexFile);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/bad\.md:3: front matter line is not "key: value"/);
    expect(files(indexFile)).toEqual(before);
  });

  it('stops on a report without paragraphs and writes nothing', () => {
    const content = path.join(dir, 'empty-content');
    mkdirSync(content);
    writeFileSync(path.join(content, 'empty.md'), '---\ntitle: 空报告\n---\n\n## 只有标题\n');
    const indexFile = path.join(dir, 'never');
    const result = build(content, indexFile);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/empty\.md:\d+: the report has no paragraphs/);
    expect(existsSync(indexFile) ? readdirSync(indexFile) : []).toEqual([]);
  });
});
