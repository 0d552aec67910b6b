import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/lib/indexer/builder';
import { rebuildReason } from '@/lib/indexer/freshness';
import { readContent } from '@/lib/content/folder';
import { writeArtifact } from '@/lib/index/artifact';
import { engineVersion } from '@/lib/index/engine';

/** A copy of this checkout's engine (lib/ and the content), with node_modules linked, to edit freely. */
function checkout(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'engine-'));
  cpSync('lib', path.join(root, 'lib'), { recursive: true });
  cpSync('content', path.join(root, 'content'), { recursive: true });
  symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
  return root;
}

/** Builds the checkout's content, stamped with the checkout's engine, as `npm run build:index` would there. */
function buildAt(root: string): string {
  const file = path.join(root, '.index', 'search-index.bin');
  const { reports, contentHash } = readContent(path.join(root, 'content'));
  writeArtifact(buildIndex(reports, { contentHash, engine: engineVersion(root) }), file);
  return file;
}

function edit(file: string, from: string, to: string): void {
  const source = readFileSync(file, 'utf8');
  expect(source).toContain(from);
  writeFileSync(file, source.replace(from, to));
}

describe('whether npm start rebuilds the index', () => {
  it('does not rebuild when neither the engine nor the content changed', () => {
    const root = checkout();
    const file = buildAt(root);
    expect(rebuildReason(file, path.join(root, 'content'), root)).toBeNull();
  });

  it('rebuilds after a ranking weight changes, though no version was bumped by hand', () => {
    const root = checkout();
    const file = buildAt(root);
    edit(path.join(root, 'lib/query/bm25.ts'), 'literalOnly: 0.5', 'literalOnly: 0.6');
    expect(rebuildReason(file, path.join(root, 'content'), root)).toMatch(/engine changed/);
  });

  it('does not rebuild after a change that only the server reads (serve/, the API)', () => {
    const root = checkout();
    const file = buildAt(root);
    edit(path.join(root, 'lib/serve/http.ts'), 'max-age=60', 'max-age=61');
    expect(rebuildReason(file, path.join(root, 'content'), root)).toBeNull();
  });

  it('rebuilds after the user dictionary or the synonyms change, as after a report', () => {
    const root = checkout();
    const file = buildAt(root);
    writeFileSync(path.join(root, 'content', 'dictionary.txt'), '新的词语\n');
    expect(rebuildReason(file, path.join(root, 'content'), root)).toMatch(/content changed/);
    const again = buildAt(root);
    writeFileSync(path.join(root, 'content', 'synonyms.txt'), '新冠 疫情\n');
    expect(rebuildReason(again, path.join(root, 'content'), root)).toMatch(/content changed/);
  });

  it('rebuilds after the content changes, and when there is no index', () => {
    const root = checkout();
    const file = buildAt(root);
    writeFileSync(path.join(root, 'content', 'new.md'), '---\ntitle: 新报告\n---\n\n新的一段。\n');
    expect(rebuildReason(file, path.join(root, 'content'), root)).toMatch(/content changed/);
    expect(rebuildReason(path.join(root, 'none.bin'), path.join(root, 'content'), root)).toMatch(/no index/);
  });
});
