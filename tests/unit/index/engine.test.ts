import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineVersion } from '@/lib/index/engine';

function copyOfLib(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'engine-version-'));
  cpSync('lib', path.join(root, 'lib'), { recursive: true });
  return root;
}

describe('engineVersion', () => {
  it('is the same for two copies of the same engine', () => {
    expect(engineVersion(copyOfLib())).toBe(engineVersion(copyOfLib()));
  });

  it('changes when a file of a stage that decides the index is added', () => {
    const root = copyOfLib();
    const before = engineVersion(root);
    const other = copyOfLib();
    writeFileSync(path.join(other, 'lib/text/extra.ts'), 'export const EXTRA = 1;\n');
    expect(engineVersion(other)).not.toBe(before);
  });

  it('refuses a folder with no engine in it', () => {
    expect(() => engineVersion(mkdtempSync(path.join(tmpdir(), 'empty-')))).toThrow(/no engine sources/);
  });
});
