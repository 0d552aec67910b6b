import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildReason } from '@/lib/indexer/freshness';
import { updateIndex } from '@/lib/indexer/update';
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
async function buildAt(root: string): Promise<string> {
  const dir = path.join(root, '.index', 'search-index');
  await updateIndex(dir, path.join(root, 'content'), { force: true, engine: engineVersion(root) });
  return dir;
}

function edit(file: string, from: string, to: string): void {
  const source = readFileSync(file, 'utf8');
  expect(source).toContain(from);
  writeFileSync(file, source.replace(from, to));
}

describe('whether npm start rebuilds the index', () => {
  it('does not rebuild when neither the engine nor the content changed', async () => {
    const root = checkout();
    const file = await buildAt(root);
    expect(rebuildReason(file, path.join(root, 'content'), root)).toBeNull();
  });

  it('rebuilds after a ranking weight changes, though no version was bumped by hand', async () => {
    const root = checkout();
    const file = await buildAt(root);
    edit(path.join(root, 'lib/query/bm25.ts'), 'literalOnly: 0.5', 'literalOnly: 0.6');
    expect(rebuildReason(file, path.join(root, 'content'), root)).toMatch(/engine changed/);
  });

  it('does not rebuild after a change that only the server reads (server/, results/, the API)', async () => {
    const root = checkout();
    const file = await buildAt(root);
    edit(path.join(root, 'lib/server/reply.ts'), 'max-age=60', 'max-age=61');
    expect(rebuildReason(file, path.join(root, 'content'), root)).toBeNull();
  });

  it('rebuilds after the user dictionary or the synonyms change, as after a report', async () => {
    const root = checkout();
    const file = await buildAt(root);
    writeFileSync(path.join(root, 'content', 'dictionary.txt'), '新的词语\n');
    expect(rebuildReason(file, path.join(root, 'content'), root)).toMatch(/dictionary.txt or synonyms.txt changed/);
    const again = await buildAt(root);
    writeFileSync(path.join(root, 'content', 'synonyms.txt'), '新冠 疫情\n');
    expect(rebuildReason(again, path.join(root, 'content'), root)).toMatch(/dictionary.txt or synonyms.txt changed/);
  });

  it('updates after the content changes, and builds when there is no index', async () => {
    const root = checkout();
    const file = await buildAt(root);
    writeFileSync(path.join(root, 'content', 'new.md'), '---\ntitle: 新报告\n---\n\n新的一段。\n');
    expect(rebuildReason(file, path.join(root, 'content'), root)).toMatch(/1 content file change/);
    expect(rebuildReason(path.join(root, 'none'), path.join(root, 'content'), root)).toMatch(/no index/);
  });
});
